import { type Readable } from 'node:stream';
import {
  type ClaimDiagnosisRow,
  type ClaimFileHeader,
  type ClaimHeaderRow,
  type ClaimLineRow,
  type StragglerRow,
  type VersionKey,
} from './claim-rows';
import { decompressedChunks } from './decompressed-chunks';
import { parseFileHeader } from './file-header';
import { detach, FieldCursor } from './field-cursor';
import { isInteger, truncateValue } from './field-rules';
import { LineSplitter } from './line-splitter';
import {
  type FileProblem,
  FileProblemCode,
  FileRejection,
  type RecordProblem,
  RecordProblemReason,
  RECORD_PROBLEM_REASONS,
  WITHHELD_VALUE,
  fileProblem,
} from './parse-problems';
import { checkRecordProblemLimit } from './problem-limit';
import {
  CLAIM_DIAGNOSIS_SPEC,
  CLAIM_HEADER_SPEC,
  CLAIM_LINE_SPEC,
  type FieldIssue,
  RecordValidator,
  type SegmentSpec,
} from './record-validator';
import { RelevanceClassifier, type RelevanceFilter } from './relevance';
import { StagedKeySet } from './staged-key-set';
import {
  ADJUSTMENT_REPLACEMENT,
  ADJUSTMENT_VOID,
  CD,
  CH,
  CL,
  CLAIM_STATUS_DENIED,
  F_ADJUDICATION_DATE,
  F_ADJUSTMENT_IND,
  F_ICN_ADJ,
  F_ICN_ORIG,
  F_RECORD_NUMBER,
  F_STATE,
  PREFIX_FILE_NAMES,
  SEGMENT_CLAIM_DIAGNOSIS,
  SEGMENT_CLAIM_HEADER,
  SEGMENT_CLAIM_LINE,
  SEGMENT_FILE_HEADER,
} from './tmsis-profile';
import { type DecodeFailure, Utf8ChunkDecoder } from './utf8-chunk-decoder';
import { VersionLinker, type Waiting } from './version-linker';

/**
 * Streaming reader and validator of one claim file in the T-MSIS CGT profile. It emits typed
 * rows to a sink (await-able, for COPY backpressure) and returns counts, or rejects the file at
 * the first file-level problem. Pure Node: no Nest, no database.
 */

/** A sink method may return a Promise: the reader waits for it before reading on. */
export type SinkResult = void | Promise<void>;

export interface ClaimFileSink {
  /** The validated file header, before any other row. */
  fileHeader?(header: ClaimFileHeader): SinkResult;
  /**
   * Every valid claim header. Its strings may share memory with the chunk being read: write
   * them out (COPY) rather than keeping millions of rows.
   */
  claimHeader?(row: ClaimHeaderRow): SinkResult;
  /** Valid CGT lines (rows with straggler = true still need their header checked in SQL). */
  line?(row: ClaimLineRow): SinkResult;
  /** Valid diagnoses that match a relevance prefix. */
  diagnosis?(row: ClaimDiagnosisRow): SinkResult;
  /** Every valid line or diagnosis whose header must be looked up in SQL (relevant or not). */
  straggler?(row: StragglerRow): SinkResult;
  /** Every record-level problem (a record may have several). */
  problem?(problem: RecordProblem): SinkResult;
}

export interface ReadProgress {
  /** Records read so far, the file header included. */
  readonly records: number;
  /** Bytes of the input read so far (compressed bytes for a gzip file). */
  readonly bytesRead: number;
}

export interface ClaimFileReaderOptions {
  readonly relevance: RelevanceFilter;
  readonly sink?: ClaimFileSink;
  /** FIPS code of the submitting user's state: a file of another state is rejected. */
  readonly expectedStateFips?: string;
  /** Today (ISO date, the platform clock): a reporting period after its month rejects the file. */
  readonly today?: string;
  /**
   * Reject as soon as more than this fraction of TOT-REC-CNT records were skipped and maxProblems
   * problems were reported: the file cannot pass and its list of problems is full (a
   * rejected file lists every problem up to the cap). Not checked at the end: the caller applies
   * checkRecordProblemLimit after resolving stragglers, whose orphans count too.
   */
  readonly recordProblemLimit?: number;
  /** Record-level problems handed to the sink; later ones are counted only (default: all). */
  readonly maxProblems?: number;
  /** Called at most every progressIntervalMs while reading, and once at the end. */
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Minimum time between two onProgress calls (default 2000 ms). */
  readonly progressIntervalMs?: number;
  /** Recent claim header keys remembered to link lines and detect duplicates (default 20,000). */
  readonly lookBackHeaders?: number;
  /** Lines/diagnoses that may wait for a header that comes later (default 100,000). */
  readonly maxWaitingRecords?: number;
  /** Longer records are skipped without being buffered (default 65,536 characters). */
  readonly maxRecordLength?: number;
  /** Longer field values are a record-level problem (default 100 characters; keeps keys indexable). */
  readonly maxFieldLength?: number;
  /** Bounds on bad input; each one rejects the file as soon as it is passed. */
  readonly limits?: ReadLimits;
}

