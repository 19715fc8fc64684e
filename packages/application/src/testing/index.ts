export * from './fixed-clock';
export * from './instrumented-store';
export * from './sequential-ids';
export * from './memory-credentials';
