import { Module } from '@nestjs/common';
import { ReportsModule } from '@app/reports';
import { ReportLinksController } from './report-links.controller';
import { ReportsController } from './reports.controller';
import { ReportsViewController } from './reports-view.controller';

@Module({ imports: [ReportsModule], controllers: [ReportsController, ReportsViewController, ReportLinksController] })
export class ReportsApiModule {}
