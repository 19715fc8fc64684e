import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { eventDefinition } from './catalog';
import type { DecodeError } from './decode';
import type { EventDefinition } from './define-event';

/**
 * Upcasters: how an event written under an older shape of its type is read today. The log is
 * never rewritten; a reader turns old data into the current shape as it decodes it.
 *
 * The key is `<type>@<schema_version>` (the version in the event's metadata); the function takes
 * that version's data straight to the catalog's current version. When a type moves on again
 * (say to 3), the upcaster of version 1 is changed to reach 3 as well, and one for version 2 is
 * added: each old shape stays one step away from today's.
 */
export type Upcast = (data: unknown) => unknown;
export type Upcasters = Readonly<Record<string, Upcast>>;

export const upcasterKey = (type: string, schemaVersion: number): string =>
  `${type}@${schemaVersion}`;

/** The published upcasters. None yet: every event type is still at its first schema version. */
export const upcasters: Upcasters = {};

/** What a reader knows of the event contract: each type's definition, and how to read old shapes. */
export interface EventContract {
  readonly definitionOf: (type: string) => EventDefinition<string, t.Mixed> | undefined;
  readonly upcasters: Upcasters;
}

/** The contract of this version of the package: `eventCatalog` and `upcasters`. */
export const publishedContract: EventContract = { definitionOf: eventDefinition, upcasters };

const refused = (message: string, expected: string, actual: string): DecodeError => ({
  kind: 'DecodeError',
  message: `${message}: metadata.schema_version: expected ${expected}, got ${actual}`,
  issues: [{ path: 'metadata.schema_version', expected, actual }],
});

/**
 * The event's data in the current shape of its type. An unknown type is left as it is (decoding
 * its data reports it); a version newer than the contract knows, or an old one without an
 * upcaster, is a decode error, never a guess.
 */
export const upcastData = (
  contract: EventContract,
  type: string,
  schemaVersion: number,
  data: unknown,
): E.Either<DecodeError, unknown> => {
  const current = contract.definitionOf(type)?.schemaVersion;
  if (current === undefined || schemaVersion === current) return E.right(data);
  if (schemaVersion > current)
    return E.left(
      refused(
        `${type} was written by a newer contract than this one: upgrade @helpdesk/events`,
        `at most ${current}`,
        String(schemaVersion),
      ),
    );
  const upcast = contract.upcasters[upcasterKey(type, schemaVersion)];
  if (upcast === undefined)
    return E.left(
      refused(
        `no upcaster reads ${upcasterKey(type, schemaVersion)}`,
        `an upcast version of ${type} (current ${current})`,
        String(schemaVersion),
      ),
    );
  try {
    return E.right(upcast(data));
  } catch (error) {
    // an upcaster meeting data it does not expect should leave it to the codec; this one threw
    return E.left(
      refused(
        `the upcaster of ${upcasterKey(type, schemaVersion)} failed (${String(error)})`,
        `data an upcaster of ${type} reads`,
        String(schemaVersion),
      ),
    );
  }
};
