import { type Writable } from 'node:stream';
import { type ClaimDiagnosisRow, type ClaimHeaderRow, type ClaimLineRow, type StragglerRow } from './claim-rows';
import { type RecordProblem } from './parse-problems';

/**
 * PostgreSQL COPY ... FROM STDIN in text format (the default): columns separated by a tab, rows
 * ended by a newline, NULL written as \N, and backslash, newline, carriage return and tab escaped
 * with a backslash (PostgreSQL docs, "COPY", File Formats / Text Format).
 */

export type CopyValue = string | number | boolean | null | undefined;

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeCopyText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}

/** One COPY text row, newline included. */
export function toCopyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const value = values[i];
    if (value === null || value === undefined) line += '\\N';
    else if (typeof value === 'string') line += escapeCopyText(value);
    else if (typeof value === 'boolean') line += value ? 't' : 'f';
    else line += String(value);
  }
  return `${line}\n`;
}

/** Writes to a stream; returns a Promise only when the stream asks to wait (backpressure). */
export function writeWithBackpressure(stream: Writable, chunk: string | Buffer): Promise<void> | undefined {
  if (stream.write(chunk)) return undefined;
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (error: Error): void => done(error);
    const onClose = (): void => done(new Error('the COPY stream closed before it drained'));
    stream.on('drain', onDrain);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}

/**
 * Batches COPY rows into chunks of about `chunkSize` bytes (one write per chunk is much cheaper
 * than one per row). `push` returns a Promise only when the stream needs draining, so it can be
 * returned straight from a ClaimFileSink method.
 *
 * Each row is encoded into the chunk's bytes at once: a row's values are often slices of the
 * chunk of the file being read, and a chunk kept as a string of pending rows would keep those
 * file chunks alive long enough to be promoted to the old generation (the worker's peak memory
 * then grew with the file).
 */
export class CopyTextBuffer {
  private readonly capacity: number;
  private bytes: Buffer;
  private used = 0;

  constructor(
    private readonly stream: Writable,
    private readonly chunkSize = 64 * 1024,
  ) {
    // Room for a last row beyond chunkSize; longer rows are written on their own.
    this.capacity = 2 * chunkSize;
    this.bytes = Buffer.allocUnsafe(this.capacity);
  }

  push(line: string): Promise<void> | undefined {
    const length = Buffer.byteLength(line);
    if (length > this.capacity - this.used) {
      const flushed = this.flush();
      if (length > this.capacity) {
        const written = writeWithBackpressure(this.stream, Buffer.from(line));
        if (flushed === undefined || written === undefined) return flushed ?? written;
        return Promise.all([flushed, written]).then(() => undefined);
      }
      this.used += this.bytes.write(line, this.used);
      return flushed;
    }
    this.used += this.bytes.write(line, this.used);
    return this.used >= this.chunkSize ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const chunk = this.bytes.subarray(0, this.used);
    // The stream keeps the chunk until it is sent: the next rows go to fresh memory.
    this.bytes = Buffer.allocUnsafe(this.capacity);
    this.used = 0;
    return writeWithBackpressure(this.stream, chunk);
  }

  /** Flushes, ends the stream and waits until it has finished (for pg-copy-streams: COPY done). */
  async finish(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** Column orders of the row mappers below (snake_case, as staging tables would name them). */
export const VERSION_KEY_COPY_COLUMNS = [
  'state',
  'icn_orig',
  'icn_adj',
  'adjudication_date',
  'adjustment_ind',
] as const;

export const CLAIM_HEADER_COPY_COLUMNS = [
  'position',
  'record_number',
  ...VERSION_KEY_COPY_COLUMNS,
  'msis_id',
  'type_of_claim',
  'claim_status_category',
  'crossover_indicator',
  'billing_provider_npi',
  'admission_date',
  'discharge_date',
  'begin_date',
  'end_date',
  'plan_id',
  'total_paid',
] as const;

export function claimHeaderCopyValues(row: ClaimHeaderRow): CopyValue[] {
  return [
    row.position,
    row.recordNumber,
    row.state,
    row.icnOrig,
    row.icnAdj,
    row.adjudicationDate,
    row.adjustmentInd,
    row.msisId,
    row.typeOfClaim,
    row.claimStatusCategory,
    row.crossoverIndicator,
    row.billingProviderNpi,
    row.admissionDate,
    row.dischargeDate,
    row.beginDate,
    row.endDate,
    row.planId,
    row.totalPaid,
  ];
}

export const CLAIM_LINE_COPY_COLUMNS = [
  'position',
  'record_number',
  ...VERSION_KEY_COPY_COLUMNS,
  'straggler',
  'line_number',
  'revenue_code',
  'procedure_code',
  'ndc_raw',
  'ndc11',
  'ndc_quantity',
  'unit_of_measure',
  'service_quantity',
  'begin_date',
  'end_date',
  'paid',
  'cgt_by_ndc',
  'cgt_by_hcpcs',
] as const;

export function claimLineCopyValues(row: ClaimLineRow): CopyValue[] {
  return [
    row.position,
    row.recordNumber,
    row.state,
    row.icnOrig,
    row.icnAdj,
    row.adjudicationDate,
    row.adjustmentInd,
    row.straggler,
    row.lineNumber,
    row.revenueCode,
    row.procedureCode,
    row.ndcRaw,
    row.ndc11,
    row.ndcQuantity,
    row.unitOfMeasure,
    row.serviceQuantity,
    row.beginDate,
    row.endDate,
    row.paid,
    row.cgtByNdc,
    row.cgtByHcpcs,
  ];
}

export const CLAIM_DIAGNOSIS_COPY_COLUMNS = [
  'position',
  'record_number',
  ...VERSION_KEY_COPY_COLUMNS,
  'straggler',
  'sequence',
  'code',
  'flag',
] as const;

export function claimDiagnosisCopyValues(row: ClaimDiagnosisRow): CopyValue[] {
  return [
    row.position,
    row.recordNumber,
    row.state,
    row.icnOrig,
    row.icnAdj,
    row.adjudicationDate,
    row.adjustmentInd,
    row.straggler,
    row.sequence,
    row.code,
    row.flag,
  ];
}

export const STRAGGLER_COPY_COLUMNS = [
  'position',
  'record_number',
  ...VERSION_KEY_COPY_COLUMNS,
  'kind',
  'relevant',
  'line',
] as const;

export function stragglerCopyValues(row: StragglerRow): CopyValue[] {
  return [
    row.position,
    row.recordNumber,
    row.state,
    row.icnOrig,
    row.icnAdj,
    row.adjudicationDate,
    row.adjustmentInd,
    row.kind,
    row.relevant,
    row.line,
  ];
}

export const RECORD_PROBLEM_COPY_COLUMNS = [
  'position',
  'line',
  'record_id',
  'record_number',
  'icn_orig',
  'field_number',
  'field_name',
  'value',
  'reason',
  'message',
] as const;

export function recordProblemCopyValues(problem: RecordProblem): CopyValue[] {
  return [
    problem.position,
    problem.line,
    problem.recordId,
    problem.recordNumber,
    problem.icnOrig,
    problem.fieldNumber,
    problem.fieldName,
    problem.value,
    problem.reason,
    problem.message,
  ];
}
