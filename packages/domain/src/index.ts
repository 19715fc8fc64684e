export * from './shared/domain-error';
export * from './shared/decision';
export * from './shared/decider';
export * from './shared/facts';
export * from './account';
export * from './organization';
export * from './ticket';
export * from './user';
