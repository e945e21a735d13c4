import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { ReportsModule } from '../reports.module';
import { QuarterCloseScan } from './quarter-close.scan';
import { QuarterlyReportEmail } from './quarterly-report.email';
import { QuarterlyReportMailer } from './quarterly-report.mailer';

const exported = [QuarterCloseScan, QuarterlyReportMailer, QuarterlyReportEmail];

/** The worker's side of reports: the quarter-close scan, the reports.quarterly job and the report email's content. */
@Module({ imports: [ReportsModule, NotificationsModule], providers: exported, exports: exported })
export class ReportMailingModule {}
