import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  replyToTicket,
  replyWithMacro,
  type AppError,
  type Caller,
  type CommandDeps,
  type RepliedTicket,
} from '@helpdesk/application';
import type { Uuid } from '@helpdesk/events';
import { invalidInput, type ApiError } from '../http/errors';

/** A reply as `POST /tickets/{id}/replies` takes it: its own text, or a macro's (R6.6). */
export interface ReplyFields {
  readonly body?: string;
  readonly macro_id?: Uuid;
  readonly public?: boolean;
}

type ReplyRequest =
  | { readonly kind: 'text'; readonly body: string; readonly public: boolean }
  | { readonly kind: 'macro'; readonly macroId: Uuid; readonly public: boolean };

/** Exactly one of `body` and `macro_id`: a macro brings its own text. */
export const replyRequestOf = (reply: ReplyFields): E.Either<ApiError, ReplyRequest> => {
  const isPublic = reply.public ?? true;
  if (reply.body !== undefined && reply.macro_id !== undefined)
    return E.left(invalidInput('reply.body', 'either a body or a macro_id', 'both'));
  if (reply.macro_id !== undefined)
    return E.right({ kind: 'macro', macroId: reply.macro_id, public: isPublic });
  if (reply.body !== undefined)
    return E.right({ kind: 'text', body: reply.body, public: isPublic });
  return E.left(invalidInput('reply.body', 'a body or a macro_id', 'neither'));
};

export const sendReply = (
  commands: CommandDeps,
  caller: Caller,
  ticketId: Uuid,
  request: ReplyRequest,
): TE.TaskEither<AppError, RepliedTicket> =>
  request.kind === 'macro'
    ? replyWithMacro(commands, caller, ticketId, request.macroId, { public: request.public })
    : replyToTicket(commands, caller, ticketId, { body: request.body, public: request.public });
