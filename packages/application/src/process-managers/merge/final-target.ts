import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { ExistingUser } from '@helpdesk/domain';
import type { Uuid } from '@helpdesk/events';
import type { EventStore } from '@helpdesk/event-store';
import type { AppError } from '../../command/app-error';
import { loadUser } from '../../use-cases/lookups';

/** Far more than any chain of merges: a longer one can only come from a corrupt log. */
const maxChain = 100;

/**
 * Where a merge's tickets go (R3.5, R3.6): its target, or, when the target was itself merged
 * since, the user that one was merged into, and so on. Read from the user streams, so it is
 * current whatever the read models say. A chain cannot loop: a merged user can be no target.
 */
export const finalTargetOf =
  (store: EventStore, accountId: Uuid, targetId: Uuid): TE.TaskEither<AppError, ExistingUser> =>
  async () => {
    let id = targetId;
    for (let hop = 0; hop < maxChain; hop++) {
      const user = await loadUser(store, accountId, id)();
      if (E.isLeft(user)) return user;
      const next = user.right.status === 'merged' ? user.right.mergedIntoId : null;
      if (next === null) return user;
      id = next;
    }
    return E.left({
      kind: 'StoreUnavailable',
      message: `the merges from ${targetId} form no chain`,
    });
  };
