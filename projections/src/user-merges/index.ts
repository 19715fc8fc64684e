export { userMergesProjection } from './projection';
export * from './queries';
