export * from './activity-entry.entity';
export * from './activity.module';
export * from './activity.service';
