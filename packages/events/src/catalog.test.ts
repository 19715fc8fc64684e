import * as E from 'fp-ts/Either';
import type { EventMetadata } from './index';
import { decodeEvent, decodeEventData, eventCatalog } from './index';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const metadata: EventMetadata = {
  account_id: id(1),
  actor: { type: 'user', id: id(2) },
  correlation_id: 'req-1',
  causation_id: null,
  occurred_at: '2026-11-21T10:00:00.000Z',
  via: { channel: 'api', rel: null },
  schema_version: 1,
};

/** A valid example of each of the events named by the product brief. */
const examples = {
  RequesterChanged: {
    ticket_id: id(3),
    previous_requester_id: id(4),
    requester_id: id(5),
    reason: 'merge',
  },
  UserMerged: { user_id: id(4), account_id: id(1), target_id: id(5) },
  OwnerTransferred: { account_id: id(1), previous_owner_id: id(2), owner_id: id(6) },
  OrganizationRemoved: { organization_id: id(7), account_id: id(1) },
} as const;

describe('the event catalog', () => {
  it('lists every event type once, each with a schema version', () => {
    const types = eventCatalog.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of eventCatalog) expect(d.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it.each(Object.keys(examples))('holds %s under exactly that name', (type) => {
    expect(eventCatalog.map((d) => d.type)).toContain(type);
  });

  it.each(Object.entries(examples))('round-trips %s through its codec', (type, data) => {
    const stored = JSON.parse(JSON.stringify({ type, data, metadata }));
    const decoded = decodeEvent(stored);
    expect(decoded).toEqual(E.right({ event: { type, data }, metadata }));
    const definition = eventCatalog.find((d) => d.type === type)!;
    expect(definition.data.encode(data)).toEqual(data);
  });
});

describe('decoding refuses malformed events with the path of the bad field', () => {
  const issuesOf = (result: E.Either<{ issues: ReadonlyArray<{ path: string }> }, unknown>) =>
    E.isLeft(result) ? result.left.issues.map((i) => i.path) : [];

  it('names an unknown event type', () => {
    const result = decodeEventData('TicketTeleported', {});
    expect(issuesOf(result)).toEqual(['type']);
    expect(E.isLeft(result) && result.left.message).toMatch(/unknown event type.*TicketTeleported/);
  });

  it('names a field of the wrong type', () => {
    const result = decodeEventData('RequesterChanged', {
      ...examples.RequesterChanged,
      requester_id: 42,
    });
    expect(issuesOf(result)).toEqual(['data.requester_id']);
  });

  it('names a missing field and a value outside its enumeration', () => {
    const { ticket_id: _omitted, ...rest } = examples.RequesterChanged;
    const result = decodeEventData('RequesterChanged', { ...rest, reason: 'whim' });
    expect(issuesOf(result).sort()).toEqual(['data.reason', 'data.ticket_id']);
  });

  it('names a nested field inside a nullable or an array', () => {
    const result = decodeEventData('IdentityAdded', {
      user_id: id(1),
      identity: { identity_id: id(2), type: 'email', value: '', verified: false, primary: true },
    });
    expect(issuesOf(result)).toEqual(['data.identity.value']);
    const domains = decodeEventData('OrganizationCreated', {
      organization_id: id(1),
      account_id: id(2),
      name: 'Acme',
      domain_names: ['acme.com', 'not a domain'],
    });
    expect(issuesOf(domains)).toEqual(['data.domain_names.1']);
  });

  it('names bad metadata fields', () => {
    const result = decodeEvent({
      type: 'UserMerged',
      data: examples.UserMerged,
      metadata: { ...metadata, occurred_at: 'yesterday', actor: { type: 'robot', id: null } },
    });
    expect(issuesOf(result).sort()).toEqual(['metadata.actor.type', 'metadata.occurred_at']);
  });

  it('never throws on arbitrary input', () => {
    for (const junk of [
      null,
      undefined,
      3,
      'x',
      [],
      { type: null },
      { type: 'UserMerged', data: null },
    ])
      expect(() =>
        decodeEvent({ type: (junk as { type?: unknown })?.type, data: junk, metadata: junk }),
      ).not.toThrow();
  });
});
