/**
 * A one-reader queue between a push source (the client's subscription stream) and an async
 * iterator. `end` lets the reader drain nothing more: what is pending is dropped, because the
 * reader asked to stop.
 */
export class MessageQueue<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  private ended = false;

  get length(): number {
    return this.items.length;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  push(item: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ done: false, value: item });
    else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    this.items.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: item });
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
