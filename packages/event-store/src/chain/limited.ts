/** Runs `work` on every item, at most `limit` at a time. */
export const forEachLimited = async <A>(
  items: ReadonlyArray<A>,
  limit: number,
  work: (item: A) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
};
