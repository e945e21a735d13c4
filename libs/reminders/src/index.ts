export * from './contracts-rollover.scan';
export * from './deliverables.scan';
export * from './notification-rows';
export * from './reminders.module';
export * from './renewals.scan';
