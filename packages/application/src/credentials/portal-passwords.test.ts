import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  decoyPasswordHash,
  hashPortalPassword,
  scryptParameters,
  verifyPortalPassword,
} from './portal-passwords';

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

describe('R6.8 portal passwords are kept as slow salted hashes', () => {
  it('hashes with scrypt and a fresh salt each time, never keeping the password', async () => {
    const first = await run(hashPortalPassword('correct horse'));
    const second = await run(hashPortalPassword('correct horse'));
    expect(first).toMatchObject({ algorithm: 'scrypt', ...scryptParameters });
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(Buffer.from(first.hash, 'base64')).toHaveLength(64);
    expect(JSON.stringify(first)).not.toContain('correct horse');
  });

  it('recognises the password, and nothing else', async () => {
    const stored = await run(hashPortalPassword('correct horse'));
    expect(await run(verifyPortalPassword('correct horse', stored))).toBe(true);
    expect(await run(verifyPortalPassword('correct horse ', stored))).toBe(false);
    expect(await run(verifyPortalPassword('Correct horse', stored))).toBe(false);
  });

  it('checks a password against the parameters stored with its hash', async () => {
    const older = await run(
      hashPortalPassword('battery staple', { cost: 2 ** 12, blockSize: 8, parallelization: 1 }),
    );
    expect(older.cost).toBe(2 ** 12);
    expect(await run(verifyPortalPassword('battery staple', older))).toBe(true);
  });

  it('reports a stored hash with impossible parameters as a failure value, not a throw', async () => {
    const stored = await run(hashPortalPassword('correct horse'));
    const checked = await verifyPortalPassword('correct horse', { ...stored, cost: 3 })();
    expect(E.isLeft(checked) && checked.left.kind).toBe('StoreUnavailable');
  });

  it('has a decoy hash, the same each time, that the usual guesses do not match', async () => {
    const decoy = await run(decoyPasswordHash());
    expect(await run(decoyPasswordHash())).toBe(decoy);
    for (const guess of ['', 'password', '12345678'])
      expect(await run(verifyPortalPassword(guess, decoy))).toBe(false);
  });
});
