import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DateTime } from 'luxon';
import { ValidationException } from './app.exception';
import { isUuid } from './uuid';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class Page<T> {
  @ApiProperty({ isArray: true })
  data: T[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** Keyset position: the sort key of the last row served. Opaque to clients. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

/** A cursor's values as clients carry them, opaque: JSON in base64url. */
export const encodeCursorParts = (parts: unknown[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** The 400 of a cursor this API did not write (or wrote for another list or sort). */
export const invalidCursor = (message = 'is not a cursor returned by this API') => new ValidationException([{ field: 'cursor', message }]);

/**
 * A cursor's values handed to `read`, which returns the list's position when they are what that list writes and
 * undefined otherwise (then invalidCursor); `read` may throw a more precise invalidCursor itself.
 */
export function decodeCursorParts<T>(raw: string | undefined, read: (parts: unknown[]) => T | undefined): T | undefined {
  if (!raw) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const position = Array.isArray(parts) ? read(parts) : undefined;
  if (position === undefined) throw invalidCursor();
  return position;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return encodeCursorParts([cursor.createdAt, cursor.id]);
}

// What the lists write in the first slot: a calendar date or a timestamp with offset, 4-digit years.
const SORT_KEY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Strict, because cursors come back from clients and are cast in SQL: a value PostgreSQL cannot read (2026-02-30,
 * year 275760, 36 dashes) must be this 400 naming the cursor, not a database error.
 */
export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  return decodeCursorParts(raw, ([createdAt, id]) =>
    typeof createdAt === 'string' &&
    typeof id === 'string' &&
    SORT_KEY.test(createdAt) &&
    DateTime.fromISO(createdAt, { setZone: true }).isValid &&
    isUuid(id)
      ? { createdAt, id }
      : undefined,
  );
}

/** Fetches limit + 1 rows upstream; the extra row only says whether another page exists. */
export function toPage<T extends { createdAt: Date; id: string }, R = T>(
  rows: T[],
  limit: number,
  map: (row: T) => R = (row) => row as unknown as R,
): { data: R[]; nextCursor: string | null } {
  return toKeysetPage(rows, limit, (row) => row.createdAt.toISOString(), map);
}

/** toPage for lists ordered by another key (a calendar date...): `key` gives the cursor's first value. */
export function toKeysetPage<T extends { id: string }, R>(
  rows: T[],
  limit: number,
  key: (row: T) => string,
  map: (row: T) => R,
): { data: R[]; nextCursor: string | null } {
  return toCursorPage(rows, limit, (last) => encodeCursor({ createdAt: key(last), id: last.id }), map);
}

/** A page of limit + 1 rows fetched, whatever the list's cursor: `cursorOf` writes the last row's position. */
export function toCursorPage<T, R>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
  map: (row: T) => R,
): { data: R[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
