export { ticketsProjection } from './projection';
export * from './queries';
export * from './snapshots';
