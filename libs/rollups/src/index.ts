export * from './emv';
export * from './figures';
export * from './rollup-marks';
export * from './rollup-trigger';
export * from './rollups.module';
export * from './rollups.service';
export * from './rollup.sql';
export * from './stat-sources.sql';
