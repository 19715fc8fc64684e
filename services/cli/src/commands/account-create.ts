import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import {
  issueApiToken,
  openAccount,
  systemClock,
  uuidGenerator,
  type AppError,
  type Caller,
} from '@helpdesk/application';
import { EmailAddress, NonEmptyString, Plan, decodeWith } from '@helpdesk/events';
import { installCredentials, sqlCredentials } from '@helpdesk/projections';
import { describeError } from '../demo/print';
import { cliLogger } from '../runtime/logger';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';

const AccountFlags = t.type({
  name: NonEmptyString,
  plan: Plan,
  'owner-name': NonEmptyString,
  'owner-email': EmailAddress,
});

export const accountCreateUsage = `helpdesk account create --name <name> --plan team|professional|enterprise --owner-name <name> --owner-email <address>`;

/** `--key value` pairs; anything else is an error. */
export const parseFlags = (
  args: ReadonlyArray<string>,
): E.Either<string, Record<string, string>> => {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    const value = args[i + 1];
    if (!key.startsWith('--') || value === undefined)
      return E.left(`expected --flag value pairs, got "${key}"`);
    flags[key.slice(2)] = value;
  }
  return E.right(flags);
};

/**
 * `helpdesk account create`: opens an account as the platform operator would (its owner, an admin,
 * and its "Unassigned" organization) and prints the owner's API token. The token is shown this once:
 * only its hash is kept.
 */
export const runAccountCreate = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string>,
): Promise<number> => {
  const logger = cliLogger(2);
  const flags = pipe(
    parseFlags(args),
    E.chain((raw) =>
      pipe(
        decodeWith(AccountFlags, 'account flags')(raw),
        E.mapLeft((error) =>
          error.issues.map((issue) => `--${issue.path}: expected ${issue.expected}`).join('; '),
        ),
      ),
    ),
  );
  if (E.isLeft(flags)) {
    process.stderr.write(`${flags.left}\n\nusage: ${accountCreateUsage}\n`);
    return 2;
  }
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 2 });
  try {
    await installCredentials(stores.client);
    const deps = { eventStore: stores.store, clock: systemClock, ids: uuidGenerator };
    const correlationId = `cli-${uuidGenerator.next()}`;
    const created = await pipe(
      openAccount(
        deps,
        {
          name: flags.right.name,
          plan: flags.right.plan,
          owner: { name: flags.right['owner-name'], email: flags.right['owner-email'] },
        },
        correlationId,
      ),
      TE.chain((opened) => {
        const operator: Caller = {
          accountId: opened.accountId,
          actor: { type: 'operator' },
          correlationId,
          channel: 'api',
        };
        return pipe(
          issueApiToken(
            { ...deps, credentials: sqlCredentials(stores.client) },
            operator,
            opened.ownerId,
          ),
          TE.map((token) => ({ opened, token })),
        );
      }),
    )();
    if (E.isLeft(created)) {
      logger.error({ problem: describeError(created.left as AppError) }, 'account not created');
      return 1;
    }
    const { opened, token } = created.right;
    logger.info({ account_id: opened.accountId, owner_id: opened.ownerId }, 'account created');
    process.stdout.write(
      `${JSON.stringify({
        account_id: opened.accountId,
        owner_id: opened.ownerId,
        default_organization_id: opened.defaultOrganizationId,
        api_token: { id: token.id, token: token.token },
      })}\n`,
    );
    return 0;
  } finally {
    await stores.close();
  }
};
