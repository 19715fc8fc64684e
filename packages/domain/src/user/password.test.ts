import { specification } from '../testing/specification';
import type { CommandActor } from '../shared/facts';
import type { CompletePasswordReset, RequestPasswordReset } from './commands';
import { userDecider } from './decider';
import {
  admin,
  agent,
  annId,
  bobId,
  deleted,
  id,
  merged,
  operator,
  system,
  userCreated,
} from './fixtures';
import type { UserEvent } from '@helpdesk/events';

const { given } = specification(userDecider);

const resetId = id(900);
const otherResetId = id(901);

const requestReset = (actor: CommandActor, reset = resetId): RequestPasswordReset => ({
  type: 'RequestPasswordReset',
  userId: annId,
  actor,
  resetId: reset,
});
const completeReset = (reset = resetId): CompletePasswordReset => ({
  type: 'CompletePasswordReset',
  userId: annId,
  resetId: reset,
});
const requested = (reset = resetId): UserEvent => ({
  type: 'PasswordResetRequested',
  data: { user_id: annId, reset_id: reset },
});
const completed = (reset = resetId): UserEvent => ({
  type: 'PasswordResetCompleted',
  data: { user_id: annId, reset_id: reset },
});

const ann: CommandActor = { type: 'user', id: annId, role: 'end-user' };
const bob: CommandActor = { type: 'user', id: bobId, role: 'end-user' };

describe('R6.7 agents and end users can start a portal password reset', () => {
  it.each([
    ['the end user herself', ann],
    ['an agent', agent],
    ['an admin', admin],
    ['the system, for the forgot-password form', system],
  ] as const)('accepts %s', (_who, actor) =>
    given(userCreated()).when(requestReset(actor)).then(requested()),
  );

  it("refuses another end user: nobody resets someone else's password", () =>
    given(userCreated()).when(requestReset(bob)).thenForbids('R6.7'));

  it('refuses a platform operator', () =>
    given(userCreated()).when(requestReset(operator)).thenForbids('R6.7'));

  it('refuses for an agent: portal passwords are for end users (settled)', () =>
    given(userCreated({ role: 'agent' }))
      .when(requestReset(admin))
      .thenRefuses('R6.7'));

  it('starts a new reset each time, and records a repeated request once', () => {
    given(userCreated(), requested())
      .when(requestReset(ann, otherResetId))
      .then(requested(otherResetId));
    given(userCreated(), requested()).when(requestReset(ann)).thenNothingHappens();
  });

  it('R3.5 refuses for a merged or deleted user', () => {
    given(userCreated(), merged()).when(requestReset(agent)).thenRefuses('R3.5');
    given(userCreated(), deleted()).when(requestReset(agent)).thenRefuses('R3.5');
  });
});

describe('R6.8 a reset link sets a password once', () => {
  it('records that the link was used, without any secret', () =>
    given(userCreated(), requested()).when(completeReset()).then(completed()));

  it('records a second use of the same link nothing more', () =>
    given(userCreated(), requested(), completed()).when(completeReset()).thenNothingHappens());

  it('refuses a reset that was never started', () =>
    given(userCreated(), requested()).when(completeReset(otherResetId)).thenNotFound());

  it('the events name the reset, never a token or password', () => {
    const fields = [requested(), completed()].flatMap((e) => Object.keys(e.data));
    expect(new Set(fields)).toEqual(new Set(['user_id', 'reset_id']));
  });
});
