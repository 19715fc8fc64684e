import * as E from 'fp-ts/Either';
import {
  allProjections,
  describeCorruptEvent,
  rebuildReadModels,
  type RebuildProgress,
} from '@helpdesk/projections';
import { cliLogger } from '../runtime/logger';
import { progressBar } from '../runtime/progress-bar';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';

export const rebuildUsage = 'helpdesk rebuild <projection>... | helpdesk rebuild --all';

const projectionNames = allProjections.map((p) => p.name);

/** Which projections the arguments name; `undefined` for all of them; an error message otherwise. */
export const rebuildTargets = (
  args: ReadonlyArray<string>,
): E.Either<string, ReadonlyArray<string> | undefined> => {
  if (args.length === 1 && args[0] === '--all') return E.right(undefined);
  const unknown = args.filter((a) => !projectionNames.includes(a));
  if (args.length === 0 || unknown.length > 0)
    return E.left(
      `${unknown.length > 0 ? `unknown projection "${unknown[0]}"; ` : ''}usage: ${rebuildUsage}\nprojections: ${projectionNames.join(', ')}`,
    );
  return E.right(args);
};

const fractionOf = (progress: RebuildProgress): number | undefined =>
  progress.head === undefined || progress.position === undefined || progress.head === 0n
    ? undefined
    : Number(progress.position) / Number(progress.head);

/**
 * `helpdesk rebuild`: rebuilds read models from the log into fresh tables and swaps them in (see
 * `rebuildReadModels`); a running `helpdesk serve` on the same PostgreSQL keeps serving the old
 * tables until the swap, then its projectors go on from the rebuilt checkpoint. Progress on stderr,
 * the report as one JSON line on stdout.
 */
export const runRebuild = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string>,
): Promise<number> => {
  const targets = rebuildTargets(args);
  if (E.isLeft(targets)) {
    process.stderr.write(`${targets.left}\n`);
    return 2;
  }
  const logger = cliLogger(2);
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 10 });
  const bar = progressBar();
  try {
    const report = await rebuildReadModels({
      store: stores.store,
      client: stores.client,
      projections: allProjections,
      ...(targets.right === undefined ? {} : { only: targets.right }),
      schema: settings.readModelSchema,
      onProgress: (progress) => {
        const line = {
          label: progress.phase === 'building' ? 'rebuilding' : progress.phase,
          done: progress.events,
          unit: 'events',
          perSecond: progress.eventsPerSecond,
          ...(fractionOf(progress) === undefined ? {} : { fraction: fractionOf(progress) }),
        };
        if (progress.phase === 'done') bar.finish(line);
        else bar.update(line);
      },
    });
    if (E.isLeft(report)) {
      const error = report.left;
      logger.error(
        { error: error.kind },
        error.kind === 'CorruptEvent'
          ? describeCorruptEvent(error)
          : 'message' in error
            ? error.message
            : `${error.kind}: ${'name' in error ? error.name : ''}`,
      );
      return 1;
    }
    const { projections, events, position, elapsedMs, eventsPerSecond } = report.right;
    process.stdout.write(
      `${JSON.stringify({ rebuilt: projections, events, position: position?.toString() ?? null, seconds: elapsedMs / 1000, eventsPerSecond })}\n`,
    );
    return 0;
  } finally {
    await stores.close();
  }
};
