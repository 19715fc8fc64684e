import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as t from 'io-ts';
import { eventCatalog } from '../catalog';
import { defineEvent } from '../define-event';
import { Uuid, nullable } from '../primitives';
import { objectProps } from './describe-codec';
import { eventsDocument, regenerateCommand } from './events-doc';

const committed = resolve(__dirname, '../../../../docs/events.md');

/** The lines of one event's section, from its heading to the next. */
const sectionOf = (document: string, type: string): string => {
  const start = document.indexOf(`\n### ${type}\n`);
  if (start === -1) return '';
  const end = document.indexOf('\n#', start + 1);
  return document.slice(start, end === -1 ? undefined : end);
};

describe('docs/events.md, the event catalog generated from eventCatalog', () => {
  it('is what the generator writes today', () => {
    const onDisk = readFileSync(committed, 'utf8');
    const stale = `docs/events.md differs from eventCatalog: run \`${regenerateCommand}\` and commit docs/events.md`;
    expect(onDisk === eventsDocument() ? 'up to date' : stale).toBe('up to date');
  });

  it('has a section for every event type, with its stream, schema version and every data field', () => {
    const document = eventsDocument();
    for (const definition of eventCatalog) {
      const section = sectionOf(document, definition.type);
      expect([definition.type, section.includes(definition.description)]).toEqual([
        definition.type,
        true,
      ]);
      expect(section).toContain(`Stream \`${definition.category}-`);
      expect(section).toContain(`schema version ${definition.schemaVersion}.`);
      for (const field of objectProps(definition.data) ?? [])
        expect([definition.type, section]).toEqual([
          definition.type,
          expect.stringContaining(`- \`${field.name}\`${field.optional ? ' (optional)' : ''}: `),
        ]);
    }
  });

  it('writes each field with its io-ts type, enumerations with their values, nested objects indented', () => {
    const Reason = t.keyof({ manual: null, merge: null }, 'Reason');
    const Example = defineEvent('ExampleHappened', 'ticket', 'An example.', {
      ticket_id: Uuid,
      organization_id: nullable(Uuid),
      reason: Reason,
      tags: t.array(t.string),
      moved: t.strict({ from: Uuid, to: nullable(Uuid) }),
      extra: t.exact(t.partial({ note: t.string })),
    });
    expect(sectionOf(eventsDocument([Example]), 'ExampleHappened')).toBe(
      [
        '',
        '### ExampleHappened',
        '',
        'An example.',
        '',
        'Stream `ticket-<id>`, schema version 1.',
        '',
        '- `ticket_id`: `Uuid`',
        '- `organization_id`: `Uuid | null`',
        '- `reason`: `Reason`, one of `"manual"`, `"merge"`',
        '- `tags`: `Array<string>`',
        '- `moved`: `object`',
        '  - `from`: `Uuid`',
        '  - `to`: `Uuid | null`',
        '- `extra`: `object`',
        '  - `note` (optional): `string`',
        '',
      ].join('\n'),
    );
  });
});
