import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

/**
 * io-ts combinators that decode as io-ts's own (the same classes, names, values and errors) while
 * allocating less on the way to a success, which is what reading the log does a million times per
 * rebuild (docs/performance.md, "Session 8"):
 * - io-ts gives each field its own context (a new array) before decoding it, needed only to say
 *   where a failure is. Here the fields of a record and the branch of a nullable are decoded first
 *   in their parent's context; at the first failure the value is decoded again by the io-ts codec,
 *   whose errors are the ones reported.
 * - io-ts's `exact` copies every object it strips, unknown keys or not, and checks it is a record
 *   twice. Here a value with no unknown key is returned as it came.
 * - A field whose codec returns a valid value as it came (`keptWhenValid`) is only checked, with
 *   the codec's `is`: no success is built for it. So a record of such fields allocates nothing but
 *   its own success.
 * - `t.partial` and `t.intersection` give each field and each part its own context too, and
 *   `t.partial` decodes an absent field, to drop the failure. Here neither is done on the way to a
 *   success (docs/performance.md, "Session 11").
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** Codecs marked by `checkOnly`: a refinement of a primitive, returned as it came when valid. */
const checkedOnly = new WeakSet<t.Any>();

/** Marks a codec whose `validate` returns the value it was given when `is` accepts it, else fails. */
export const checkOnly = <C extends t.Any>(codec: C): C => {
  checkedOnly.add(codec);
  return codec;
};

/** Exact codecs made here: they return a value with no unknown key as it came. */
const keptExact = new WeakSet<t.Any>();

/**
 * Whether a codec's success is the very value it was given, and `is` says when it succeeds: then
 * checking a value is decoding it.
 */
const keepsValue = (codec: t.Any): boolean =>
  checkedOnly.has(codec) ||
  codec instanceof t.StringType ||
  codec instanceof t.NumberType ||
  codec instanceof t.BooleanType ||
  codec instanceof t.NullType ||
  codec instanceof t.UnknownType ||
  codec instanceof t.KeyofType ||
  codec instanceof t.LiteralType ||
  (codec instanceof t.UnionType && (codec.types as t.Any[]).every(keepsValue)) ||
  (codec instanceof t.ArrayType && keepsValue(codec.type as t.Any)) ||
  (codec instanceof t.InterfaceType && Object.values(codec.props as t.Props).every(keepsValue));

/**
 * A test true only of values the codec decodes to themselves, cheaper than decoding them; undefined
 * when there is none. False says nothing: the value must then be decoded.
 */
const keptWhenValid = (codec: t.Any): ((u: unknown) => boolean) | undefined => {
  // io-ts's union `is` makes a closure on every call
  if (codec instanceof t.UnionType && keepsValue(codec)) {
    const types = codec.types as t.Any[];
    return (u) => {
      for (const type of types) if (type.is(u)) return true;
      return false;
    };
  }
  if (keepsValue(codec)) return (u) => codec.is(u);
  if (codec instanceof t.ExactType && keptExact.has(codec) && keepsValue(codec.type as t.Any)) {
    const props = propsOf(codec.type as t.HasProps);
    return (u) => codec.is(u) && !hasUnknownKey(u as Record<string, unknown>, props);
  }
  return undefined;
};

/**
 * The validate of a record of `props`: each field decoded in the record's own context, the record
 * copied once a field decodes to another value, and at the first failure `standard`'s validate,
 * whose errors are the ones reported. An undefined field of `t.type` is decoded (io-ts adds the key
 * when its codec takes undefined); one of `t.partial` is left alone where decoding `undefined`
 * could change nothing (a failure there is dropped, a success is `undefined`).
 */
const recordValidate = <A>(
  props: t.Props,
  standard: t.Decoder<unknown, A>,
  optional: boolean,
): t.Validate<unknown, A> => {
  const keys = Object.keys(props);
  const codecs = keys.map((key) => props[key]!);
  const checks = codecs.map(keptWhenValid);
  return (u, c) => {
    if (!t.UnknownRecord.is(u)) return standard.validate(u, c);
    let decoded = u;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i]!;
      const value = decoded[key];
      const check = checks[i];
      if (value !== undefined) {
        if (check?.(value) === true) continue;
      } else if (optional) {
        if (check !== undefined) continue;
        return standard.validate(u, c);
      }
      const result = codecs[i]!.validate(value, c);
      if (E.isLeft(result)) return standard.validate(u, c);
      // as io-ts does: the object is copied once a field decodes to another value
      if (
        result.right !== value ||
        (!optional && value === undefined && !hasOwn.call(decoded, key))
      ) {
        if (decoded === u) decoded = { ...u };
        decoded[key] = result.right;
      }
    }
    return t.success(decoded as A);
  };
};

