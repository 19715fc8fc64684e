import type * as t from 'io-ts';
import { eventCatalog } from '../catalog';
import type { EventDefinition } from '../define-event';
import { EventMetadata } from '../metadata';
import { streamCategories, type StreamCategory } from '../streams';
import { describeCodec, type FieldDoc, type TypeDoc } from './describe-codec';

/** The command that writes the page, named in it and in the test that keeps it fresh. */
export const regenerateCommand = 'pnpm --silent docs:events';

const code = (s: string) => `\`${s}\``;

const streamPattern = (category: StreamCategory): string =>
  category === 'claim' ? 'claim-<kind>-<account id>-<sha256 of the value>' : `${category}-<id>`;

const typeLine = (type: TypeDoc): string => {
  const values =
    type.values === undefined || type.name.includes('"')
      ? ''
      : `, one of ${type.values.map((v) => code(`"${v}"`)).join(', ')}`;
  return `${code(type.name)}${values}`;
};

const fieldLines = (fields: ReadonlyArray<FieldDoc>, indent: string): string[] =>
  fields.flatMap((field) => [
    `${indent}- ${code(field.name)}${field.optional ? ' (optional)' : ''}: ${typeLine(field.type)}`,
    ...typeDetails(field.type, `${indent}  `),
  ]);

/** What a type holds below its name: an object's fields, or a union's shapes and theirs. */
const typeDetails = (type: TypeDoc, indent: string): string[] => {
  if (type.fields !== undefined) return fieldLines(type.fields, indent);
  if (type.variants !== undefined)
    return type.variants.flatMap((variant) => [
      `${indent}- ${typeLine(variant)}`,
      ...typeDetails(variant, `${indent}  `),
    ]);
  return [];
};

const eventSection = (definition: EventDefinition<string, t.Mixed>): string[] => {
  const data = describeCodec(definition.data);
  return [
    `### ${definition.type}`,
    '',
    definition.description,
    '',
    `Stream ${code(streamPattern(definition.category))}, schema version ${definition.schemaVersion}.`,
    '',
    ...(data.fields === undefined || data.fields.length === 0
      ? ['No data fields.']
      : fieldLines(data.fields, '')),
    '',
  ];
};

const categorySection = (
  category: StreamCategory,
  definitions: ReadonlyArray<EventDefinition<string, t.Mixed>>,
): string[] => [
  `## ${category} events`,
  '',
  `Appended to ${code(streamPattern(category))} streams.`,
  '',
  ...definitions.flatMap(eventSection),
];

/** `docs/events.md`: the event catalog as a page, from the codecs themselves. */
export const eventsDocument = (
  catalog: ReadonlyArray<EventDefinition<string, t.Mixed>> = eventCatalog,
): string => {
  const byCategory = streamCategories
    .map((category) => ({
      category,
      definitions: catalog.filter((definition) => definition.category === category),
    }))
    .filter(({ definitions }) => definitions.length > 0);
  const metadata = describeCodec(EventMetadata);
  const lines = [
    '# Event catalog',
    '',
    `<!-- Generated from eventCatalog (packages/events) by \`${regenerateCommand}\`: change the codecs, then run it. -->`,
    '',
    `Every event type of helpdesk-core's log (${catalog.length} of them): what it records, the stream it is`,
    'appended to, its schema version and the fields of its `data` with their io-ts types. Decode them',
    'with `decodeEvent` from `@helpdesk/events`; `packages/events/README.md` shows how, and',
    '`docs/subscribing.md` how to follow the log.',
    '',
    '## Metadata',
    '',
    'Every event carries the same envelope as its metadata (`EventMetadata`):',
    '',
    ...fieldLines(metadata.fields ?? [], ''),
    '',
    '## Contents',
    '',
    ...byCategory.map(
      ({ category, definitions }) =>
        `- [${category} events](#${category}-events): ${definitions.map((d) => code(d.type)).join(', ')}`,
    ),
    '',
    ...byCategory.flatMap(({ category, definitions }) => categorySection(category, definitions)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
};
