/**
 * Text chunks -> lines (profile "Encoding": LF or CRLF, final newline optional). A line is a
 * range of the chunk text (no copy; chunks are never concatenated, so the text stays a flat
 * string that is fast to read). Only a line cut by a chunk boundary is assembled. A line longer
 * than `maxLength` is not buffered: its first characters are kept, the rest is skipped up to the
 * next line feed, and it is flagged `tooLong`. Results never depend on where chunks were cut.
 */

const LF = '\n';
const CR = 13;
/** Characters of an overlong line kept for the problem report. */
const KEPT_OF_LONG_LINE = 256;

export class LineSplitter {
  private buffer = '';
  private offset = 0;
  /** Start of a line cut by the end of the previous chunk(s). */
  private tail = '';
  /** Set while skipping the remainder of an overlong line. */
  private longLinePrefix: string | null = null;
  private readonly kept: number;
  /** The current line: text[start, end), without its line end. */
  text = '';
  start = 0;
  end = 0;
  /** Physical number of the current line (1-based). */
  lineNumber = 0;
  /** Whether the current line was longer than maxLength (its range is then a prefix). */
  tooLong = false;

  constructor(private readonly maxLength: number) {
    this.kept = Math.min(KEPT_OF_LONG_LINE, maxLength);
  }

  /** Adds a chunk; call next() until it returns false before pushing again. */
  push(chunk: string): void {
    if (this.longLinePrefix === null && this.offset < this.buffer.length) {
      this.tail += this.buffer.slice(this.offset);
    }
    this.buffer = chunk;
    this.offset = 0;
  }

  /** Moves to the next complete line; false when more input is needed. */
  next(): boolean {
    const buffer = this.buffer;
    const offset = this.offset;
    const lf = buffer.indexOf(LF, offset);
    if (lf === -1) {
      if (this.longLinePrefix !== null) {
        this.buffer = '';
        this.offset = 0;
        // +1: the pending text may end with the CR of a CRLF, which is not part of the line.
      } else if (this.tail.length + buffer.length - offset > this.maxLength + 1) {
        this.longLinePrefix = (this.tail + buffer.slice(offset, offset + this.kept)).slice(0, this.kept);
        this.tail = '';
        this.buffer = '';
        this.offset = 0;
      }
      return false;
    }
    this.offset = lf + 1;
    this.lineNumber++;
    if (this.longLinePrefix !== null) {
      this.setLongLine(this.longLinePrefix);
      this.longLinePrefix = null;
      return true;
    }
    if (this.tail.length > 0) {
      const line = this.tail + buffer.slice(offset, lf);
      this.tail = '';
      this.setLine(line, 0, line.length);
      return true;
    }
    this.setLine(buffer, offset, lf);
    return true;
  }

  /** At the end of the input: moves to the last line when the file does not end with a newline. */
  finish(): boolean {
    if (this.longLinePrefix !== null) {
      this.lineNumber++;
      this.setLongLine(this.longLinePrefix);
      this.longLinePrefix = null;
      this.buffer = '';
      this.offset = 0;
      return true;
    }
    const line = this.tail + this.buffer.slice(this.offset);
    this.tail = '';
    this.buffer = '';
    this.offset = 0;
    if (line.length === 0) return false;
    this.lineNumber++;
    this.setLine(line, 0, line.length);
    return true;
  }

  private setLine(text: string, start: number, lf: number): void {
    const end = lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    if (end - start > this.maxLength) {
      this.setLongLine(text.slice(start, start + this.kept));
      return;
    }
    this.text = text;
    this.start = start;
    this.end = end;
    this.tooLong = false;
  }

  private setLongLine(prefix: string): void {
    this.text = prefix;
    this.start = 0;
    this.end = prefix.length;
    this.tooLong = true;
  }
}
