/** Bound once: inside Jest's vm context `Math.imul` in a hot loop is a global lookup each time. */
const imul = Math.imul;

/**
 * The version keys of every claim header staged so far, as 64-bit hashes in an open-addressing
 * table: answers "may this key have been staged before?" for a whole file in bounded memory
 * (8 bytes a slot, at most `maxKeys` keys). The look-back (look-back.ts) forgets keys; this set
 * only remembers that a key was seen, never where. A repeat it reports may be a hash collision
 * (about 2 x 10^-7 for 2.7M keys), never a miss: equal keys have equal hashes. So a file whose
 * staged keys never repeat here has no duplicate headers, and the duplicate-header step in SQL
 * (claim-staging.sql.ts resolveDuplicateHeaders) can be left out exactly.
 */
export class StagedKeySet {
  /** Slot i holds hash (high[i], low[i]); (0, 0) marks an empty slot. */
  private high: Uint32Array;
  private low: Uint32Array;
  private size = 0;
  /** A key repeated (or collided), or more than maxKeys keys: the caller must check in SQL. */
  private uncertain = false;

  constructor(
    private readonly maxKeys = 3_000_000,
    initialSlots = 1 << 16,
  ) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('maxKeys must be >= 1');
    if (!Number.isInteger(Math.log2(initialSlots))) throw new RangeError('initialSlots must be a power of two');
    this.high = new Uint32Array(initialSlots);
    this.low = new Uint32Array(initialSlots);
  }

  /** True when some staged key may repeat an earlier one (so SQL must look). */
  get mayRepeat(): boolean {
    return this.uncertain;
  }

  get count(): number {
    return this.size;
  }

  /** Remembers a staged header's key; once uncertain, stops (and frees its memory). */
  add(key: string): void {
    if (this.uncertain) return;
    if (this.size >= this.maxKeys) return this.giveUp();
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = imul(h1 ^ c, 0x01000193);
      h2 = imul(h2 ^ c, 0x5bd1e995);
    }
    const high = mix(h1) >>> 0;
    let low = mix(h2 ^ key.length) >>> 0;
    if (high === 0 && low === 0) low = 1;
    if (this.insert(high, low)) this.giveUp();
    else if (++this.size * 4 > this.high.length * 3) this.grow();
  }

  /** Inserts the hash; true when it was there already. */
  private insert(high: number, low: number): boolean {
    const mask = this.high.length - 1;
    let slot = (high ^ low) & mask;
    for (;;) {
      const h = this.high[slot];
      const l = this.low[slot];
      if (h === 0 && l === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        return false;
      }
      if (h === high && l === low) return true;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldHigh = this.high;
    const oldLow = this.low;
    this.high = new Uint32Array(oldHigh.length * 2);
    this.low = new Uint32Array(oldLow.length * 2);
    for (let i = 0; i < oldHigh.length; i++) {
      if (oldHigh[i] !== 0 || oldLow[i] !== 0) this.insert(oldHigh[i], oldLow[i]);
    }
  }

  private giveUp(): void {
    this.uncertain = true;
    this.high = new Uint32Array(0);
    this.low = new Uint32Array(0);
  }
}

/** murmur3's 32-bit finalizer: every input bit moves every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
