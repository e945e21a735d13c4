import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { FieldError, flattenValidationErrors, timeSlices } from '@app/common';
import { ImportRejection, ImportRow, InfluencersException, Platform, PLATFORMS } from '@app/influencers';
import { CreateInfluencerRequest } from './influencers.dto';

export const MAX_IMPORT_ROWS = 10_000;

const influencerColumns = ['name', 'email', 'country', 'tags', 'notes'];
/** Account columns are `<platform>_<suffix>`; each suffix fills one SocialAccountRequest field. */
const accountSuffixes: Record<string, string> = {
  handle: 'handle',
  followers: 'followers',
  url: 'url',
  engagement_rate: 'engagementRate',
  as_of: 'asOf',
};
const knownColumns = new Set([
  ...influencerColumns,
  ...PLATFORMS.flatMap((p) => Object.keys(accountSuffixes).map((suffix) => `${p}_${suffix}`)),
]);

export interface InfluencerCsv {
  rows: ImportRow[];
  /** Rows that failed validation; the file's other rows are still imported. */
  rejected: ImportRejection[];
  /** Renames fields of the request shape (`socialAccounts[0].followers`) to the file's columns (`instagram_followers`). */
  inColumns: (rejection: ImportRejection) => ImportRejection;
}

/** Reads and validates every row with the JSON API's request DTO, so the two entry points share one set of rules. */
export async function readInfluencerCsv(body: unknown): Promise<InfluencerCsv> {
  const slice = timeSlices();
  const { header, records } = await parseFile(body, slice);
  checkHeader(header);
  const columnIndex = new Map(header.map((column, index) => [column, index]));
  const platformsOfRow = new Map<number, Platform[]>();
  const rows: ImportRow[] = [];
  const rejected: ImportRejection[] = [];
  for (const { line, cells } of records) {
    const { request, platforms } = toRequest((column) => cells[columnIndex.get(column) ?? -1] || undefined);
    platformsOfRow.set(line, platforms);
    const errors = await validateRow(
      request,
      cells.length > header.length ? `has ${cells.length} cells but the header names ${header.length} columns` : undefined,
    );
    if (errors.length) rejected.push({ row: line, errors });
    else rows.push({ row: line, input: request as ImportRow['input'] });
    await slice();
  }
  const inColumns = ({ row, errors }: ImportRejection) => ({
    row,
    errors: errors.map((e) => ({ ...e, field: toColumn(e.field, platformsOfRow.get(row) ?? []) })),
  });
  return { rows, rejected, inColumns };
}

/** The text is fed to csv-parse's stream a chunk at a time, letting the event loop in between (a 10,000-row file is ~1 MB). */
const PARSE_CHUNK_CHARS = 64 * 1024;

async function parseFile(
  body: unknown,
  slice: () => Promise<void> | undefined,
): Promise<{ header: string[]; records: { line: number; cells: string[] }[] }> {
  if (typeof body !== 'string') throw InfluencersException.importNotCsv();
  const parsed: { record: string[]; info: { lines: number } }[] = [];
  try {
    // Line endings are unified first: csv-parse miscounts lines after a quoted CRLF, and rows are reported by line.
    const text = body.replace(/\r\n?/g, '\n');
    const parser = parse({
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      to: MAX_IMPORT_ROWS + 2, // the header, the cap, and one more row to detect an oversized file without parsing all of it
    });
    parser.on('data', (record: (typeof parsed)[number]) => parsed.push(record));
    // Held as a value until awaited: a parse error rejects it while chunks are still being written.
    const done = finished(parser).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Past `to` records the parser ends itself, and after an error it stops: the rest of the file is not written.
    for (let at = 0; at < text.length && !parser.writableEnded && !parser.errored; at += PARSE_CHUNK_CHARS) {
      parser.write(text.slice(at, at + PARSE_CHUNK_CHARS));
      await slice();
    }
    if (!parser.writableEnded && !parser.errored) parser.end();
    const error = await done;
    if (error) throw error;
  } catch (error) {
    throw InfluencersException.importUnreadable(`The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [head, ...rest] = parsed;
  if (!head) throw InfluencersException.importUnreadable('The file is empty: its first line must name the columns');
  if (rest.length > MAX_IMPORT_ROWS) throw InfluencersException.importTooLarge(MAX_IMPORT_ROWS);
  // info.lines is the line a record ends on; a quoted cell may span lines, and the row is reported where it starts.
  const records = rest.map(({ record, info }) => ({ cells: record, line: info.lines - record.join('').split('\n').length + 1 }));
  return { header: head.record.map((column) => column.toLowerCase()), records };
}

/** Like unknown JSON fields, an unknown column is refused: a typo would otherwise drop data silently. */
function checkHeader(header: string[]): void {
  const errors: FieldError[] = [];
  for (const required of ['name', 'email']) if (!header.includes(required)) errors.push({ field: required, message: 'column is missing' });
  header.forEach((column, index) => {
    if (!knownColumns.has(column))
      errors.push({ field: column || `column ${index + 1}`, message: 'is not a known column (see docs/influencers-import.md)' });
    else if (header.indexOf(column) !== index) errors.push({ field: column, message: 'appears twice' });
  });
  for (const platform of PLATFORMS) {
    if (!header.some((column) => column.startsWith(`${platform}_`))) continue;
    for (const needed of ['handle', 'followers']) {
      if (!header.includes(`${platform}_${needed}`))
        errors.push({ field: `${platform}_${needed}`, message: `column is missing: ${platform} accounts need a handle and followers` });
    }
  }
  if (errors.length)
    throw InfluencersException.importUnreadable(
      `The header row is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
}

/** An empty cell is an absent value; counts become numbers so that "12,5k" fails as a number, not as text. */
function toRequest(cell: (column: string) => string | undefined): { request: CreateInfluencerRequest; platforms: Platform[] } {
  const platforms = PLATFORMS.filter((p) => Object.keys(accountSuffixes).some((suffix) => cell(`${p}_${suffix}`)));
  const socialAccounts = platforms.map((platform) => {
    const account: Record<string, unknown> = { platform };
    for (const [suffix, field] of Object.entries(accountSuffixes)) account[field] = cell(`${platform}_${suffix}`);
    if (typeof account.followers === 'string' && /^-?\d+$/.test(account.followers)) account.followers = Number(account.followers);
    return account;
  });
  const plain = {
    name: cell('name'),
    email: cell('email'),
    country: cell('country'),
    tags: cell('tags')?.split(/[;|]/),
    notes: cell('notes'),
    socialAccounts,
  };
  const defined = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
  return { request: plainToInstance(CreateInfluencerRequest, defined), platforms };
}

async function validateRow(request: CreateInfluencerRequest, shapeError?: string): Promise<FieldError[]> {
  const errors = flattenValidationErrors(await validate(request, { whitelist: true, forbidNonWhitelisted: true }));
  if (!request.email) errors.unshift({ field: 'email', message: 'is required: the import matches influencers by email' });
  if (shapeError) errors.unshift({ field: 'row', message: shapeError });
  return errors;
}

function toColumn(field: string, platforms: Platform[]): string {
  const account = /^socialAccounts\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (!account) return field.replace(/\[\d+\]$/, '');
  const suffix = Object.keys(accountSuffixes).find((s) => accountSuffixes[s] === (account[2] ?? 'handle')) ?? 'handle';
  return `${platforms[Number(account[1])] ?? 'unknown'}_${suffix}`;
}
