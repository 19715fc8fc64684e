import type { AppendRequest, EventToAppend, JsonObject } from '@helpdesk/event-store';
import { HelpDesk } from '../../read-model/testing/help-desk';
import type { ProjectedEvent } from '../projection';

/**
 * A help desk's log of about `events` events, the same on every call: accounts with
 * organizations and users, tickets with comments, status changes, requester changes, CCs,
 * archiving and the odd user merge. Built with the read models' own scenario builder, so every
 * event is one the read models can meet.
 */
export const realisticLog = (events: number): ReadonlyArray<ProjectedEvent> => {
  const desk = new HelpDesk();
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!;
  const accounts = Array.from({ length: 3 }, (_, a) => {
    const { accountId, ownerId } = desk.openAccount(`Desk ${a}`);
    const organizations = Array.from({ length: 10 }, (_, o) =>
      desk.organization(accountId, `Org ${a}-${o}`, [`org${a}-${o}.example`]),
    );
    const users = Array.from({ length: 300 }, (_, u) =>
      desk.createUser(accountId, { name: `User ${a}-${u}`, organizations: [pick(organizations)] }),
    );
    return { accountId, agent: ownerId, users, tickets: [] as string[] };
  });
  const merged = new Set<string>();
  const active = (users: ReadonlyArray<string>) => users.filter((u) => !merged.has(u));
  while (desk.events.length < events) {
    const account = pick(accounts);
    const { agent, users, tickets } = account;
    const roll = random();
    if (roll < 0.2 || tickets.length === 0)
      tickets.push(
        desk.openTicket(account.accountId, {
          requesterId: pick(active(users)),
          comment: 'It broke.',
        }),
      );
    else {
      const ticket = pick(tickets);
      if (desk.ticketState(ticket).archived) continue;
      if (roll < 0.7) desk.comment(ticket, agent, 'Looking into it.');
      else if (roll < 0.85)
        desk.changeStatus(ticket, pick(['open', 'pending', 'solved'] as const), agent);
      else if (roll < 0.93) desk.changeRequester(ticket, pick(active(users).slice(0, 40)), agent);
      else if (roll < 0.97) desk.addCc(ticket, pick(active(users)), agent);
      else if (roll < 0.998) {
        desk.changeStatus(ticket, 'closed', agent);
        desk.archive(ticket);
      } else {
        const source = pick(active(users));
        const target = pick(active(users));
        if (source === target) continue;
        merged.add(source);
        desk.merge(source, target, agent);
      }
    }
  }
  return desk.events;
};

const toAppend = (projected: ProjectedEvent): EventToAppend => ({
  id: projected.eventId,
  type: projected.event.type,
  data: projected.event.data as unknown as JsonObject,
  metadata: projected.metadata as unknown as JsonObject,
});

/**
 * The events as multi-stream appends in log order: consecutive events of one stream go in one
 * request, and a chunk ends before a stream would appear in it twice, so the store numbers the
 * events exactly in this order.
 */
export function* appendChunks(
  events: ReadonlyArray<ProjectedEvent>,
  chunkEvents = 5000,
): Generator<ReadonlyArray<AppendRequest>> {
  let chunk: { streamName: string; events: EventToAppend[] }[] = [];
  let streams = new Set<string>();
  let size = 0;
  const finish = () => {
    const requests = chunk.map((r) => ({ ...r, expectedRevision: 'any' as const }));
    chunk = [];
    streams = new Set();
    size = 0;
    return requests;
  };
  for (const event of events) {
    const last = chunk[chunk.length - 1];
    if (last?.streamName === event.streamName) last.events.push(toAppend(event));
    else {
      if (streams.has(event.streamName) || size >= chunkEvents) yield finish();
      chunk.push({ streamName: event.streamName, events: [toAppend(event)] });
      streams.add(event.streamName);
    }
    size += 1;
  }
  if (chunk.length > 0) yield finish();
}
