/** Latency figures of one benchmark case. */
export interface CaseResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export const summarise = (events: number, seconds: number, latenciesMs: number[]): CaseResult => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    events,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(events / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
};

/** Runs `operations` calls of `operation` with at most `concurrency` in flight; returns their latencies. */
export const runConcurrently = async (
  operations: number,
  concurrency: number,
  operation: (i: number) => Promise<unknown>,
  onProgress?: (done: number) => void,
): Promise<{ seconds: number; latenciesMs: number[] }> => {
  const latenciesMs: number[] = new Array(operations);
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < operations) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await operation(i);
      latenciesMs[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      done++;
      if (onProgress && done % 1000 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs };
};

/** Progress goes to stderr so that stdout keeps the figures and the final JSON line. */
export const progress = (message: string) => process.stderr.write(`  … ${message}\n`);
