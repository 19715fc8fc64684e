export { triggerProcessManager, type TriggerProcessDeps } from './trigger-process-manager';
export { configurationHistory, type ConfigurationHistory } from './configuration-history';
export { triggerMailId } from './trigger-mail';
export { recordingOutbox } from './recording-outbox';
