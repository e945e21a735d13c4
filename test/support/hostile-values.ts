import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@app/common';

/** Text as it would be typed into a filter box or forged by a script: quoting, wildcards, NUL, sizes, scripts. */
export const HOSTILE_STRINGS: readonly string[] = [
  "'",
  '"',
  "'; DROP TABLE brands; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  'x'.repeat(8_000),
  'Zoë 🚀 \u202e\u0301 ﷽ 日本',
  '',
  '1e309',
  '-1',
  '{"$gt":""}',
  "2026-01-01'::date",
  '__proto__',
  '=HYPERLINK("http://evil.example")',
];

/** Query-string values that no encoder produces: bytes that are not UTF-8, a cut escape. */
export const RAW_QUERY_VALUES: readonly string[] = ['%ED%A0%80%C3', '%E0%A4%A', '%00'];

/** One parameter in the shapes the extended query parser builds: arrays, objects, prototype keys. */
export const HOSTILE_QUERY_SHAPES: readonly ((param: string) => string)[] = [
  (p) => `${p}[]=a&${p}[]=b`,
  (p) => `${p}=a&${p}=b`,
  (p) => `${p}[x]=1`,
  (p) => `${p}[0][1]=a`,
  (p) => `${p}[__proto__][polluted]=1`,
];

/** Cursors forged with the real codec: dates PostgreSQL cannot read, ids that are not UUIDs, other shapes. */
export function hostileCursors(): string[] {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    'abc',
    encodeCursor({ createdAt: "2026-01-01'; DROP TABLE brands; --", id: randomUUID() }),
    encodeCursor({ createdAt: '1', id: randomUUID() }),
    encodeCursor({ createdAt: '2026-02-30', id: randomUUID() }),
    encodeCursor({ createdAt: '+275760-09-13T00:00:00.000Z', id: randomUUID() }),
    encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: '-'.repeat(36) }),
    json({ createdAt: '2026-01-01', id: randomUUID() }),
    json(['2026-01-01', randomUUID(), "'"]),
    Buffer.from('{"__proto__":{"polluted":1}}').toString('base64url'),
  ];
}
