/**
 * The fields of one record as offsets into the chunk text, trimmed of surrounding spaces
 * (profile "Encoding"). Validation reads characters in place; only the values that are emitted
 * are sliced out. This avoids split('|') and its per-field strings, which dominated the profile.
 */

const SPACE = 32;
/** Offsets are kept for this many fields; a record with more is wrong anyway (only counted). */
export const MAX_FIELDS = 32;

/** Dates repeat a lot within a file: their ISO form is made once (key: the CCYYMMDD number). */
const ISO_DATES = new Map<number, string>();

export class FieldCursor {
  text = '';
  /** Number of fields (separators + 1), even beyond MAX_FIELDS. */
  count = 0;
  private readonly starts = new Int32Array(MAX_FIELDS);
  private readonly ends = new Int32Array(MAX_FIELDS);

  /** Splits text[start, end) on `|` (indexOf is native and faster than a charCodeAt loop here). */
  scan(text: string, start: number, end: number): void {
    this.text = text;
    const starts = this.starts;
    const ends = this.ends;
    let count = 0;
    let fieldStart = start;
    for (;;) {
      let bar = text.indexOf('|', fieldStart);
      if (bar === -1 || bar > end) bar = end;
      if (count < MAX_FIELDS) {
        let s = fieldStart;
        let e = bar;
        while (s < e && text.charCodeAt(s) === SPACE) s++;
        while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
        starts[count] = s;
        ends[count] = e;
      }
      count++;
      if (bar === end) break;
      fieldStart = bar + 1;
    }
    this.count = count;
  }

  /** Whether fields first..last are separated by single `|` without spaces: text[start(first), end(last)) is then their canonical join. */
  adjacent(first: number, last: number): boolean {
    for (let i = first; i < last; i++) if (this.starts[i + 1] !== this.ends[i] + 1) return false;
    return true;
  }

  /** A line with no separator and nothing but spaces. */
  isBlankLine(): boolean {
    return this.count === 1 && this.starts[0] === this.ends[0];
  }

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }

  length(i: number): number {
    return i < this.count && i < MAX_FIELDS ? this.ends[i] - this.starts[i] : 0;
  }

  /** The trimmed value of field i (0-based); '' when blank or absent. */
  field(i: number): string {
    if (i >= this.count || i >= MAX_FIELDS) return '';
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Field i read as a whole number (call only on a valid integer field); no slicing. */
  integer(i: number): number {
    const text = this.text;
    let value = 0;
    for (let k = this.starts[i]; k < this.ends[i]; k++) value = value * 10 + text.charCodeAt(k) - 48;
    return value;
  }

  /** Field i, a valid CCYYMMDD date or blank, as an IsoDate (`YYYY-MM-DD`) or null. */
  isoDate(i: number): string | null {
    const start = this.starts[i];
    if (this.ends[i] === start) return null;
    const text = this.text;
    let digits = 0;
    for (let k = start; k < start + 8; k++) digits = digits * 10 + text.charCodeAt(k) - 48;
    let iso = ISO_DATES.get(digits);
    if (iso === undefined) {
      iso = `${text.slice(start, start + 4)}-${text.slice(start + 4, start + 6)}-${text.slice(start + 6, start + 8)}`;
      if (ISO_DATES.size >= 20_000) ISO_DATES.clear();
      ISO_DATES.set(digits, detach(iso));
    }
    return iso;
  }

  /** Whether field i equals `value`, without slicing it. */
  equals(i: number, value: string): boolean {
    return this.length(i) === value.length && this.text.startsWith(value, this.starts[i]);
  }

  /** The fields as strings (for the file header and problem reports, not the hot path). */
  fields(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count && i < MAX_FIELDS; i++) out.push(this.field(i));
    return out;
  }
}

/**
 * A copy of `value` that does not share memory with the (large) chunk text it was sliced from,
 * for values kept after the chunk is done: V8 keeps a whole parent string alive for a slice.
 */
export function detach(value: string): string {
  return value.length === 0 ? value : (' ' + value).slice(1);
}
