import { spawn, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

const run = (command: string, args: ReadonlyArray<string>, options: SpawnOptions): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });

const nodePath = (): string =>
  [process.env['NODE_PATH'], join(root, 'node_modules', '.pnpm', 'node_modules')]
    .filter((p) => p !== undefined && p !== '')
    .join(':');

/**
 * Runs a bench script in a child process from the workspace's sources (the worker's `from-sources`
 * tsconfig maps every `@helpdesk/*` package to its `src`), so that what is measured is the code as
 * it is, built or not. The child's output is the bench's output.
 */
export const runFromSources = (
  script: string,
  env: Readonly<Record<string, string>>,
  nodeFlags: ReadonlyArray<string> = [],
): Promise<void> =>
  run(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    cwd: join(root, 'packages', 'bench'),
    env: {
      ...process.env,
      ...env,
      TSX_TSCONFIG_PATH: join(
        root,
        'services',
        'worker',
        'src',
        'testing',
        'from-sources.tsconfig.json',
      ),
      NODE_PATH: nodePath(),
    },
  });

/**
 * Builds the workspace (`tsc -b`, quick when nothing changed), then runs a bench script whose
 * `@helpdesk/*` imports resolve to the packages' compiled `dist`: the JavaScript `helpdesk` runs.
 * For a bench whose figure is the product's own speed: the sources as tsx compiles them run
 * slower, since it wraps every function created to keep its name and reads every import through
 * a getter (docs/performance.md, "Session 8"). The script itself still runs through tsx.
 */
export const runCompiled = async (
  script: string,
  env: Readonly<Record<string, string>>,
  nodeFlags: ReadonlyArray<string> = [],
): Promise<void> => {
  process.stderr.write('  … building the workspace (tsc -b)\n');
  await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], {
    cwd: root,
  });
  await run(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    cwd: join(root, 'packages', 'bench'),
    env: { ...process.env, ...env, NODE_PATH: nodePath() },
  });
};
