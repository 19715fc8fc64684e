export { usersProjection } from './projection';
export * from './queries';
export { searchUsers, emailDomainIn, type SearchOptions } from './search';
export { roleLabel, type IdentityView, type MembershipView, type UserView } from './view';
export type { UserStatus } from './user-doc';
