import { FieldError } from './app.exception';

export interface JsonShapeLimits {
  /** Arrays and objects inside one another. */
  maxDepth: number;
  /** Items of any one array. */
  maxArrayItems: number;
  /** Keys of any one object. */
  maxObjectKeys: number;
  /** Members of all arrays and objects together. */
  maxMembers: number;
}

/**
 * Above every body this API takes: the largest array is a conversions batch (5,000 items, about 60,000
 * members), the widest object a Shopify order (a few hundred keys), the deepest well under 32 levels
 * (class-transformer recurses and overflows the stack around 2,000).
 */
export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxArrayItems: 5_000, maxObjectKeys: 1_000, maxMembers: 100_000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

interface Frame {
  array: boolean;
  /** Members so far, counted at each comma: the member being read is number `count` (0-based). */
  count: number;
  /** Where the current key's bytes start and end (objects only). */
  key: [number, number];
  expectKey: boolean;
}

/**
 * The first limit a JSON body breaks, read from its raw bytes before anything is parsed: JSON.parse,
 * the hostile-input scan, class-transformer and class-validator all walk every element, so a 6 MB body
 * of 1.5 M empty objects used to hold the event loop for seconds before any size rule saw it. This reads
 * each byte at most once (string contents are skipped with indexOf) and stops at the first excess, so it
 * costs less than JSON.parse of the same bytes, and a fraction of it on a hostile body. Structure only: a malformed body passes here and
 * JSON.parse refuses it. Multi-byte UTF-8 characters are all bytes >= 0x80, so they never look like punctuation.
 */
export function jsonShapeError(body: Uint8Array, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): FieldError | undefined {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const stack: Frame[] = [];
  let members = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    const top = stack[stack.length - 1];
    if (byte === QUOTE) {
      const end = closingQuote(bytes, i);
      if (top && !top.array && top.expectKey) {
        top.key = [i + 1, end];
        top.expectKey = false;
      }
      i = end;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (stack.length >= limits.maxDepth)
        return { field: pathOf(bytes, stack), message: `is nested more than ${limits.maxDepth} levels deep` };
      stack.push({ array: byte === OPEN_ARRAY, count: 0, key: [0, 0], expectKey: byte === OPEN_OBJECT });
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      stack.pop();
    } else if (byte === COMMA && top) {
      top.count++;
      top.expectKey = !top.array;
      if (++members > limits.maxMembers) return { field: '', message: `has more than ${limits.maxMembers} values in all` };
      const max = top.array ? limits.maxArrayItems : limits.maxObjectKeys;
      if (top.count >= max)
        return { field: pathOf(bytes, stack.slice(0, -1)), message: `has more than ${max} ${top.array ? 'items' : 'keys'}` };
    } else if (byte === COLON && top) {
      top.expectKey = false;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `open` (one not escaped by an odd run of backslashes). */
function closingQuote(bytes: Buffer, open: number): number {
  let end = bytes.indexOf(QUOTE, open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (bytes[end - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = bytes.indexOf(QUOTE, end + 1);
  }
  return bytes.length;
}

/** `a.b[3].c` for the member each frame is reading; only computed for the answer, once. */
function pathOf(bytes: Buffer, frames: Frame[]): string {
  let path = '';
  for (const frame of frames) {
    if (frame.array) path += `[${frame.count}]`;
    else {
      const raw = bytes.subarray(frame.key[0], frame.key[1]).toString('utf8');
      path += (path ? '.' : '') + decodeKey(raw);
    }
  }
  return path;
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
