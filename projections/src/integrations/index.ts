export { integrationsProjection } from './projection';
export * from './queries';
