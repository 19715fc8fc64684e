import * as t from 'io-ts';

/**
 * A union of object codecs told apart by their `type` field. Unlike `t.union`, which reports the
 * failures of every branch, it decodes with the one branch the `type` names, so a malformed
 * command reports only its own bad fields (by path), and an unknown `type` reports `type`.
 * Its members only decode: they encode as themselves.
 */
export const taggedUnion = <Members extends Record<string, t.Mixed>>(
  name: string,
  members: Members,
): t.Type<t.TypeOf<Members[keyof Members]>, t.TypeOf<Members[keyof Members]>, unknown> => {
  const tags = t.keyof(
    Object.fromEntries(Object.keys(members).map((tag) => [tag, null])),
    Object.keys(members).join(' | '),
  );
  const memberFor = (u: unknown): t.Mixed | undefined => {
    if (typeof u !== 'object' || u === null || !('type' in u)) return undefined;
    const tag = u.type;
    return typeof tag === 'string' && Object.hasOwn(members, tag) ? members[tag] : undefined;
  };
  return new t.Type(
    name,
    (u): u is t.TypeOf<Members[keyof Members]> => memberFor(u)?.is(u) ?? false,
    (u, context) => {
      if (typeof u !== 'object' || u === null) return t.failure(u, context);
      const member = memberFor(u);
      // an unnamed step, so that the member's own branches (of an intersection) stay out of paths
      if (member !== undefined) return member.validate(u, t.appendContext(context, '', member, u));
      const tag = 'type' in u ? u.type : undefined;
      return t.failure(tag, t.appendContext(context, 'type', tags, tag));
    },
    t.identity,
  );
};
