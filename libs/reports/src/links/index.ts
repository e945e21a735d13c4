export * from './report-link';
export * from './report-links.service';
