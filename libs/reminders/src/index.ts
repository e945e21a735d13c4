export * from './contracts-rollover';
export * from './deliverables-scan';
export * from './notification-rows';
export * from './reminders.module';
export * from './renewals-scan';
