export { apiRoutes, basePath, createApi, createApp, type Api } from './app';
export { httpServerOf } from './http/http-server';
export type { ApiConfig, ApiDeps, ReadModels } from './deps';
export {
  installApiTables,
  sqlIdempotencyStore,
  defaultApiSchema,
} from './http/idempotency/sql-store';
export type { IdempotencyStore } from './http/idempotency/store';
export type { MergeJobs, JobStatus } from './jobs/merge-jobs';
export { openApiDocument } from './openapi/document';
export { integrationProcess } from './adapters/integration-process';
export {
  startInboundSmtp,
  type InboundSmtp,
  type InboundSmtpOptions,
} from './inbound-smtp/inbound-smtp';
