import * as t from 'io-ts';
import { accountObjects } from '../read-model/account-objects';
import { BigIntFromText, IsoTimestamp } from '../read-model/row-codecs';

const EmailTemplateRecord = t.type({
  id: t.string,
  account_id: t.string,
  name: t.string,
  subject: t.string,
  body: t.string,
  version: BigIntFromText,
  created_position: BigIntFromText,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp,
});
type EmailTemplateRecord = t.TypeOf<typeof EmailTemplateRecord>;

/** An email template as `GET /api/v2/email_templates` serves it, placeholders unfilled. */
export interface EmailTemplateView {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  readonly version: bigint;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: EmailTemplateRecord): EmailTemplateView => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  subject: r.subject,
  body: r.body,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = `id, account_id, name, subject, body, version::text AS version,
  created_position::text AS created_position, created_at, updated_at`;

const emailTemplatesObjects = accountObjects({
  table: 'email_templates',
  what: 'email templates',
  columns,
  codec: EmailTemplateRecord,
  toView,
});

/** The account's email templates not removed, oldest first. */
export const listEmailTemplates = emailTemplatesObjects.list;

/** One template of the account; a removed one, or another account's, is none. */
export const findEmailTemplate = emailTemplatesObjects.find;
