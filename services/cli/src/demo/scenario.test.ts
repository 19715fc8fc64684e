import * as E from 'fp-ts/Either';
import { fixedClock, sequentialIds } from '@helpdesk/application';
import { createMemoryEventStore } from '@helpdesk/event-store';
import { describeError } from './print';
import { runScenario } from './scenario';

describe('the demo scenario behind the start command', () => {
  it('R1 R3 R4 R5.2 succeeds where the seeds say yes and is refused, naming the rule, where they say no', async () => {
    const deps = {
      eventStore: createMemoryEventStore(),
      clock: fixedClock(),
      ids: sequentialIds(),
    };
    const { steps, accountId } = await runScenario(deps, new Map());
    expect(accountId).toBeDefined();
    const refusals = steps.flatMap(({ outcome }) =>
      E.isLeft(outcome) ? [describeError(outcome.left)] : [],
    );
    expect(refusals).toEqual([
      expect.stringContaining('(R5.2)'),
      expect.stringContaining('(R3.5)'),
      expect.stringContaining('(R4.3)'),
      expect.stringContaining('(R4.2)'),
    ]);
    expect(steps.filter(({ outcome }) => E.isRight(outcome))).toHaveLength(steps.length - 4);
  });
});
