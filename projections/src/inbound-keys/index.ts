export { inboundKeysDdl } from './schema';
export { sqlInboundKeys } from './store';
