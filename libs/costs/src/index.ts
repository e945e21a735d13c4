export * from './cost-entry.entity';
export * from './cost-rules';
export * from './costs.module';
export * from './costs.service';
