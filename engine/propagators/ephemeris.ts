/**
 * A shared ephemeris: the scenario's objects propagated once, at every tick, for a batch of runs. Their
 * orbits do not depend on the seed, so run i and run j would each compute the same numbers; a batch
 * computes them once (into a SharedArrayBuffer its worker threads all read) and every run reads them.
 *
 * `allocateEphemeris` makes the table in shared memory (with the objects' prepared structs, when the
 * caller has them); `fillEphemeris` propagates the objects, in stable order, with the WASM backend at a
 * range of ticks (a batch gives each worker a range, so the table fills on every core): per tick and
 * object the TEME position and velocity (6 doubles) and SGP4's error code, and the tick's `filled` flag.
 * `createEphemerisPropagator` is a Propagator for one run: slots whose object is a scenario object on its
 * scenario orbit (`OrbitSlots.base`) are copied from the table at the tick; the others (fragments,
 * re-orbited satellites, new launches) go to the run's own WASM propagator, made when there are any;
 * times off the table (a conjunction screening's samples between ticks, past the table's end) go to a
 * second propagator holding every slot, made the first time it is needed with the slots as they were
 * last loaded and appended (so it holds the orbits as of the last load, as a run's own propagator does,
 * even when an orbit changes within a tick). The numbers are the bits the run's own propagation would
 * give (the same backend on the same elements), so a run's state hashes are the same with or without it
 * (tested).
 *
 * Read next: propagator.ts (the interface), cli/commands/batch.ts (who computes and shares it).
 */
import type { SatRec } from 'satellite.js';
import type { ScenarioModel } from '../model.js';
import type { PreparedOrbits } from './prepared.js';
import type { SharedViews } from '../sensors/shared-views.js';
import type { OrbitSlots, PropagationOutput, Propagator } from './propagator.js';
import { createWasmPropagator, wasmPropagatorOn, wasmRuntime, type WasmRuntime } from './wasm.js';

/** Largest table a batch shares, bytes (49 per object and tick). */
export const EPHEMERIS_BYTES_MAX = 2 ** 31;

export interface Ephemeris {
  readonly epochMs: number;
  readonly stepMs: number;
  /** Ticks held: 0..ticks-1. */
  readonly ticks: number;
  /** Objects per tick: the scenario's, in stable order. */
  readonly objects: number;
  /** [tick][object][x y z], km, TEME. */
  readonly pos: Float64Array;
  /** [tick][object][vx vy vz], km/s, TEME. */
  readonly vel: Float64Array;
  /** [tick][object] SGP4 error code. */
  readonly error: Int8Array;
  /** [tick] 1 once the tick is filled (a run refuses to read a tick that is not). */
  readonly filled: Uint8Array;
  /** The objects' prepared structs (shared memory), which fill them and any run's off-table propagator. */
  readonly prepared: PreparedOrbits | null;
  /** The ground sensors' fields of view over the table (sensors/shared-views.ts), once computed. */
  views: SharedViews | null;
}

/** Bytes an ephemeris of `objects` over `ticks` takes. */
export function ephemerisBytes(objects: number, ticks: number): number {
  return objects * ticks * 49;
}

/**
 * An ephemeris of `model`'s objects at ticks 0..ticks-1 in shared memory, not yet filled: fillEphemeris
 * fills ranges of ticks, in any thread and order (a batch splits them over its workers). `prepared`, when
 * given and fitting, is copied into shared memory with it.
 */
export function allocateEphemeris(model: ScenarioModel, ticks: number, prepared?: PreparedOrbits | null): Ephemeris {
  const n = model.objects.length;
  if (ephemerisBytes(n, ticks) > EPHEMERIS_BYTES_MAX) throw new Error(`vigil ephemeris - ${n} objects x ${ticks} ticks is over ${EPHEMERIS_BYTES_MAX} bytes`);
  let shared: PreparedOrbits | null = null;
  if (prepared && prepared.count === n) {
    const bytes = new Uint8Array(new SharedArrayBuffer(prepared.bytes.length));
    bytes.set(prepared.bytes);
    shared = { ...prepared, bytes };
  }
  return {
    epochMs: model.epochMs, stepMs: model.stepMs, ticks, objects: n,
    pos: new Float64Array(new SharedArrayBuffer(n * ticks * 3 * 8)),
    vel: new Float64Array(new SharedArrayBuffer(n * ticks * 3 * 8)),
    error: new Int8Array(new SharedArrayBuffer(n * ticks)),
    filled: new Uint8Array(new SharedArrayBuffer(ticks)),
    prepared: shared,
    views: null,
  };
}

/**
 * Propagate the objects at ticks [from, to) into `eph` (WASM backend). `satrec(i)` gives object i's
 * orbit when the ephemeris holds no prepared structs (the model's objects, in order).
 */
