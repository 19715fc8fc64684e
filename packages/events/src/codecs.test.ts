import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { exact, intersection, nullable, partial, strict, type } from './codecs';
import { Uuid } from './primitives';

/** decodes `'12'` to `12`: a field whose decoded value is not the value read */
const NumberFromText = new t.Type<number, string, unknown>(
  'NumberFromText',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'string' && /^\d+$/.test(u) ? t.success(Number(u)) : t.failure(u, c)),
  String,
);

const ours = strict(
  {
    id: Uuid,
    rel: nullable(t.string),
    count: NumberFromText,
    via: strict({ channel: t.string, note: nullable(Uuid) }),
    anything: t.unknown,
  },
  'Sample',
);
const theirs = t.strict(
  {
    id: Uuid,
    rel: t.union([t.string, t.null], 'string | null'),
    count: NumberFromText,
    via: t.strict({ channel: t.string, note: t.union([Uuid, t.null], 'Uuid | null') }),
    anything: t.unknown,
  },
  'Sample',
);
const both = exact(t.intersection([type({ id: Uuid }), t.partial({ note: t.string })]));
const bothTheirs = t.exact(t.intersection([t.type({ id: Uuid }), t.partial({ note: t.string })]));

const id = '6f1c0d2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f';

/** what a decode says: the value, or the path, expected type and value of each error */
const outcome = <A>(result: t.Validation<A>) =>
  E.isRight(result)
    ? { value: result.right }
    : {
        errors: result.left.map((e) => ({
          path: e.context.map((entry) => `${entry.key}:${entry.type.name}`).join('/'),
          value: e.value,
        })),
      };

const via = { channel: 'web', note: null };

describe('codecs decode as io-ts does, allocating less on the way to a success', () => {
  const samples: ReadonlyArray<unknown> = [
    { id, rel: null, count: '3', via, anything: 1 },
    { id, rel: 'merge', count: '4', via: { ...via, extra: 1 }, unknown: true },
    { id, rel: 'merge', count: '4', via: { channel: 7, note: null } },
    { id, rel: 'merge', count: '4', via: { channel: 'web', note: 'not-a-uuid' } },
    { id: 'not-a-uuid', rel: 5, count: 'four', via },
    { id, count: '1', via },
    { id, rel: null, count: '1', via: null },
    null,
    [],
    'text',
  ];

  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))(
    'gives the same value or the same errors for %s',
    (_, sample) => {
      expect(outcome(ours.decode(sample))).toStrictEqual(outcome(theirs.decode(sample)));
      expect(ours.is(sample)).toBe(theirs.is(sample));
    },
  );

  it('returns a value with nothing to strip or convert as it came, and never changes its input', () => {
    const Plain = strict({ id: Uuid, rel: nullable(t.string), via: strict({ channel: t.string }) });
    const clean = { id, rel: null, via: { channel: 'web' } };
    const decoded = Plain.decode(clean);
    expect(E.isRight(decoded) && decoded.right).toBe(clean);

    const sample = { id, rel: null, count: '3', via: { ...via, extra: 1 }, unknown: true };
    const copy = structuredClone(sample);
    expect(ours.decode(sample)).toStrictEqual(
      E.right({ id, rel: null, count: 3, via, anything: undefined }),
    );
    expect(sample).toStrictEqual(copy);
  });

  it('nullable: null, its codec first, and the errors of both branches when neither fits', () => {
    expect(nullable(Uuid).decode(null)).toStrictEqual(E.right(null));
    expect(nullable(NumberFromText).decode('7')).toStrictEqual(E.right(7));
    // a codec that takes null itself decides what null becomes, as the first branch of a union
    const Defaulted = new t.Type<string, string, unknown>(
      'Defaulted',
      (u): u is string => typeof u === 'string' || u === null,
      (u) => t.success(typeof u === 'string' ? u : 'none'),
      String,
    );
    expect(nullable(Defaulted).decode(null)).toStrictEqual(
      t.union([Defaulted, t.null]).decode(null),
    );
    expect(outcome(nullable(Uuid).decode('x'))).toStrictEqual(
      outcome(t.union([Uuid, t.null], 'Uuid | null').decode('x')),
    );
    expect(nullable(Uuid)).toBeInstanceOf(t.UnionType);
  });

  it('exact takes the props of every part of an intersection, and encodes without unknown keys', () => {
    const value = { id, note: 'n', other: 'x' };
    expect(outcome(both.decode(value))).toStrictEqual(outcome(bothTheirs.decode(value)));
    expect(both.decode(value)).toStrictEqual(E.right({ id, note: 'n' }));
    expect(outcome(both.decode({ note: 3 }))).toStrictEqual(
      outcome(bothTheirs.decode({ note: 3 })),
    );
    expect(both.name).toBe(bothTheirs.name);
    const Plain = strict({ id: Uuid, via: strict({ channel: t.string }) });
    expect(Plain.encode({ id, via: { channel: 'web', extra: 1 } as { channel: string } })).toEqual({
      id,
      via: { channel: 'web' },
    });
  });

  it('builds the io-ts classes under io-ts names, as the events documentation reads them', () => {
    expect(ours).toBeInstanceOf(t.ExactType);
    expect(ours.type).toBeInstanceOf(t.InterfaceType);
    expect(Object.keys(ours.type.props)).toEqual(['id', 'rel', 'count', 'via', 'anything']);
    expect(strict({ a: t.string }).name).toBe(t.strict({ a: t.string }).name);
    expect(type({ a: t.string }).name).toBe(t.type({ a: t.string }).name);
  });
});

