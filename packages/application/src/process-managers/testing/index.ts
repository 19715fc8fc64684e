export * from './desk';
export * from './log-ports';
export * from './eventually';
