export { sqlPortalCredentials } from './store';
