import type { AppError } from '@helpdesk/application';
import { assertNever } from '@helpdesk/domain';
import type { ApiError } from '../http/errors';

/**
 * What an SMTP client is told. A permanent refusal (5xx) makes the sending server bounce the mail
 * to its author; a temporary one (4xx) makes it try again later, so a mail the help desk could not
 * store yet is never lost.
 */
export interface SmtpReply {
  readonly code: number;
  readonly message: string;
  readonly permanent: boolean;
}

const permanent = (code: number, message: string): SmtpReply => ({
  code,
  message,
  permanent: true,
});
export const tryLater = (message: string): SmtpReply => ({ code: 451, message, permanent: false });

export const unknownRecipient = permanent(550, '5.1.1 No such mailbox here');
export const tooLarge = (limitBytes: number) =>
  permanent(552, `5.3.4 Message larger than ${limitBytes} bytes`);

/** Why the use case did not store the mail, as an SMTP reply. */
export const replyOfAppError = (error: AppError): SmtpReply => {
  switch (error.kind) {
    case 'DomainRefusal':
      return error.error.kind === 'RuleViolation'
        ? permanent(550, `5.7.1 Refused (${error.error.rule}): ${error.error.message}`)
        : permanent(550, `5.7.1 Refused: ${error.error.message}`);
    case 'InvalidEvent':
      return permanent(554, '5.6.0 The message cannot be recorded as it is');
    case 'ConcurrencyConflict':
    case 'StaleVersion':
    case 'StoreUnavailable':
    case 'StreamDeleted':
    case 'CorruptStream':
      return tryLater('4.3.0 Temporary failure, try again later');
    case 'CompensationFailed':
      return replyOfAppError(error.error);
    default:
      return assertNever(error);
  }
};

/** A message the parser refused: only a malformed message is the sender's fault. */
export const replyOfParseError = (error: ApiError): SmtpReply =>
  error.kind === 'InvalidInput'
    ? permanent(
        550,
        `5.6.0 Malformed message: ${error.issues.map((i) => `${i.path}: expected ${i.expected}`).join('; ')}`,
      )
    : tryLater('4.3.0 Temporary failure, try again later');
