export * from './ports';
export * from './command';
export * from './claims';
export * from './credentials';
export * from './testing';
export * from './use-cases';
export * from './process-managers';
export * from './process-managers/owner-transfer/integration-reauthorization';
