export * from './mail-transport';
export * from './mail.module';
export * from './outbox-reader';
