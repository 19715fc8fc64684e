import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { IntegrationEvent } from '@helpdesk/events';
import {
  accountId,
  admin,
  adminId,
  agent,
  id,
  integrationId,
  newOwnerId,
  operator,
  owner,
  ownerId,
  system,
} from '../automation/fixtures';
import { fold } from '../shared/decider';
import type { CommandActor } from '../shared/facts';
import { specification } from '../testing/specification';
import type { IntegrationCommand } from './commands';
import { integrationDecider } from './decider';
import { isWorking } from './queries';

const { given } = specification(integrationDecider);

const newOwner: CommandActor = { type: 'user', id: newOwnerId, role: 'admin' };

const create = (actor: CommandActor = owner, currentOwner = ownerId): IntegrationCommand => ({
  type: 'CreateIntegration',
  integrationId,
  accountId,
  actor,
  name: 'Billing sync',
  ownerId: currentOwner,
});
const transfer = (from: string, to: string): IntegrationCommand => ({
  type: 'RequireReauthorization',
  integrationId,
  actor: system,
  previousOwnerId: from,
  newOwnerId: to,
});
const authorize = (actor: CommandActor, currentOwner: string): IntegrationCommand => ({
  type: 'AuthorizeIntegration',
  integrationId,
  actor,
  ownerId: currentOwner,
});
const remove = (actor: CommandActor = admin): IntegrationCommand => ({
  type: 'RemoveIntegration',
  integrationId,
  actor,
});

const created = (by = ownerId): IntegrationEvent => ({
  type: 'IntegrationCreated',
  data: {
    integration_id: integrationId,
    account_id: accountId,
    name: 'Billing sync',
    authorized_by_id: by,
  },
});
const reauthorizationRequired = (by: string, to: string): IntegrationEvent => ({
  type: 'IntegrationReauthorizationRequired',
  data: { integration_id: integrationId, authorized_by_id: by, owner_id: to },
});
const authorized = (by: string, previous: string): IntegrationEvent => ({
  type: 'IntegrationAuthorized',
  data: {
    integration_id: integrationId,
    authorized_by_id: by,
    previous_authorized_by_id: previous,
  },
});
const removed: IntegrationEvent = {
  type: 'IntegrationRemoved',
  data: { integration_id: integrationId, account_id: accountId },
};

describe('R4.5 integrations are authorised by the owner', () => {
  it('the owner connects one, which works under their authorisation', () =>
    given().when(create()).then(created()));

  it.each([
    ['another admin', admin],
    ['an agent', agent],
    ['the system', system],
    ['a platform operator', operator],
  ] as const)('refuses %s', (_who, actor) => given().when(create(actor)).thenForbids('R4.5'));

  it('refuses to connect one twice', () => given(created()).when(create()).thenAlreadyExists());
});

describe('R4.5 on transfer, integrations the previous owner authorised need re-authorisation', () => {
  it('stops one the previous owner authorised', () =>
    given(created())
      .when(transfer(ownerId, newOwnerId))
      .then(reauthorizationRequired(ownerId, newOwnerId)));

  it('leaves one someone else authorised working', () =>
    given(created(adminId)).when(transfer(ownerId, newOwnerId)).thenNothingHappens());

  it('stops it once: a replayed transfer changes nothing', () =>
    given(created(), reauthorizationRequired(ownerId, newOwnerId))
      .when(transfer(ownerId, newOwnerId))
      .thenNothingHappens());

  it('a removed integration needs nothing', () =>
    given(created(), removed).when(transfer(ownerId, newOwnerId)).thenNothingHappens());

  it('the new owner authorises it again: it works under their authorisation', () =>
    given(created(), reauthorizationRequired(ownerId, newOwnerId))
      .when(authorize(newOwner, newOwnerId))
      .then(authorized(newOwnerId, ownerId)));

  it.each([
    ['the previous owner', owner],
    ['another admin', admin],
    ['the system', system],
  ] as const)('refuses %s authorising it', (_who, actor) =>
    given(created(), reauthorizationRequired(ownerId, newOwnerId))
      .when(authorize(actor, newOwnerId))
      .thenForbids('R4.5'),
  );

  it('authorising a working integration again changes nothing', () =>
    given(created()).when(authorize(owner, ownerId)).thenNothingHappens());

  it('the state says whether it works', () => {
    expect(isWorking(fold(integrationDecider, [created()])!)).toBe(true);
    const waiting = fold(integrationDecider, [
      created(),
      reauthorizationRequired(ownerId, newOwnerId),
    ]);
    expect(waiting).toMatchObject({ status: 'reauthorization_required', authorizedById: ownerId });
    expect(isWorking(waiting!)).toBe(false);
  });
});

describe('disconnecting an integration', () => {
  it('any admin may, once (settled)', () => {
    given(created()).when(remove()).then(removed);
    given(created(), removed).when(remove()).thenNothingHappens();
  });

  it('refuses an agent', () => given(created()).when(remove(agent)).thenForbids());

  it('a removed or missing integration cannot be authorised', () => {
    given(created(), removed).when(authorize(owner, ownerId)).thenNotFound();
    given().when(authorize(owner, ownerId)).thenNotFound();
  });
});

describe('R4.5 property: whatever the transfers, an integration works only under the current owner', () => {
  const admins = [ownerId, newOwnerId, adminId, id(7)];
  const step = fc.oneof(
    fc.record({ kind: fc.constant('transfer' as const), to: fc.constantFrom(...admins) }),
    fc.record({ kind: fc.constant('authorize' as const), by: fc.constantFrom(...admins) }),
  );

  it('after any sequence of transfers and authorisations', () =>
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let currentOwner = ownerId;
        let events: IntegrationEvent[] = [created(ownerId)];
        const run = (command: IntegrationCommand) => {
          const decision = integrationDecider.decide(command, fold(integrationDecider, events));
          const appended = E.isRight(decision) ? decision.right : [];
          events = [...events, ...appended];
          return appended;
        };
        for (const s of steps) {
          if (s.kind === 'transfer' && s.to !== currentOwner) {
            run(transfer(currentOwner, s.to));
            currentOwner = s.to;
          } else if (s.kind === 'authorize') {
            const appended = run(
              authorize({ type: 'user', id: s.by, role: 'admin' }, currentOwner),
            );
            // only the owner of the moment authorises
            if (appended.length > 0) expect(s.by).toBe(currentOwner);
          }
        }
        const integration = fold(integrationDecider, events)!;
        if (isWorking(integration)) expect(integration.authorizedById).toBe(currentOwner);
      }),
    ));
});
