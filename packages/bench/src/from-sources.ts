import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

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
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
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
        NODE_PATH: [process.env['NODE_PATH'], join(root, 'node_modules', '.pnpm', 'node_modules')]
          .filter((p) => p !== undefined && p !== '')
          .join(':'),
      },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    );
  });
