import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { addUser } from '@helpdesk/application';
import type { ApiEnv } from '../env';
import { decodeInput } from '../http/decoding';
import { fromAppError, httpErrorOf } from '../http/errors';
import { reply } from '../http/reply';
import { admins, userRoute, type Route, type UserRequest } from '../http/route';
import { NewUserFields, newUserOf, userFieldOf } from './user-bodies';

export const maxUsersPerImport = 100;

const Rows = new t.Type<ReadonlyArray<unknown>, unknown, unknown>(
  `an array of 1 to ${maxUsersPerImport} users`,
  (u): u is ReadonlyArray<unknown> => Array.isArray(u),
  (u, c) =>
    Array.isArray(u) && u.length >= 1 && u.length <= maxUsersPerImport
      ? t.success(u)
      : t.failure(u, c),
  t.identity,
);

const CreateManyBody = t.type({ users: Rows });

interface RowResult {
  readonly index: number;
  readonly status: 'created' | 'failed';
  readonly id: string | null;
  readonly error: ReturnType<typeof httpErrorOf>['body'] | null;
}

const importRow = (
  env: ApiEnv,
  request: UserRequest<never, never, t.TypeOf<typeof CreateManyBody>>,
  row: unknown,
  index: number,
): TE.TaskEither<never, RowResult> => {
  const failed = (error: Parameters<typeof httpErrorOf>[0]): RowResult => ({
    index,
    status: 'failed',
    id: null,
    error: httpErrorOf(error).body,
  });
  return pipe(
    TE.fromEither(decodeInput(NewUserFields, `users.${index}`)(row)),
    // R6.2: imported users get no welcome email; their source says so
    TE.chain((fields) =>
      pipe(
        addUser(env.commands, request.caller, newUserOf(fields, 'import')),
        TE.mapLeft(fromAppError(userFieldOf(`users.${index}`))),
      ),
    ),
    TE.match(failed, (result): RowResult => ({
      index,
      status: 'created',
      id: result.state.exists ? result.state.id : null,
      error: null,
    })),
    TE.fromTask,
  );
};

/** A bulk import (R5.1, admins): one result per row, in order; a refused row stops nothing. */
export const bulkUserRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/users/create_many',
    roles: admins,
    body: CreateManyBody,
    handle: (request) =>
      pipe(
        request.body.users.map((row, index) => importRow(env, request, row, index)),
        TE.sequenceSeqArray,
        TE.map((results) => reply(200, { results })),
      ),
  }),
];
