export { claimStreamOf, type ClaimedValue } from './claim-streams';
export {
  claimUnique,
  releaseClaim,
  transferClaim,
  type HeldClaim,
  type ReleasedClaim,
} from './claim-unique';
export { withClaims } from './with-claims';
export { claimsAvailable } from './claims-available';
