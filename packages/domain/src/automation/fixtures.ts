import type { CommandActor } from '../shared/facts';

/** Test data shared by the configuration aggregates' specifications (no test runs from this file). */

export const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const accountId = id(1);
export const ownerId = id(2);
export const adminId = id(3);
export const agentId = id(4);
export const newOwnerId = id(5);

export const owner: CommandActor = { type: 'user', id: ownerId, role: 'admin' };
export const admin: CommandActor = { type: 'user', id: adminId, role: 'admin' };
export const agent: CommandActor = { type: 'user', id: agentId, role: 'agent' };
export const endUser: CommandActor = { type: 'user', id: id(6), role: 'end-user' };
export const system = { type: 'system' } as const;
export const operator: CommandActor = { type: 'operator' };

export const templateId = id(100);
export const otherTemplateId = id(101);
export const triggerId = id(200);
export const macroId = id(300);
export const integrationId = id(400);

/** Actors that may not write an account's configuration (only admins may). */
export const notAdmins: ReadonlyArray<readonly [string, CommandActor]> = [
  ['an agent', agent],
  ['an end user', endUser],
  ['the system', system],
  ['a platform operator', operator],
];
