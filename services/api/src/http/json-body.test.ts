import * as E from 'fp-ts/Either';
import { jsonDepthExceeds, parseJsonBody } from './json-body';

describe('JSON bodies', () => {
  it('counts nesting without parsing, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonDepthExceeds('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[[1]]}', 2)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
  });

  it('refuses a million opening brackets quickly and without a stack overflow', () => {
    const hostile = '['.repeat(1_000_000);
    const started = Date.now();
    const parsed = parseJsonBody(Buffer.from(hostile), { maxDepth: 32 });
    expect(E.isLeft(parsed) && parsed.left.kind).toBe('InvalidJSON');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads an empty body as nothing, and malformed JSON as InvalidJSON', () => {
    expect(parseJsonBody(undefined, { maxDepth: 32 })).toEqual(E.right(undefined));
    expect(parseJsonBody(Buffer.from('  '), { maxDepth: 32 })).toEqual(E.right(undefined));
    const bad = parseJsonBody(Buffer.from('{"a":'), { maxDepth: 32 });
    expect(E.isLeft(bad) && bad.left.kind).toBe('InvalidJSON');
  });
});
