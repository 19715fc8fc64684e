import * as E from 'fp-ts/Either';
import type { EventContract, EventMetadata } from './index';
import {
  RequesterChanged,
  decodeEvent,
  eventCatalog,
  eventDefinition,
  publishedContract,
  upcasterKey,
  upcasters,
} from './index';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const metadataAt = (schemaVersion: number): EventMetadata => ({
  account_id: id(1),
  actor: { type: 'user', id: id(2) },
  correlation_id: 'req-1',
  causation_id: null,
  occurred_at: '2026-11-21T10:00:00.000Z',
  via: { channel: 'api', rel: null },
  schema_version: schemaVersion,
});

/**
 * A real older shape: the first draft of `RequesterChanged` (docs' style.md) said `from` and `to`
 * and had no `reason`. Here today's codec is its version 2, and version 1 is upcast to it.
 */
const requesterChangedV1 = { ticket_id: id(3), from: id(4), to: id(5) };
const requesterChangedV2 = {
  ticket_id: id(3),
  previous_requester_id: id(4),
  requester_id: id(5),
  reason: 'manual',
};

const fromDraft = (data: unknown): unknown => {
  if (typeof data !== 'object' || data === null) return data;
  const { from, to, ...rest } = data as Record<string, unknown>;
  return { ...rest, previous_requester_id: from, requester_id: to, reason: 'manual' };
};

const contractWith = (currentVersion: number, upcasts: EventContract['upcasters']) => ({
  definitionOf: (type: string) => {
    const definition = eventDefinition(type);
    return type === 'RequesterChanged' && definition !== undefined
      ? { ...definition, schemaVersion: currentVersion }
      : definition;
  },
  upcasters: upcasts,
});

const atVersion2 = contractWith(2, { [upcasterKey('RequesterChanged', 1)]: fromDraft });

const stored = (data: unknown, schemaVersion: number) => ({
  type: 'RequesterChanged',
  data,
  metadata: metadataAt(schemaVersion),
});

const issuesOf = (result: E.Either<{ issues: ReadonlyArray<{ path: string }> }, unknown>) =>
  E.isLeft(result) ? result.left.issues.map((i) => i.path) : [];

describe('upcasters: an event written under an older schema version is read in today’s shape', () => {
  it('upcasts version 1 data to the current version, and the metadata says which version it now is', () => {
    expect(decodeEvent(stored(requesterChangedV1, 1), atVersion2)).toEqual(
      E.right({
        event: { type: 'RequesterChanged', data: requesterChangedV2 },
        metadata: metadataAt(2),
      }),
    );
  });

  it('reads data already in the current version as it is', () => {
    expect(decodeEvent(stored(requesterChangedV2, 2), atVersion2)).toEqual(
      E.right({
        event: { type: 'RequesterChanged', data: requesterChangedV2 },
        metadata: metadataAt(2),
      }),
    );
  });

  it('refuses a version newer than the contract knows, naming metadata.schema_version', () => {
    const result = decodeEvent(stored(requesterChangedV2, 3), atVersion2);
    expect(issuesOf(result)).toEqual(['metadata.schema_version']);
    expect(E.isLeft(result) && result.left.message).toMatch(/newer contract/);
  });

  it('refuses an older version that has no upcaster instead of guessing', () => {
    const atVersion3 = contractWith(3, { [upcasterKey('RequesterChanged', 1)]: fromDraft });
    const result = decodeEvent(stored(requesterChangedV2, 2), atVersion3);
    expect(issuesOf(result)).toEqual(['metadata.schema_version']);
    expect(E.isLeft(result) && result.left.message).toMatch(/no upcaster reads RequesterChanged@2/);
  });

  it('still checks the upcast data against the current codec, by field path', () => {
    const result = decodeEvent(stored({ ticket_id: id(3), from: id(4) }, 1), atVersion2);
    expect(issuesOf(result)).toEqual(['data.requester_id']);
  });

  it('turns an upcaster that throws into a decode error, never a throw', () => {
    const throwing = contractWith(2, {
      [upcasterKey('RequesterChanged', 1)]: () => {
        throw new Error('boom');
      },
    });
    const result = decodeEvent(stored(requesterChangedV1, 1), throwing);
    expect(issuesOf(result)).toEqual(['metadata.schema_version']);
    expect(E.isLeft(result) && result.left.message).toMatch(/failed \(Error: boom\)/);
  });
});

describe('the published contract', () => {
  it('upcasts only types of the catalog, from versions older than their current one', () => {
    for (const key of Object.keys(upcasters)) {
      const [type, version] = key.split('@');
      const current = eventDefinition(type!)?.schemaVersion;
      expect([key, current !== undefined && Number(version) < current]).toEqual([key, true]);
    }
  });

  it('has an upcaster for every older version of every type', () => {
    for (const definition of eventCatalog)
      for (let version = 1; version < definition.schemaVersion; version++)
        expect(Object.keys(upcasters)).toContain(upcasterKey(definition.type, version));
  });

  it('refuses an event whose metadata claims a version this package does not have yet', () => {
    const current = RequesterChanged.schemaVersion;
    const result = decodeEvent(stored(requesterChangedV2, current + 1), publishedContract);
    expect(issuesOf(result)).toEqual(['metadata.schema_version']);
  });
});
