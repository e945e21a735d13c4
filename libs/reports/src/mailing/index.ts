export * from './quarter-close';
export * from './quarter-close.scan';
export * from './quarterly-report.email';
export * from './quarterly-report.mailer';
export * from './report-mailing.module';
