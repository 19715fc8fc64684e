import * as t from 'io-ts';
import { MacroAction } from '@helpdesk/events';
import { accountObjects } from '../read-model/account-objects';
import { BigIntFromText, IsoTimestamp } from '../read-model/row-codecs';

const MacroRecord = t.type({
  id: t.string,
  account_id: t.string,
  title: t.string,
  body: t.string,
  actions: t.array(MacroAction),
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type MacroRecord = t.TypeOf<typeof MacroRecord>;

/** A macro as `GET /api/v2/macros` serves it: the reply with its snippets unfilled (R6.6). */
export interface MacroView {
  readonly id: string;
  readonly accountId: string;
  readonly title: string;
  readonly body: string;
  readonly actions: ReadonlyArray<MacroAction>;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: MacroRecord): MacroView => ({
  id: r.id,
  accountId: r.account_id,
  title: r.title,
  body: r.body,
  actions: r.actions,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, title, body, actions, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

const macrosObjects = accountObjects({
  table: 'macros',
  what: 'macros',
  columns,
  codec: MacroRecord,
  toView,
});

/** The account's macros not removed, oldest first. */
export const listMacros = macrosObjects.list;

/** One macro of the account; a removed one, or another account's, is none. */
export const findMacro = macrosObjects.find;
