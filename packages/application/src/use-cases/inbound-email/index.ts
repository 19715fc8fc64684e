export {
  bodyOf,
  commentIdOf,
  messageIdOf,
  messageIdsIn,
  normalizeMessageId,
  subjectOf,
  type InboundEmail,
} from './inbound-email';
export {
  receiveInboundEmail,
  type InboundDelivery,
  type InboundOutcome,
} from './receive-inbound-email';
export { accountOfSupportAddress, defaultMailDomain, supportAddressOf } from './support-address';
export {
  accountOfInboundKey,
  hashInboundKey,
  inboundKeyOf,
  rotateInboundKey,
  type InboundKey,
  type InboundKeyDeps,
  type InboundKeyStore,
} from './inbound-keys';
