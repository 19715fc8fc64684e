/**
 * Cursor pagination: rows are ordered by a position that only grows (the global position of the
 * event that created them), so "after this position" never skips nor repeats a row.
 */
export interface PageRequest {
  /** the `after` of the previous page */
  readonly after?: string;
  /** 1 to 100 (the API's `page[size]`); 100 when absent */
  readonly size?: number;
}

export interface Page<A> {
  readonly items: ReadonlyArray<A>;
  readonly hasMore: boolean;
  /** pass as `after` to get the next page; null when there is none */
  readonly after: string | null;
}

export const maxPageSize = 100;

export const pageSizeOf = (request: PageRequest): number =>
  Math.min(maxPageSize, Math.max(1, Math.floor(request.size ?? maxPageSize)));

/** `after` as a position; anything that is not one starts from the beginning. */
export const afterPositionOf = (request: PageRequest): string =>
  request.after !== undefined && /^\d{1,19}$/.test(request.after) ? request.after : '0';

/** From `size + 1` rows read, the page of `size` and whether more follow. */
export const pageOf = <Row, A>(
  rows: ReadonlyArray<Row>,
  size: number,
  positionOf: (row: Row) => bigint,
  toItem: (row: Row) => A,
): Page<A> => {
  const kept = rows.slice(0, size);
  const last = kept[kept.length - 1];
  const hasMore = rows.length > size;
  return {
    items: kept.map(toItem),
    hasMore,
    after: hasMore && last !== undefined ? positionOf(last).toString() : null,
  };
};