/**
 * What one file may cost. A limit left out does not apply. The
 * ratio is checked once the text passes GZIP_RATIO_GRACE_BYTES, so a small, very regular file is
 * never refused for compressing well.
 */
export interface ReadLimits {
  /** Bytes of text (after gunzip). */
  readonly maxTextBytes?: number;
  /** Text bytes per compressed byte read so far (gzip files only). */
  readonly maxGzipRatio?: number;
  /** Wall-clock time of the whole read, backpressure included. */
  readonly maxMilliseconds?: number;
}

/** The text a gzip may expand to before its compression ratio is checked. */
export const GZIP_RATIO_GRACE_BYTES = 4 * 1024 * 1024;

export interface ClaimFileCounts {
  /** Bytes read from the input (compressed bytes for gzip). */
  bytesRead: number;
  /** Bytes of text (after gunzip). */
  textBytes: number;
  /** Non-blank records after the file header: what TOT-REC-CNT counts. */
  records: number;
  /** Valid claim headers emitted (duplicates excluded). */
  claimHeaders: number;
  /** Valid lines and diagnoses linked to a valid header in the file (stragglers excluded). */
  lines: number;
  diagnoses: number;
  relevantLines: number;
  relevantDiagnoses: number;
  /** Valid lines and diagnoses left for the caller to link in SQL. */
  stragglerLines: number;
  stragglerDiagnoses: number;
  /** Records with at least one record-level problem (the numerator of the 10% rule). */
  skippedRecords: number;
  /** Record-level problems reported (a record may have several). */
  problems: number;
  problemsByReason: Record<RecordProblemReason, number>;
  /** Valid claim headers with CLAIM-STATUS-CATEGORY F2 (denied). */
  deniedHeaders: number;
  /** Valid claim headers with ADJUSTMENT-IND 1 (voids) and 4 (replacements). */
  voids: number;
  replacements: number;
  /** Header keys the look-back forgot: > 0 means duplicates farther apart may exist (check in SQL). */
  lookBackEvictions: number;
}

export type ClaimFileResult =
  | {
      readonly ok: true;
      readonly header: ClaimFileHeader;
      readonly counts: ClaimFileCounts;
      /** True when either of the two below is: the caller has work to do in SQL. */
      readonly needsSqlResolution: boolean;
      /**
       * The look-back forgot keys and a staged header's key may repeat an earlier one (see
       * staged-key-set.ts): the caller must keep only the first claim header (lowest position) of
       * each version key in SQL, reporting the others as duplicates.
       */
      readonly duplicateHeadersPossible: boolean;
      /** Stragglers were emitted: the caller must link them to headers in SQL (no header = orphan problem). */
      readonly stragglersEmitted: boolean;
    }
  | {
      readonly ok: false;
      readonly problem: FileProblem;
      readonly header: ClaimFileHeader | null;
      readonly counts: ClaimFileCounts;
    };

/** Reads, validates and classifies one claim file. Never throws for a bad file; see ClaimFileResult. */
export async function readClaimFile(input: Readable, options: ClaimFileReaderOptions): Promise<ClaimFileResult> {
  const parser = new ClaimFileParser(options);
  return parser.read(input);
}

export function emptyCounts(): ClaimFileCounts {
  const problemsByReason = {} as Record<RecordProblemReason, number>;
  for (const reason of RECORD_PROBLEM_REASONS) problemsByReason[reason] = 0;
  return {
    bytesRead: 0,
    textBytes: 0,
    records: 0,
    claimHeaders: 0,
    lines: 0,
    diagnoses: 0,
    relevantLines: 0,
    relevantDiagnoses: 0,
    stragglerLines: 0,
    stragglerDiagnoses: 0,
    skippedRecords: 0,
    problems: 0,
    problemsByReason,
    deniedHeaders: 0,
    voids: 0,
    replacements: 0,
    lookBackEvictions: 0,
  };
}

/** A valid line or diagnosis kept until its header's fate is known. */
interface Dependent {
  readonly kind: 'line' | 'diagnosis';
  readonly position: number;
  readonly line: number;
  readonly recordId: string;
  readonly key: VersionKey;
  readonly recordNumber: number;
  /** The row to emit when the record is relevant, else null. */
  readonly row: ClaimLineRow | ClaimDiagnosisRow | null;
}

