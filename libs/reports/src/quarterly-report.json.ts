import { QuarterlyReport } from './quarterly-report';

/** Stands for the relationships in the serialised envelope: PostgreSQL text and jsonb cannot hold U+0000, so no value can. */
const HOLE = '\u0000relationships\u0000';
const HOLE_JSON = JSON.stringify(HOLE);
/**
 * Relationships per JSON.stringify: its string stays small (young generation, in cache) and is encoded straight
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
 * while it is serialised instead of being built as one 7 MB string first. The envelope keeps its key order (the
 * placeholder takes the relationships' place), so the bytes are the same.
 */
export function* jsonChunks(report: QuarterlyReport): Generator<Buffer> {
  const envelope = JSON.stringify({ ...report, relationships: HOLE });
  const at = envelope.indexOf(HOLE_JSON);
  const rows = report.relationships;
  const out = new Utf8Chunks();
  yield* out.append(envelope.slice(0, at));
  // Each slice's array as written: its '[' opens the relationships (first slice) or becomes the ',' after the
  // rows before, its ']' is dropped (the suffix brings the closing one). No rows: one empty slice, '[' kept.
  for (let from = 0; from === 0 || from < rows.length; from += ROWS_PER_STRINGIFY) {
    const start = yield* out.append(JSON.stringify(rows.slice(from, from + ROWS_PER_STRINGIFY)));
    if (from > 0) out.set(start, COMMA);
    out.dropLast();
  }
  yield* out.append(`]${envelope.slice(at + HOLE_JSON.length)}`);
  yield* out.flush();
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
