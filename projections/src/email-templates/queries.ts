import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { SqlSession } from '@helpdesk/event-store';
import {
  afterPositionOf,
  pageOf,
  pageSizeOf,
  type Page,
  type PageRequest,
} from '../read-model/page';
import { selectOne, selectRows, type ReadModelError } from '../read-model/query';
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

/** The account's email templates not removed, oldest first. */
export const listEmailTemplates = (
  session: SqlSession,
  accountId: string,
  request: PageRequest = {},
): TE.TaskEither<ReadModelError, Page<EmailTemplateView>> => {
  const size = pageSizeOf(request);
  return pipe(
    selectRows(EmailTemplateRecord, 'email templates')(
      session,
      `SELECT ${columns} FROM email_templates
       WHERE account_id = $1 AND NOT removed AND created_position > $2::bigint
       ORDER BY created_position LIMIT $3`,
      [accountId, afterPositionOf(request), size + 1],
    ),
    TE.map((rows) => pageOf(rows, size, (r) => r.created_position, toView)),
  );
};

/** One template of the account; a removed one, or another account's, is none. */
export const findEmailTemplate = (
  session: SqlSession,
  accountId: string,
  templateId: string,
): TE.TaskEither<ReadModelError, O.Option<EmailTemplateView>> =>
  pipe(
    selectOne(EmailTemplateRecord, 'email templates')(
      session,
      `SELECT ${columns} FROM email_templates WHERE id = $1 AND account_id = $2 AND NOT removed`,
      [templateId, accountId],
    ),
    TE.map(O.map(toView)),
  );
