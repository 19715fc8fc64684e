/** Where the application gets the time from; deciders never read it (they are pure). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
