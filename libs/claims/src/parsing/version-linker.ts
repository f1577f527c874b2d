import { detach } from './field-cursor';
import { HeaderLookBack, type RememberedHeader } from './look-back';

/**
 * Links lines and diagnoses to the claim header with the same version key (profile "Keys and
 * coded values"), in bounded memory:
 * - the key is in the look-back: attached to a valid header, or an orphan of a skipped one;
 * - otherwise the record waits (bounded) for its header to arrive later in the file;
 * - at the end, a waiting record is a certain orphan if no header had been forgotten by the
 *   look-back when it was read; else it is a straggler the caller resolves in SQL. Records that
 *   overflow the waiting room become stragglers at once.
 * The first header of a key wins (a later one is a duplicate), valid or not: a skipped header
 * makes the lines and diagnoses of its key orphans (profile "What is wrong").
 */

export interface Waiting<T> {
  readonly key: string;
  readonly item: T;
  /** Look-back evictions when the record was read: 0 means no earlier header can be forgotten. */
  readonly evictionsAtRead: number;
}

export interface HeaderArrival<T> {
  /** The header's key, copied off the chunk it was read from (see HeaderLookBack.remember). */
  readonly key: string;
  /** Position of the earlier header with the same key, when this one is a duplicate. */
  readonly duplicateOf: number | null;
  /** What link(key) answers from now on: the winning header's position, negative if it was skipped. */
  readonly linked: number;
  /** Records that were waiting for this key (attach them if the header is valid, else orphans). */
  readonly resolved: readonly Waiting<T>[];
}

export interface LinkerEnd<T> {
  readonly orphans: readonly Waiting<T>[];
  readonly stragglers: readonly Waiting<T>[];
}

const NONE: readonly never[] = [];

export class VersionLinker<T> {
  readonly lookBack: HeaderLookBack;
  private readonly waiting = new Map<string, Waiting<T>[]>();
  private waitingCount = 0;

  constructor(
    lookBackCapacity: number,
    private readonly maxWaiting: number,
  ) {
    this.lookBack = new HeaderLookBack(lookBackCapacity);
  }

  /** A claim header (valid when skipReason is null) arrived at `position`. */
  header(sharedKey: string, position: number, skipReason: string | null): HeaderArrival<T> {
    const { key, earlier } = this.lookBack.remember(sharedKey, position, skipReason);
    if (earlier !== undefined) return { key, duplicateOf: Math.abs(earlier), linked: earlier, resolved: NONE };
    const linked = skipReason === null ? position : -position;
    if (this.waitingCount === 0) return { key, duplicateOf: null, linked, resolved: NONE };
    const resolved = this.waiting.get(key);
    if (resolved === undefined) return { key, duplicateOf: null, linked, resolved: NONE };
    this.waiting.delete(key);
    this.waitingCount -= resolved.length;
    return { key, duplicateOf: null, linked, resolved };
  }

  /** Where a line or diagnosis with this key stands: > 0 valid header, < 0 skipped, undefined unknown. */
  link(key: string): number | undefined {
    return this.lookBack.position(key);
  }

  /** Why the remembered header with this key was skipped. */
  skipped(key: string): RememberedHeader | undefined {
    return this.lookBack.get(key);
  }

  /** A valid line or diagnosis whose key is unknown waits for its header. */
  wait(sharedKey: string, item: T): void {
    // Copied for the same reason as the look-back's keys: a waiting record must not keep its chunk.
    const key = detach(sharedKey);
    const entry: Waiting<T> = { key, item, evictionsAtRead: this.lookBack.evictions };
    const list = this.waiting.get(key);
    if (list === undefined) this.waiting.set(key, [entry]);
    else list.push(entry);
    this.waitingCount++;
  }

  /** Records that no longer fit the waiting room (oldest keys first): stragglers for SQL. */
  takeOverflow(): readonly Waiting<T>[] {
    if (this.waitingCount <= this.maxWaiting) return NONE;
    const out: Waiting<T>[] = [];
    for (const [key, list] of this.waiting) {
      if (this.waitingCount <= this.maxWaiting) break;
      this.waiting.delete(key);
      this.waitingCount -= list.length;
      for (const entry of list) out.push(entry);
    }
    return out;
  }

  /** End of file: every waiting record is a certain orphan or a straggler (see above). */
  finish(): LinkerEnd<T> {
    const orphans: Waiting<T>[] = [];
    const stragglers: Waiting<T>[] = [];
    for (const list of this.waiting.values()) {
      for (const entry of list) (entry.evictionsAtRead === 0 ? orphans : stragglers).push(entry);
    }
    this.waiting.clear();
    this.waitingCount = 0;
    return { orphans, stragglers };
  }
}
