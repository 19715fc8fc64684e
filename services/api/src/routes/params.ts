import * as t from 'io-ts';
import { Uuid } from '@helpdesk/events';

/** Path parameters: ids are UUIDs, anything else is refused with its name as the path. */
export const IdParam = t.type({ id: Uuid });
export const UserIdentityParams = t.type({ id: Uuid, identityId: Uuid });
export const ApiTokenIdParam = t.type({ tokenId: Uuid });
export const UserApiTokenParams = t.type({ id: Uuid, tokenId: Uuid });
export const UserMembershipParams = t.type({ userId: Uuid, id: Uuid });
