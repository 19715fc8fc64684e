/**
 * One writer at a time per stream, in the order they asked. Taking turns on several streams at once
 * registers on all of them before waiting, so two callers can never wait for each other.
 */
export const createStreamTurns = () => {
  const tails = new Map<string, Promise<void>>();
  return {
    /** resolves when every earlier turn on these streams has ended; call the result to end this one */
    take: async (streamNames: Iterable<string>): Promise<() => void> => {
      let end!: () => void;
      const turn = new Promise<void>((resolve) => {
        end = resolve;
      });
      const names = [...new Set(streamNames)];
      const earlier = names.flatMap((name) => {
        const tail = tails.get(name);
        tails.set(name, turn);
        return tail === undefined ? [] : [tail];
      });
      await Promise.all(earlier);
      return () => {
        end();
        for (const name of names) if (tails.get(name) === turn) tails.delete(name);
      };
    },
  };
};
