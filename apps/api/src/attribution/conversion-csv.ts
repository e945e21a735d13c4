import { Readable } from 'node:stream';
import { Conversion } from '@app/attribution';
import { neutraliseCsvFormula } from '@app/common';
import { ConversionView, toConversionView } from './conversion.views';

const columns: (keyof ConversionView)[] = [
  'id',
  'occurredAt',
  'source',
  'externalId',
  'status',
  'relationshipId',
  'contractId',
  'attributedBy',
  'trackingCodeId',
  'customerType',
  'currency',
  'grossAmount',
  'discountAmount',
  'netAmount',
  'reversedAmount',
  'commissionRate',
  'commissionAmount',
  'originalCurrency',
  'originalNetAmount',
  'fxRate',
  'createdAt',
];

/** RFC 4180 quoting of a cell neutralised against formula injection. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseCsvFormula(value instanceof Date ? value.toISOString() : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Pull-based: the next page is read only when the client has taken the previous one, so memory stays flat. */
export function conversionsCsv(pages: AsyncGenerator<Conversion[]>): Readable {
  async function* render(): AsyncGenerator<string> {
    yield line(columns);
    for await (const page of pages) {
      yield page
        .map((row) => {
          const view = toConversionView(row);
          return line(columns.map((column) => view[column]));
        })
        .join('');
    }
  }
  return Readable.from(render());
}
