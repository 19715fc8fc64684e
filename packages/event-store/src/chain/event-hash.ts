import { createHash } from 'node:crypto';
import { isRight } from 'fp-ts/Either';
import { EventChain } from '@helpdesk/events';
import type { RecordedEvent } from '../port';
import { canonicalJson } from './canonical-json';

/** What an event's hash covers: everything that makes it this event at this place in its stream. */
export interface HashedContent {
  readonly previous: string | null;
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  /** the metadata as appended; a `chain` member in it is not covered (it holds the hash) */
  readonly metadata: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The metadata without its `chain` member: what the hash covers and what the chain is added to. */
export const withoutChain = (metadata: unknown): unknown => {
  if (!isObject(metadata) || !('chain' in metadata)) return metadata;
  const { chain: _chain, ...rest } = metadata;
  return rest;
};

/**
 * The hex SHA-256 of the canonical JSON of `{previous, stream, revision, id, type, data,
 * metadata}` (revision as a decimal string). Key order never matters, so the hash recomputed from
 * what any store gives back equals the one computed at append time.
 */
export const eventHash = (content: HashedContent): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        previous: content.previous,
        stream: content.streamName,
        revision: content.revision.toString(),
        id: content.id,
        type: content.type,
        data: content.data,
        metadata: withoutChain(content.metadata),
      }),
    )
    .digest('hex');

/** The chain a recorded event carries: none (recorded before chaining), a malformed one, or its link. */
export type RecordedChain =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'chained'; readonly chain: EventChain };

export const chainOf = (metadata: unknown): RecordedChain => {
  if (!isObject(metadata) || metadata.chain === undefined) return { kind: 'none' };
  const decoded = EventChain.decode(metadata.chain);
  return isRight(decoded) ? { kind: 'chained', chain: decoded.right } : { kind: 'malformed' };
};

/** The hash of a recorded event as it stands recomputed, as if it were chained to `previous`. */
export const recomputedHash = (event: RecordedEvent, previous: string | null): string =>
  eventHash({ ...event, previous });

/**
 * What the next event of the stream chains to: the recorded event's own `hash`; for an event
 * recorded without a (well-formed) chain, the hash of its content as stored, so that the first
 * chained event after it still seals it.
 */
export const sealOf = (event: RecordedEvent): string => {
  const recorded = chainOf(event.metadata);
  return recorded.kind === 'chained' ? recorded.chain.hash : recomputedHash(event, null);
};
