export * from './ports';
export * from './command';
export * from './claims';
export * from './testing';
export * from './use-cases';
