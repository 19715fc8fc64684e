export * from './clock';
export * from './id-generator';
export * from './credentials';
