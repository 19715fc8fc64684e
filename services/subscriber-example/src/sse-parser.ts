/** What a server-sent-events stream says, block by block. */
export type SseMessage =
  /** a block with data: one event */
  | { readonly kind: 'message'; readonly id: string; readonly data: string }
  /** a block without data: only the last event id moves (the feed's checkpoints) */
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'retry'; readonly ms: number };

/**
 * Parses `text/event-stream` as EventSource does (WHATWG HTML, "Server-sent events"): lines end in
 * CR, LF or CRLF; `:` starts a comment; fields build a block that a blank line dispatches; the id
 * of the last dispatched block is the one to resume after. Text may arrive cut anywhere.
 */
export class SseParser {
  private pending = '';
  private data: string[] = [];
  private id = '';
  // a CR ending one chunk may be the first half of a CRLF
  private afterCr = false;

  push(text: string): SseMessage[] {
    let input = text;
    if (this.afterCr && input.startsWith('\n')) input = input.slice(1);
    this.afterCr = input.endsWith('\r');
    const lines = (this.pending + input).split(/\r\n|\r|\n/);
    this.pending = lines.pop() ?? '';
    return lines.flatMap((line) => this.line(line));
  }

  private line(line: string): SseMessage[] {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return [];
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value))
      return [{ kind: 'retry', ms: Number(value) }];
    return [];
  }

  private dispatch(): SseMessage[] {
    const data = this.data;
    this.data = [];
    return data.length === 0
      ? [{ kind: 'id', id: this.id }]
      : [{ kind: 'message', id: this.id, data: data.join('\n') }];
  }
}
