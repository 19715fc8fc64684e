export * from './shared/domain-error';
export * from './shared/decision';
export * from './shared/decider';
export * from './shared/facts';
