export * from './factories';
export * from './test-app';
export * from './test-database';
export * from './attribution-fixtures';
export * from './test-worker';
export * from './smtp-sink';
export * from './notification-fixtures';
export * from './build';
