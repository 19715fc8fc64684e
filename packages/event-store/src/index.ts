export * from './port';
export * from './memory';
export * from './subscription';
export * from './esdb';
export * from './postgres';
export * from './open-event-store';
export * from './chain';
export * from './shared-tail';
