import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  assertNever,
  claimDecider,
  domainOfAddress,
  organizationDecider,
  organizationForNewSender,
  resolveSender,
  toKnownUser,
  userDecider,
  type Account,
  type KnownUser,
  type OrganizationWithDomains,
  type User,
} from '@helpdesk/domain';
import { streams, type ClaimKind, type Uuid } from '@helpdesk/events';
import { domainRefusal, type AppError } from '../../command/app-error';
import type { CommandDeps, CommandResult } from '../../command/handle-command';
import { loadStream } from '../../command/load-stream';
import { claimStreamOf } from '../../claims/claim-streams';
import type { Caller } from '../caller';
import { createUser } from '../create-user';
import { knownUserOf } from '../lookups';
import { senderNameOf, type InboundEmail } from './inbound-email';

/**
 * A value's claim was taken by a holder whose own stream is not written yet: another delivery is
 * half-way through, or one was cut off. Worth a short wait and another look.
 */
export interface Unfinished {
  readonly kind: 'Unfinished';
  readonly streamName: string;
}

export type InboundError = AppError | Unfinished;

/** Who holds a claimed value now (an address, a domain, a message id), read from its claim stream. */
export const holderOf = (
  deps: CommandDeps,
  kind: ClaimKind,
  accountId: Uuid,
  value: string,
): TE.TaskEither<AppError, Uuid | null> =>
  pipe(
    loadStream(deps.eventStore, claimDecider, claimStreamOf({ kind, accountId, value })),
    TE.map(({ state }) => state.holderId),
  );

/** The sender of an inbound email: a user already, or one to create in the given organization. */
export type Sender =
  | { readonly kind: 'known'; readonly user: KnownUser }
  | {
      readonly kind: 'new';
      /** what the user will be once created: the ticket is decided with it first */
      readonly user: KnownUser;
      readonly organizationId: Uuid;
    };

/**
 * R6.4: the organizations listing the sender's domain. Domains are claimed (unique in an
 * account), so the claim's holder is the one organization, if it still lists the domain.
 */
const organizationsOfDomain = (
  deps: CommandDeps,
  accountId: Uuid,
  address: string,
): TE.TaskEither<AppError, ReadonlyArray<OrganizationWithDomains>> => {
  const domain = domainOfAddress(address);
  if (domain === '') return TE.right([]);
  return pipe(
    holderOf(deps, 'organization_domain', accountId, domain),
    TE.chain((holder) =>
      holder === null
        ? TE.right([])
        : pipe(
            loadStream(deps.eventStore, organizationDecider, streams.organization(holder)),
            TE.map(({ state }) =>
              state !== null && state.accountId === accountId && !state.removed
                ? [{ id: state.id, domainNames: state.domainNames }]
                : [],
            ),
          ),
    ),
  );
};

const newSender = (
  deps: CommandDeps,
  account: Account,
  address: string,
): TE.TaskEither<AppError, Sender> =>
  pipe(
    organizationsOfDomain(deps, account.id, address),
    TE.map((organizations): Sender => {
      const organizationId = organizationForNewSender(address, account, organizations);
      return {
        kind: 'new',
        organizationId,
        user: {
          id: deps.ids.next(),
          accountId: account.id,
          role: 'end-user',
          status: 'active',
          organizationIds: [organizationId],
          defaultOrganizationId: organizationId,
        },
      };
    }),
  );

/**
 * Finds the sender by their email identity, read from the address's claim (always up to date,
 * unlike the users read model). `resolveSender` says what a known, merged, deleted or unknown
 * address means (R6.1, R6.3, R3.5).
 */
export const findSender = (
  deps: CommandDeps,
  account: Account,
  address: string,
): TE.TaskEither<InboundError, Sender> =>
  pipe(
    holderOf(deps, 'email', account.id, address),
    TE.chain((holder): TE.TaskEither<InboundError, Sender> => {
      const decide = (known: Parameters<typeof resolveSender>[0], held: User | null) => {
        const resolution = resolveSender(known, account.settings.autoCreateUsersFromEmail);
        switch (resolution.kind) {
          case 'known':
            return held !== null && held.exists && held.id === resolution.userId
              ? TE.right<InboundError, Sender>({ kind: 'known', user: toKnownUser(held) })
              : pipe(
                  knownUserOf(deps.eventStore, account.id, resolution.userId),
                  TE.map((user): Sender => ({ kind: 'known', user })),
                );
          case 'create':
            return newSender(deps, account, address);
          case 'refuse':
            return TE.left<InboundError, Sender>(
              domainRefusal({
                kind: 'RuleViolation',
                rule: resolution.rule,
                message: resolution.reason,
              }),
            );
          default:
            return assertNever(resolution);
        }
      };
      if (holder === null) return decide(null, null);
      return pipe(
        loadStream(deps.eventStore, userDecider, streams.user(holder)),
        TE.chainW(({ state }) =>
          state.exists && state.accountId === account.id
            ? decide(
                { id: state.id, status: state.status, mergedIntoId: state.mergedIntoId },
                state,
              )
            : TE.left<InboundError, Sender>({
                kind: 'Unfinished',
                streamName: streams.user(holder),
              }),
        ),
      );
    }),
  );

/**
 * R6.1: creates the sender as an end user from email, in the organization R6.4 chose. Nothing to do
 * for a known sender.
 */
export const createSender = (
  deps: CommandDeps,
  caller: Caller,
  from: InboundEmail['from'],
  sender: Sender,
): TE.TaskEither<AppError, CommandResult<User> | null> =>
  sender.kind === 'known'
    ? TE.right(null)
    : createUser(
        deps,
        caller,
        {
          profile: { name: senderNameOf(from) },
          role: 'end-user',
          source: 'email',
          emails: [from.address],
          organizationIds: [sender.organizationId],
        },
        sender.user.id,
      );
