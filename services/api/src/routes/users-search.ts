import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { searchUsers } from '@helpdesk/projections';
import { ownerOf, readModel, type ApiEnv } from '../env';
import { reply } from '../http/reply';
import { team, userRoute, type Route } from '../http/route';
import { userJson } from '../representations/user';

const SearchText = new t.Type<string, string, unknown>(
  'a search text of 1 to 200 characters',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && u.trim().length >= 1 && u.length <= 200
      ? t.success(u)
      : t.failure(u, c),
  t.identity,
);

const SearchQuery = t.type({ query: SearchText });

/** At most this many matches, best first; the search has no further pages. */
const searchLimit = 100;

/** R1.4: one search box for a requester: a name, an email domain or an organization name. */
export const userSearchRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'get',
    path: '/users/search',
    roles: team,
    query: SearchQuery,
    handle: ({ principal, query }) =>
      pipe(
        TE.Do,
        TE.apS(
          'users',
          readModel(
            searchUsers(env.session, principal.accountId, query.query, { limit: searchLimit }),
          ),
        ),
        TE.apS('ownerId', ownerOf(env, principal.accountId)),
        TE.map(({ users, ownerId }) =>
          reply(200, {
            users: users.map((u) => userJson(u, ownerId)),
            count: users.length,
            meta: { has_more: false, after_cursor: null },
            links: { next: null },
          }),
        ),
      ),
  }),
];
