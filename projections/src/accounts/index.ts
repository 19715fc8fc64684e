export { accountsProjection } from './projection';
export * from './queries';
