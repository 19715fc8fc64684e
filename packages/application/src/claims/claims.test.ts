import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { createMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import type { AppError } from '../command/app-error';
import type { CommandContext } from '../command/context';
import { fixedClock, instrumentedStore, sequentialIds } from '../testing';
import { claimStreamOf } from './claim-streams';
import { claimUnique, releaseClaim, transferClaim } from './claim-unique';
import { withClaims } from './with-claims';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const account = id(1);
const [ann, bob] = [id(2), id(3)];
const context: CommandContext = {
  accountId: account,
  actor: { type: 'system', id: null },
  correlationId: 'req-1',
  causationId: null,
  via: { channel: 'api', rel: null },
};

const setup = () => {
  const { store, appends } = instrumentedStore(createMemoryEventStore());
  const deps = { eventStore: store, clock: fixedClock(), ids: sequentialIds() };
  const claim = (value: string, holderId: string) =>
    claimUnique(deps, 'email', account, value, holderId, context);
  const holderOf = async (value: string) => {
    const events = await store.readStream(
      claimStreamOf({ kind: 'email', accountId: account, value }),
    )();
    const last = E.isRight(events) ? events.right[events.right.length - 1] : undefined;
    if (last === undefined || last.type === 'ValueReleased') return null;
    return (last.data as { holder_id: string }).holder_id;
  };
  return { store, appends, deps, claim, holderOf };
};

const refusedBy = (rule: string) =>
  E.left({ kind: 'DomainRefusal', error: expect.objectContaining({ rule }) });

describe('R5.2 an address identifies at most one user of an account', () => {
  it('of 20 concurrent claims of one address, exactly one wins', async () => {
    const { claim, holderOf, store } = setup();
    const holders = Array.from({ length: 20 }, (_, n) => id(100 + n));
    // the same address in different cases: claims compare it case-insensitively
    const results = await Promise.all(
      holders.map((holder, n) =>
        claim(n % 2 === 0 ? 'Ann@Example.com' : 'ann@example.COM', holder)(),
      ),
    );
    const winners = results.flatMap((r, n) => (E.isRight(r) ? [holders[n]] : []));
    expect(winners).toHaveLength(1);
    for (const result of results.filter(E.isLeft)) expect(result).toEqual(refusedBy('R5.2'));
    expect(await holderOf('ann@example.com')).toBe(winners[0]);
    const events = await store.readStream(
      claimStreamOf({ kind: 'email', accountId: account, value: 'ann@example.com' }),
    )();
    expect(E.isRight(events) && events.right.map((e) => e.type)).toEqual(['ValueClaimed']);
  });

  it('creates a claim stream with "no_stream" expected', async () => {
    const { claim, appends } = setup();
    const result = await claim('ann@example.com', ann)();
    expect(result).toMatchObject(E.right({ holderId: ann, taken: true }));
    expect(appends.map((a) => a.expectedRevision)).toEqual(['no_stream']);
  });

  it('lets the holder claim its own address again without taking it anew', async () => {
    const { claim } = setup();
    await claim('ann@example.com', ann)();
    expect(await claim('ann@example.com', ann)()).toMatchObject(E.right({ taken: false }));
  });

  it('frees an address only when its holder releases it', async () => {
    const { deps, claim, holderOf } = setup();
    await claim('ann@example.com', ann)();
    const byOther = await releaseClaim(deps, 'email', account, 'ann@example.com', bob, context)();
    expect(byOther).toMatchObject(E.right({ released: false }));
    expect(await claim('ann@example.com', bob)()).toEqual(refusedBy('R5.2'));
    const byHolder = await releaseClaim(deps, 'email', account, 'ANN@example.com', ann, context)();
    expect(byHolder).toMatchObject(E.right({ released: true }));
    expect(await claim('ann@example.com', bob)()).toMatchObject(
      E.right({ holderId: bob, taken: true }),
    );
    expect(await holderOf('ann@example.com')).toBe(bob);
  });

  it("R3.8 moves an address to a merge's target, once", async () => {
    const { deps, claim, holderOf } = setup();
    await claim('ann@example.com', ann)();
    const move = transferClaim(
      deps,
      'email',
      account,
      'ann@example.com',
      { holderId: ann },
      { holderId: bob },
      context,
    );
    expect(await move()).toEqual(E.right({ transferred: true }));
    expect(await move()).toEqual(E.right({ transferred: false }));
    expect(await holderOf('ann@example.com')).toBe(bob);
  });
});

describe('R5.2 a refused creation leaves no address locked (compensation)', () => {
  const refusal: AppError = {
    kind: 'DomainRefusal',
    error: { kind: 'RuleViolation', rule: 'R5.1', message: 'no' },
  };

  it('runs the action once every claim is taken, and keeps the claims', async () => {
    const { claim, holderOf } = setup();
    let ran = 0;
    const action = TE.fromIO(() => ++ran);
    const result = await withClaims(
      [claim('a@example.com', ann), claim('b@example.com', ann)],
      action,
    )();
    expect(result).toEqual(E.right(1));
    expect([await holderOf('a@example.com'), await holderOf('b@example.com')]).toEqual([ann, ann]);
  });

  it("releases the claims it took when the action fails, and reports the action's error", async () => {
    const { claim, holderOf } = setup();
    const result = await withClaims(
      [claim('a@example.com', ann), claim('b@example.com', ann)],
      TE.left(refusal),
    )();
    expect(result).toEqual(E.left(refusal));
    expect([await holderOf('a@example.com'), await holderOf('b@example.com')]).toEqual([
      null,
      null,
    ]);
    expect(await claim('a@example.com', bob)()).toMatchObject(E.right({ taken: true }));
  });

  it('releases the first claims when a later one is refused, and never runs the action', async () => {
    const { claim, holderOf } = setup();
    await claim('b@example.com', bob)();
    let ran = false;
    const action = TE.fromIO(() => {
      ran = true;
    });
    const result = await withClaims(
      [claim('a@example.com', ann), claim('b@example.com', ann)],
      action,
    )();
    expect(result).toEqual(refusedBy('R5.2'));
    expect(ran).toBe(false);
    expect(await holderOf('a@example.com')).toBeNull();
    expect(await holderOf('b@example.com')).toBe(bob);
  });

  it('keeps a claim the holder already had before the workflow', async () => {
    const { claim, holderOf } = setup();
    await claim('a@example.com', ann)();
    await withClaims(
      [claim('a@example.com', ann), claim('b@example.com', ann)],
      TE.left(refusal),
    )();
    expect(await holderOf('a@example.com')).toBe(ann);
    expect(await holderOf('b@example.com')).toBeNull();
  });

  it('says so when a claim could not be given back', async () => {
    const memory = createMemoryEventStore();
    let down = false;
    const flaky: EventStore = {
      ...memory,
      appendToStream: (...args) =>
        down
          ? TE.left({ kind: 'StoreUnavailable', message: 'down' })
          : memory.appendToStream(...args),
    };
    const deps = { eventStore: flaky, clock: fixedClock(), ids: sequentialIds() };
    // the store goes down while the action runs
    const action = TE.chain(() => TE.left(refusal))(TE.fromIO(() => (down = true)));
    const claim = claimUnique(deps, 'email', account, 'a@example.com', ann, context);
    const result = await withClaims([claim], action)();
    expect(result).toEqual(
      E.left({
        kind: 'CompensationFailed',
        error: refusal,
        compensationErrors: [{ kind: 'StoreUnavailable', message: 'down' }],
      }),
    );
  });
});
