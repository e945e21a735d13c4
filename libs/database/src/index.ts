export * from './bigint-number.transformer';
export * from './base.entity';
export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './scoped-repository';
export * from './snake-naming.strategy';
export * from './rollup-dirty-days';
