export {
  canSeeInPortal,
  portalTicketFilter,
  portalViewerOf,
  type PortalViewer,
} from './visibility';
