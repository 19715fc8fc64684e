import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** What the request log line says beyond method, path and status; filled in as the request goes. */
export interface RequestState {
  readonly requestId: string;
  readonly startedAt: bigint;
  route?: string;
  accountId?: string;
  userId?: string;
}

/** Request ids become correlation ids: printable, short, no spaces. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestStateOf = (res: Response): RequestState =>
  res.locals['request'] as RequestState;

/** The path without its query string: search terms and cursors stay out of the logs. */
const pathOf = (req: Request): string => req.originalUrl.split('?')[0] ?? req.originalUrl;

/**
 * Gives the request its id (the client's `X-Request-Id` when acceptable, else a new one), sends it
 * back, and logs one line when the response is finished. Headers are never logged: they carry
 * credentials.
 */
export const requestContext =
  (
    logger: Logger,
    onFinish: (req: Request, res: Response, seconds: number) => void,
  ): RequestHandler =>
  (req, res, next) => {
    const presented = req.get('x-request-id');
    const requestId =
      presented !== undefined && acceptableRequestId.test(presented) ? presented : randomUUID();
    const state: RequestState = { requestId, startedAt: process.hrtime.bigint() };
    res.locals['request'] = state;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - state.startedAt) / 1e9;
      onFinish(req, res, seconds);
      logger.info(
        {
          request_id: requestId,
          method: req.method,
          path: pathOf(req),
          route: state.route ?? null,
          status: res.statusCode,
          duration_ms: Math.round(seconds * 1e6) / 1e3,
          account_id: state.accountId ?? null,
          user_id: state.userId ?? null,
        },
        'request',
      );
    });
    next();
  };
