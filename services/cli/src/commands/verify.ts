import * as E from 'fp-ts/Either';
import { verifyTickets, type TicketDifference } from '@helpdesk/projections';
import { progressBar } from '../runtime/progress-bar';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';
import { verifyChainCommand, type VerifyChainOutput } from './verify-chain';

export const verifyUsage = 'helpdesk verify [--chain]';

const processOutput: VerifyChainOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const differenceJson = (d: TicketDifference) => ({
  ticket_id: d.ticketId,
  column: d.column,
  read_model: d.readModel,
  replayed: d.replayed,
});

/**
 * `helpdesk verify`: replays every ticket from the event store and compares it with the `tickets`
 * read model (`verifyTickets`), printing each difference as one JSON line on stdout (ticket id,
 * column, read-model value, replayed value), then a summary line; progress on stderr. Exit 0 when
 * they agree, 1 when anything differs, 2 for a bad argument. `--chain` checks the events' hash
 * chain instead (`helpdesk verify-chain`).
 */
export const runVerify = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string>,
  output: VerifyChainOutput = processOutput,
): Promise<number> => {
  if (args.includes('--chain')) return verifyChainCommand(env, args, output);
  if (args.length > 0) {
    output.err(`unknown argument "${args[0]}"\nusage: ${verifyUsage}`);
    return 2;
  }
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 2 });
  const bar = progressBar();
  const started = performance.now();
  const perSecond = (n: number) => n / Math.max((performance.now() - started) / 1000, 0.001);
  try {
    const report = await verifyTickets({
      store: stores.store,
      session: stores.client,
      schema: settings.readModelSchema,
      onProgress: ({ phase, events, rows }) =>
        phase === 'replaying'
          ? bar.update({
              label: 'replaying',
              done: events,
              unit: 'events',
              perSecond: perSecond(events),
            })
          : bar.update({ label: phase, done: rows, unit: 'rows', perSecond: perSecond(rows) }),
    });
    if (E.isLeft(report)) {
      const error = report.left;
      output.err(
        JSON.stringify({
          level: 'error',
          service: 'helpdesk',
          msg: 'verify failed',
          error: error.kind,
          ...('message' in error ? { detail: error.message } : {}),
        }),
      );
      return 1;
    }
    const { differences, position, events, tickets, rows } = report.right;
    bar.finish({ label: 'verified', done: events, unit: 'events', perSecond: perSecond(events) });
    for (const difference of differences) output.out(JSON.stringify(differenceJson(difference)));
    output.out(
      JSON.stringify({
        verified: 'tickets',
        position: position === undefined ? null : Number(position),
        events,
        tickets,
        rows,
        differences: differences.length,
      }),
    );
    return differences.length === 0 ? 0 : 1;
  } finally {
    await stores.close();
  }
};
