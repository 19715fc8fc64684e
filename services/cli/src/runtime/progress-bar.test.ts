import { progressBar, renderProgress } from './progress-bar';

const sink = (isTTY: boolean) => {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
};

describe('progress of long commands', () => {
  it('draws a bar with the share done, the count and the rate', () => {
    expect(
      renderProgress({
        label: 'rebuilding',
        done: 450_000,
        unit: 'events',
        perSecond: 51_234.4,
        fraction: 0.45,
      }),
    ).toBe(`rebuilding [${'#'.repeat(14)}${'.'.repeat(16)}]  45% 450,000 events, 51,234 events/s`);
    expect(renderProgress({ done: 12, unit: 'tickets', perSecond: 3 })).toBe(
      '12 tickets, 3 tickets/s',
    );
  });

  it('writes JSON lines at most once per interval off a terminal, and always the last one', () => {
    let now = 0;
    const { stream, written } = sink(false);
    const bar = progressBar(stream, { intervalMs: 1000, now: () => now });
    for (now = 0; now < 2500; now += 100) bar.update({ done: now, unit: 'events', perSecond: 1 });
    bar.finish({ done: 2500, unit: 'events', perSecond: 1 });
    const lines = written.map((w) => JSON.parse(w) as { msg: string; done: number });
    expect(lines.map((l) => l.done)).toEqual([0, 1000, 2000, 2500]);
    expect(lines.every((l) => l.msg === 'progress')).toBe(true);
  });

  it('redraws one line in place on a terminal and ends it when finished', () => {
    const { stream, written } = sink(true);
    const bar = progressBar(stream, { now: () => 0 });
    bar.update({ done: 1, unit: 'events', perSecond: 1 });
    bar.finish({ done: 2, unit: 'events', perSecond: 2 });
    expect(written.every((w) => w.startsWith('\r'))).toBe(true);
    expect(written[written.length - 1]!.endsWith('\n')).toBe(true);
  });
});
