import type { EmailTemplateEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { EmailTemplateCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type EmailTemplateState } from './state';

export const emailTemplateDecider: Decider<
  EmailTemplateCommand,
  EmailTemplateEvent,
  EmailTemplateState
> = { initialState, evolve, decide };
