export * from './activity-entry.entity';
export * from './activity.module';
export * from './activity.service';
export * from './activity.sql';
export * from './audit-log.reader';
export * from './audit-redaction';
