export * from './stream-changes';
