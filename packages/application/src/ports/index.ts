export * from './clock';
export * from './id-generator';
export * from './credentials';
export * from './outbox';
export * from './password-resets';
export * from './portal-credentials';
