export * from './relationship.entity';
export * from './relationships.exception';
export * from './relationships.module';
export * from './relationships.service';
export * from './relationship-sort';
