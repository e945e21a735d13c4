import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { QuarterlyReport } from './quarterly-report';
import { csvChunks, toCsv } from './quarterly-report.csv';
import { jsonChunks } from './quarterly-report.json';

const sample = JSON.parse(readFileSync(join(__dirname, '../../../docs/quarterly-report.sample.json'), 'utf8')) as QuarterlyReport;

/** The sample report with `count` relationships, names drawn from `names` (quotes, commas, newlines, formulas...). */
const withRows = (count: number, names: string[]): QuarterlyReport => ({
  ...sample,
  relationships: Array.from({ length: count }, (_, i) => {
    const base = sample.relationships[i % sample.relationships.length];
    return { ...base, rank: i + 1, influencer: { ...base.influencer, name: names[i % names.length] ?? base.influencer.name } };
  }),
});

describe('quarterly report in chunks', () => {
  it('adds up to JSON.stringify of the report, and to one stringify of every CSV record, whatever the rows and names', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_100 }), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), (count, names) => {
        const report = withRows(count, names);
        expect([...jsonChunks(report)].join('')).toBe(JSON.stringify(report));
        const csv = [...csvChunks(report)].join('');
        const records = parse(csv) as string[][];
        expect(records).toHaveLength(count + 1);
        expect(stringify(records, { record_delimiter: '\r\n' })).toBe(csv);
        expect(toCsv(report)).toBe(csv);
      }),
      { numRuns: 30 },
    );
  });

  it('cuts the rows in chunks of 500', () => {
    const report = withRows(1_203, ['a,b']);
    expect([...csvChunks(report)]).toHaveLength(1 + 3);
    expect([...jsonChunks(report)]).toHaveLength(2 + 3);
  });
});
