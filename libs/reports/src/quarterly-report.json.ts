import { QuarterlyReport } from './quarterly-report';

/**
 * The report's long arrays, written a slice at a time (10,000 relationships, ~2,500 renewals: 1 MB of JSON would be
 * one stringify of the envelope otherwise). In the serialised envelope each stands as a placeholder: PostgreSQL
 * text and jsonb cannot hold U+0000, so no value can.
 */
const STREAMED = ['relationships', 'renewalsDueNextQuarter'] as const;
const holeOf = (key: string) => `\u0000${key}\u0000`;
/**
 * Rows per JSON.stringify: its string stays small (young generation, in cache) and is encoded straight
 * into the chunk. One stringify per 500 rows made 380 KB strings that V8 builds from parts: encoding one
 * meant copying it flat into a fresh large-object page first, then into a fresh buffer, which cost as much as
 * the stringify itself (bench/README reports-quarterly, eighth session).
 */
const ROWS_PER_STRINGIFY = 50;
/** A chunk is handed out once the next text might not fit in it. */
const CHUNK_BYTES = 256 * 1024;
const COMMA = 0x2c;

/**
 * The UTF-8 bytes of `JSON.stringify(report)` in chunks of about CHUNK_BYTES, so a 10,000-row report is sent
 * while it is serialised instead of being built as one 7 MB string first. The envelope keeps its key order (a
 * placeholder takes each streamed array's place; an array a snapshot lacks is not added), so the bytes are the same.
 */
export function* jsonChunks(report: QuarterlyReport): Generator<Buffer> {
  const streamed = STREAMED.filter((key) => Array.isArray(report[key]));
  const envelope = JSON.stringify({ ...report, ...Object.fromEntries(streamed.map((key) => [key, holeOf(key)])) });
  const holes = streamed
    .map((key) => {
      const hole = JSON.stringify(holeOf(key));
      return { rows: report[key] as unknown[], hole, at: envelope.indexOf(hole) };
    })
    .sort((a, b) => a.at - b.at);
  const out = new Utf8Chunks();
  // Each array is left open (its last slice's ']' dropped): the text after it brings the closing one.
  let from = 0;
  let closing = '';
  for (const { rows, hole, at } of holes) {
    yield* out.append(closing + envelope.slice(from, at));
    yield* arrayChunks(out, rows);
    from = at + hole.length;
    closing = ']';
  }
  yield* out.append(closing + envelope.slice(from));
  yield* out.flush();
}

/**
 * `rows` as a JSON array without its ']', a slice at a time: each slice's '[' opens the array (first slice) or
 * becomes the ',' after the rows before, its ']' is dropped. No rows: one empty slice, '[' kept.
 */
function* arrayChunks(out: Utf8Chunks, rows: unknown[]): Generator<Buffer> {
  for (let from = 0; from === 0 || from < rows.length; from += ROWS_PER_STRINGIFY) {
    const start = yield* out.append(JSON.stringify(rows.slice(from, from + ROWS_PER_STRINGIFY)));
    if (from > 0) out.set(start, COMMA);
    out.dropLast();
  }
}

/** Texts appended as UTF-8 into buffers of at least CHUNK_BYTES, handed out (yielded) as they fill. */
class Utf8Chunks {
  private buffer = Buffer.alloc(0);
  private used = 0;

  /** Writes `text` whole into the current buffer, after handing that out if the text might not fit; answers where it starts. */
  *append(text: string): Generator<Buffer, number> {
    // At most 3 bytes per UTF-16 unit: checked before writing, since write() stops short of the end silently.
    if (this.used + 3 * text.length > this.buffer.length) {
      yield* this.flush();
      // One that might not fit in a chunk gets a buffer of its exact size (measured: one scan of a rare long text).
      this.buffer = Buffer.allocUnsafe(3 * text.length > CHUNK_BYTES ? Buffer.byteLength(text) : CHUNK_BYTES);
    }
    const start = this.used;
    this.used += this.buffer.write(text, start);
    return start;
  }

  /** Replaces the byte at `offset` of the text just appended (an ASCII byte: one byte for one). */
  set(offset: number, byte: number): void {
    this.buffer[offset] = byte;
  }

  /** Drops the last byte written (the text just appended ends with an ASCII one). */
  dropLast(): void {
    this.used -= 1;
  }

  *flush(): Generator<Buffer> {
    if (this.used > 0) yield this.buffer.subarray(0, this.used);
    // The bytes handed out belong to the response now: the next text goes to a new buffer.
    this.buffer = Buffer.alloc(0);
    this.used = 0;
  }
}
