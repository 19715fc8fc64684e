export {
  ChangeEmailTemplate,
  CreateEmailTemplate,
  EmailTemplateCommand,
  RemoveEmailTemplate,
  TemplateUse,
} from './commands';
export { emailTemplateDecider } from './decider';
export type { EmailTemplate, EmailTemplateState } from './state';
