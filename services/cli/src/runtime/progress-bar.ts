/**
 * Progress of a long command on stderr: on a terminal one line redrawn in place, at most ten times a
 * second; elsewhere (CI, a pipe) one JSON line at most every `intervalMs`, so a log keeps the trace.
 */
export interface ProgressLine {
  readonly done: number;
  /** how far along, from 0 to 1, when known */
  readonly fraction?: number;
  readonly unit: string;
  readonly perSecond: number;
  readonly label?: string;
}

export interface ProgressBar {
  readonly update: (line: ProgressLine) => void;
  /** draws the last state for good and ends the line */
  readonly finish: (line: ProgressLine) => void;
}

const width = 30;
const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

export const renderProgress = (line: ProgressLine): string => {
  const share = line.fraction === undefined ? undefined : Math.max(0, Math.min(1, line.fraction));
  const bar =
    share === undefined
      ? ''
      : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${(share * 100).toFixed(0).padStart(3)}% `;
  return `${line.label === undefined ? '' : `${line.label} `}${bar}${grouped(line.done)} ${line.unit}, ${grouped(line.perSecond)} ${line.unit}/s`;
};

export const progressBar = (
  stream: NodeJS.WriteStream = process.stderr,
  options: { readonly intervalMs?: number; readonly now?: () => number } = {},
): ProgressBar => {
  const now = options.now ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const interval = tty ? 100 : (options.intervalMs ?? 1000);
  let last = -Infinity;
  const draw = (line: ProgressLine, final: boolean) => {
    if (tty) stream.write(`\r${renderProgress(line)}\u001b[K${final ? '\n' : ''}`);
    else
      stream.write(
        `${JSON.stringify({ level: 'info', service: 'helpdesk', msg: 'progress', ...line, perSecond: Math.round(line.perSecond) })}\n`,
      );
  };
  return {
    update: (line) => {
      const t = now();
      if (t - last < interval) return;
      last = t;
      draw(line, false);
    },
    finish: (line) => draw(line, true),
  };
};
