'use strict';
/**
 * Holds the one in-memory PGlite of this process. test-database.ts loads this file with Node's own
 * loader, outside jest's module registry, for two reasons: PGlite starts with dynamic `import()`
 * calls that jest refuses without `--experimental-vm-modules`, and Node's module cache outlives a
 * test file, so every test file a jest worker runs shares this instance (each costs ~730 MB).
 */
const { PGlite } = require('@electric-sql/pglite');

/**
 * PostgreSQL arms a 10 s timer (the idle statistics flush) through emscripten's setitimer, which
 * would keep a finished jest process alive until it fires. Those timers, and only those, are unref'd.
 */
const setTimeoutOfNode = globalThis.setTimeout;
globalThis.setTimeout = Object.assign(function setTimeout(...args) {
  const timer = setTimeoutOfNode(...args);
  if ((args[1] ?? 0) >= 1000 && /__setitimer_js/.test(new Error().stack ?? '')) timer.unref();
  return timer;
}, setTimeoutOfNode);

let instance;

module.exports = {
  /** the shared instance, started on first use */
  sharedPGlite: () => {
    if (instance === undefined) instance = PGlite.create();
    return instance;
  },
  /** the schema the session's search_path names, so that it is set only when it changes */
  session: { searchPath: undefined },
};
