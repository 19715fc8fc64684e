export { triggersProjection } from './projection';
export * from './queries';
