export {
  hashApiToken,
  issueApiToken,
  newApiToken,
  type IssuedApiToken,
  type TokenDeps,
} from './api-tokens';
export { authenticateApiToken, type Authenticated } from './authenticate';
