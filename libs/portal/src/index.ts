export * from './portal-auth.service';
export * from './portal-mail.module';
export * from './portal-sign-in.email';
export * from './portal-tokens';
export * from './portal.exception';
export * from './portal.module';
export * from './portal.service';
