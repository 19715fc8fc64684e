export * from './commands';
export * from './decider';
export { decide as decideUser } from './decide';
export { evolve as evolveUser, initialState as initialUser } from './state';
export type { ExistingUser, Membership, User, UserIdentity } from './state';
export { Profile, NewProfile, ProfileChanges } from './profile';
export { mayCreate } from './creation';
export { isIdentifiable, maxRequestedTicketsToMerge } from './merge';
export * from './queries';
