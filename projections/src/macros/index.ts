export { macrosProjection } from './projection';
export * from './queries';
