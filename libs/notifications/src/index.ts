export * from './notification-data';
export * from './notification-kinds';
export * from './notification-sender';
export * from './notifications.module';
export * from './notifications.service';
export * from './send-errors';
export * from './templates';
export * from './unsubscribe-token';
