import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import {
  changeEmailTemplate,
  createEmailTemplate,
  removeEmailTemplate,
} from '@helpdesk/application';
import { streams } from '@helpdesk/events';
import { findEmailTemplate, listEmailTemplates } from '@helpdesk/projections';
import { readModelTemplateUsage } from '../adapters/template-usage';
import { afterWrite, foundOnceProjected, readModel, type ApiEnv } from '../env';
import { pinnedRevision } from '../http/etags';
import { fromAppError, type ApiError } from '../http/errors';
import { PageQuery, listBody, pageRequestOf } from '../http/pagination';
import { reply, type Reply } from '../http/reply';
import { admins, userRoute, type Route } from '../http/route';
import { emailTemplateJson } from '../representations/automation';
import { EmailTemplateChangesBody, NewEmailTemplateBody } from './automation-bodies';
import { IdParam } from './params';

/** Only the parts the body names: fields it does not know are left out of the command. */
const contentChanges = ({ email_template: changes }: EmailTemplateChangesBody) => ({
  ...(changes.name === undefined ? {} : { name: changes.name }),
  ...(changes.subject === undefined ? {} : { subject: changes.subject }),
  ...(changes.body === undefined ? {} : { body: changes.body }),
});

const templateReply = (
  env: ApiEnv,
  accountId: string,
  templateId: string,
  status: number,
): TE.TaskEither<ApiError, Reply> =>
  pipe(
    foundOnceProjected(env, 'email template', 'email_templates', streams.template(templateId), () =>
      findEmailTemplate(env.session, accountId, templateId),
    ),
    TE.map((template) =>
      reply(status, { email_template: emailTemplateJson(template) }, template.version),
    ),
  );

/**
 * Email templates (R6.2, R6.5): the account's configuration, so admins alone read and write them.
 * A template still sent from (a trigger, the welcome email) cannot be removed.
 */
export const emailTemplateRoutes = (env: ApiEnv): ReadonlyArray<Route> => [
  userRoute({
    method: 'post',
    path: '/email_templates',
    roles: admins,
    body: NewEmailTemplateBody,
    handle: ({ caller, body }) =>
      pipe(
        createEmailTemplate(env.commands, caller, {
          name: body.email_template.name,
          subject: body.email_template.subject,
          body: body.email_template.body,
        }),
        TE.mapLeft(fromAppError('email_template')),
        TE.chainFirst((result) => afterWrite(env, ['email_templates'], result.position)),
        TE.chain((result) => templateReply(env, caller.accountId, result.state?.id ?? '', 201)),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/email_templates',
    roles: admins,
    query: PageQuery,
    handle: ({ caller, query, url }) =>
      pipe(
        readModel(listEmailTemplates(env.session, caller.accountId, pageRequestOf(query))),
        TE.map((page) => reply(200, listBody('email_templates', page, emailTemplateJson, url))),
      ),
  }),

  userRoute({
    method: 'get',
    path: '/email_templates/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params }) => templateReply(env, caller.accountId, params.id, 200),
  }),

  userRoute({
    method: 'put',
    path: '/email_templates/:id',
    roles: admins,
    params: IdParam,
    body: EmailTemplateChangesBody,
    handle: ({ caller, params, body, ifMatch }) =>
      pipe(
        changeEmailTemplate(
          env.commands,
          caller,
          params.id,
          contentChanges(body),
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError('email_template')),
        TE.chainFirst((result) => afterWrite(env, ['email_templates'], result.position)),
        TE.chain(() => templateReply(env, caller.accountId, params.id, 200)),
      ),
  }),

  userRoute({
    method: 'delete',
    path: '/email_templates/:id',
    roles: admins,
    params: IdParam,
    handle: ({ caller, params, ifMatch }) =>
      pipe(
        removeEmailTemplate(
          { ...env.commands, templateUsage: readModelTemplateUsage(env) },
          caller,
          params.id,
          pinnedRevision(ifMatch),
        ),
        TE.mapLeft(fromAppError('email_template')),
        TE.chainFirst((result) => afterWrite(env, ['email_templates'], result.position)),
        TE.map(() => reply(204, null)),
      ),
  }),
];
