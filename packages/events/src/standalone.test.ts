import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `@helpdesk/events` is the published contract (architecture.md): a backend service depends on it
 * alone, so it may use io-ts, fp-ts and Node's built-ins, and nothing else of the workspace.
 */
const packageRoot = join(__dirname, '..');
const allowed = (specifier: string) =>
  specifier.startsWith('.') ||
  specifier.startsWith('node:') ||
  /^(io-ts|fp-ts)(\/|$)/.test(specifier);

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(folder, entry.name)]
        : [],
  );

describe('@helpdesk/events stands on its own', () => {
  it('declares io-ts and fp-ts as its only dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['fp-ts', 'io-ts']);
    expect(manifest.peerDependencies).toBeUndefined();
  });

  it('imports nothing else: no workspace package, no other library', () => {
    const strays = sourceFiles(join(packageRoot, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bfrom '([^']+)'|\brequire\('([^']+)'\)/g)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((specifier) => !allowed(specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(strays).toEqual([]);
  });
});
