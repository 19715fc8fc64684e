import { join } from 'node:path';
import { runFromSources } from '../run-script';

/**
 * `pnpm bench replay [--events N] [--runs N]`: one ticket with N events (1,000 by default) in
 * PostgreSQL, replayed again and again as `helpdesk replay` and the replay route do it; see `run.ts`.
 */
export const runReplayBench = (args: ReadonlyArray<string>): Promise<void> => {
  const option = (name: string, fallback: number): string => {
    const flag = args.indexOf(name);
    const value = flag === -1 ? fallback : Number(args[flag + 1]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return String(value);
  };
  return runFromSources(join(__dirname, 'run.ts'), {
    BENCH_EVENTS: option('--events', 1000),
    BENCH_RUNS: option('--runs', 500),
  });
};
