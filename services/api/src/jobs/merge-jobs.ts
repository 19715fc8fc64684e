import * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import {
  carryOutMerge,
  type Caller,
  type CommandDeps,
  type RequestedMerge,
  type UserTickets,
} from '@helpdesk/application';
import type { ReadModels } from '../deps';

export type JobState = 'queued' | 'working' | 'completed' | 'failed';

export interface JobStatus {
  readonly id: string;
  readonly accountId: string;
  readonly status: JobState;
  readonly total: number | null;
  readonly progress: number;
}

export interface MergeJobs {
  /** carries the requested merge out in the background (R3.6–R3.9) */
  readonly start: (caller: Caller, requested: RequestedMerge, position: bigint) => JobStatus;
  readonly find: (accountId: string, id: string) => JobStatus | undefined;
  /** resolves once every job started so far has finished */
  readonly settled: () => Promise<void>;
}

const keptJobs = 10_000;

/**
 * Merges carried out in this process, with their outcome. The `user_merges` read model follows
 * their progress from the log; this registry adds what the log cannot say: that one failed.
 * Where the merge process manager runs (`helpdesk serve`, `carryOut: false`), it carries the merge
 * out from the log, and a restart part-way resumes it (R3.9); jobs here only answer `queued`
 * until the read model shows the merge.
 */
export const mergeJobs = (deps: {
  readonly commands: CommandDeps;
  readonly tickets: UserTickets;
  readonly readModels: ReadModels;
  readonly logger: Logger;
  /**
   * false where the merge process manager runs beside the API (`helpdesk serve`): it carries every
   * merge out from the log, and the `user_merges` read model follows it; true when absent
   */
  readonly carryOut?: boolean;
}): MergeJobs => {
  const jobs = new Map<string, JobStatus>();
  const running = new Set<Promise<void>>();
  const update = (id: string, change: Partial<JobStatus>) => {
    const job = jobs.get(id);
    if (job !== undefined) jobs.set(id, { ...job, ...change });
  };
  const remember = (job: JobStatus) => {
    jobs.set(job.id, job);
    if (jobs.size > keptJobs) jobs.delete(jobs.keys().next().value as string);
  };

  const carryOut = async (caller: Caller, id: string, sourceId: string, position: bigint) => {
    update(id, { status: 'working' });
    // like a process manager: read the tickets read model only once it has seen the merge
    const caughtUp = await deps.readModels.waitFor('tickets', position)();
    if (E.isLeft(caughtUp)) {
      deps.logger.error({ job_id: id, problem: caughtUp.left.kind }, 'merge could not start');
      update(id, { status: 'failed' });
      return;
    }
    const outcome = await carryOutMerge(deps.commands, deps.tickets, caller, sourceId)();
    if (E.isLeft(outcome)) {
      deps.logger.error({ job_id: id, problem: outcome.left.kind }, 'merge failed');
      update(id, { status: 'failed' });
      return;
    }
    const moved = outcome.right.ticketsRewritten;
    update(id, { status: 'completed', total: moved, progress: moved });
  };

  return {
    start: (caller, requested, position) => {
      const job: JobStatus = {
        id: requested.merged.id,
        accountId: caller.accountId,
        status: 'queued',
        total: null,
        progress: 0,
      };
      remember(job);
      if (deps.carryOut === false) return job;
      const run = carryOut(caller, job.id, requested.source.id, position).catch(
        (error: unknown) => {
          deps.logger.error({ job_id: job.id, problem: String(error) }, 'merge crashed');
          update(job.id, { status: 'failed' });
        },
      );
      running.add(run);
      void run.finally(() => running.delete(run));
      return job;
    },
    find: (accountId, id) => {
      const job = jobs.get(id);
      return job?.accountId === accountId ? job : undefined;
    },
    settled: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
};