export async function fillEphemeris(eph: Ephemeris, from: number, to: number, satrec: (i: number) => SatRec): Promise<void> {
  const n = eph.objects;
  const p = await createWasmPropagator();
  try {
    const prepared = eph.prepared;
    p.load({
      count: n,
      satrec,
      prepared: (i) => prepared?.bytes.subarray(i * prepared.structBytes, (i + 1) * prepared.structBytes),
      preparedAll: prepared?.bytes,
    });
    for (let t = Math.max(0, from); t < Math.min(to, eph.ticks); t++) {
      const out = p.run(eph.epochMs + t * eph.stepMs);
      const at = t * n;
      eph.pos.set(out.posTemeKm.subarray(0, 3 * n), 3 * at);
      eph.vel.set(out.velTemeKmps.subarray(0, 3 * n), 3 * at);
      eph.error.set(out.error.subarray(0, n), at);
      eph.filled[t] = 1;
    }
  } finally {
    p.dispose();
  }
}

/** The ticks [from, to) not yet filled, as contiguous ranges. */
export function unfilledRanges(eph: Ephemeris): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let t = 0; t < eph.ticks; t++) {
    if (eph.filled[t] === 1) continue;
    if (out.length > 0 && out[out.length - 1].to === t) out[out.length - 1].to = t + 1;
    else out.push({ from: t, to: t + 1 });
  }
  return out;
}

/** Where a run's propagator finds a scenario object's own orbit (its satrec, or its prepared struct). */
export interface BaseOrbits {
  satrec(stable: number): SatRec;
  /** Prepared structs of the scenario's objects by stable index, when the run has them. */
  readonly prepared?: PreparedOrbits | null;
}

/**
 * A run's propagator over a shared ephemeris (see the file comment). Its two WASM propagators are made
 * only when needed: `own` when a slot is off the table, `full` at the first time off the table (most
 * runs never need it). Until `full` exists, the slots it would hold are remembered as they were loaded
 * (a table row, or the satrec then), so when it is made it holds what an eager one would.
 */
export async function createEphemerisPropagator(eph: Ephemeris, base: BaseOrbits): Promise<Propagator> {
  return new EphemerisPropagator(eph, base, await wasmRuntime());
}

/**
 * A class, not an object of closures: a run's propagator is called from the engine's hottest loops,
 * and V8 compiles a call to a method every run shares once, where a closure made per run would be
 * compiled again each run (its code is thrown away when the last run's closure is collected).
 */
class EphemerisPropagator implements Propagator {
  readonly name = 'wasm' as const;
  private own: Propagator | null = null;
  private full: Propagator | null = null;
  /** Off-table slots' satrecs as loaded or appended, by slot (for `full`, until it is made). */
  private loadedSatrec = new Map<number, SatRec>();
  private loadedCount = 0;
  private slots: OrbitSlots = { count: 0, satrec: () => { throw new Error('no slots'); }, prepared: () => undefined };
  /** Per slot: the object's row in the table, or -1 (propagated by `own`, at slot ownIndex). */
  private row = new Int32Array(0);
  private ownIndex = new Int32Array(0);
  /** True when slot i is row i for every slot: outputs are views on the table. */
  private tableOrder = false;
  private ownSlots: number[] = [];
  private pos = new Float64Array(0);
  private vel = new Float64Array(0);
  private err = new Int8Array(0);
  private readonly preparedOk: PreparedOrbits | null;

  constructor(private readonly eph: Ephemeris, private readonly base: BaseOrbits, private readonly runtime: WasmRuntime) {
    this.preparedOk = base.prepared && base.prepared.count === eph.objects ? base.prepared : null;
  }

  load(s: OrbitSlots): void {
    this.slots = s;
    this.ownSlots = [];
    this.index(s, 0);
    this.own?.dispose();
    this.own = null;
    if (this.ownSlots.length > 0) {
      this.own = wasmPropagatorOn(this.runtime);
      this.own.load(sub(s, this.ownSlots));
    }
    if (this.full) this.full.load(s);
    else {
      this.loadedSatrec = new Map();
      this.remember(s, 0);
    }
  }

  append(s: OrbitSlots, from: number): void {
    const before = this.ownSlots.length;
    this.slots = s;
    this.index(s, from);
    if (this.ownSlots.length > before) {
      if (!this.own) {
        this.own = wasmPropagatorOn(this.runtime);
        this.own.load(sub(s, this.ownSlots));
      } else this.own.append(sub(s, this.ownSlots), before);
    }
    if (this.full) this.full.append(s, from);
    else this.remember(s, from);
  }

