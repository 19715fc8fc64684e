import type { OrganizationEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { OrganizationCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type OrganizationState } from './state';

export const organizationDecider: Decider<
  OrganizationCommand,
  OrganizationEvent,
  OrganizationState
> = { initialState, evolve, decide };
