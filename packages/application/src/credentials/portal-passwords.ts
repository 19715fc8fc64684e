import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import * as TE from 'fp-ts/TaskEither';
import type { CredentialsUnavailable } from '../ports/credentials';
import type { PasswordHash } from '../ports/portal-credentials';

/**
 * R6.8: portal passwords are kept as scrypt hashes (Node's `crypto.scrypt`), with a fresh 16-byte
 * salt each time one is set. N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s on these machines): the
 * parameters travel with each hash, so raising them later leaves existing passwords valid.
 */
export const scryptParameters = { cost: 2 ** 15, blockSize: 8, parallelization: 1 } as const;

const keyLength = 64;

/** scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is just too low for N = 2^15. */
const memoryFor = (cost: number, blockSize: number): number => 256 * cost * blockSize;

const derive = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );

const failed =
  (what: string) =>
  (cause: unknown): CredentialsUnavailable => ({
    kind: 'StoreUnavailable',
    message: `could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  });

export const hashPortalPassword = (
  password: string,
  parameters: Pick<PasswordHash, 'cost' | 'blockSize' | 'parallelization'> = scryptParameters,
): TE.TaskEither<CredentialsUnavailable, PasswordHash> =>
  TE.tryCatch(async () => {
    const salt = randomBytes(16);
    const key = await derive(password, salt, {
      N: parameters.cost,
      r: parameters.blockSize,
      p: parameters.parallelization,
      maxmem: memoryFor(parameters.cost, parameters.blockSize),
    });
    return {
      algorithm: 'scrypt',
      salt: salt.toString('base64'),
      ...parameters,
      hash: key.toString('base64'),
    };
  }, failed('hash a password'));

/** Whether `password` is the one hashed, compared in constant time. */
export const verifyPortalPassword = (
  password: string,
  stored: PasswordHash,
): TE.TaskEither<CredentialsUnavailable, boolean> =>
  TE.tryCatch(async () => {
    const expected = Buffer.from(stored.hash, 'base64');
    const key = await derive(password, Buffer.from(stored.salt, 'base64'), {
      N: stored.cost,
      r: stored.blockSize,
      p: stored.parallelization,
      maxmem: memoryFor(stored.cost, stored.blockSize),
    });
    return key.length === expected.length && timingSafeEqual(key, expected);
  }, failed('check a password'));

let decoy: Promise<PasswordHash> | undefined;

/**
 * A hash no password matches in practice, checked when there is no user or no password to check
 * against: a sign-in then takes as long as with a wrong password, so the time it takes does not
 * tell whether an address has an account (api.md, "Portal").
 */
export const decoyPasswordHash = (): TE.TaskEither<CredentialsUnavailable, PasswordHash> =>
  TE.tryCatch(async () => {
    decoy ??= (async () => {
      const made = await hashPortalPassword(randomBytes(32).toString('base64'))();
      if (made._tag === 'Left') throw new Error(made.left.message);
      return made.right;
    })().catch((error: unknown) => {
      decoy = undefined; // the next sign-in tries again
      throw error;
    });
    return decoy;
  }, failed('prepare the decoy hash'));
