/**
 * The propagator backend: SGP4 for every orbiting object, one tick at a time.
 *
 * Two backends give the same orbits: `wasm` (satellite.js 7's BulkPropagator, C++ SGP4 compiled to
 * WebAssembly) and `js` (satellite.js's JavaScript sgp4). They agree to ~2e-4 km over a day (both pass
 * Vallado's verification vectors) but not bit for bit, so
 * the backend is part of a run's inputs: it is written in every summary and manifest. `wasm` is the
 * default because the engine steps the catalog ~1.25x faster with it than with the JS loop (bench/stepping.ts).
 *
 * Read next: systems/propagate.ts (the system that calls it).
 */
import type { SatRec } from 'satellite.js';

export type PropagatorName = 'wasm' | 'js';

/** Results in slot order (the order of the satrecs given to `load`). Views valid until the next call. */
export interface PropagationOutput {
  /** TEME km, xyz interleaved. */
  readonly posTemeKm: Float64Array;
  /** TEME km/s, xyz interleaved. */
  readonly velTemeKmps: Float64Array;
  /** SGP4 error code per slot; 0 is success. */
  readonly error: Int8Array;
}

/** The orbits to load, slot by slot. */
export interface OrbitSlots {
  readonly count: number;
  /** The satrec of slot i (the sim creates it on first use). */
  satrec(i: number): SatRec;
  /** The prepared WASM struct of slot i (prepared.ts), when the sim was given prepared orbits. */
  prepared(i: number): Uint8Array | undefined;
  /** Every slot's prepared struct as one block, in slot order, when they are (one memory copy). */
  readonly preparedAll?: Uint8Array;
  /** The stable index of slot i's object (a shared ephemeris finds its row by it). */
  stable?(i: number): number;
  /** True when slot i's object is a scenario object on its scenario orbit (a shared ephemeris holds it). */
  base?(i: number): boolean;
}

export interface Propagator {
  readonly name: PropagatorName;
  /** Replace the set of orbits; slot i of every output is `slots` i. */
  load(slots: OrbitSlots): void;
  /**
   * Add slots [from, slots.count) after the `from` slots already loaded, which stay as they are (objects
   * entering during a run: breakup fragments). The same outputs as `load(slots)`, without writing the
   * loaded slots again.
   */
  append(slots: OrbitSlots, from: number): void;
  /** Propagate every slot to `utcMs`. */
  run(utcMs: number): PropagationOutput;
  /** Free native memory. */
  dispose(): void;
}
