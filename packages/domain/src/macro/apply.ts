import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { MacroAction } from '../automation/actions';
import { renderMail, type MailValues, type RenderError } from '../mail/render';
import { needsPasswordLink } from '../mail/placeholders';
import type { Macro } from './state';

/** What an agent gets from applying a macro to a ticket (R6.6). */
export interface AppliedMacro {
  /**
   * The reply as it is kept: the ticket's public comment. R6.8: a password link in it is
   * redacted, since comments live in the event log; the mail to the requester carries the link.
   */
  readonly comment: string;
  /** whether the mail needs a single-use password link issued before it is sent (R6.8) */
  readonly needsPasswordLink: boolean;
  /** what the macro also does to the ticket, in order */
  readonly actions: ReadonlyArray<MacroAction>;
}

/**
 * R6.6: the macro's reply with its snippets filled for one ticket and its requester. The mail
 * itself is rendered from `macro.body` by the sender, with the real link, when it is sent.
 */
export const applyMacro = (
  macro: Pick<Macro, 'body' | 'actions'>,
  values: MailValues,
): E.Either<RenderError, AppliedMacro> =>
  pipe(
    // the subject plays no part in a reply; the ticket's own subject stands in for it
    renderMail({ subject: 'reply', body: macro.body }, values, { redactSecrets: true }),
    E.map((rendered) => ({
      comment: rendered.text,
      needsPasswordLink: needsPasswordLink(macro.body),
      actions: macro.actions,
    })),
  );
