import type { MacroEvent } from '@helpdesk/events';
import type { Decider } from '../shared/decider';
import type { MacroCommand } from './commands';
import { decide } from './decide';
import { evolve, initialState, type MacroState } from './state';

export const macroDecider: Decider<MacroCommand, MacroEvent, MacroState> = {
  initialState,
  evolve,
  decide,
};