  run(utcMs: number): PropagationOutput {
    const eph = this.eph;
    const k = (utcMs - eph.epochMs) / eph.stepMs;
    if (!(Number.isInteger(k) && k >= 0 && k < eph.ticks)) return this.fullNow().run(utcMs);
    if (eph.filled[k] !== 1) throw new Error(`vigil ephemeris - tick ${k} of the shared ephemeris was never filled`);
    const at = k * eph.objects;
    const count = this.slots.count;
    // Every slot the table's object of the same index (the usual case): the table's own rows, no copy.
    if (this.tableOrder) return { posTemeKm: eph.pos.subarray(3 * at, 3 * (at + count)), velTemeKmps: eph.vel.subarray(3 * at, 3 * (at + count)), error: eph.error.subarray(at, at + count) };
    const o = this.own ? this.own.run(utcMs) : null;
    const { row, ownIndex, pos, vel, err } = this;
    for (let i = 0; i < count; i++) {
      const r = row[i];
      if (r >= 0) {
        const q = 3 * (at + r);
        pos[3 * i] = eph.pos[q];
        pos[3 * i + 1] = eph.pos[q + 1];
        pos[3 * i + 2] = eph.pos[q + 2];
        vel[3 * i] = eph.vel[q];
        vel[3 * i + 1] = eph.vel[q + 1];
        vel[3 * i + 2] = eph.vel[q + 2];
        err[i] = eph.error[at + r];
      } else {
        const j = ownIndex[i];
        pos[3 * i] = o!.posTemeKm[3 * j];
        pos[3 * i + 1] = o!.posTemeKm[3 * j + 1];
        pos[3 * i + 2] = o!.posTemeKm[3 * j + 2];
        vel[3 * i] = o!.velTemeKmps[3 * j];
        vel[3 * i + 1] = o!.velTemeKmps[3 * j + 1];
        vel[3 * i + 2] = o!.velTemeKmps[3 * j + 2];
        err[i] = o!.error[j];
      }
    }
    return { posTemeKm: pos, velTemeKmps: vel, error: err };
  }

  dispose(): void {
    this.own?.dispose();
    this.full?.dispose();
    this.own = this.full = null;
  }

  /** Rows of slots [from, count): table rows for scenario objects on their scenario orbits, else own slots. */
  private index(all: OrbitSlots, from: number): void {
    const objects = this.eph.objects;
    const r = new Int32Array(all.count), o = new Int32Array(all.count);
    r.set(this.row.subarray(0, Math.min(from, this.row.length)));
    o.set(this.ownIndex.subarray(0, Math.min(from, this.ownIndex.length)));
    for (let i = from; i < all.count; i++) {
      const stable = all.stable?.(i) ?? -1;
      const onTable = all.base?.(i) === true && stable >= 0 && stable < objects;
      r[i] = onTable ? stable : -1;
      o[i] = onTable ? -1 : this.ownSlots.length;
      if (!onTable) this.ownSlots.push(i);
    }
    this.row = r;
    this.ownIndex = o;
    this.tableOrder = all.count <= objects && r.every((x, i) => x === i);
    this.pos = new Float64Array(3 * all.count);
    this.vel = new Float64Array(3 * all.count);
    this.err = new Int8Array(all.count);
  }

  /** Remember slots [from, count) as `full` would have loaded them now. */
  private remember(all: OrbitSlots, from: number): void {
    for (let i = from; i < all.count; i++) if (this.row[i] < 0) this.loadedSatrec.set(i, all.satrec(i));
    this.loadedCount = all.count;
  }

  /** `full` as an eager one would be now: the remembered slots, table rows from their scenario orbits. */
  private fullNow(): Propagator {
    if (this.full) return this.full;
    const p = wasmPropagatorOn(this.runtime);
    const r = this.row, saved = this.loadedSatrec, base = this.base, preparedOk = this.preparedOk;
    const struct = preparedOk?.structBytes ?? 0;
    const inOrder = preparedOk !== null && this.loadedCount === this.eph.objects && r.every((x, i) => x === i);
    p.load({
      count: this.loadedCount,
      satrec: (i) => (r[i] >= 0 ? base.satrec(r[i]) : saved.get(i)!),
      prepared: (i) => (r[i] >= 0 && preparedOk ? preparedOk.bytes.subarray(r[i] * struct, (r[i] + 1) * struct) : undefined),
      preparedAll: inOrder ? preparedOk.bytes : undefined,
    });
    this.loadedSatrec = new Map();
    return (this.full = p);
  }
}

function sub(all: OrbitSlots, idx: readonly number[]): OrbitSlots {
  return { count: idx.length, satrec: (j) => all.satrec(idx[j]), prepared: (j) => all.prepared(idx[j]) };
}
