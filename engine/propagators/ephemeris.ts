/**
 * A shared ephemeris: the scenario's objects propagated once, at every tick, for a batch of runs. Their
 * orbits do not depend on the seed, so run i and run j would each compute the same numbers; a batch
 * computes them once (into a SharedArrayBuffer its worker threads all read) and every run reads them.
 *
 * `computeEphemeris` propagates the model's objects, in stable order, with the WASM backend at ticks
 * 0..ticks-1: per tick and object the TEME position and velocity (6 doubles) and SGP4's error code.
 * `createEphemerisPropagator` is a Propagator for one run: slots whose object is a scenario object on its
 * scenario orbit (`OrbitSlots.base`) are copied from the table at the tick; the others (fragments,
 * re-orbited satellites, new launches) go to the run's own WASM propagator; times off the table (a
 * conjunction screening's samples between ticks, past the table's end) go to a second propagator holding
 * every slot, loaded and appended to with the others (so it holds the orbits as of the last load, as a
 * run's own propagator does, even when an orbit changes within a tick). The numbers are the bits the run's own propagation would give
 * (the same backend on the same elements), so a run's state hashes are the same with or without it
 * (tested).
 *
 * Read next: propagator.ts (the interface), cli/commands/batch.ts (who computes and shares it).
 */
import type { ScenarioModel } from '../model.js';
import type { PreparedOrbits } from './prepared.js';
import type { OrbitSlots, PropagationOutput, Propagator } from './propagator.js';
import { createWasmPropagator } from './wasm.js';
import { satrecFrom } from '../physics/orbit-sources.js';

/** Largest table a batch shares, bytes (49 per object and tick). */
export const EPHEMERIS_BYTES_MAX = 2 ** 31;

export interface Ephemeris {
  readonly epochMs: number;
  readonly stepMs: number;
  /** Ticks held: 0..ticks-1. */
  readonly ticks: number;
  /** Objects per tick: the scenario's, in stable order. */
  readonly objects: number;
  /** [tick][object][x y z vx vy vz], km and km/s, TEME. */
  readonly pv: Float64Array;
  /** [tick][object] SGP4 error code. */
  readonly error: Int8Array;
}

/** Bytes an ephemeris of `objects` over `ticks` takes. */
export function ephemerisBytes(objects: number, ticks: number): number {
  return objects * ticks * 49;
}

/** Propagate `model`'s objects at ticks 0..ticks-1 into shared memory (WASM backend). */
export async function computeEphemeris(model: ScenarioModel, ticks: number, prepared?: PreparedOrbits | null): Promise<Ephemeris> {
  const n = model.objects.length;
  if (ephemerisBytes(n, ticks) > EPHEMERIS_BYTES_MAX) throw new Error(`vigil ephemeris - ${n} objects x ${ticks} ticks is over ${EPHEMERIS_BYTES_MAX} bytes`);
  const pv = new Float64Array(new SharedArrayBuffer(n * ticks * 6 * 8));
  const error = new Int8Array(new SharedArrayBuffer(n * ticks));
  const p = await createWasmPropagator();
  try {
    const usePrepared = prepared && prepared.count === n ? prepared : null;
    p.load({
      count: n,
      satrec: (i) => satrecFrom(model.objects[i].orbit),
      prepared: (i) => usePrepared?.bytes.subarray(i * usePrepared.structBytes, (i + 1) * usePrepared.structBytes),
      preparedAll: usePrepared?.bytes,
    });
    for (let t = 0; t < ticks; t++) {
      const out = p.run(model.epochMs + t * model.stepMs);
      const base = t * n;
      for (let i = 0; i < n; i++) {
        const k = 6 * (base + i);
        pv[k] = out.posTemeKm[3 * i];
        pv[k + 1] = out.posTemeKm[3 * i + 1];
        pv[k + 2] = out.posTemeKm[3 * i + 2];
        pv[k + 3] = out.velTemeKmps[3 * i];
        pv[k + 4] = out.velTemeKmps[3 * i + 1];
        pv[k + 5] = out.velTemeKmps[3 * i + 2];
      }
      error.set(out.error.subarray(0, n), base);
    }
  } finally {
    p.dispose();
  }
  return { epochMs: model.epochMs, stepMs: model.stepMs, ticks, objects: n, pv, error };
}

/** A run's propagator over a shared ephemeris (see the file comment). */
export async function createEphemerisPropagator(eph: Ephemeris): Promise<Propagator> {
  const own = await createWasmPropagator();
  const full = await createWasmPropagator();
  let slots: OrbitSlots = { count: 0, satrec: () => { throw new Error('no slots'); }, prepared: () => undefined };
  /** Per slot: the object's row in the table, or -1 (propagated by `own`, at slot ownIndex). */
  let row = new Int32Array(0);
  let ownIndex = new Int32Array(0);
  let ownSlots: number[] = [];
  let pos = new Float64Array(0), vel = new Float64Array(0), err = new Int8Array(0);

  const sub = (all: OrbitSlots, idx: readonly number[]): OrbitSlots => ({ count: idx.length, satrec: (j) => all.satrec(idx[j]), prepared: (j) => all.prepared(idx[j]) });
  const index = (all: OrbitSlots, from: number): void => {
    const r = new Int32Array(all.count), o = new Int32Array(all.count);
    r.set(row.subarray(0, Math.min(from, row.length)));
    o.set(ownIndex.subarray(0, Math.min(from, ownIndex.length)));
    for (let i = from; i < all.count; i++) {
      const stable = all.stable?.(i) ?? -1;
      const onTable = all.base?.(i) === true && stable >= 0 && stable < eph.objects;
      r[i] = onTable ? stable : -1;
      o[i] = onTable ? -1 : ownSlots.length;
      if (!onTable) ownSlots.push(i);
    }
    row = r;
    ownIndex = o;
    pos = new Float64Array(3 * all.count);
    vel = new Float64Array(3 * all.count);
    err = new Int8Array(all.count);
  };

  return {
    name: 'wasm',
    load(s) {
      slots = s;
      ownSlots = [];
      index(s, 0);
      own.load(sub(s, ownSlots));
      full.load(s);
    },
    append(s, from) {
      const before = ownSlots.length;
      slots = s;
      index(s, from);
      own.append(sub(s, ownSlots), before);
      full.append(s, from);
    },
    run(utcMs): PropagationOutput {
      const k = (utcMs - eph.epochMs) / eph.stepMs;
      if (!(Number.isInteger(k) && k >= 0 && k < eph.ticks)) return full.run(utcMs);
      const o = ownSlots.length > 0 ? own.run(utcMs) : null;
      const base = k * eph.objects;
      for (let i = 0; i < slots.count; i++) {
        const r = row[i];
        if (r >= 0) {
          const q = 6 * (base + r);
          pos[3 * i] = eph.pv[q];
          pos[3 * i + 1] = eph.pv[q + 1];
          pos[3 * i + 2] = eph.pv[q + 2];
          vel[3 * i] = eph.pv[q + 3];
          vel[3 * i + 1] = eph.pv[q + 4];
          vel[3 * i + 2] = eph.pv[q + 5];
          err[i] = eph.error[base + r];
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
    },
    dispose() {
      own.dispose();
      full.dispose();
    },
  };
}
