import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { httpErrorOf, invalidInput, type ApiError } from './errors';
import { requestStateOf } from './request-context';

interface HttpLikeError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly limit?: unknown;
}

/** What express and its body reader report, as the API's errors (never a stack trace). */
const apiErrorOf = (error: unknown, limitBytes: number): ApiError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpLikeError;
  if (e.type === 'entity.too.large') return { kind: 'PayloadTooLarge', limitBytes };
  if (error instanceof URIError) return invalidInput('(path)', 'a well-formed URL', 'a bad escape');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return invalidInput('Content-Encoding', 'identity, gzip, deflate or br', 'another encoding');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return { kind: 'InvalidJSON', description: 'The request body could not be read' };
  return { kind: 'Internal', message: error instanceof Error ? error.message : String(error) };
};

export const errorHandler =
  (logger: Logger, limitBytes: number): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const http = httpErrorOf(apiErrorOf(error, limitBytes));
    if (http.status >= 500)
      logger.error(
        { request_id: requestStateOf(res)?.requestId, problem: http.internal },
        'request failed',
      );
    res
      .status(http.status)
      .set(http.headers ?? {})
      .json(http.body);
  };

/** Anything no route matched. */
export const noSuchRoute: RequestHandler = (_req, res) => {
  const http = httpErrorOf({ kind: 'RouteNotFound' });
  res.status(http.status).json(http.body);
};
