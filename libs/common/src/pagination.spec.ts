import { decodeCursor, encodeCursor } from './pagination';

describe(decodeCursor.name, () => {
  const id = '0b5d5a1e-3c2f-4d7a-9e1b-2f6c8a9d0e1f';

  it('reads back what the lists write: timestamps and calendar dates', () => {
    for (const createdAt of ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00+01:00', '2026-03-01']) {
      expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt, id });
    }
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['a date that does not exist', { createdAt: '2026-02-30', id }],
    ['a date PostgreSQL cannot store', { createdAt: '+275760-09-13T00:00:00.000Z', id }],
    ['a number Date.parse reads', { createdAt: '1', id }],
    ['SQL in the date', { createdAt: "2026-01-01'; DROP TABLE brands; --", id }],
    ['an id that is not a UUID', { createdAt: '2026-01-01', id: '-'.repeat(36) }],
  ])('refuses %s with a 400 naming the cursor', (_label, cursor) => {
    expect(() => decodeCursor(encodeCursor(cursor))).toThrow(
      expect.objectContaining({ status: 400, errors: [{ field: 'cursor', message: 'is not a cursor returned by this API' }] }),
    );
  });

  it('refuses what is not base64url JSON of a pair', () => {
    for (const raw of ['abc', Buffer.from('{"__proto__":{}}').toString('base64url'), Buffer.from('null').toString('base64url')]) {
      expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
