export { welcomeProcessManager, type WelcomeProcessDeps } from './welcome-process-manager';
export {
  welcomeEmailId,
  welcomeEmailOf,
  type WelcomeEmailDeps,
  type WelcomeOutcome,
} from './welcome-email';
