export {
  installCredentials,
  sqlCredentials,
  type ApiTokenRow,
  type CredentialsUnavailable,
} from './api-tokens';
export { defaultCredentialsSchema } from './schema';
