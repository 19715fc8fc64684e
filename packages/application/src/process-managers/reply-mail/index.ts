export * from './reply-mail-process-manager';
