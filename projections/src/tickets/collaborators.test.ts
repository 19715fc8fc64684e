import fc from 'fast-check';
import {
  addEdit,
  applyEdits,
  noEdits,
  removeEdit,
  withCollaborator,
  withoutCollaborator,
  type CollaboratorEdits,
} from './collaborators';

type Edit = { readonly op: 'add' | 'remove'; readonly id: string };

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const edit = fc.record({ op: fc.constantFrom<'add' | 'remove'>('add', 'remove'), id: ids });

const oneByOne = (start: ReadonlyArray<string>, edits: ReadonlyArray<Edit>) =>
  edits.reduce(
    (list, e) => (e.op === 'add' ? withCollaborator(list, e.id) : withoutCollaborator(list, e.id)),
    start,
  );

const folded = (edits: ReadonlyArray<Edit>): CollaboratorEdits =>
  edits.reduce((acc, e) => (e.op === 'add' ? addEdit(acc, e.id) : removeEdit(acc, e.id)), noEdits);

describe('CC edits folded over a batch', () => {
  it('give the list that applying them one by one gives, whatever the list was', () =>
    fc.assert(
      fc.property(fc.uniqueArray(ids), fc.array(edit, { maxLength: 12 }), (start, edits) => {
        expect(applyEdits(start, folded(edits))).toEqual(oneByOne(start, edits));
      }),
    ));

  it('R3.7 a replaced CC leaves the list and its replacement joins at the end', () => {
    const edits = addEdit(removeEdit(noEdits, 'source'), 'target');
    expect(applyEdits(['a', 'source', 'b'], edits)).toEqual(['a', 'b', 'target']);
    expect(applyEdits(['target', 'source'], edits)).toEqual(['target']);
  });
});
