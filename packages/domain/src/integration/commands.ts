import * as t from 'io-ts';
import { NonEmptyString, Uuid } from '@helpdesk/events';
import { CommandActor } from '../shared/facts';
import { taggedUnion } from '../shared/tagged-union';
import { SystemActor } from '../ticket/commands';

/**
 * The integration's commands (R4.5). Who owns the account is the account's fact: the application
 * reads it and passes it as `ownerId`.
 */

const command = <Type extends string, P extends t.Props>(type: Type, props: P) =>
  t.strict({ type: t.literal(type), integrationId: Uuid, ...props }, type);

/** The owner connects a third-party integration: connecting it is authorising it. */
export const CreateIntegration = command('CreateIntegration', {
  accountId: Uuid,
  actor: CommandActor,
  name: NonEmptyString,
  ownerId: Uuid,
});
export type CreateIntegration = t.TypeOf<typeof CreateIntegration>;

/** R4.5: issued by a process manager for each integration when `OwnerTransferred` is appended. */
export const RequireReauthorization = command('RequireReauthorization', {
  actor: SystemActor,
  previousOwnerId: Uuid,
  newOwnerId: Uuid,
});
export type RequireReauthorization = t.TypeOf<typeof RequireReauthorization>;

export const AuthorizeIntegration = command('AuthorizeIntegration', {
  actor: CommandActor,
  ownerId: Uuid,
});
export type AuthorizeIntegration = t.TypeOf<typeof AuthorizeIntegration>;

export const RemoveIntegration = command('RemoveIntegration', { actor: CommandActor });
export type RemoveIntegration = t.TypeOf<typeof RemoveIntegration>;

export const IntegrationCommand = taggedUnion('IntegrationCommand', {
  CreateIntegration,
  RequireReauthorization,
  AuthorizeIntegration,
  RemoveIntegration,
});
export type IntegrationCommand = t.TypeOf<typeof IntegrationCommand>;