describe('partial and intersection decode as io-ts does, without a context per field or part', () => {
  const Chain = strict({ hash: t.string, previous: nullable(Uuid) });
  const oursPartial = partial({
    note: Uuid,
    count: NumberFromText,
    chain: Chain,
    tags: t.array(Uuid),
  });
  const theirsPartial = t.partial({
    note: Uuid,
    count: NumberFromText,
    chain: t.strict({ hash: t.string, previous: t.union([Uuid, t.null], 'Uuid | null') }),
    tags: t.array(Uuid),
  });
  const oursEnvelope = exact(intersection([type({ id: Uuid, at: t.string }), oursPartial]));
  const theirsEnvelope = t.exact(
    t.intersection([t.type({ id: Uuid, at: t.string }), theirsPartial]),
  );
  const chain = { hash: 'h', previous: null };
  const samples: ReadonlyArray<unknown> = [
    {},
    { note: id },
    { note: 'x' },
    { note: undefined, count: undefined },
    { count: '3' },
    { count: 'three' },
    { chain },
    { chain: { ...chain, extra: 1 } },
    { chain: { hash: 5, previous: null } },
    { tags: [id, id] },
    { tags: [id, 'x'] },
    { id, at: 'now' },
    { id, at: 'now', note: id, count: '2', chain, tags: [], other: true },
    { id, at: 'now', chain: { ...chain, extra: 1 } },
    { id: 'x', at: 7, note: 'y' },
    null,
    'text',
    [],
  ];

  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))(
    'gives the same value or the same errors for %s',
    (_, sample) => {
      expect(outcome(oursPartial.decode(sample))).toStrictEqual(
        outcome(theirsPartial.decode(sample)),
      );
      expect(outcome(oursEnvelope.decode(sample))).toStrictEqual(
        outcome(theirsEnvelope.decode(sample)),
      );
      expect(oursEnvelope.is(sample)).toBe(theirsEnvelope.is(sample));
    },
  );

  it('returns a valid envelope as it came, its parts and fields only checked', () => {
    const envelope = { id, at: 'now', note: id, chain, tags: [id] };
    const decoded = oursEnvelope.decode(envelope);
    expect(E.isRight(decoded) && decoded.right).toBe(envelope);
    // a field to convert makes a copy, as io-ts makes one; the input is left as it was
    const converted = oursEnvelope.decode({ ...envelope, count: '4' });
    expect(converted).toStrictEqual(E.right({ ...envelope, count: 4 }));
  });

  it('builds the io-ts classes under io-ts names', () => {
    expect(oursPartial).toBeInstanceOf(t.PartialType);
    expect(oursPartial.name).toBe(theirsPartial.name);
    expect(oursEnvelope.type).toBeInstanceOf(t.IntersectionType);
    expect(oursEnvelope.name).toBe(theirsEnvelope.name);
  });
});
