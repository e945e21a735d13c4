import { Module } from '@nestjs/common';
import { ActivityModule } from '@app/activity';
import { ReportLinksService } from './links/report-links.service';
import { QuarterlyReportsService } from './quarterly-reports.service';
import { RelationshipPerformanceService } from './relationship-performance.service';

const exported = [QuarterlyReportsService, RelationshipPerformanceService, ReportLinksService];

/**
 * Reads rollups and snapshots with raw SQL only (the data source and Clock are global): no entity. Report
 * links are its own table; their creation and revocation go to the activity log.
 */
@Module({ imports: [ActivityModule], providers: exported, exports: exported })
export class ReportsModule {}
