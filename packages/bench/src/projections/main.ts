import { join } from 'node:path';
import { runCompiled, runFromSources } from '../run-script';

/**
 * `pnpm bench projections [--events N] [--only a,b]`: a realistic log of N events (1,000,000 by
 * default) in PostgreSQL, kept between runs, then a full rebuild of every read model (or only of
 * those named, to see what each costs) into a fresh database on the same server. Two child
 * processes, so that the rebuild's memory is its own: `log.ts` writes the log from the sources if
 * it is not there yet; `rebuild.ts` times the rebuild of the compiled code, as `helpdesk rebuild`
 * runs it (its last line one JSON object).
 */
export const runProjectionsBench = async (args: ReadonlyArray<string>): Promise<void> => {
  const flag = args.indexOf('--events');
  const events = flag === -1 ? 1_000_000 : Number(args[flag + 1]);
  if (!Number.isInteger(events) || events < 1000)
    throw new Error('--events must be an integer of at least 1000');
  const only = args.indexOf('--only');
  const env = {
    BENCH_EVENTS: String(events),
    ...(only === -1 ? {} : { BENCH_ONLY: args[only + 1] ?? '' }),
  };
  // generating a million events holds them all in memory once, before they are appended
  await runFromSources(join(__dirname, 'log.ts'), env, ['--max-old-space-size=8192']);
  // the compiled code and the young generation `helpdesk rebuild` runs with (see services/cli/bin)
  await runCompiled(join(__dirname, 'rebuild.ts'), env, ['--max-semi-space-size=64']);
};
