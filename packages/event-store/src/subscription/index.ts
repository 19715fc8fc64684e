export * from './change-notifier';
export * from './catch-up-subscription';
