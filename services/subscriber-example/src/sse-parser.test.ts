import { SseParser } from './sse-parser';

describe('parsing text/event-stream as EventSource does', () => {
  it('dispatches a block per blank line, whatever the line endings and wherever the text is cut', () => {
    const stream =
      'retry: 2000\nid: 4\n\n: heartbeat\n\nid: 5\ndata: {"a":1}\r\n\r\nid: 9\r\rdata: x\ndata: y\n\n';
    for (let cut = 0; cut <= stream.length; cut++) {
      const parser = new SseParser();
      const messages = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
      expect([cut, messages]).toEqual([
        cut,
        [
          { kind: 'retry', ms: 2000 },
          { kind: 'id', id: '4' },
          { kind: 'id', id: '4' },
          { kind: 'message', id: '5', data: '{"a":1}' },
          { kind: 'id', id: '9' },
          { kind: 'message', id: '9', data: 'x\ny' },
        ],
      ]);
    }
  });

  it('keeps the last id across blocks that name none, and ignores comments and unknown fields', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\ndata: a\n\n: note\nevent: other\ndata: b\n\n')).toEqual([
      { kind: 'message', id: '3', data: 'a' },
      { kind: 'message', id: '3', data: 'b' },
    ]);
  });
});
