export * from './expected-revision';
export * from './memory-event-store';
