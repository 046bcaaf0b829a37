/**
 * Typed arrays lent to one sim at a time, taken back when it ends, and lent again to the next: a batch
 * worker runs hundreds of sims of one scenario one after the other, each wanting the same large arrays
 * (components, track tables, the in-flight sharing batches). Fresh, those are ~70 MB of ArrayBuffers
 * a run on the real catalog: zeroed pages to fault in, and enough external memory that V8 ran a full
 * mark-compact every run. Lent again, they cost a fill.
 *
 * What a sim gets is the same either way: `take` returns an array of exactly the asked length, zeroed
 * like a fresh one (or filled with the value asked); `takeScratch` one whose contents are undefined, for callers that write before they
 * read (and say so). A sim gives an array back early with `give` when it drops it (a grown buffer),
 * so a long run holds no more than it uses. A sim without an arena (the default) allocates as before:
 * `FRESH` never keeps anything. The owner of an arena calls `reclaim` only when no sim that took from
 * it is still used.
 *
 * Read next: world.ts (createSim's `arena` option), cli/batch/run-one.ts (the batch worker's arena).
 */

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
export interface TypedArrayConstructor<T extends TypedArray> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Arrays smaller than this are allocated fresh (V8's heap handles them well; a free list would not pay). */
const POOLED_BYTES_MIN = 4096;
/** Most bytes an arena keeps free between sims by default (beyond it, arrays given back are left to the GC). */
export const ARENA_BYTES_MAX = 512 * 1024 * 1024;

/** The free arrays of one type and length, and whether a sim asked for that shape since the last reclaim. */
interface Bucket {
  readonly arrays: TypedArray[];
  asked: boolean;
}

export class ArrayArena {
  private readonly free = new Map<TypedArrayConstructor<TypedArray>, Map<number, Bucket>>();
  private readonly lent = new Set<TypedArray>();
  private freeBytes = 0;

  /**
   * @param keep false: allocate fresh every time and keep nothing (a sim without an arena).
   * @param bytesMax most bytes kept free.
   */
  constructor(private readonly keep = true, private readonly bytesMax = ARENA_BYTES_MAX) {}

  /** An array of `length` elements, each `fill` (0: as `new ctor(length)` gives it). */
  take<T extends TypedArray>(ctor: TypedArrayConstructor<T>, length: number, fill = 0): T {
    const a = this.reuse(ctor, length);
    if (a === undefined) {
      const f = this.fresh(ctor, length);
      return fill === 0 ? f : (f.fill(fill) as T);
    }
    return a.fill(fill) as T;
  }

  /** An array of `length` elements whose contents are undefined: the caller writes before it reads. */
  takeScratch<T extends TypedArray>(ctor: TypedArrayConstructor<T>, length: number): T {
    return this.reuse(ctor, length) ?? this.fresh(ctor, length);
  }

  /** One array taken from this arena is free again now: its taker holds no reference to it any more. */
  give(a: TypedArray): void {
    if (this.lent.delete(a)) this.keepFree(a);
  }

  /**
   * Every array lent since the last reclaim is free again; their sims must be finished with. Free arrays
   * of a type and length no sim asked for since the last reclaim are dropped: the arena holds what the
   * last sim used, not every shape a batch ever saw (a coalition's sims differ in a few lengths each).
   */
  reclaim(): void {
    for (const [ctor, byLength] of this.free) {
      for (const [length, bucket] of byLength) {
        if (bucket.asked) {
          bucket.asked = false;
          continue;
        }
        for (const a of bucket.arrays) this.freeBytes -= a.byteLength;
        byLength.delete(length);
      }
      if (byLength.size === 0) this.free.delete(ctor);
    }
    for (const a of this.lent) this.keepFree(a);
    this.lent.clear();
  }

  /** Bytes held free for the next sim. */
  get bytesFree(): number {
    return this.freeBytes;
  }

  private bucket(ctor: TypedArrayConstructor<TypedArray>, length: number): Bucket {
    let byLength = this.free.get(ctor);
    if (!byLength) this.free.set(ctor, (byLength = new Map()));
    let b = byLength.get(length);
    if (!b) byLength.set(length, (b = { arrays: [], asked: false }));
    return b;
  }

  private keepFree(a: TypedArray): void {
    if (this.freeBytes + a.byteLength > this.bytesMax) return;
    this.bucket(a.constructor as TypedArrayConstructor<TypedArray>, a.length).arrays.push(a);
    this.freeBytes += a.byteLength;
  }

  private reuse<T extends TypedArray>(ctor: TypedArrayConstructor<T>, length: number): T | undefined {
    if (!this.keep || length * ctor.BYTES_PER_ELEMENT < POOLED_BYTES_MIN) return undefined;
    const b = this.bucket(ctor as TypedArrayConstructor<TypedArray>, length);
    b.asked = true;
    const a = b.arrays.pop() as T | undefined;
    if (a === undefined) return undefined;
    this.freeBytes -= a.byteLength;
    this.lent.add(a);
    return a;
  }

  private fresh<T extends TypedArray>(ctor: TypedArrayConstructor<T>, length: number): T {
    const a = new ctor(length);
    if (this.keep && a.byteLength >= POOLED_BYTES_MIN) this.lent.add(a);
    return a;
  }
}

/** The arena of sims created without one: every array fresh, nothing kept. */
export const FRESH = new ArrayArena(false);
