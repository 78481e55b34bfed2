import { type Cipher, createCipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM sealing for bulk imports without a cipher object per value.
// Node's createCipheriv costs about 3.8 µs per call on the bench machine
// (most of it building the stream object), and a petition row seals four
// or five short values. GCM is CTR encryption plus a GHASH tag, so:
//
//   - the AES block function is one long-lived AES-256-ECB cipher of
//     OpenSSL (AES-NI), which encrypts the counter blocks of 256 fresh
//     random IVs per call: the key stream and the tag mask E(K, J0) of
//     each IV, computed before the values they will seal are known;
//   - GHASH (multiplication by H in GF(2^128)) runs here, on a table of
//     16 × 256 multiples of H, since Node exposes no GHASH;
//   - the output is the `v1.<iv>.<tag>.<ct>` of the standard path, byte
//     for byte (test/unit/gcm-seal.test.ts checks it against Node's GCM
//     and the sealer checks one value against it when it starts).
//
// Each IV is used once, as in IvPool. The table lookups depend on H and the
// ciphertext, which an observer of the importing process's cache timing
// could in principle probe; the values are sealed in batch imports on the
// server, not in reply to requests.

const IV_BYTES = 12;
const IVS_PER_REFILL = 256;
/** Key stream blocks computed ahead per IV (128 bytes of plain text); longer values compute the rest on demand. */
const BLOCKS_AHEAD = 8;
const STRIDE = (1 + BLOCKS_AHEAD) * 16;
const HEAD = IV_BYTES + 16;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export type RandomSource = (bytes: number) => Buffer;

/** The 4 × 32-bit words of a GF(2^128) element, GCM bit order (x^0 is the first byte's high bit). */
function mulX(w: Uint32Array, o: number, out: Uint32Array, p: number): void {
  const carry = w[o + 3]! & 1;
  out[p + 3] = (w[o + 3]! >>> 1) | (w[o + 2]! << 31);
  out[p + 2] = (w[o + 2]! >>> 1) | (w[o + 1]! << 31);
  out[p + 1] = (w[o + 1]! >>> 1) | (w[o]! << 31);
  out[p] = (w[o]! >>> 1) ^ (carry ? 0xe1000000 : 0);
}

/** T[(i·256 + b)·4 …] = (byte b at position i) · H, so X·H is the XOR of 16 lookups. */
function ghashTable(h: Buffer): Uint32Array {
  const powers = new Uint32Array(128 * 4);
  for (let j = 0; j < 4; j++) powers[j] = h.readUInt32BE(j * 4);
  for (let p = 1; p < 128; p++) mulX(powers, (p - 1) * 4, powers, p * 4);
  const t = new Uint32Array(16 * 256 * 4);
  for (let i = 0; i < 16; i++) {
    for (let b = 1; b < 256; b++) {
      const low = b & -b;
      const bit = 7 - Math.log2(low);
      const from = (i * 256 + (b ^ low)) * 4;
      const to = (i * 256 + b) * 4;
      const pw = (i * 8 + bit) * 4;
      for (let j = 0; j < 4; j++) t[to + j] = t[from + j]! ^ powers[pw + j]!;
    }
  }
  return t;
}

const ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1');

/** Writes bytes [from, to) of `src` as unpadded base64url into `out` at `at`; returns the end. */
function base64url(src: Buffer, from: number, to: number, out: Buffer, at: number): number {
  let i = from;
  for (; i + 3 <= to; i += 3) {
    const v = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    out[at++] = ALPHABET[v >>> 18]!;
    out[at++] = ALPHABET[(v >>> 12) & 63]!;
    out[at++] = ALPHABET[(v >>> 6) & 63]!;
    out[at++] = ALPHABET[v & 63]!;
  }
  if (to - i === 1) {
    const v = src[i]!;
    out[at++] = ALPHABET[v >>> 2]!;
    out[at++] = ALPHABET[(v & 3) << 4]!;
  } else if (to - i === 2) {
    const v = (src[i]! << 8) | src[i + 1]!;
    out[at++] = ALPHABET[v >>> 10]!;
    out[at++] = ALPHABET[(v >>> 4) & 63]!;
    out[at++] = ALPHABET[(v & 15) << 2]!;
  }
  return at;
}

export class GcmSealer {
  private readonly ecb: Cipher;
  private readonly table: Uint32Array;
  private pads: Buffer = Buffer.alloc(0);
  private ivs: Buffer = Buffer.alloc(0);
  private next = IVS_PER_REFILL;
  private work = Buffer.alloc(4096);
  private text = Buffer.alloc(8192);
  private y = new Uint32Array(4);

  constructor(
    key: Buffer,
    private readonly random: RandomSource = randomBytes,
  ) {
    this.ecb = createCipheriv('aes-256-ecb', key, null);
    this.ecb.setAutoPadding(false);
    this.table = ghashTable(this.ecb.update(Buffer.alloc(16)));
  }

  private refill(): void {
    this.ivs = this.random(IV_BYTES * IVS_PER_REFILL);
    // Word copies into an aligned buffer: a native copy per 16-byte block
    // costs more than the AES, and a byte loop about as much.
    const ivWords = new Uint32Array((IV_BYTES * IVS_PER_REFILL) / 4);
    new Uint8Array(ivWords.buffer).set(this.ivs);
    const counters = new Uint32Array((IVS_PER_REFILL * STRIDE) / 4);
    for (let k = 0; k < IVS_PER_REFILL; k++) {
      for (let j = 0; j <= BLOCKS_AHEAD; j++) {
        const at = (k * STRIDE + j * 16) / 4;
        counters[at] = ivWords[k * 3]!;
        counters[at + 1] = ivWords[k * 3 + 1]!;
        counters[at + 2] = ivWords[k * 3 + 2]!;
        // The 32-bit block counter, big-endian in memory whatever the platform's order.
        counters[at + 3] = LITTLE_ENDIAN ? (j + 1) << 24 : j + 1;
      }
    }
    this.pads = this.ecb.update(new Uint8Array(counters.buffer));
    this.next = 0;
  }

  /** Key stream blocks past BLOCKS_AHEAD for a long value. */
  private extraStream(ivAt: number, blocks: number): Buffer {
    const counters = Buffer.alloc(blocks * 16);
    for (let j = 0; j < blocks; j++) {
      this.ivs.copy(counters, j * 16, ivAt, ivAt + IV_BYTES);
      counters.writeUInt32BE(BLOCKS_AHEAD + 2 + j, j * 16 + IV_BYTES);
    }
    return this.ecb.update(counters);
  }

  seal(plain: string): string {
    if (this.next === IVS_PER_REFILL) this.refill();
    const k = this.next++;
    const need = HEAD + plain.length * 3 + 16;
    if (need > this.work.length) this.work = Buffer.alloc(need * 2);
    const w = this.work;
    const n = w.write(plain, HEAD, 'utf8');
    for (let i = 0; i < IV_BYTES; i++) w[i] = this.ivs[k * IV_BYTES + i]!;
    const pads = this.pads;
    const padAt = k * STRIDE;
    const ahead = Math.min(n, BLOCKS_AHEAD * 16);
    for (let i = 0; i < ahead; i++) w[HEAD + i] = w[HEAD + i]! ^ pads[padAt + 16 + i]!;
    if (n > ahead) {
      const more = this.extraStream(k * IV_BYTES, Math.ceil((n - ahead) / 16));
      for (let i = ahead; i < n; i++) w[HEAD + i] = w[HEAD + i]! ^ more[i - ahead]!;
    }
    const padded = (n + 15) & ~15;
    w.fill(0, HEAD + n, HEAD + padded);
    const y = this.y;
    y.fill(0);
    for (let at = HEAD; at < HEAD + padded; at += 16) this.absorb(w, at);
    // The length block: no additional data, then the cipher text's length in bits.
    this.absorbWords(0, 0, Math.floor(n / 0x20000000), (n * 8) >>> 0);
    for (let j = 0; j < 4; j++) w.writeUInt32BE((y[j]! ^ pads.readUInt32BE(padAt + j * 4)) >>> 0, IV_BYTES + j * 4);
    // The whole `v1.<iv>.<tag>.<ct>` as ASCII bytes, then one string: fewer
    // native calls and short-lived strings than three base64url slices.
    const outLen = 3 + 16 + 1 + 22 + 1 + Math.ceil((n * 4) / 3) + 2;
    if (outLen > this.text.length) this.text = Buffer.alloc(outLen * 2);
    const o = this.text;
    o[0] = 0x76; // v
    o[1] = 0x31; // 1
    o[2] = 0x2e; // .
    let at = base64url(w, 0, IV_BYTES, o, 3);
    o[at++] = 0x2e;
    at = base64url(w, IV_BYTES, HEAD, o, at);
    o[at++] = 0x2e;
    at = base64url(w, HEAD, HEAD + n, o, at);
    return o.toString('latin1', 0, at);
  }

  private absorb(b: Buffer, at: number): void {
    this.absorbWords(
      ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0,
      ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0,
      ((b[at + 8]! << 24) | (b[at + 9]! << 16) | (b[at + 10]! << 8) | b[at + 11]!) >>> 0,
      ((b[at + 12]! << 24) | (b[at + 13]! << 16) | (b[at + 14]! << 8) | b[at + 15]!) >>> 0,
    );
  }

  /** Y = (Y ⊕ X) · H */
  private absorbWords(x0: number, x1: number, x2: number, x3: number): void {
    const y = this.y;
    const a = (y[0]! ^ x0) >>> 0;
    const b = (y[1]! ^ x1) >>> 0;
    const c = (y[2]! ^ x2) >>> 0;
    const d = (y[3]! ^ x3) >>> 0;
    const t = this.table;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    // Byte i of X selects row i of the table: 16 lookups, four per word.
    for (let i = 0; i < 16; i++) {
      const word = i < 4 ? a : i < 8 ? b : i < 12 ? c : d;
      const e = (i * 256 + ((word >>> (24 - 8 * (i & 3))) & 0xff)) * 4;
      z0 ^= t[e]!;
      z1 ^= t[e + 1]!;
      z2 ^= t[e + 2]!;
      z3 ^= t[e + 3]!;
    }
    y[0] = z0;
    y[1] = z1;
    y[2] = z2;
    y[3] = z3;
  }
}