/** `t.type`: the same `InterfaceType`, a success decoded without a context per field. */
export const type = <P extends t.Props>(props: P, name?: string): t.TypeC<P> => {
  const standard = t.type(props, name);
  return new t.InterfaceType(
    standard.name,
    standard.is,
    recordValidate(props, standard, false),
    standard.encode,
    props,
  );
};

/** `codec | null` as `t.union([codec, t.null])`: the same `UnionType`, its first branch tried first. */
export const nullable = <C extends t.Mixed>(codec: C) => {
  const standard = t.union([codec, t.null], `${codec.name} | null`);
  return new t.UnionType<[C, t.NullC], t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    standard.name,
    // io-ts's union `is`, without the closure it makes on every call
    (u): u is t.TypeOf<C> | null => codec.is(u) || u === null,
    (u, c) => {
      if (u === null && !codec.is(null)) return t.success(null);
      const decoded = codec.validate(u, c);
      return E.isRight(decoded) ? decoded : standard.validate(u, c);
    },
    standard.encode,
    standard.types,
  );
};

const propsOf = (codec: t.HasProps): t.Props => {
  switch (codec._tag) {
    case 'RefinementType':
    case 'ReadonlyType':
      return propsOf(codec.type);
    case 'InterfaceType':
    case 'StrictType':
    case 'PartialType':
      return codec.props;
    case 'IntersectionType':
      return Object.assign({}, ...codec.types.map(propsOf)) as t.Props;
    default: {
      const unexpected: never = codec;
      return unexpected;
    }
  }
};

const hasUnknownKey = (value: Record<string, unknown>, props: t.Props): boolean => {
  for (const key in value) if (!hasOwn.call(props, key)) return true;
  return false;
};

const withoutUnknownKeys = <A>(value: A, props: t.Props): A => {
  if (!hasUnknownKey(value as Record<string, unknown>, props)) return value;
  const known: Record<string, unknown> = {};
  for (const name in value) if (hasOwn.call(props, name)) known[name] = value[name];
  return known as A;
};

/** `t.exact`: the same `ExactType`, a value with no unknown key returned as it came. */
export const exact = <C extends t.HasProps>(codec: C, name?: string): t.ExactC<C> => {
  const props = propsOf(codec);
  const kept = keepsValue(codec);
  const strict = new t.ExactType(
    name ?? t.exact(codec).name,
    codec.is,
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c);
      if (kept && codec.is(u) && !hasUnknownKey(u as Record<string, unknown>, props))
        return t.success(u as t.TypeOf<C>);
      const validated = codec.validate(u, c);
      return E.isLeft(validated)
        ? validated
        : t.success(withoutUnknownKeys(validated.right as t.TypeOf<C>, props));
    },
    (a) => codec.encode(withoutUnknownKeys(a, props)) as t.OutputOf<C>,
    codec,
  );
  keptExact.add(strict);
  return strict;
};

/** `t.strict` */
export const strict = <P extends t.Props>(props: P, name?: string): t.ExactC<t.TypeC<P>> =>
  exact(type(props), name ?? t.strict(props).name);

/** `t.partial`: the same `PartialType`, a success decoded without a context per field. */
export const partial = <P extends t.Props>(props: P, name?: string): t.PartialC<P> => {
  const standard = t.partial(props, name);
  return new t.PartialType(
    standard.name,
    standard.is,
    recordValidate(props, standard, true),
    standard.encode,
    props,
  );
};

/**
 * `t.intersection` of two codecs: the same `IntersectionType`, both parts decoded in its own
 * context; when both return the value as it came, so does it (as io-ts's merge does).
 */
export const intersection = <A extends t.Mixed, B extends t.Mixed>(
  codecs: [A, B],
  name?: string,
): t.IntersectionC<[A, B]> => {
  const standard = t.intersection(codecs, name);
  return new t.IntersectionType(
    standard.name,
    standard.is,
    (u, c) => {
      for (const codec of codecs) {
        const result = codec.validate(u, c);
        if (E.isLeft(result) || result.right !== u) return standard.validate(u, c);
      }
      return t.success(u as t.TypeOf<t.IntersectionC<[A, B]>>);
    },
    standard.encode,
    codecs,
  );
};
