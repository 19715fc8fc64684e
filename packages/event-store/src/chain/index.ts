export { canonicalJson } from './canonical-json';
export { chainOf, eventHash, sealOf, type HashedContent, type RecordedChain } from './event-hash';
export { chainedEventStore, type ChainedEventStoreOptions } from './chained-event-store';
export {
  verifyChain,
  type ChainFinding,
  type ChainReport,
  type VerifyChainOptions,
} from './verify-chain';