const DEFAULTS = {
  progressIntervalMs: 2000,
  lookBackHeaders: 20_000,
  maxWaitingRecords: 100_000,
  maxRecordLength: 65_536,
  maxFieldLength: 100,
};

class ClaimFileParser {
  private readonly counts = emptyCounts();
  private readonly sink: ClaimFileSink;
  private readonly splitter: LineSplitter;
  private readonly cursor = new FieldCursor();
  private readonly decoder = new Utf8ChunkDecoder();
  private readonly classifier: RelevanceClassifier;
  private readonly linker: VersionLinker<Dependent>;
  /** Every staged header's key, hashed: whether duplicates beyond the look-back may exist. */
  private readonly stagedKeys = new StagedKeySet();
  private readonly maxFieldLength: number;
  private readonly maxRecordLength: number;
  private readonly progressIntervalMs: number;
  private readonly issues: FieldIssue[] = [];
  private pending: Promise<void>[] = [];
  private header: ClaimFileHeader | null = null;
  private validator: RecordValidator | null = null;
  private position = 0;
  private lastProgress = 0;
  private problemLimitRecords = Infinity;
  private readonly maxProblems: number;
  private idClaimHeader = '';
  private idClaimLine = '';
  private idClaimDiagnosis = '';
  /** Key fields (as sent) of the last claim header, and where its key stands: lines usually follow it. */
  private lastState = '';
  private lastIcnOrig = '';
  private lastIcnAdj = '';
  private lastAdjudicationDate = '';
  private lastAdjustmentInd = '';
  private lastLinked: number | undefined = undefined;

  constructor(private readonly options: ClaimFileReaderOptions) {
    this.sink = options.sink ?? {};
    this.maxRecordLength = options.maxRecordLength ?? DEFAULTS.maxRecordLength;
    this.splitter = new LineSplitter(this.maxRecordLength);
    this.classifier = new RelevanceClassifier(options.relevance);
    this.linker = new VersionLinker<Dependent>(
      options.lookBackHeaders ?? DEFAULTS.lookBackHeaders,
      options.maxWaitingRecords ?? DEFAULTS.maxWaitingRecords,
    );
    this.maxFieldLength = options.maxFieldLength ?? DEFAULTS.maxFieldLength;
    this.progressIntervalMs = options.progressIntervalMs ?? DEFAULTS.progressIntervalMs;
    this.maxProblems = options.maxProblems ?? Infinity;
  }

  async read(input: Readable): Promise<ClaimFileResult> {
    const counts = this.counts;
    const splitter = this.splitter;
    const started = Date.now();
    this.lastProgress = started;
    let gzip = false;
    try {
      const chunks = decompressedChunks(
        input,
        (bytes) => (counts.bytesRead += bytes),
        () => (gzip = true),
      );
      for await (const chunk of chunks) {
        counts.textBytes += chunk.length;
        this.checkLimits(gzip, started);
        splitter.push(this.decoder.decode(chunk));
        while (splitter.next()) {
          this.record();
          if (this.pending.length > 0) await this.drain();
        }
        if (this.decoder.failure !== null) throw this.notText(this.decoder.failure);
        this.progress(false);
      }
      const leftover = this.decoder.end();
      if (leftover !== null) throw this.notText(leftover);
      if (splitter.finish()) this.record();
      await this.drain();
      return await this.finish();
    } catch (error) {
      if (error instanceof FileRejection) {
        await this.drain();
        counts.lookBackEvictions = this.linker.lookBack.evictions;
        return { ok: false, problem: error.problem, header: this.header, counts };
      }
      throw error;
    }
  }

