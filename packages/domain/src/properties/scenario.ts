import fc from 'fast-check';
import type { Plan } from '@helpdesk/events';
import { openAccount } from './account-flow';
import type { Invariant } from './invariants';
import { perform } from './perform';
import { poolSizes } from './references';
import { populatingStepArbitrary, stepArbitrary, type Step } from './steps';
import type { Deciders, World } from './world';

/**
 * One random scenario: an account opened on some plan, populated, then random steps. With
 * `processManagersLate`, their reactions wait until a `settle` step (or the end) runs them.
 */
export interface Scenario {
  readonly plan: Plan;
  readonly multipleOrganizations: boolean;
  readonly processManagersLate?: boolean;
  readonly steps: ReadonlyArray<Step>;
}

export const scenarioArbitrary = (processManagersLate = false): fc.Arbitrary<Scenario> =>
  fc.record({
    plan: fc.constantFrom<Plan>('team', 'professional', 'enterprise'),
    multipleOrganizations: fc.boolean(),
    processManagersLate: fc.constant(processManagersLate),
    steps: fc
      .tuple(
        fc.array(populatingStepArbitrary(poolSizes), { minLength: 8, maxLength: 16 }),
        fc.array(stepArbitrary(poolSizes, processManagersLate), { minLength: 15, maxLength: 45 }),
      )
      .map(([populate, act]) => [...populate, ...act]),
  });

/**
 * Plays a scenario; `afterEachStep` sees the world after the opening (step -1), after each step,
 * and, when process managers run late, once more after they caught up (step `steps.length`).
 */
export const play = (
  scenario: Scenario,
  afterEachStep: (world: World, step: number) => void = () => undefined,
  deciders: Partial<Deciders> = {},
): World => {
  const world = openAccount(scenario.plan, scenario.multipleOrganizations, deciders);
  world.processManagersLate = scenario.processManagersLate ?? false;
  afterEachStep(world, -1);
  scenario.steps.forEach((step, i) => {
    perform(world, step);
    afterEachStep(world, i);
  });
  if (world.processManagersLate) {
    world.settleAll();
    afterEachStep(world, scenario.steps.length);
  }
  return world;
};

const describeStep = (scenario: Scenario, i: number): string =>
  i < 0
    ? 'opening the account'
    : i >= scenario.steps.length
      ? 'the process managers caught up'
      : `step ${i} ${JSON.stringify(scenario.steps[i])}`;

/**
 * The property that `invariant` holds after every step of every scenario; `whenSettled` holds
 * only when no process manager has work left (what it watches is repaired by their reactions).
 */
export const holdsAfterEveryStep = (
  invariant: Invariant,
  options: {
    readonly deciders?: Partial<Deciders>;
    readonly processManagersLate?: boolean;
    readonly whenSettled?: Invariant;
  } = {},
): fc.IPropertyWithHooks<[Scenario]> =>
  fc.property(scenarioArbitrary(options.processManagersLate), (scenario) => {
    play(
      scenario,
      (world, i) => {
        const broken = [
          ...invariant(world),
          ...(world.pending.length === 0 ? (options.whenSettled?.(world) ?? []) : []),
        ];
        if (broken.length > 0)
          throw new Error(`after ${describeStep(scenario, i)}:\n${broken.join('\n')}`);
      },
      options.deciders,
    );
  });
