import * as t from 'io-ts';
import { DomainName } from '@helpdesk/events';

/** Domain names are compared without case or surrounding spaces, as mail domains are. */
export const normalizeDomainName = (name: string): string => name.trim().toLowerCase();

/** Lower-cased, each once, in the order first given. */
export const normalizeDomainNames = (names: ReadonlyArray<string>): string[] => [
  ...new Set(names.map(normalizeDomainName)),
];

/** Two lists name the same domains whatever their order. */
export const sameDomainNames = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((name) => right.has(name));
};

/** A domain name as a client writes it (`Acme.COM`): decoded into the form events carry. */
export const DomainNameInput = new t.Type<string, string, unknown>(
  'DomainName',
  (u): u is string => DomainName.is(u),
  (u, c) =>
    typeof u === 'string' && DomainName.is(normalizeDomainName(u))
      ? t.success(normalizeDomainName(u))
      : t.failure(u, c),
  t.identity,
);
