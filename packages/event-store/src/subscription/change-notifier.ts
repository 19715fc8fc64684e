/**
 * A wake-up signal: something that says "the log may have grown". It carries no events, so a
 * missed or spurious wake-up costs a read, never an event.
 */
export interface ChangeSignal {
  /** Calls `listener` after each change; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

export interface ChangeNotifier extends ChangeSignal {
  /** Tells every listener the log may have grown (after an append, on a NOTIFY, ...). */
  notify(): void;
}

export const createChangeNotifier = (): ChangeNotifier => {
  const listeners = new Set<() => void>();
  return {
    onChange: (listener) => {
      // wrapped so that one function registered twice is also stopped twice
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    notify: () => {
      for (const listener of [...listeners]) listener();
    },
  };
};
