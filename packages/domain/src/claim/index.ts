export { ClaimCommand, ClaimValue, ReleaseValue, TransferClaim } from './commands';
export { claimDecider } from './decider';
export type { ClaimState } from './state';
