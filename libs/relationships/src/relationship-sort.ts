import { DateTime } from 'luxon';
import { decodeCursorParts, encodeCursorParts, invalidCursor, isUuid } from '@app/common';

/** The columns the list sorts on (the console's table headers); `-` in front sorts descending. */
export const RELATIONSHIP_SORT_KEYS = ['createdAt', 'name', 'brand', 'tier', 'status', 'termEnd', 'quarterRoi'] as const;
export type RelationshipSortKey = (typeof RELATIONSHIP_SORT_KEYS)[number];
export const RELATIONSHIP_SORTS = RELATIONSHIP_SORT_KEYS.flatMap((key) => [key, `-${key}`]);
export type RelationshipSort = RelationshipSortKey | `-${RelationshipSortKey}`;
export const DEFAULT_RELATIONSHIP_SORT: RelationshipSort = '-createdAt';

export interface SortSpec {
  key: RelationshipSortKey;
  descending: boolean;
}

export const sortSpec = (sort: RelationshipSort = DEFAULT_RELATIONSHIP_SORT): SortSpec => ({
  key: sort.replace(/^-/, '') as RelationshipSortKey,
  descending: sort.startsWith('-'),
});

/**
 * The SQL type of each key's sort value, and what a value coming back in a cursor must look like before it is
 * cast there (a client edits cursors: a value PostgreSQL cannot read must be a 400 naming the cursor).
 * Keys that may be missing (no term, no spend this quarter) sort on ±infinity so that the keyset stays a
 * plain tuple comparison and missing values come last both ways.
 */
const VALUE: Record<RelationshipSortKey, { cast: string; valid: (value: string) => boolean }> = {
  createdAt: { cast: 'timestamptz', valid: (v) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && DateTime.fromISO(v).isValid },
  name: { cast: 'text', valid: (v) => v.length <= 1000 },
  brand: { cast: 'text', valid: (v) => v.length <= 1000 },
  tier: { cast: 'integer', valid: (v) => /^\d{1,2}$/.test(v) },
  status: { cast: 'integer', valid: (v) => /^\d{1,2}$/.test(v) },
  termEnd: {
    cast: 'date',
    valid: (v) => /^-?infinity$/.test(v) || (/^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid),
  },
  quarterRoi: { cast: 'numeric', valid: (v) => /^(-?Infinity|-?\d{1,24}(\.\d{1,40})?)$/.test(v) },
};

export const sortValueCast = (key: RelationshipSortKey): string => VALUE[key].cast;

/** Keyset position of a sorted list: the sort it belongs to, the last row's sort value and id. Opaque to clients. */
export interface SortCursor {
  value: string;
  id: string;
}

export function encodeSortCursor(sort: RelationshipSort, cursor: SortCursor): string {
  return encodeCursorParts([sort, cursor.value, cursor.id]);
}

export function decodeSortCursor(sort: RelationshipSort, raw: string | undefined): SortCursor | undefined {
  return decodeCursorParts(raw, (parts) => {
    if (parts.length !== 3) return undefined;
    const [of, value, id] = parts;
    if (of !== sort) throw invalidCursor(`belongs to another sort than ${sort}: start from the first page`);
    return typeof value === 'string' && typeof id === 'string' && isUuid(id) && VALUE[sortSpec(sort).key].valid(value)
      ? { value, id }
      : undefined;
  });
}
