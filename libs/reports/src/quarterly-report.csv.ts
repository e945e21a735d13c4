import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvFormula } from '@app/common';
import { QuarterlyReport, ReportRelationshipRow } from './quarterly-report';

type Cell = string | number | null;

/** Column header and value of the per-relationship table, in order; money in the brand's currency and minor units. */
const COLUMNS: [string, (row: ReportRelationshipRow, report: QuarterlyReport) => Cell][] = [
  ['rank', (r) => r.rank],
  ['relationship_id', (r) => r.relationshipId],
  ['influencer_id', (r) => r.influencer.id],
  ['influencer_name', (r) => r.influencer.name],
  ['tier', (r) => r.influencer.tier],
  ['followers', (r) => r.influencer.followers],
  ['currency', (_, report) => report.brand.currency],
  ['conversions', (r) => r.figures.conversions],
  ['revenue', (r) => r.figures.revenue],
  ['reversals', (r) => r.figures.reversals],
  ['net_revenue', (r) => r.figures.netRevenue],
  ['spend', (r) => r.figures.spend],
  ['spend_retainer', (r) => r.figures.spendByKind.retainer],
  ['spend_deliverable_fee', (r) => r.figures.spendByKind.deliverableFee],
  ['spend_commission', (r) => r.figures.spendByKind.commission],
  ['spend_product', (r) => r.figures.spendByKind.product],
  ['spend_other', (r) => r.figures.spendByKind.other],
  ['roi', (r) => r.figures.roi],
  ['roas', (r) => r.figures.roas],
  ['cpa', (r) => r.figures.cpa],
  ['cpe', (r) => r.figures.cpe],
  ['cpm', (r) => r.figures.cpm],
  ['emv', (r) => r.figures.emv],
  ['impressions', (r) => r.figures.impressions],
  ['reach', (r) => r.figures.reach],
  ['views', (r) => r.figures.views],
  ['engagements', (r) => r.figures.engagements],
  ['clicks', (r) => r.figures.clicks],
  ['engagement_rate', (r) => r.figures.engagementRate],
  ['deliverables_due', (r) => r.deliverables.due],
  ['deliverables_on_time', (r) => r.deliverables.onTime],
  ['deliverables_late', (r) => r.deliverables.late],
  ['deliverables_missed', (r) => r.deliverables.missed],
  ['deliverables_open', (r) => r.deliverables.open],
  ['accrued_through', (r) => r.accruedThrough],
  ['pending_commission', (r) => r.pendingCommission],
];

/** An undefined ratio stays an empty cell (never 0); every cell is neutralised against formula injection. */
const cell = (value: Cell) => (value === null ? '' : neutraliseCsvFormula(String(value)));

const ROWS_PER_CHUNK = 500;
const csv = (records: Cell[][]) => stringify(records, { record_delimiter: '\r\n' });

/**
 * The per-relationship table of the report, ranked as in the JSON, as RFC 4180 CSV with a header row, in
 * chunks of ROWS_PER_CHUNK rows: each record ends with its delimiter, so the chunks add up to the whole file.
 */
export function* csvChunks(report: QuarterlyReport): Generator<string> {
  yield csv([COLUMNS.map(([header]) => header)]);
  for (let at = 0; at < report.relationships.length; at += ROWS_PER_CHUNK)
    yield csv(report.relationships.slice(at, at + ROWS_PER_CHUNK).map((row) => COLUMNS.map(([, value]) => cell(value(row, report)))));
}

/** The whole CSV as one string (the email's attachment). */
export function toCsv(report: QuarterlyReport): string {
  return [...csvChunks(report)].join('');
}
