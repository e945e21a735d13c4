export * from './figures';
export * from './rollup-trigger';
export * from './rollups.module';
