import * as E from 'fp-ts/Either';
import { decodeMetadata } from './decode';
import type { EventMetadata } from './metadata';

const metadata: EventMetadata = {
  account_id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  actor: { type: 'system', id: null },
  correlation_id: 'req-1',
  causation_id: null,
  occurred_at: '2026-01-02T03:04:05.000Z',
  via: { channel: 'api', rel: null },
  schema_version: 1,
};
const hash = 'ab'.repeat(32);

describe('issue 8: the chain in the metadata envelope', () => {
  it('is optional: metadata recorded before chaining still decodes', () => {
    expect(decodeMetadata(metadata)).toEqual(E.right(metadata));
  });

  it('decodes a stream’s first link (previous null) and a later one', () => {
    for (const chain of [
      { previous: null, hash },
      { previous: 'cd'.repeat(32), hash },
    ])
      expect(decodeMetadata({ ...metadata, chain })).toEqual(E.right({ ...metadata, chain }));
  });

  it('names a malformed chain by its path', () => {
    const result = decodeMetadata({
      ...metadata,
      chain: { previous: 'nope', hash: hash.toUpperCase() },
    });
    expect(E.isLeft(result) && [...new Set(result.left.issues.map((i) => i.path))].sort()).toEqual([
      'metadata.chain.hash',
      'metadata.chain.previous',
    ]);
  });

  it('still drops members it does not know, and still names bad fields by path', () => {
    expect(decodeMetadata({ ...metadata, extra: 1 })).toEqual(E.right(metadata));
    const result = decodeMetadata({ ...metadata, occurred_at: 'yesterday' });
    expect(E.isLeft(result) && result.left.issues.map((i) => i.path)).toEqual([
      'metadata.occurred_at',
    ]);
  });
});
