import { runApiBench } from './api/main';
import { runHttpBench } from './http/main';
import { runMergeBench } from './merge/main';
import { runProjectionsBench } from './projections/main';
import { runReplayBench } from './replay/main';
import { runStoreBench } from './store/main';

const benches: Record<string, (args: ReadonlyArray<string>) => Promise<void>> = {
  store: (args) => {
    const flag = args.indexOf('--events');
    const events = flag === -1 ? 10_000 : Number(args[flag + 1]);
    return runStoreBench({ events, concurrencies: [1, 8, 32], chain: args.includes('--chain') });
  },
  merge: (args) => runMergeBench(args),
  api: (args) => runApiBench(args),
  http: (args) => runHttpBench(args),
  projections: (args) => runProjectionsBench(args),
  replay: (args) => runReplayBench(args),
};

const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : benches[name];
if (bench === undefined) {
  process.stderr.write(`usage: pnpm bench <${Object.keys(benches).join('|')}> [options]\n`);
  process.exitCode = 2;
} else {
  bench(args).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
