export * from './brand.entity';
export * from './brand.ref';
export * from './brand-manager.entity';
export * from './brands.exception';
export * from './brands.module';
export * from './brands.service';
