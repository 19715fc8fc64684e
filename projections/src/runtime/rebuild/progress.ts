import type { Checkpoint } from '../checkpoints';

export interface RebuildProgress {
  readonly projections: ReadonlyArray<string>;
  /** `building` after each batch, `swapping` before the swap, `done` after it */
  readonly phase: 'building' | 'swapping' | 'done';
  /** events read from the log and applied by this run (a resumed rebuild counts from where it resumed) */
  readonly events: number;
  /** how far the scratch tables have got */
  readonly position: Checkpoint;
  /** the head of the log when the last batch was read */
  readonly head: Checkpoint;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

/** Keeps the running figures of one rebuild and turns them into progress reports. */
export const progressMeter = (projections: ReadonlyArray<string>, clock: () => number) => {
  const started = clock();
  let events = 0;
  let position: Checkpoint;
  let head: Checkpoint;
  return {
    advanced: (read: number, through: Checkpoint, seenHead: Checkpoint) => {
      events += read;
      position = through;
      head = seenHead;
    },
    report: (phase: RebuildProgress['phase']): RebuildProgress => {
      const elapsedMs = clock() - started;
      return {
        projections,
        phase,
        events,
        position,
        head,
        elapsedMs,
        eventsPerSecond: elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0,
      };
    },
  };
};
