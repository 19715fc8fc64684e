export * from './followed-event';
export * from './requester-tally';
export * from './checkpoint-file';
export * from './requester-counts';
export * from './sse-parser';
export * from './follow-event-feed';
export * from './follow-event-store-db';
