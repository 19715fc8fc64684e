export * from './shared-tail';
