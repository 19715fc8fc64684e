import * as A from 'fp-ts/Array';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../command/app-error';
import type { HeldClaim } from './claim-unique';

/** Gives back, last first, every claim this workflow took; the errors of those that failed. */
const releaseTaken = (held: ReadonlyArray<HeldClaim>): T.Task<ReadonlyArray<AppError>> =>
  pipe(
    [...held].reverse().filter((claim) => claim.taken),
    A.map((claim) => claim.release()),
    T.sequenceSeqArray,
    T.map((results) => results.flatMap((result) => (E.isLeft(result) ? [result.left] : []))),
  );

/** Fails with `error` once the claims are given back, or says that some could not be. */
const compensate = <A>(
  held: ReadonlyArray<HeldClaim>,
  error: AppError,
): TE.TaskEither<AppError, A> =>
  pipe(
    releaseTaken(held),
    T.map((compensationErrors) =>
      E.left(
        compensationErrors.length === 0
          ? error
          : { kind: 'CompensationFailed', error, compensationErrors },
      ),
    ),
  );

/**
 * Claims every value first, one after the other, then runs the action. If a claim is refused or
 * the action fails, the claims taken so far are released, so a refused user creation leaves no
 * address locked (R5.2). Claims the holder already held before are left alone.
 */
export const withClaims = <A>(
  claims: ReadonlyArray<TE.TaskEither<AppError, HeldClaim>>,
  action: TE.TaskEither<AppError, A>,
): TE.TaskEither<AppError, A> => {
  const takeFrom =
    (index: number, held: ReadonlyArray<HeldClaim>): TE.TaskEither<AppError, A> =>
    async () => {
      const claim = claims[index];
      if (claim === undefined) {
        const outcome = await action();
        return E.isRight(outcome) ? outcome : compensate<A>(held, outcome.left)();
      }
      const taken = await claim();
      return E.isRight(taken)
        ? takeFrom(index + 1, [...held, taken.right])()
        : compensate<A>(held, taken.left)();
    };
  return takeFrom(0, []);
};
