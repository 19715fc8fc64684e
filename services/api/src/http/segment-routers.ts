import express, { type RequestHandler } from 'express';
import type { Route } from './route';

/**
 * The API's routes, one express router per first segment of their paths (`/tickets`, `/users`),
 * reached by a map: a request is matched against the routes of its own segment only, instead of
 * trying every router mounted before it in turn, each with its own path match.
 */
export interface SegmentRouters extends RequestHandler {
  /** the routers by segment, for the tests that list what is served */
  readonly routers: ReadonlyMap<string, express.Router>;
}

/** `/tickets/1/audits` → `/tickets`; express matches paths case-insensitively, and so does this. */
const firstSegmentOf = (path: string): string => {
  const end = path.indexOf('/', 1);
  return (end === -1 ? path : path.slice(0, end)).toLowerCase();
};

export const segmentRouters = (
  routes: ReadonlyArray<Route>,
  register: (router: express.Router, route: Route) => void,
): SegmentRouters => {
  const routers = new Map<string, express.Router>();
  for (const route of routes) {
    const segment = firstSegmentOf(route.path);
    let router = routers.get(segment);
    if (router === undefined) {
      router = express.Router();
      routers.set(segment, router);
    }
    register(router, route);
  }
  const dispatch: RequestHandler = (req, res, next) => {
    const router = routers.get(firstSegmentOf(req.path));
    if (router === undefined) next();
    else router(req, res, next);
  };
  return Object.assign(dispatch, { routers });
};
