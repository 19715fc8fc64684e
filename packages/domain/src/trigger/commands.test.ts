import * as E from 'fp-ts/Either';
import { decodeWith } from '@helpdesk/events';
import { TriggerCommand } from './commands';
import { createTrigger } from './fixtures';

const decode = decodeWith(TriggerCommand, 'invalid trigger command');
const pathsOf = (u: unknown) => {
  const result = decode(u);
  return E.isLeft(result) ? [...new Set(result.left.issues.map((i) => i.path))] : [];
};

describe('R6.5 decoding a trigger command', () => {
  it('accepts a well-formed one, dropping unknown fields and normalising tags', () => {
    const command = createTrigger({ actions: [{ type: 'add_tag', tag: 'portal_access' }] });
    const raw = JSON.parse(
      JSON.stringify({ ...command, actions: [{ type: 'add_tag', tag: ' Portal Access' }], x: 1 }),
    );
    expect(decode(raw)).toEqual(E.right(command));
  });

  it('reports an unknown field or operator by its path', () =>
    expect(
      pathsOf({
        ...createTrigger(),
        conditions: { all: [{ field: 'priority', operator: 'like', value: 'x' }], any: [] },
      }),
    ).toEqual(['conditions.all.0.field', 'conditions.all.0.operator']));

  it('reports an unknown action by its type, and a bad one by its field', () => {
    expect(pathsOf({ ...createTrigger(), actions: [{ type: 'notify_slack' }] })).toEqual([
      'actions.0.type',
    ]);
    expect(
      pathsOf({ ...createTrigger(), actions: [{ type: 'set_status', status: 'archived' }] }),
    ).toEqual(['actions.0.status']);
  });

  it('reports an unknown command type', () =>
    expect(pathsOf({ ...createTrigger(), type: 'FireTrigger' })).toEqual(['type']));
});
