import type { UserEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { UserCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type User } from './state';

/** The user aggregate: one stream `user-<id>` per user. */
export const userDecider: Decider<UserCommand, UserEvent, User> = { initialState, evolve, decide };
