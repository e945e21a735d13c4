export { REPORT_CSP, renderQuarterlyReportHtml, reportTitle } from './quarterly-report.html';
export { renderQuarterlyReportText } from './quarterly-report.text';
