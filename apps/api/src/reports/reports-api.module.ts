import { Module } from '@nestjs/common';
import { ReportsModule } from '@app/reports';
import { RateLimitModule } from '../core/rate-limit/rate-limit.module';
import { ReportLinksController } from './report-links.controller';
import { ReportsController } from './reports.controller';
import { ReportsViewController } from './reports-view.controller';

@Module({ imports: [ReportsModule, RateLimitModule], controllers: [ReportsController, ReportsViewController, ReportLinksController] })
export class ReportsApiModule {}
