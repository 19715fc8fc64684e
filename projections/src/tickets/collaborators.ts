/**
 * A ticket's CCs as an ordered list without repeats. A batch that edits the CCs of a ticket whose
 * list it has not read records the edits instead: whatever the list was, the result is the list
 * without `removed`, then every id of `added` not already kept, in order. Folding each add and
 * removal into that pair gives the same list as applying them one by one (collaborators.test.ts).
 */
export interface CollaboratorEdits {
  readonly removed: ReadonlyArray<string>;
  readonly added: ReadonlyArray<string>;
}

export const noEdits: CollaboratorEdits = { removed: [], added: [] };

export const withCollaborator = (ids: ReadonlyArray<string>, id: string): ReadonlyArray<string> =>
  ids.includes(id) ? ids : [...ids, id];

export const withoutCollaborator = (
  ids: ReadonlyArray<string>,
  id: string,
): ReadonlyArray<string> => ids.filter((existing) => existing !== id);

/** An id removed then added again moves to the end, so it stays in `removed` and joins `added`. */
export const addEdit = (edits: CollaboratorEdits, id: string): CollaboratorEdits => ({
  removed: edits.removed,
  added: withCollaborator(edits.added, id),
});

export const removeEdit = (edits: CollaboratorEdits, id: string): CollaboratorEdits => ({
  removed: withCollaborator(edits.removed, id),
  added: withoutCollaborator(edits.added, id),
});

/** The list the edits make of `current`; `write.ts` computes the same in SQL. */
export const applyEdits = (
  current: ReadonlyArray<string>,
  edits: CollaboratorEdits,
): ReadonlyArray<string> =>
  edits.added.reduce(
    withCollaborator,
    current.filter((id) => !edits.removed.includes(id)),
  );
