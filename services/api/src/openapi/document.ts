import { accountPaths, operatorPaths } from './paths/accounts';
import { automationPaths } from './paths/automation';
import { emailChannelPaths } from './paths/email-channel';
import { eventPaths } from './paths/events';
import { identityPaths } from './paths/identities';
import { operationPaths } from './paths/operations';
import { organizationPaths } from './paths/organizations';
import { outboundEmailPaths } from './paths/outbound-emails';
import { portalPaths } from './paths/portal';
import { integrationPaths, ticketPaths } from './paths/tickets';
import { ticketReplayPaths } from './paths/ticket-replay';
import { userPaths } from './paths/users';
import { schemas } from './schemas';

export interface DocumentOptions {
  /** whether `POST /accounts` exists (HELPDESK_OPERATOR_TOKEN is set) */
  readonly operatorRoutes: boolean;
}

/**
 * The OpenAPI 3.1 description of the API, written by hand next to the routes; a test holds every
 * route express serves against it, and every documented operation against express.
 */
export const openApiDocument = (options: DocumentOptions) => ({
  openapi: '3.1.0',
  info: {
    title: 'helpdesk-core API',
    version: '2',
    description:
      'The Zendesk-v2-shaped API of helpdesk-core. Every /api/v2 route also answers with a `.json` suffix. Rules are cited by id (R3.3) from domain-rules.md.',
  },
  servers: [{ url: '/' }],
  paths: {
    ...(options.operatorRoutes ? operatorPaths : {}),
    ...accountPaths,
    ...userPaths,
    ...identityPaths,
    ...organizationPaths,
    ...ticketPaths,
    ...ticketReplayPaths,
    ...integrationPaths,
    ...automationPaths,
    ...emailChannelPaths,
    ...outboundEmailPaths,
    ...eventPaths,
    ...portalPaths,
    ...operationPaths,
  },
  components: {
    schemas,
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'an API token' },
      emailToken: {
        type: 'http',
        scheme: 'basic',
        description: 'user "{email}/token", password the API token (what Zendesk clients send)',
      },
      operator: { type: 'http', scheme: 'bearer', description: 'HELPDESK_OPERATOR_TOKEN' },
    },
    parameters: {
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description:
          'a repeat with the same key and body returns the first response and appends nothing; the same key with another request is 422',
      },
      IfMatch: {
        name: 'If-Match',
        in: 'header',
        schema: { type: 'string' },
        description: 'the ETag last read; a stale one is 412 and changes nothing',
      },
    },
    headers: {
      ETag: { schema: { type: 'string' }, description: 'the resource’s version: "<revision>"' },
    },
  },
});
