import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { exact, strict } from './exact';
import { nullable, Uuid } from './primitives';

const props = { id: Uuid, rel: nullable(t.string), via: strict({ channel: t.string }) };
const ours = strict(props, 'Sample');
const theirs = t.strict(props, 'Sample');
const both = exact(t.intersection([t.type({ id: Uuid }), t.partial({ note: t.string })]));
const bothTheirs = t.exact(t.intersection([t.type({ id: Uuid }), t.partial({ note: t.string })]));

const id = '6f1c0d2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f';

/** what a decode says: the value or the paths and values of its errors */
const outcome = <A>(result: t.Validation<A>) =>
  E.isRight(result)
    ? { value: result.right }
    : {
        errors: result.left.map((e) => ({
          path: e.context.map((entry) => `${entry.key}:${entry.type.name}`).join('/'),
          value: e.value,
        })),
      };

describe('exact and strict decode as io-ts does, copying only what has unknown keys', () => {
  const samples: ReadonlyArray<unknown> = [
    { id, rel: null, via: { channel: 'web' } },
    { id, rel: 'merge', via: { channel: 'web', extra: 1 }, unknown: true },
    { id, rel: 'merge', via: { channel: 7 } },
    { id: 'not-a-uuid', via: { channel: 'web' } },
    { id, rel: null, via: null },
    null,
    [],
    'text',
  ];

  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))(
    'gives the same value or the same errors for %s',
    (_, sample) => {
      expect(outcome(ours.decode(sample))).toEqual(outcome(theirs.decode(sample)));
      expect(ours.is(sample)).toBe(theirs.is(sample));
    },
  );

  it('strips unknown keys at every level, and returns a value with none as it came', () => {
    const clean = { id, rel: null, via: { channel: 'web' } };
    const decoded = ours.decode(clean);
    expect(E.isRight(decoded) && decoded.right).toBe(clean);

    const extra = { id, rel: null, via: { channel: 'web', extra: 1 }, unknown: true };
    expect(ours.decode(extra)).toEqual(E.right({ id, rel: null, via: { channel: 'web' } }));
    expect(extra).toEqual({ id, rel: null, via: { channel: 'web', extra: 1 }, unknown: true });
  });

  it('takes the props of every part of an intersection, and encodes without unknown keys', () => {
    const value = { id, note: 'n', other: 'x' };
    expect(outcome(both.decode(value))).toEqual(outcome(bothTheirs.decode(value)));
    expect(both.decode(value)).toEqual(E.right({ id, note: 'n' }));
    expect(both.name).toBe(bothTheirs.name);
    expect(
      ours.encode({ id, rel: null, via: { channel: 'web', extra: 1 } as { channel: string } }),
    ).toEqual({ id, rel: null, via: { channel: 'web' } });
  });

  it('is an ExactType over the codec it was given, as the events documentation reads it', () => {
    expect(ours).toBeInstanceOf(t.ExactType);
    expect(Object.keys(ours.type.props)).toEqual(['id', 'rel', 'via']);
    expect(strict({ a: t.string }).name).toBe(t.strict({ a: t.string }).name);
  });
});
