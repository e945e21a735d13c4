export * from './app-config';
export * from './config.module';
export * from './runtime-info';
export * from './launcher-gate';
