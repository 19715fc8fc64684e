export { startWorker, type ProcessName, type Worker, type WorkerDeps } from './start-worker';
export { componentLogger, jsonLogger } from './logger';
export {
  installProcessState,
  sqlCheckpoints,
  sqlMergeRegistry,
} from './process-state/process-state';
export {
  readModelMembers,
  readModelSnapshots,
  readModelTally,
  runnerProgress,
} from './adapters/read-model-ports';
