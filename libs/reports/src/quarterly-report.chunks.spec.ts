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

/** Bytes as a string of as many characters (latin1 maps each byte to one): compared byte for byte, a failure shows where. */
const bytesOf = (chunks: Iterable<Buffer>) => Buffer.concat([...chunks]).toString('latin1');

describe('quarterly report in chunks', () => {
  it('adds up to JSON.stringify of the report, and to one stringify of every CSV record, whatever the rows and names', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_100 }), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), (count, names) => {
        const report = withRows(count, names);
        expect(bytesOf(jsonChunks(report))).toBe(bytesOf([Buffer.from(JSON.stringify(report))]));
        const csv = [...csvChunks(report)].join('');
        const records = parse(csv) as string[][];
        expect(records).toHaveLength(count + 1);
        expect(stringify(records, { record_delimiter: '\r\n' })).toBe(csv);
        expect(toCsv(report)).toBe(csv);
      }),
      { numRuns: 30 },
    );
  });

  it('streams the renewals too, whatever their number, and adds no array a report lacks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1_100 }), (count, renewals) => {
        const report = {
          ...withRows(count, []),
          renewalsDueNextQuarter: Array.from({ length: renewals }, (_, i) => ({
            ...sample.renewalsDueNextQuarter[i % sample.renewalsDueNextQuarter.length],
            contractId: `c-${i}`,
          })),
        };
        expect(bytesOf(jsonChunks(report))).toBe(bytesOf([Buffer.from(JSON.stringify(report))]));
      }),
      { numRuns: 30 },
    );
    // A snapshot taken before a field existed does not have it: the bytes are still what was stored.
    const { renewalsDueNextQuarter: _, ...older } = withRows(120, []);
    const chunks = bytesOf(jsonChunks(older as QuarterlyReport));
    expect(chunks).toBe(bytesOf([Buffer.from(JSON.stringify(older))]));
    expect(chunks).not.toContain('renewalsDueNextQuarter');
  });

  it('cuts the CSV rows in chunks of 500 and the JSON in chunks of 128-256 KiB', () => {
    const report = withRows(1_203, ['a,b']);
    expect([...csvChunks(report)]).toHaveLength(1 + 3);
    const chunks = [...jsonChunks(report)];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThan(128 * 1024);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(256 * 1024);
  });

  it('gives texts longer than a chunk a buffer of their own, multi-byte characters whole', () => {
    const report = withRows(120, ['é'.repeat(3_000), '😀'.repeat(2_000), 'a'.repeat(5_000)]);
    const chunks = [...jsonChunks(report)];
    expect(chunks.some((chunk) => chunk.length > 256 * 1024)).toBe(true);
    expect(bytesOf(chunks)).toBe(bytesOf([Buffer.from(JSON.stringify(report))]));
  });
});
