import { Module } from '@nestjs/common';
import { QuarterlyReportsService } from './quarterly-reports.service';
import { RelationshipPerformanceService } from './relationship-performance.service';

/** Reads rollups and snapshots with raw SQL only (the data source and Clock are global): no entity, no other context. */
@Module({
  providers: [QuarterlyReportsService, RelationshipPerformanceService],
  exports: [QuarterlyReportsService, RelationshipPerformanceService],
})
export class ReportsModule {}
