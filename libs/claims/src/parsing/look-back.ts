import { detach } from './field-cursor';

/**
 * The version keys of the most recent claim headers (valid and skipped), in bounded memory: a
 * map plus a ring of keys in arrival order; the oldest key is forgotten when the ring is full.
 * Lines and diagnoses normally follow their header, so they are linked here; anything else is
 * resolved later (see version-linker.ts).
 */

export interface RememberedHeader {
  readonly position: number;
  /** Why the header was skipped (a plain-language sentence), or null when it was valid. */
  readonly skipReason: string | null;
}

export class HeaderLookBack {
  private readonly positions = new Map<string, number>();
  private readonly skipReasons = new Map<string, string>();
  private readonly ring: string[];
  private next = 0;
  /** How many keys have been forgotten so far. */
  evictions = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('look-back capacity must be >= 1');
    this.ring = new Array<string>(capacity);
  }

  get size(): number {
    return this.positions.size;
  }

  /** Position of the remembered header with this key: > 0 valid, < 0 skipped; undefined if unknown. */
  position(key: string): number | undefined {
    return this.positions.get(key);
  }

  get(key: string): RememberedHeader | undefined {
    const signed = this.positions.get(key);
    if (signed === undefined) return undefined;
    return signed > 0
      ? { position: signed, skipReason: null }
      : { position: -signed, skipReason: this.skipReasons.get(key) ?? 'it was skipped' };
  }

  /**
   * Remembers a key that is not remembered yet (the first header of a key wins). The key is
   * copied: built from slices of the chunk being read, it would otherwise keep every chunk of
   * the look-back window alive long enough to be promoted to the old generation, where a 1M-record
   * file left ~120 MB of dead chunk text between two full collections.
   */
  add(sharedKey: string, position: number, skipReason: string | null): void {
    const key = detach(sharedKey);
    const old = this.ring[this.next];
    if (old !== undefined) {
      this.positions.delete(old);
      this.skipReasons.delete(old);
      this.evictions++;
    }
    this.ring[this.next] = key;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    this.positions.set(key, skipReason === null ? position : -position);
    if (skipReason !== null) this.skipReasons.set(key, skipReason);
  }
}
