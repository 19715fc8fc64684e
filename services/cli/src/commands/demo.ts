import * as E from 'fp-ts/Either';
import { systemClock, uuidGenerator } from '@helpdesk/application';
import { openEventStore, type EventStoreEnv, type RecordedEvent } from '@helpdesk/event-store';
import { describeError, eventLine } from '../demo/print';
import { runScenario, type Names } from '../demo/scenario';

/** The account's events, in global order. */
const eventsOfAccount = async (
  deps: { eventStore: Awaited<ReturnType<typeof openEventStore>> },
  accountId: string,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await deps.eventStore.readAll({ after, maxCount: 1000 })();
    if (E.isLeft(page) || page.right.length === 0) return events;
    for (const event of page.right) {
      if ((event.metadata as { account_id?: string }).account_id === accountId) events.push(event);
      after = event.globalPosition;
    }
  }
};

export const runDemo = async (env: EventStoreEnv): Promise<number> => {
  process.stderr.write('opening the event store…\n');
  const eventStore = await openEventStore(env);
  const deps = { eventStore, clock: systemClock, ids: uuidGenerator };
  const names: Names = new Map();
  try {
    const { steps, accountId } = await runScenario(deps, names);
    process.stdout.write('\nWhat happened:\n');
    for (const { title, outcome } of steps)
      process.stdout.write(
        `  ${E.isRight(outcome) ? 'ok     ' : 'refused'}  ${title}${E.isLeft(outcome) ? `\n           -> ${describeError(outcome.left)}` : ''}\n`,
      );
    if (accountId === undefined) return 1;
    const events = await eventsOfAccount(deps, accountId);
    process.stdout.write(`\nThe account's event log (${events.length} events, global order):\n`);
    for (const event of events) process.stdout.write(`${eventLine(event, names)}\n`);
    return 0;
  } finally {
    await eventStore.close();
  }
};
