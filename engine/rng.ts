/**
 * Seeded random streams. Every subsystem draws from its own stream, derived from
 * (scenario seed, run index, stream name), so adding draws in one subsystem never shifts another's,
 * and run i of a batch depends on (seed, i) only, never on worker count or order.
 *
 * The generator is seedrandom's Alea (Baagøe): fast (about 6x the default ARC4 here) and its state is
 * a handful of numbers that the state hash can include.
 *
 * Read next: hash.ts (how stream states enter the per-tick hash).
 */
import seedrandom from 'seedrandom';

/** One random stream: `next()` in [0, 1). */
export interface RngStream {
  readonly name: string;
  next(): number;
  /** Alea's internal state (for hashing and snapshots). */
  state(): AleaState;
}

export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** The key Alea is seeded with: every ingredient is explicit, separated so no two tuples collide. */
export function streamKey(seed: number, runIndex: number, name: string): string {
  return `vigil|seed=${seed}|run=${runIndex}|stream=${name}`;
}

/** A stream for (seed, runIndex, name). */
export function createStream(seed: number, runIndex: number, name: string): RngStream {
  // seedrandom seeds Alea (its Mash hash of the key); the stream then steps that state itself.
  const seeded = seedrandom.alea(streamKey(seed, runIndex, name), { state: true }).state() as unknown as AleaState;
  return new AleaStream(name, seeded);
}

/**
 * Alea's step (Baagøe; seedrandom's lib/alea.js `next`, the same arithmetic, so the same numbers:
 * test/engine/rng.test.ts draws both side by side) on a class: a stream's `next` is called for every
 * candidate every sensor looks at, and a method V8 inlines returns its number unboxed, where a closure
 * per stream was a call and an allocation per draw, compiled again for each run's streams.
 */
class AleaStream implements RngStream {
  private c: number;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(readonly name: string, s: AleaState) {
    this.c = s.c;
    this.s0 = s.s0;
    this.s1 = s.s1;
    this.s2 = s.s2;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  state(): AleaState {
    return { c: this.c, s0: this.s0, s1: this.s1, s2: this.s2 };
  }
}

/** The set of named streams of one run; streams are created on first use, listed in name order. */
export class RngStreams {
  readonly #streams = new Map<string, RngStream>();
  constructor(
    readonly seed: number,
    readonly runIndex: number,
  ) {}

  /** The stream called `name`, created on first use. */
  get(name: string): RngStream {
    let stream = this.#streams.get(name);
    if (!stream) {
      stream = createStream(this.seed, this.runIndex, name);
      this.#streams.set(name, stream);
    }
    return stream;
  }

  /** Streams sorted by name: the canonical order for hashing. */
  sorted(): RngStream[] {
    return [...this.#streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** A seeded uniform draw in [0, 1) for tools and tests (the same Alea streams the engine uses). */
export function seededDraw(seed: number, name: string): () => number {
  const stream = createStream(seed, 0, name);
  return () => stream.next();
}
