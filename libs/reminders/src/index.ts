export * from './contracts-rollover.scan';
export * from './deliverables.scan';
export * from './reminders.module';
export * from './renewals.scan';
