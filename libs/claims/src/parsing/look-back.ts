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

/** What remember() did: the key as remembered (a copy), and the earlier header's position if any. */
export interface Remembered {
  readonly key: string;
  readonly earlier: number | undefined;
}

export class HeaderLookBack {
  private readonly positions = new Map<string, number>();
  private readonly skipReasons = new Map<string, string>();
  private readonly ring: string[];
  /** 1 where the ring's key is a skipped header's (it has a skip reason to forget with it). */
  private readonly skippedRing: Uint8Array;
  private next = 0;
  /** How many keys have been forgotten so far. */
  evictions = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('look-back capacity must be >= 1');
    this.ring = new Array<string>(capacity);
    this.skippedRing = new Uint8Array(capacity);
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
   * Remembers a header's key unless a header of that key is remembered already (the first header
   * of a key wins); returns the earlier header's position (> 0 valid, < 0 skipped), or undefined
   * when this one is now remembered, and the key it is remembered by. The key is copied first
   * and looked up and stored as that copy, so it is hashed once: built from slices of the chunk
   * being read, it would otherwise keep every chunk of the look-back window alive long enough to
   * be promoted to the old generation, where a 1M-record file left ~120 MB of dead chunk text
   * between two full collections.
   */
  remember(sharedKey: string, position: number, skipReason: string | null): Remembered {
    const key = detach(sharedKey);
    const earlier = this.positions.get(key);
    if (earlier !== undefined) return { key, earlier };
    const slot = this.next;
    const old = this.ring[slot];
    if (old !== undefined) {
      this.positions.delete(old);
      if (this.skippedRing[slot] === 1) this.skipReasons.delete(old);
      this.evictions++;
    }
    this.ring[slot] = key;
    this.skippedRing[slot] = skipReason === null ? 0 : 1;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    this.positions.set(key, skipReason === null ? position : -position);
    if (skipReason !== null) this.skipReasons.set(key, skipReason);
    return { key, earlier: undefined };
  }
}
