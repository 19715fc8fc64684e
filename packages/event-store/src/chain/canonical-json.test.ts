import { canonicalJson } from './canonical-json';

describe('issue 8: the canonical JSON an event hash is computed over', () => {
  it('sorts keys at every depth, so a store that reorders them (jsonb) changes nothing', () => {
    const written = { b: 1, a: { d: [{ y: 1, x: 2 }], c: null } };
    const reordered = { a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(written)).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(reordered)).toBe(canonicalJson(written));
  });

  it('sorts integer-like keys as text too (JavaScript itself lists them first, by number)', () => {
    const value = { b: 1, 10: 'ten', 9: 'nine', a: { 2: null, x: [{ 1: 1, 0: 0 }] } };
    expect(canonicalJson(value)).toBe(
      '{"10":"ten","9":"nine","a":{"2":null,"x":[{"0":0,"1":1}]},"b":1}',
    );
  });

  it('keeps array order: reordering a list is a change', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('reads back what it writes, for every kind of JSON value', () => {
    const value = {
      text: 'Écran noir — « urgent » 🚨 "quoted"\n\t\\',
      numbers: [0, -0.125, 1e21, 2 ** 60, 0.1 + 0.2],
      flags: [true, false],
      nothing: null,
      empty: {},
      emptyList: [],
    };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('writes what JSON.stringify writes for values it has no JSON for', () => {
    const value = { gone: undefined, list: [undefined, Number.NaN], when: new Date(0) };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('throws for a bigint or a cycle, as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
