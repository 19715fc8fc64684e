import * as t from 'io-ts';
import { maxPageSize, type Page, type PageRequest } from '@helpdesk/projections';

/**
 * Cursor pagination (api.md): `page[size]` (1 to 100) and `page[after]`, an opaque cursor. The
 * cursor wraps the read model's position so that clients do not come to depend on its form.
 */
const PageSize = new t.Type<number, string, unknown>(
  `an integer from 1 to ${maxPageSize}`,
  (u): u is number => typeof u === 'number',
  (u, c) => {
    if (typeof u !== 'string' || !/^\d{1,3}$/.test(u)) return t.failure(u, c);
    const n = Number(u);
    return n >= 1 && n <= maxPageSize ? t.success(n) : t.failure(u, c);
  },
  String,
);

const cursorPrefix = 'p:';

export const encodeCursor = (position: string): string =>
  Buffer.from(`${cursorPrefix}${position}`, 'utf8').toString('base64url');

const Cursor = new t.Type<string, string, unknown>(
  'a cursor from meta.after_cursor',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    if (typeof u !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(u)) return t.failure(u, c);
    const decoded = Buffer.from(u, 'base64url').toString('utf8');
    const match = /^p:(\d{1,19})$/.exec(decoded);
    return match === null ? t.failure(u, c) : t.success(match[1]!);
  },
  encodeCursor,
);

/** The page parameters of a list's query string (other parameters are left to the route). */
export const PageQuery = t.exact(
  t.partial({ 'page[size]': PageSize, 'page[after]': Cursor }),
  'PageQuery',
);
export type PageQuery = t.TypeOf<typeof PageQuery>;

export const pageRequestOf = (query: PageQuery): PageRequest => ({
  ...(query['page[size]'] === undefined ? {} : { size: query['page[size]'] }),
  ...(query['page[after]'] === undefined ? {} : { after: query['page[after]'] }),
});

/** `{"<name>": [...], "meta": {...}, "links": {"next": url|null}}` */
export const listBody = <A, B>(
  name: string,
  page: Page<A>,
  render: (item: A) => B,
  requestUrl: () => URL,
): Record<string, unknown> => {
  const cursor = page.after === null ? null : encodeCursor(page.after);
  let next: string | null = null;
  if (cursor !== null) {
    const url = requestUrl();
    url.searchParams.set('page[after]', cursor);
    next = url.href;
  }
  return {
    [name]: page.items.map(render),
    meta: { has_more: page.hasMore, after_cursor: cursor },
    links: { next },
  };
};
