import type { RequestHandler } from 'express';

/**
 * Every API route also answers with `.json` on its last segment (`/users/me.json`), as Zendesk
 * clients call it: the suffix is dropped before routing, so one route serves both.
 */
export const stripJsonSuffix =
  (basePath: string): RequestHandler =>
  (req, _res, next) => {
    if (req.url.startsWith(basePath)) req.url = req.url.replace(/\.json(?=\?|$)/, '');
    next();
  };
