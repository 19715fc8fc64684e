export {
  AuthorizeIntegration,
  CreateIntegration,
  IntegrationCommand,
  RemoveIntegration,
  RequireReauthorization,
} from './commands';
export { integrationDecider } from './decider';
export { isWorking, mayAuthorize, needsReauthorizationOnTransfer } from './queries';
export type { Integration, IntegrationState } from './state';
