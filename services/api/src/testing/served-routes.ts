import type express from 'express';

/**
 * What the tests read of express's router: a route, or, mounted at a path, a router or the API's
 * routers by segment (`segmentRouters`).
 */
interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
  readonly rawPath?: unknown;
  readonly handle?: {
    readonly stack?: ReadonlyArray<Layer>;
    readonly routers?: ReadonlyMap<string, { readonly stack: ReadonlyArray<Layer> }>;
  };
}

export interface ServedRoute {
  /** upper case: `GET`, `PUT`, ... */
  readonly method: string;
  /** the full path pattern, `/api/v2/tickets/:id` */
  readonly path: string;
}

const routesOf = (stack: ReadonlyArray<Layer>, prefix: string): ServedRoute[] =>
  stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path =
        layer.route.path === '/' && prefix !== '' ? prefix : `${prefix}${layer.route.path}`;
      return Object.keys(layer.route.methods).map((method) => ({
        method: method.toUpperCase(),
        path,
      }));
    }
    if (typeof layer.rawPath !== 'string') return [];
    const mountedAt = `${prefix}${layer.rawPath}`;
    const nested = layer.handle?.stack ?? [];
    const bySegment = [...(layer.handle?.routers?.values() ?? [])].flatMap(
      (router) => router.stack,
    );
    return routesOf([...nested, ...bySegment], mountedAt);
  });

/** Every route the app serves, its routers' routes included, as express has them. */
export const servedRoutes = (app: express.Express): ServedRoute[] =>
  routesOf((app as unknown as { router: { stack: ReadonlyArray<Layer> } }).router.stack, '');
