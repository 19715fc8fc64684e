export { ChangeMacro, CreateMacro, MacroCommand, RemoveMacro } from './commands';
export { macroDecider } from './decider';
export { applyMacro, type AppliedMacro } from './apply';
export type { Macro, MacroState } from './state';
