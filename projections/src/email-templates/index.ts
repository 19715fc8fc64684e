export { emailTemplatesProjection } from './projection';
export * from './queries';
