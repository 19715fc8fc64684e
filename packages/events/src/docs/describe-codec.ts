import * as t from 'io-ts';

/** One field of an object codec, as the catalog documents it. */
export interface FieldDoc {
  readonly name: string;
  readonly optional: boolean;
  readonly type: TypeDoc;
}

/**
 * An io-ts codec as a reader of the contract needs it: its type's name, the values of an
 * enumeration, the fields of an object (also inside arrays and nullables), the shapes of a union.
 */
export interface TypeDoc {
  readonly name: string;
  readonly values?: ReadonlyArray<string>;
  readonly fields?: ReadonlyArray<FieldDoc>;
  readonly variants?: ReadonlyArray<TypeDoc>;
}

type Props = ReadonlyArray<{ readonly name: string; readonly codec: t.Mixed; optional: boolean }>;

/** The fields of an object codec (strict, exact, partial or an intersection of them); none for any other. */
export const objectProps = (codec: t.Mixed): Props | undefined => {
  if (codec instanceof t.ExactType) return objectProps(codec.type as t.Mixed);
  if (codec instanceof t.RefinementType) return objectProps(codec.type as t.Mixed);
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const optional = codec instanceof t.PartialType;
    return Object.entries(codec.props as t.Props).map(([name, field]) => ({
      name,
      codec: field,
      optional,
    }));
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map(objectProps);
    return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
};

// io-ts names an unnamed object by its shape (`{ a: string }`, `Partial<{ a: string }>`,
// `({ a: string } & { b?: string })`): that is no name for a reader
const givenName = (codec: t.Mixed, fallback: string): string =>
  /^(\{|Partial<|\()/.test(codec.name) ? fallback : codec.name;

const arrayElement = (codec: t.Mixed): t.Mixed | undefined =>
  codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType
    ? (codec.type as t.Mixed)
    : undefined;

export const describeCodec = (codec: t.Mixed): TypeDoc => {
  const props = objectProps(codec);
  if (props !== undefined)
    return {
      name: givenName(codec, 'object'),
      fields: props.map((p) => ({
        name: p.name,
        optional: p.optional,
        type: describeCodec(p.codec),
      })),
    };
  const element = arrayElement(codec);
  if (element !== undefined) {
    const inner = describeCodec(element);
    return { ...inner, name: `Array<${inner.name}>` };
  }
  if (codec instanceof t.KeyofType)
    return { name: codec.name, values: Object.keys(codec.keys as Record<string, unknown>) };
  if (codec instanceof t.UnionType) {
    const branches = (codec.types as t.Mixed[]).map(describeCodec);
    const nonNull = branches.filter((b) => b.name !== 'null');
    const [only] = nonNull;
    // `T | null`: documented as T, named as nullable
    if (nonNull.length === 1 && only !== undefined) return { ...only, name: `${only.name} | null` };
    return {
      name: codec.name,
      ...(branches.some((b) => b.fields !== undefined) ? { variants: branches } : {}),
    };
  }
  if (codec instanceof t.DictionaryType) {
    const values = describeCodec(codec.codomain as t.Mixed);
    return { name: `Record<${(codec.domain as t.Mixed).name}, ${values.name}>` };
  }
  return { name: codec.name };
};
