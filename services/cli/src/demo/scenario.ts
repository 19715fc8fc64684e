import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  changeRequester,
  createOrganization,
  createTicket,
  createUser,
  mergeUsers,
  openAccount,
  transferOwnership,
  type AppError,
  type Caller,
  type CommandDeps,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import { ticketsFromLog } from './tickets-from-log';

export interface ScenarioStep {
  readonly title: string;
  readonly outcome: E.Either<AppError, unknown>;
}

/** Names the demo gives to the ids it creates, so that the printed log reads like the story. */
export type Names = Map<string, string>;

const created = <A extends { events: ReadonlyArray<{ streamName: string }> }>(
  result: E.Either<AppError, A>,
) => (E.isRight(result) ? result.right.events[0]?.streamName.replace(/^[a-z]+-/, '') : undefined);

/**
 * The seeds' stories in a few commands: a requester change that keeps the original visible (R1),
 * an email that cannot be used twice (R5.2), a duplicate end user merged (R3), the owner handing
 * the account over (R4), and refusals that name their rule.
 */
export const runScenario = async (deps: CommandDeps, names: Names) => {
  const steps: ScenarioStep[] = [];
  const step = async <A>(
    title: string,
    task: TE.TaskEither<AppError, A>,
  ): Promise<E.Either<AppError, A>> => {
    const outcome = await task();
    steps.push({ title, outcome });
    return outcome;
  };
  const named = (id: Uuid | undefined, name: string) => {
    if (id !== undefined) names.set(id, name);
    return id ?? '';
  };

  const opened = await step(
    'an operator opens the account "Acme Support" for its owner Olivia',
    openAccount(
      deps,
      {
        name: 'Acme Support',
        plan: 'professional',
        owner: { name: 'Olivia', email: 'olivia@acme.example' },
      },
      'demo-open',
    ),
  );
  if (E.isLeft(opened)) return { steps, accountId: undefined };
  const { accountId, ownerId } = opened.right;
  names
    .set(accountId, 'acme')
    .set(ownerId, 'olivia')
    .set(opened.right.defaultOrganizationId, 'unassigned');
  const olivia: Caller = {
    accountId,
    actor: { type: 'user', id: ownerId, role: 'admin' },
    correlationId: 'demo-olivia',
    channel: 'web',
  };

  const globex = named(
    created(
      await step(
        'Olivia adds the organization Globex',
        createOrganization(deps, olivia, { name: 'Globex', domainNames: ['globex.example'] }),
      ),
    ),
    'globex',
  );
  const initech = named(
    created(
      await step(
        'Olivia adds the organization Initech',
        createOrganization(deps, olivia, { name: 'Initech' }),
      ),
    ),
    'initech',
  );
  const endUser = (name: string, email: string, organizationIds: Uuid[]) =>
    createUser(deps, olivia, {
      profile: { name },
      role: 'end-user',
      source: 'manual',
      emails: [email],
      organizationIds,
    });
  const ann = named(
    created(
      await step(
        'Olivia adds Ann (ann@globex.example) to Globex',
        endUser('Ann', 'ann@globex.example', [globex]),
      ),
    ),
    'ann',
  );
  const bob = named(
    created(
      await step(
        'Olivia adds Bob (bob@initech.example) to Initech',
        endUser('Bob', 'bob@initech.example', [initech]),
      ),
    ),
    'bob',
  );
  const annAgain = named(
    created(
      await step(
        'Olivia adds "Ann L." (ann.l@home.example), a duplicate of Ann',
        endUser('Ann L.', 'ann.l@home.example', []),
      ),
    ),
    'ann-duplicate',
  );
  await step(
    'R5.2: nobody else may be given ANN@globex.example',
    endUser('Another Ann', 'ANN@globex.example', []),
  );

  const first = named(
    created(
      await step(
        'Ann asks for help: a ticket through the API',
        createTicket(
          deps,
          { ...olivia, channel: 'api' },
          {
            subject: 'Printer on fire',
            requesterId: ann,
            comment: { body: 'Smoke everywhere.', public: true },
          },
        ),
      ),
    ),
    'ticket-1',
  );
  await step(
    "R1.1, R1.6: Olivia makes Bob the ticket's requester; it moves to Bob's organization",
    changeRequester(deps, olivia, first, bob),
  );
  named(
    created(
      await step(
        'the duplicate Ann opens a ticket too',
        createTicket(
          deps,
          { ...olivia, channel: 'api' },
          { subject: 'Cannot sign in', requesterId: annAgain },
        ),
      ),
    ),
    'ticket-2',
  );
  await step(
    'R3: Olivia merges the duplicate into Ann; the ticket follows with reason "merge"',
    mergeUsers(deps, ticketsFromLog(deps.eventStore), olivia, annAgain, ann),
  );
  await step(
    'R3.5: a merged user cannot be merged again',
    mergeUsers(deps, ticketsFromLog(deps.eventStore), olivia, annAgain, bob),
  );

  const alex = named(
    created(
      await step(
        'Olivia adds Alex as an admin',
        createUser(deps, olivia, {
          profile: { name: 'Alex' },
          role: 'admin',
          source: 'manual',
          emails: ['alex@acme.example'],
        }),
      ),
    ),
    'alex',
  );
  await step(
    'R4.3: the owner cannot hand the account to an end user',
    transferOwnership(deps, olivia, bob),
  );
  await step('R4: Olivia hands the account over to Alex', transferOwnership(deps, olivia, alex));
  await step(
    'R4.2: Olivia is no longer the owner and cannot transfer it again',
    transferOwnership(deps, { ...olivia }, ownerId),
  );
  return { steps, accountId };
};
