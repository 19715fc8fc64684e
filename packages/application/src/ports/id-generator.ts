import { v4 as uuidV4 } from 'uuid';

/** Where new ids (events, users, tickets, ...) come from: a UUID each time. */
export interface IdGenerator {
  next(): string;
}

export const uuidGenerator: IdGenerator = { next: () => uuidV4() };
