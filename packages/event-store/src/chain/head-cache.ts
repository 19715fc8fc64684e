/** A stream's last event as this process knows it: its revision and the hash the next event chains to. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

export interface HeadCache {
  /** the head known for the stream, now the most recently used */
  readonly get: (streamName: string) => StreamHead | undefined;
  /** keeps a head unless a later one is known already (answers can arrive out of order) */
  readonly remember: (streamName: string, head: StreamHead) => void;
  /** drops the head if it is still the one at `revision`: a conflict showed it stale */
  readonly forget: (streamName: string, revision: bigint) => void;
  readonly size: () => number;
}

/**
 * A bounded LRU of stream heads. A `Map` iterates in insertion order, so re-inserting on use keeps
 * the least recently used first, and evicting is deleting the first key.
 */
export const createHeadCache = (capacity: number): HeadCache => {
  const heads = new Map<string, StreamHead>();
  return {
    get: (streamName) => {
      const head = heads.get(streamName);
      if (head !== undefined) {
        heads.delete(streamName);
        heads.set(streamName, head);
      }
      return head;
    },
    remember: (streamName, head) => {
      const known = heads.get(streamName);
      if (known !== undefined && known.revision >= head.revision) return;
      heads.delete(streamName);
      heads.set(streamName, head);
      if (heads.size > capacity) heads.delete(heads.keys().next().value!);
    },
    forget: (streamName, revision) => {
      if (heads.get(streamName)?.revision === revision) heads.delete(streamName);
    },
    size: () => heads.size,
  };
};
