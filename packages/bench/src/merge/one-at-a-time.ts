import * as E from 'fp-ts/Either';
import {
  handleCommand,
  knownAccountOf,
  loadUser,
  mergeContext,
  succeed,
  transferClaim,
  type Desk,
  type KnownMerge,
} from '@helpdesk/application';
import {
  emailsOf,
  ticketDecider,
  toKnownUser,
  toMergedSource,
  userDecider,
} from '@helpdesk/domain';
import { streams, type Uuid } from '@helpdesk/events';
import type { SqlClient } from '@helpdesk/event-store';
import { ticketSnapshotPage } from '@helpdesk/projections';

/** The same rewrite as the process manager's, one command at a time: load, decide, append, per ticket. */
export const oneCommandAtATime = async (desk: Desk, client: SqlClient, merge: KnownMerge) => {
  const { deps } = desk;
  const context = mergeContext(merge);
  const source = await succeed(loadUser(deps.eventStore, merge.accountId, merge.sourceId));
  const target = await succeed(loadUser(deps.eventStore, merge.accountId, merge.targetId));
  const account = await succeed(knownAccountOf(deps.eventStore, merge.accountId));
  await succeed(
    handleCommand(
      deps,
      userDecider,
      streams.user(target.id),
      {
        type: 'AbsorbMergedUser',
        userId: target.id,
        source: toMergedSource(source, () => deps.ids.next()),
        account,
      },
      context,
    ),
  );
  for (const email of emailsOf(source))
    await succeed(
      transferClaim(
        deps,
        'email',
        merge.accountId,
        email,
        { holderId: source.id },
        { holderId: target.id },
        context,
      ),
    );
  const ticketIds: Uuid[] = [];
  let after: bigint | undefined;
  do {
    const page = await ticketSnapshotPage(
      client,
      { kind: 'involving', accountId: merge.accountId, userId: source.id },
      after,
      5000,
    )();
    if (E.isLeft(page)) throw new Error(page.left.message);
    ticketIds.push(...page.right.rows.map((r) => r.id));
    after = page.right.next;
  } while (after !== undefined);
  let rewritten = 0;
  let ccs = 0;
  for (const ticketId of ticketIds) {
    const result = await succeed(
      handleCommand(
        deps,
        ticketDecider,
        streams.ticket(ticketId),
        {
          type: 'MoveToMergeTarget',
          ticketId,
          actor: { type: 'system' },
          sourceId: source.id,
          target: toKnownUser(target),
        },
        context,
      ),
    );
    rewritten += result.events.filter((e) => e.type === 'RequesterChanged').length;
    ccs += result.events.filter((e) => e.type !== 'RequesterChanged').length;
  }
  await succeed(
    handleCommand(
      deps,
      userDecider,
      streams.user(source.id),
      {
        type: 'CompleteMerge',
        userId: source.id,
        ticketsRewritten: rewritten,
        ccsReplaced: ccs,
      },
      context,
    ),
  );
};
