export {
  canSeeInPortal,
  portalTicketFilter,
  portalViewerOf,
  type PortalViewer,
} from './visibility';
export { checkPortalPassword, passwordPolicy } from './password-policy';
