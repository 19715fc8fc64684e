export { applyByBatch, openBatch } from './projection';
export type { Batch, BatchTarget, ProjectedEvent, Projection } from './projection';
export type { Checkpoint, CheckpointRecord } from './checkpoints';
export { readCheckpoint, readCheckpoints } from './checkpoints';
export { checkpointWaiter, type CheckpointWaiterOptions } from './checkpoint-waiter';
export { fingerprintOf } from './fingerprint';
export { installReadModels, type InstallReport } from './install';
export { projectionLag, type LagError, type LagOptions, type ProjectionLag } from './lag';
export { stderrLogger, type RuntimeLogger } from './logger';
export { describeCorruptEvent, type CorruptEvent } from './projected-event';
export type { ProjectorState } from './projector';
export type { WaitError } from './position-waiters';
export {
  startProjections,
  type ProjectionRunner,
  type ProjectionStatus,
  type RunnerOptions,
} from './runner';
export { defaultReadModelSchema } from './schema-name';
export {
  rebuildProjection,
  rebuildReadModels,
  type RebuildError,
  type RebuildOptions,
  type RebuildReport,
} from './rebuild/rebuild';
export type { RebuildProgress } from './rebuild/progress';
