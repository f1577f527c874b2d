/**
 * Math.imul taken once: a hot loop that names a global looks it up on every call, which costs
 * little in a plain Node module but several times the draw itself inside a vm context (Jest).
 */
const imul = Math.imul;

/**
 * A seeded pseudo-random generator (xoshiro128**, seeded through splitmix32) so that the same
 * simulation input and seed give the same result on every machine. Each (trial, state) and
 * (trial, state, benchmark) gets its own stream, derived from the seed by hashing: two term
 * sheets simulated with the same seed and assumptions draw the same patients and the same events
 * for benchmarks of the same code (common random numbers make comparisons sharp).
 */
export class Prng {
  /** xoshiro128** state in a typed array: the words stay unboxed (no allocation per draw). */
  private readonly state = new Int32Array(4);

  constructor(seed: number) {
    this.reseed(seed);
  }

  reseed(seed: number): void {
    let s = seed | 0;
    for (let i = 0; i < 4; i += 1) {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.state[i] = z ^ (z >>> 16);
    }
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const st = this.state;
    const result = imul(rotl(imul(st[1], 5), 7), 9) >>> 0;
    const t = st[1] << 9;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 11);
    return result;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Mixes 32-bit words into one stream seed (murmur3's finaliser after each word). */
export function streamSeed(w0: number, w1: number, w2: number, w3 = 0): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 4; i += 1) {
    const w = i === 0 ? w0 : i === 1 ? w1 : i === 2 ? w2 : w3;
    h = imul(h ^ (w >>> 0), 0x01000193) >>> 0;
    h ^= h >>> 16;
    h = imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A stable 32-bit hash of a text (FNV-1a): benchmark codes and state codes name streams. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}
