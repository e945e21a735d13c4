export * from './cost-entry.entity';
export * from './cost-rules';
export * from './costs.module';
export * from './costs.service';
export * from './accrual/costs-accrual.module';
export * from './accrual/costs-accrual.service';
export { commissionSql } from './accrual/commission-accrual.sql';
export { accruedThroughSql, accruingTermSql, lastDayInForceSql, retainerUnitsSql } from './accrual/retainer-accrual.sql';
