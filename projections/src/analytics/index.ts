export { analyticsProjection } from './projection';
export * from './queries';
