import { join } from 'node:path';
import { runFromSources } from '../run-script';

/** `pnpm bench merge [--tickets N]`: runs `run.ts` from the sources (see `runFromSources`). */
export const runMergeBench = (args: ReadonlyArray<string>): Promise<void> => {
  const flag = args.indexOf('--tickets');
  const tickets = flag === -1 ? '10000' : String(Number(args[flag + 1]));
  // the young generation the worker is meant to run with (services/worker/src/main.ts)
  return runFromSources(join(__dirname, 'run.ts'), { BENCH_TICKETS: tickets }, [
    '--max-semi-space-size=64',
  ]);
};
