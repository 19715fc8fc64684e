import * as E from 'fp-ts/Either';
import {
  AsOfInput,
  readTicketHistory,
  replayTicket,
  ticketReplayJson,
  type AppError,
} from '@helpdesk/application';
import { asOfHead, type AsOf } from '@helpdesk/domain';
import { Uuid } from '@helpdesk/events';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';
import type { VerifyChainOutput } from './verify-chain';

export const replayUsage = 'helpdesk replay ticket <id> [--as-of <revision|time>]';

const processOutput: VerifyChainOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The ticket and the point the arguments name, or what is wrong with them. */
export const replayArguments = (
  args: ReadonlyArray<string>,
): E.Either<string, { readonly ticketId: Uuid; readonly asOf: AsOf }> => {
  const [what, id, ...rest] = args;
  if (what !== 'ticket' || id === undefined) return E.left(`usage: ${replayUsage}`);
  const ticketId = Uuid.decode(id);
  if (E.isLeft(ticketId)) return E.left(`"${id}" is not a ticket id (a UUID)`);
  if (rest.length === 0) return E.right({ ticketId: ticketId.right, asOf: asOfHead });
  const [flag, value, ...extra] = rest;
  if (flag !== '--as-of' || value === undefined || extra.length > 0)
    return E.left(`usage: ${replayUsage}`);
  const asOf = AsOfInput.decode(value);
  return E.isLeft(asOf)
    ? E.left(`--as-of: expected ${AsOfInput.name}, got "${value}"`)
    : E.right({ ticketId: ticketId.right, asOf: asOf.right });
};

const failure = (error: AppError): string =>
  error.kind === 'CorruptStream'
    ? `the ticket's stream is corrupt: event ${error.eventId} at revision ${error.revision}: ${error.error.message}`
    : error.kind === 'StoreUnavailable'
      ? `the event store is unavailable: ${error.message}`
      : error.kind;

/**
 * `helpdesk replay ticket <id> [--as-of <revision|time>]`: the ticket's state and history folded
 * straight from its stream in the event store, no read model involved, printed as one JSON object
 * (the shape of `GET /api/v2/tickets/{id}/replay`, private comments included: this is the
 * operator's tool). Exit 1 when the ticket does not exist, 2 for bad arguments.
 */
export const runReplay = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string>,
  output: VerifyChainOutput = processOutput,
): Promise<number> => {
  const parsed = replayArguments(args);
  if (E.isLeft(parsed)) {
    output.err(parsed.left);
    return 2;
  }
  const { ticketId, asOf } = parsed.right;
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 2 });
  try {
    const history = await readTicketHistory(stores.store, ticketId)();
    if (E.isLeft(history)) {
      output.err(failure(history.left));
      return 1;
    }
    if (history.right.length === 0) {
      output.err(`no ticket ${ticketId} in ${stores.description.events}`);
      return 1;
    }
    const replay = replayTicket(history.right, asOf);
    if (E.isLeft(replay)) {
      output.err(
        `--as-of: revision ${replay.left.requested} is past the ticket's last event (revision ${replay.left.head})`,
      );
      return 2;
    }
    output.out(JSON.stringify(ticketReplayJson(replay.right, { seesPrivateComments: true })));
    return 0;
  } finally {
    await stores.close();
  }
};
