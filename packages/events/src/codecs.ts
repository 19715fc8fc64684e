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
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** `t.type`: the same `InterfaceType`, a success decoded without a context per field. */
export const type = <P extends t.Props>(props: P, name?: string): t.TypeC<P> => {
  const standard = t.type(props, name);
  const keys = Object.keys(props);
  const codecs = keys.map((key) => props[key]!);
  return new t.InterfaceType(
    standard.name,
    standard.is,
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return standard.validate(u, c);
      let decoded = u;
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        const value = decoded[key];
        const result = codecs[i]!.validate(value, c);
        if (E.isLeft(result)) return standard.validate(u, c);
        // as io-ts does: the object is copied once a field decodes to another value
        if (result.right !== value || (value === undefined && !hasOwn.call(decoded, key))) {
          if (decoded === u) decoded = { ...u };
          decoded[key] = result.right;
        }
      }
      return t.success(decoded as t.TypeOf<t.TypeC<P>>);
    },
    standard.encode,
    props,
  );
};

/** `codec | null` as `t.union([codec, t.null])`: the same `UnionType`, its first branch tried first. */
export const nullable = <C extends t.Mixed>(codec: C) => {
  const standard = t.union([codec, t.null], `${codec.name} | null`);
  return new t.UnionType<[C, t.NullC], t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    standard.name,
    standard.is,
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

const withoutUnknownKeys = <A>(value: A, props: t.Props): A => {
  for (const key in value)
    if (!hasOwn.call(props, key)) {
      const known: Record<string, unknown> = {};
      for (const name in value) if (hasOwn.call(props, name)) known[name] = value[name];
      return known as A;
    }
  return value;
};

/** `t.exact`: the same `ExactType`, a value with no unknown key returned as it came. */
export const exact = <C extends t.HasProps>(codec: C, name?: string): t.ExactC<C> => {
  const props = propsOf(codec);
  return new t.ExactType(
    name ?? t.exact(codec).name,
    codec.is,
    // every codec with props checks first that the value is a record, with the same context
    (u, c) => {
      const validated = codec.validate(u, c);
      return E.isLeft(validated)
        ? validated
        : t.success(withoutUnknownKeys(validated.right as t.TypeOf<C>, props));
    },
    (a) => codec.encode(withoutUnknownKeys(a, props)) as t.OutputOf<C>,
    codec,
  );
};

/** `t.strict` */
export const strict = <P extends t.Props>(props: P, name?: string): t.ExactC<t.TypeC<P>> =>
  exact(type(props), name ?? t.strict(props).name);
