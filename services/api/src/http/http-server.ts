import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type express from 'express';

/**
 * A constructor that builds what node's `base` builds, on an object born with `prototype`.
 * `base` is called, not constructed: node's HTTP constructors are functions, not classes, and
 * `Reflect.construct` with a new target measured slower than express's own prototype swap.
 */
const bornWith = <C>(base: C, prototype: object): C => {
  function Born(this: object, first: unknown, second: unknown): void {
    Reflect.apply(base as (...args: unknown[]) => void, this, [first, second]);
  }
  Born.prototype = prototype;
  return Born as unknown as C;
};

/**
 * The HTTP server of an express app, whose requests and responses are created with the app's own
 * prototypes. Express otherwise swaps the prototype of each one as it comes in (`app.handle`),
 * and V8 then drops the objects' hidden classes: every later property access, node's own in the
 * HTTP stack included, takes the slow path. Born with the right prototype, express's swap is a
 * no-op (see docs/performance.md, "Session 6").
 */
export const httpServerOf = (app: express.Express): Server =>
  createServer(
    {
      IncomingMessage: bornWith(IncomingMessage, app.request),
      ServerResponse: bornWith(ServerResponse, app.response),
    },
    app,
  );
