export * from './caller';
export * from './lookups';
export * from './create-user';
export * from './open-account';
export * from './organizations';
export * from './tickets';
export * from './transfer-ownership';
export * from './merge-users';