  /** A decompression bomb, an oversized or a too slow file stops here, before more work. */
  private checkLimits(gzip: boolean, started: number): void {
    const limits = this.options.limits;
    if (limits === undefined) return;
    const { textBytes, bytesRead } = this.counts;
    if (limits.maxTextBytes !== undefined && textBytes > limits.maxTextBytes) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.TEXT_TOO_LARGE,
          `The file holds more than ${formatBytes(limits.maxTextBytes)} of text (the platform's limit per file); split it into smaller files.`,
        ),
      );
    }
    if (
      gzip &&
      limits.maxGzipRatio !== undefined &&
      textBytes > GZIP_RATIO_GRACE_BYTES &&
      textBytes > limits.maxGzipRatio * bytesRead
    ) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.GZIP_RATIO,
          `The gzip file expands more than ${limits.maxGzipRatio} times (${formatBytes(bytesRead)} compressed already gave ${formatBytes(textBytes)} of text); claim files never compress that well, so it is refused as a decompression bomb.`,
        ),
      );
    }
    if (limits.maxMilliseconds !== undefined && Date.now() - started > limits.maxMilliseconds) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.PROCESSING_TIME,
          `Reading the file took longer than ${Math.round(limits.maxMilliseconds / 1000)} s (the platform's limit per file) after ${formatBytes(textBytes)} of text; split it into smaller files.`,
        ),
      );
    }
  }

  /** Profile "Encoding": a NUL byte or invalid UTF-8 means the file is not a claim file. */
  private notText(failure: DecodeFailure): FileRejection {
    const line = this.splitter.lineNumber + 1;
    const where = `line ${line}, byte ${failure.byteOffset + 1}`;
    const [code, message] =
      failure.kind === 'nul'
        ? [FileProblemCode.NUL_BYTE, `The file contains a NUL byte (${where}); a claim file is plain text.`]
        : failure.kind === 'utf8'
          ? [FileProblemCode.INVALID_UTF8, `The file is not valid UTF-8 text (${where}); a claim file is plain text.`]
          : [FileProblemCode.INVALID_UTF8, `The file is not valid UTF-8 text: it ends inside a character (${where}).`];
    return new FileRejection(fileProblem(code, message, null, line));
  }

  /** Sink results are collected while a record is processed and awaited before the next one. */
  private emit(result: SinkResult): void {
    if (result !== undefined) this.pending.push(result);
  }

  private async drain(): Promise<void> {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }

  private progress(force: boolean): void {
    const onProgress = this.options.onProgress;
    if (onProgress === undefined) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < this.progressIntervalMs) return;
    this.lastProgress = now;
    onProgress({ records: this.position, bytesRead: this.counts.bytesRead });
  }

  private async finish(): Promise<ClaimFileResult> {
    const counts = this.counts;
    const header = this.header;
    if (header === null) {
      const message = counts.textBytes === 0 ? 'The file is empty.' : 'The file has no records (only blank lines).';
      throw new FileRejection(fileProblem(FileProblemCode.EMPTY_FILE, message));
    }
    if (counts.records !== header.totalRecordCount) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.TOT_REC_CNT_MISMATCH,
          `TOT-REC-CNT in the file header is ${header.totalRecordCount}, but the file has ${counts.records} records after the header.`,
          1,
        ),
      );
    }
    const end = this.linker.finish();
    for (const orphan of [...end.orphans].sort(byPosition)) this.orphan(orphan.item, null);
    for (const straggler of [...end.stragglers].sort(byPosition)) this.straggler(straggler);
    await this.drain();
    counts.lookBackEvictions = this.linker.lookBack.evictions;
    this.progress(true);
    // Without evictions the look-back saw every earlier key: its duplicates were caught in-stream.
    const duplicateHeadersPossible = counts.lookBackEvictions > 0 && this.stagedKeys.mayRepeat;
    const stragglersEmitted = counts.stragglerLines + counts.stragglerDiagnoses > 0;
    return {
      ok: true,
      header,
      counts,
      needsSqlResolution: duplicateHeadersPossible || stragglersEmitted,
      duplicateHeadersPossible,
      stragglersEmitted,
    };
  }

  /** The splitter's current line. Profile "Encoding": blank lines are ignored. */
  private record(): void {
    const splitter = this.splitter;
    const f = this.cursor;
    f.scan(splitter.text, splitter.start, splitter.end);
    const tooLong = splitter.tooLong;
    if (!tooLong && f.isBlankLine()) return;
    const position = ++this.position;
    if (position === 1) return this.fileHeader(tooLong);
    this.counts.records++;
    if (tooLong) {
      this.checkRecordId(f.field(0), position);
      return this.skip(position, [
        {
          index: -1,
          reason: RecordProblemReason.RECORD_TOO_LONG,
          message: `is longer than ${this.maxRecordLength} characters`,
        },
      ]);
    }
    if (f.equals(0, this.idClaimLine)) return this.claimLine(position);
    if (f.equals(0, this.idClaimHeader)) return this.claimHeader(position);
    if (f.equals(0, this.idClaimDiagnosis)) return this.claimDiagnosis(position);
    const id = f.field(0);
    this.checkRecordId(id, position);
    if (id.length === 0) {
      return this.skip(position, [
        { index: 0, reason: RecordProblemReason.REQUIRED_BLANK, message: 'is required but blank' },
      ]);
    }
    const { prefix, fileName } = this.header!;
    return this.skip(position, [
      {
        index: 0,
        reason: RecordProblemReason.UNKNOWN_RECORD_TYPE,
        message: `is not a record type of a ${fileName} file (${prefix}00002, ${prefix}00003 or ${prefix}00004)`,
      },
    ]);
  }

  private fileHeader(tooLong: boolean): void {
    const line = this.splitter.lineNumber;
    if (tooLong) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.NOT_A_FILE_HEADER,
          'Record 1 (the file header) is far too long to be a file header.',
          1,
          line,
        ),
      );
    }
    const header = parseFileHeader(this.cursor.fields(), line, this.options.expectedStateFips, this.options.today);
    this.header = header;
    this.validator = new RecordValidator({
      headerStateSent: header.submittingStateSent,
      headerStateFips: header.stateFips,
      inpatient: header.prefix === 'CIP',
      maxFieldLength: this.maxFieldLength,
    });
    this.idClaimHeader = header.prefix + SEGMENT_CLAIM_HEADER;
    this.idClaimLine = header.prefix + SEGMENT_CLAIM_LINE;
    this.idClaimDiagnosis = header.prefix + SEGMENT_CLAIM_DIAGNOSIS;
    if (this.options.recordProblemLimit !== undefined) {
      this.problemLimitRecords = this.options.recordProblemLimit * header.totalRecordCount;
    }
    this.emit(this.sink.fileHeader?.(header));
  }

  /** Profile "What is wrong": a record of another subject area, or a second P00001, rejects the file. */
  private checkRecordId(id: string, position: number): void {
    if (!/^[A-Z]{3}\d{5}$/.test(id)) return;
    const header = this.header!;
    const prefix = id.slice(0, 3);
    const line = this.splitter.lineNumber;
    if (prefix !== header.prefix) {
      const other = PREFIX_FILE_NAMES.get(prefix);
      const belongs = other === undefined ? 'is not a prefix of this profile' : `belongs to ${other} files`;
      throw new FileRejection(
        fileProblem(
          FileProblemCode.PREFIX_MISMATCH,
          `Record ${position} (line ${line}): RECORD-ID ${id} has the prefix ${prefix}, which ${belongs}; this ${header.fileName} file may only hold ${header.prefix} records.`,
          position,
          line,
        ),
      );
    }
    if (id.endsWith(SEGMENT_FILE_HEADER)) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.SECOND_FILE_HEADER,
          `Record ${position} (line ${line}) is a second file header (${id}); a file has exactly one, as its first record.`,
          position,
          line,
        ),
      );
    }
  }

  private claimHeader(position: number): void {
    const f = this.cursor;
    const issues = this.issues;
    if (issues.length > 0) issues.length = 0;
    if (f.count !== CLAIM_HEADER_SPEC.names.length) issues.push(fieldCountIssue(f.count, CLAIM_HEADER_SPEC));
    else this.validator!.check(CLAIM_HEADER_SPEC, f, issues);
    const key = this.rememberLastHeader();
    if (issues.length > 0) {
      const first = issues[0];
      const reason =
        first.index < 0
          ? `it ${first.message}`
          : `field ${first.index + 1} ${CLAIM_HEADER_SPEC.names[first.index]} ${first.message}`;
      this.skip(position, issues, CLAIM_HEADER_SPEC);
      if (key !== null) {
        const arrival = this.linker.header(key, position, reason);
        this.lastLinked = arrival.linked;
        for (const waiting of arrival.resolved) this.orphan(waiting.item, { position, reason });
      }
      return;
    }
    const arrival = this.linker.header(key!, position, null);
    this.lastLinked = arrival.linked;
    if (arrival.duplicateOf !== null) {
      return this.skip(position, [
        {
          index: F_ICN_ORIG,
          reason: RecordProblemReason.DUPLICATE_HEADER,
          message: `repeats the claim header at record ${arrival.duplicateOf} (same SUBMITTING-STATE, ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and ADJUSTMENT-IND); only the first is used`,
        },
      ]);
    }
    const counts = this.counts;
    const row: ClaimHeaderRow = {
      position,
      recordNumber: f.integer(F_RECORD_NUMBER),
      state: this.stateFips(),
      icnOrig: this.lastIcnOrig,
      icnAdj: this.lastIcnAdj,
      adjudicationDate: f.isoDate(F_ADJUDICATION_DATE)!,
      adjustmentInd: this.lastAdjustmentInd,
      msisId: f.field(CH.MSIS_ID),
      typeOfClaim: f.field(CH.TYPE_OF_CLAIM),
      claimStatusCategory: f.field(CH.STATUS),
      crossoverIndicator: orNull(f.field(CH.CROSSOVER)),
      billingProviderNpi: orNull(f.field(CH.NPI)),
      admissionDate: f.isoDate(CH.ADMISSION),
      dischargeDate: f.isoDate(CH.DISCHARGE),
      beginDate: f.isoDate(CH.BEGIN),
      endDate: f.isoDate(CH.END),
      planId: orNull(f.field(CH.PLAN_ID)),
      totalPaid: orZero(f.field(CH.PAID)),
    };
    counts.claimHeaders++;
    this.stagedKeys.add(arrival.key);
    if (row.claimStatusCategory === CLAIM_STATUS_DENIED) counts.deniedHeaders++;
    if (row.adjustmentInd === ADJUSTMENT_VOID) counts.voids++;
    else if (row.adjustmentInd === ADJUSTMENT_REPLACEMENT) counts.replacements++;
    this.emit(this.sink.claimHeader?.(row));
    for (const waiting of arrival.resolved) this.attach(waiting.item, false);
  }

  /** Keeps the key fields of this claim header for the records that follow it; returns its key (null: too few fields). */
  private rememberLastHeader(): string | null {
    const f = this.cursor;
    if (f.count <= F_ADJUSTMENT_IND) {
      this.lastState = this.lastIcnOrig = this.lastIcnAdj = this.lastAdjudicationDate = this.lastAdjustmentInd = '';
      this.lastLinked = undefined;
      return null;
    }
    this.lastState = f.field(F_STATE);
    this.lastIcnOrig = f.field(F_ICN_ORIG);
    this.lastIcnAdj = f.field(F_ICN_ADJ);
    this.lastAdjudicationDate = f.field(F_ADJUDICATION_DATE);
    this.lastAdjustmentInd = f.field(F_ADJUSTMENT_IND);
    return this.keyText();
  }

  /** FIPS code of the current record's SUBMITTING-STATE (alternate submitter codes mapped). */
  private stateFips(): string {
    const validator = this.validator!;
    return this.cursor.equals(F_STATE, this.header!.submittingStateSent)
      ? this.header!.stateFips
      : validator.stateFips(this.cursor.field(F_STATE));
  }

  /** Whether the current record has the version key fields, as sent, of the last claim header. */
  private followsLastHeader(): boolean {
    const f = this.cursor;
    return (
      this.lastIcnOrig.length > 0 &&
      f.equals(F_ICN_ORIG, this.lastIcnOrig) &&
      f.equals(F_ADJUDICATION_DATE, this.lastAdjudicationDate) &&
      f.equals(F_ADJUSTMENT_IND, this.lastAdjustmentInd) &&
      f.equals(F_ICN_ADJ, this.lastIcnAdj) &&
      f.equals(F_STATE, this.lastState)
    );
  }

  private claimLine(position: number): void {
    const f = this.cursor;
    const issues = this.issues;
    if (issues.length > 0) issues.length = 0;
    if (f.count !== CLAIM_LINE_SPEC.names.length) issues.push(fieldCountIssue(f.count, CLAIM_LINE_SPEC));
    else this.validator!.check(CLAIM_LINE_SPEC, f, issues);
    if (issues.length > 0) return this.skip(position, issues, CLAIM_LINE_SPEC);
    const classifier = this.classifier;
    const ndc11 = f.length(CL.NDC) === 0 ? null : classifier.ndc11(f.field(CL.NDC));
    const cgtByNdc = classifier.isCgtNdc(ndc11);
    const cgtByHcpcs = f.length(CL.PROCEDURE) > 0 && classifier.isCgtHcpcs(f.field(CL.PROCEDURE));
    const keyText = this.followsLastHeader() ? null : this.keyText();
    const linked = keyText === null ? this.lastLinked : this.linker.link(keyText);
    if (linked !== undefined && linked > 0) {
      this.counts.lines++;
      if (!cgtByNdc && !cgtByHcpcs) return;
      this.counts.relevantLines++;
      this.emit(this.sink.line?.(this.lineRow(position, ndc11, cgtByNdc, cgtByHcpcs)));
      return;
    }
    this.unlinked(keyText ?? this.keyText(), linked, {
      kind: 'line',
      position,
      line: this.splitter.lineNumber,
      recordId: f.field(0),
      key: this.versionKey(),
      recordNumber: f.integer(F_RECORD_NUMBER),
      row: cgtByNdc || cgtByHcpcs ? this.lineRow(position, ndc11, cgtByNdc, cgtByHcpcs) : null,
    });
  }

  private claimDiagnosis(position: number): void {
    const f = this.cursor;
    const issues = this.issues;
    if (issues.length > 0) issues.length = 0;
    if (f.count !== CLAIM_DIAGNOSIS_SPEC.names.length) issues.push(fieldCountIssue(f.count, CLAIM_DIAGNOSIS_SPEC));
    else this.validator!.check(CLAIM_DIAGNOSIS_SPEC, f, issues);
    if (issues.length > 0) return this.skip(position, issues, CLAIM_DIAGNOSIS_SPEC);
    const relevant = this.classifier.isRelevantDiagnosis(f.text, f.start(CD.CODE), f.end(CD.CODE));
    const keyText = this.followsLastHeader() ? null : this.keyText();
    const linked = keyText === null ? this.lastLinked : this.linker.link(keyText);
    if (linked !== undefined && linked > 0) {
      this.counts.diagnoses++;
      if (!relevant) return;
      this.counts.relevantDiagnoses++;
      this.emit(this.sink.diagnosis?.(this.diagnosisRow(position)));
      return;
    }
    this.unlinked(keyText ?? this.keyText(), linked, {
      kind: 'diagnosis',
      position,
      line: this.splitter.lineNumber,
      recordId: f.field(0),
      key: this.versionKey(),
      recordNumber: f.integer(F_RECORD_NUMBER),
      row: relevant ? this.diagnosisRow(position) : null,
    });
  }

  /** A line or diagnosis whose header is skipped (orphan) or not remembered (it waits). */
  private unlinked(keyText: string, linked: number | undefined, dependent: Dependent): void {
    if (linked !== undefined) {
      const header = this.linker.skipped(keyText);
      return this.orphan(dependent, {
        position: header?.position ?? Math.abs(linked),
        reason: header?.skipReason ?? 'it was skipped',
      });
    }
    this.linker.wait(keyText, dependent);
    for (const overflow of this.linker.takeOverflow()) this.straggler(overflow);
  }

  private attach(dependent: Dependent, straggler: boolean): void {
    const counts = this.counts;
    const row = dependent.row;
    if (dependent.kind === 'line') {
      if (straggler) counts.stragglerLines++;
      else counts.lines++;
      if (row === null) return;
      if (!straggler) counts.relevantLines++;
      this.emit(this.sink.line?.((straggler ? { ...row, straggler } : row) as ClaimLineRow));
    } else {
      if (straggler) counts.stragglerDiagnoses++;
      else counts.diagnoses++;
      if (row === null) return;
      if (!straggler) counts.relevantDiagnoses++;
      this.emit(this.sink.diagnosis?.((straggler ? { ...row, straggler } : row) as ClaimDiagnosisRow));
    }
  }

  private straggler(waiting: Waiting<Dependent>): void {
    const dependent = waiting.item;
    const row: StragglerRow = {
      ...dependent.key,
      kind: dependent.kind,
      position: dependent.position,
      recordNumber: dependent.recordNumber,
      line: dependent.line,
      relevant: dependent.row !== null,
    };
    this.emit(this.sink.straggler?.(row));
    this.attach(dependent, true);
  }

  /** Profile "What is wrong": a line or diagnosis with no header of the same version key. */
  private orphan(dependent: Dependent, header: { position: number; reason: string } | null): void {
    const what = dependent.kind === 'line' ? 'line' : 'diagnosis';
    const indicator = dependent.kind === 'line' ? 'LINE-ADJUSTMENT-IND' : 'ADJUSTMENT-IND';
    const message =
      header === null
        ? `no claim header in this file has this ${what}'s SUBMITTING-STATE, ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and ${indicator} (an orphan ${what})`
        : `its claim header (record ${header.position}) was skipped, so this ${what} is skipped too: ${header.reason}`;
    this.report({
      position: dependent.position,
      line: dependent.line,
      recordId: dependent.recordId,
      recordNumber: dependent.recordNumber,
      icnOrig: truncateValue(dependent.key.icnOrig),
      fieldNumber: F_ICN_ORIG + 1,
      fieldName: 'ICN-ORIG',
      value: truncateValue(dependent.key.icnOrig),
      reason: RecordProblemReason.ORPHAN,
      message,
    });
    this.skipped();
  }

  /** Reports the problems of the current record, which is skipped. */
  private skip(position: number, issues: readonly FieldIssue[], spec: SegmentSpec = CLAIM_HEADER_SPEC): void {
    const f = this.cursor;
    const line = this.splitter.lineNumber;
    const recordId = f.length(0) > 0 ? truncateValue(f.field(0)) : null;
    const recordNumberText = f.field(F_RECORD_NUMBER);
    const recordNumber = isInteger(recordNumberText) ? Number(recordNumberText) : null;
    const icnOrig = f.length(F_ICN_ORIG) > 0 ? truncateValue(f.field(F_ICN_ORIG)) : null;
    const withheldIndex = spec === CLAIM_HEADER_SPEC ? CH.MSIS_ID : -1;
    for (const issue of issues) {
      const whole = issue.index < 0;
      this.report({
        position,
        line,
        recordId,
        recordNumber,
        icnOrig,
        fieldNumber: whole ? null : issue.index + 1,
        fieldName: whole ? null : (spec.names[issue.index] ?? null),
        value: whole ? null : issue.index === withheldIndex ? WITHHELD_VALUE : truncateValue(f.field(issue.index)),
        reason: issue.reason,
        message: issue.message,
      });
    }
    this.skipped();
  }

  private report(problem: RecordProblem): void {
    this.counts.problems++;
    this.counts.problemsByReason[problem.reason]++;
    if (this.counts.problems <= this.maxProblems) this.emit(this.sink.problem?.(problem));
  }

  private skipped(): void {
    const counts = this.counts;
    counts.skippedRecords++;
    if (counts.skippedRecords > this.problemLimitRecords && counts.problems >= this.maxProblems) {
      const limit = checkRecordProblemLimit(
        { records: this.header!.totalRecordCount, skippedRecords: counts.skippedRecords },
        this.options.recordProblemLimit,
        { found: counts.problems, listed: this.maxProblems, complete: false },
      );
      if (limit !== null)
        throw new FileRejection({ ...limit, position: this.position, line: this.splitter.lineNumber });
    }
  }

  /** SUBMITTING-STATE (as FIPS), ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE, ADJUSTMENT-IND; `|` cannot occur in values. */
  private keyText(): string {
    const f = this.cursor;
    // Fields 4-7 are usually contiguous in the line: one slice instead of four.
    if (f.adjacent(F_ICN_ORIG, F_ADJUSTMENT_IND)) {
      return `${this.stateFips()}|${f.text.slice(f.start(F_ICN_ORIG), f.end(F_ADJUSTMENT_IND))}`;
    }
    return `${this.stateFips()}|${f.field(F_ICN_ORIG)}|${f.field(F_ICN_ADJ)}|${f.field(F_ADJUDICATION_DATE)}|${f.field(F_ADJUSTMENT_IND)}`;
  }

  /** The version key with values detached from the chunk text (rows may be kept by the caller). */
  private versionKey(): VersionKey {
    const f = this.cursor;
    return {
      state: this.stateFips(),
      icnOrig: detach(f.field(F_ICN_ORIG)),
      icnAdj: detach(f.field(F_ICN_ADJ)),
      adjudicationDate: f.isoDate(F_ADJUDICATION_DATE)!,
      adjustmentInd: f.field(F_ADJUSTMENT_IND),
    };
  }

  private lineRow(position: number, ndc11: string | null, cgtByNdc: boolean, cgtByHcpcs: boolean): ClaimLineRow {
    const f = this.cursor;
    return {
      ...this.versionKey(),
      position,
      recordNumber: f.integer(F_RECORD_NUMBER),
      straggler: false,
      lineNumber: f.integer(CL.LINE_NUM),
      revenueCode: orNull(f.field(CL.REVENUE)),
      procedureCode: orNull(detach(f.field(CL.PROCEDURE))),
      ndcRaw: orNull(detach(f.field(CL.NDC))),
      ndc11,
      ndcQuantity: orZero(detach(f.field(CL.NDC_QUANTITY))),
      unitOfMeasure: orNull(f.field(CL.UNIT)),
      serviceQuantity: orZero(detach(f.field(CL.SERVICE_QUANTITY))),
      beginDate: f.isoDate(CL.BEGIN),
      endDate: f.isoDate(CL.END),
      paid: orZero(detach(f.field(CL.PAID))),
      cgtByNdc,
      cgtByHcpcs,
    };
  }

  private diagnosisRow(position: number): ClaimDiagnosisRow {
    const f = this.cursor;
    return {
      ...this.versionKey(),
      position,
      recordNumber: f.integer(F_RECORD_NUMBER),
      straggler: false,
      sequence: f.integer(CD.SEQ),
      code: detach(f.field(CD.CODE)),
      flag: orNull(f.field(CD.FLAG)),
    };
  }
}

function fieldCountIssue(count: number, spec: SegmentSpec): FieldIssue {
  return {
    index: -1,
    reason: RecordProblemReason.FIELD_COUNT,
    message: `has ${count} fields; a ${spec.label} (P${spec.segment}) has ${spec.names.length}`,
  };
}

function byPosition(a: Waiting<Dependent>, b: Waiting<Dependent>): number {
  return a.item.position - b.item.position;
}

/** 1.5 GB, 512 MB, 64 KB: sizes in limit messages. */
function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function orNull(value: string): string | null {
  return value.length === 0 ? null : value;
}

/** Profile "What is wrong": a blank amount or quantity reads as 0. */
function orZero(value: string): string {
  return value.length === 0 ? '0' : value;
}
