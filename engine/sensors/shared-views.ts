/**
 * Shared views: which of the scenario's objects each ground sensor has in its field of view at each
 * tick, computed once for a batch (next to its shared ephemeris) and read by every run. Like the
 * ephemeris it does not depend on the seed: a ground sensor's field of view (sensors/ground.ts: horizon
 * mask, range, azimuth window, a telescope's darkness, sunlight and brightness) depends on its site, its
 * geometry and the objects' positions, never on a draw. Scanning the whole catalog for every sensor at
 * every tick is a fifth of a catalog run; the list in view is ~1% of it.
 *
 * How a run uses it (systems/sense.ts): the objects it lists at the tick that are still on their
 * scenario orbit, merged in stable order with the run's objects that are not (fragments, re-orbited
 * satellites), go through the same field-of-view function as the whole catalog would. The table lists
 * every scenario object a full scan would pass (the same positions, bit for bit, the same code), so the
 * run gets the same candidates in the same order: its state hashes are the same with or without it
 * (test/engine/shared-tables.test.ts, test/cli/batch.test.ts). A sensor whose geometry a run changes (a drawn range, a moved site) does
 * not match its fingerprint and scans the catalog as usual.
 *
 * Read next: propagators/ephemeris.ts (the positions it is computed from), systems/sense.ts.
 */
import type { ScenarioModel, SensorModel, SiteModel } from '../model.js';
import type { Sim } from '../sim.js';
import { groundInView, type SunEcef } from './ground.js';

/** Largest shared views a batch keeps, bytes (4 per object in view per sensor and tick: the catalog scenario's 60 ticks ~0.8 MB, da-asat-crisis's 400 ticks ~3.3 MB). */
export const VIEWS_BYTES_MAX = 2 ** 28;

export interface SharedViews {
  readonly ticks: number;
  /** Per ground sensor in the table: the fingerprint of what decides its field of view. */
  readonly sensors: readonly { readonly id: string; readonly fingerprint: string }[];
  /** [tick * sensors + sensor] start of its rows in `rows`; one more entry at the end. */
  readonly offsets: Int32Array;
  /** Stable indices (scenario objects), ascending within each (tick, sensor). */
  readonly rows: Int32Array;
}

/** The scenario's ground sensors, in scenario order, with their sites. */
export function groundSensors(model: ScenarioModel): { sensor: SensorModel; site: SiteModel }[] {
  const sites = new Map(model.sites.map((s) => [s.id, s]));
  const out: { sensor: SensorModel; site: SiteModel }[] = [];
  for (const sensor of model.sensors) if (sensor.kind !== 'space') out.push({ sensor, site: sites.get(sensor.site)! });
  return out;
}

/** Everything ground.ts reads to decide whether an object is in view (not the detection probability). */
export function viewFingerprint(sensor: SensorModel, site: SiteModel): string {
  if (sensor.kind === 'space') return '';
  return JSON.stringify([
    sensor.kind, site.latDeg, site.lonDeg, site.altKm, sensor.elevationDegMin, sensor.elevationDegMax, sensor.rangeKmMax,
    sensor.azimuthDegMin, sensor.azimuthDegMax, sensor.kind === 'optical' ? [sensor.magnitudeMax, sensor.sunElevationDegMax] : null,
  ]);
}

/** One range of ticks' views, as a worker returns them (plain arrays, assembled by assembleViews). */
export interface ViewsPart {
  /** The table's sensors (SharedViews.sensors). */
  sensors: { id: string; fingerprint: string }[];
  from: number;
  to: number;
  /** Per tick in [from, to) and sensor: the count of rows. */
  counts: Int32Array;
  rows: Int32Array;
  /** The part stopped: the table would pass VIEWS_BYTES_MAX (the batch then goes without views). */
  overLimit: boolean;
}

/** Most rows a views table holds (VIEWS_BYTES_MAX of them): a part stops when its own pass this. */
const VIEWS_ROWS_MAX = VIEWS_BYTES_MAX / 4;

/**
 * The views of ticks [from, to), from `sim`: a fresh sim of the scenario without its MSEL (so nothing
 * has moved, spawned or left by an event), used for its sensors and sites only. At each tick every
 * scenario object is put at its table position (`tablePos`, the shared ephemeris's), then `frame` makes
 * the Earth-fixed positions and the Sun as a run's systems do, and every ground sensor's field of view is
 * taken over every object. A list is so exactly the field of view at the table positions, which is all
 * a run trusts it for (viewOrbiters). `overLimit` when the rows would pass VIEWS_ROWS_MAX.
 */
export function computeViewsPart(sim: Sim, from: number, to: number, tablePos: Float64Array, frame: (sim: Sim) => void): ViewsPart {
  const sensors = groundSensorEids(sim);
  const fingerprints = groundSensors(sim.model).map(({ sensor, site }) => ({ id: sensor.id, fingerprint: viewFingerprint(sensor, site) }));
  const objects = sim.model.objects.length;
  const all: number[] = [];
  for (let r = 0; r < objects; r++) {
    const eid = sim.eidById.get(sim.ids[r]);
    if (eid !== undefined) all.push(eid);
  }
  const list = Uint32Array.from(all);
  sim.order.orbiters = list;
  const counts = new Int32Array((to - from) * sensors.length);
  let rows = new Int32Array(1024);
  let n = 0;
  const cand = sim.candidates;
  const stable = sim.c.Identity.stableIndex;
  const pos = sim.c.Kinematics.posTemeKm;
  for (let t = from; t < to; t++) {
    sim.tick = t;
    for (let i = 0; i < list.length; i++) {
      const k = 3 * list[i], q = 3 * (t * objects + stable[list[i]]);
      pos[k] = tablePos[q];
      pos[k + 1] = tablePos[q + 1];
      pos[k + 2] = tablePos[q + 2];
    }
    frame(sim);
    for (let s = 0; s < sensors.length; s++) {
      const k = groundInView(sim.c, sensors[s], list, sim.sunEcef as SunEcef, cand);
      if (n + k > VIEWS_ROWS_MAX) return { sensors: fingerprints, from, to, counts: new Int32Array(0), rows: new Int32Array(0), overLimit: true };
      if (n + k > rows.length) {
        const r = new Int32Array(Math.max(n + k, 2 * rows.length));
        r.set(rows.subarray(0, n));
        rows = r;
      }
      for (let j = 0; j < k; j++) rows[n++] = stable[cand.eid[j]];
      counts[(t - from) * sensors.length + s] = k;
    }
  }
  return { sensors: fingerprints, from, to, counts, rows: rows.slice(0, n), overLimit: false };
}

/** The ground sensors' entity ids, in scenario order. */
function groundSensorEids(sim: Sim): number[] {
  return groundSensors(sim.model).map(({ sensor }) => sim.eidById.get(sensor.id)!);
}

/**
 * Parts covering ticks 0..ticks-1 into one table in shared memory; null when there are no ground
 * sensors or the table would be over VIEWS_BYTES_MAX (runs then scan the catalog).
 */
export function assembleViews(ticks: number, parts: readonly ViewsPart[]): SharedViews | null {
  const sensors = parts[0]?.sensors ?? [];
  if (sensors.length === 0 || parts.some((p) => p.overLimit)) return null;
  if (parts.some((p) => JSON.stringify(p.sensors) !== JSON.stringify(sensors))) throw new Error('vigil views - parts of different scenarios');
  const total = parts.reduce((a, p) => a + p.rows.length, 0);
  if (4 * (total + ticks * sensors.length + 1) > VIEWS_BYTES_MAX) return null;
  const sorted = [...parts].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const p of sorted) {
    if (p.from !== next) throw new Error(`vigil views - ticks ${next} to ${p.from - 1} are missing`);
    next = p.to;
  }
  if (next !== ticks) throw new Error(`vigil views - ticks ${next} to ${ticks - 1} are missing`);
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (ticks * sensors.length + 1)));
  const rows = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, total)));
  let at = 0, k = 0;
  for (const p of sorted) {
    rows.set(p.rows, at);
    for (let i = 0; i < p.counts.length; i++) {
      offsets[k++] = at;
      at += p.counts[i];
    }
  }
  offsets[k] = at;
  return { ticks, sensors, offsets, rows };
}

/** A run's use of shared views: the table, and each of its sensors' column in it. */
export interface SimViews {
  readonly views: SharedViews;
  /** TEME positions the table was computed from ([tick][object][x y z], the shared ephemeris's). */
  readonly pos: Float64Array;
  readonly objects: number;
  /** Sensor entity id -> its column in the table (sensors whose fingerprint matches). */
  readonly column: Map<number, number>;
  /** Tick the lists below are for (-1: none yet). */
  tick: number;
  /** By stable index: tick + 1 when the object is at its table position at `tick`, and its entity. */
  readonly atTable: Int32Array;
  readonly eidOfRow: Uint32Array;
  /** The orbiters not at their table position (fragments, re-orbited satellites), in stable order. */
  offTable: Uint32Array;
  offCount: number;
  /** The objects a sensor looks over (the merge), reused. */
  scratch: Uint32Array;
}

/** The views a run can use (its ground sensors whose fingerprint matches), or null. */
export function simViews(views: SharedViews, tablePos: Float64Array, objects: number, model: ScenarioModel, eidOf: (id: string) => number | undefined): SimViews | null {
  const column = new Map<number, number>();
  const byId = new Map(views.sensors.map((s, i) => [s.id, i]));
  for (const { sensor, site } of groundSensors(model)) {
    const i = byId.get(sensor.id);
    const eid = eidOf(sensor.id);
    if (i !== undefined && eid !== undefined && views.sensors[i].fingerprint === viewFingerprint(sensor, site)) column.set(eid, i);
  }
  if (column.size === 0) return null;
  return {
    views, pos: tablePos, objects, column, tick: -1, atTable: new Int32Array(objects), eidOfRow: new Uint32Array(objects),
    offTable: new Uint32Array(64), offCount: 0, scratch: new Uint32Array(1024),
  };
}

/**
 * Which orbiters are where the table has them at this tick, and which are not: by position, so whatever
 * moved an object (a burn, a new orbit, a breakup's fragments) the table is trusted only for objects at
 * exactly its positions, whose field of view it then gives exactly. Once per tick.
 */
function sortOrbiters(sim: Sim, sv: SimViews): void {
  if (sv.tick === sim.tick) return;
  sv.tick = sim.tick;
  const orbiters = sim.order.orbiters;
  const stable = sim.c.Identity.stableIndex;
  const pos = sim.c.Kinematics.posTemeKm;
  const { objects, atTable, eidOfRow } = sv;
  const tablePos = sv.pos;
  const at = sim.tick * objects;
  const stamp = sim.tick + 1;
  // Room for every orbiter up front: a branch to grow it inside the loop, never taken until a run has
  // fragments, would cost the loop its optimised code each time it is.
  if (sv.offTable.length < orbiters.length) sv.offTable = new Uint32Array(orbiters.length);
  const offTable = sv.offTable;
  let off = 0;
  for (let i = 0; i < orbiters.length; i++) {
    const eid = orbiters[i];
    const r = stable[eid];
    if (r < objects) {
      const q = 3 * (at + r), k = 3 * eid;
      if (pos[k] === tablePos[q] && pos[k + 1] === tablePos[q + 1] && pos[k + 2] === tablePos[q + 2]) {
        atTable[r] = stamp;
        eidOfRow[r] = eid;
        continue;
      }
    }
    offTable[off++] = eid;
  }
  sv.offCount = off;
}

/**
 * The objects ground sensor `sEid` need look over at this tick: the table's list for it (those at their
 * table position) merged in stable order with every orbiter that is not; null when the table cannot say
 * (a sensor it does not hold, a tick past its end): the sensor then scans every orbiter.
 */
export function viewOrbiters(sim: Sim, sv: SimViews, sEid: number): Uint32Array | null {
  const col = sv.column.get(sEid);
  if (col === undefined || sim.tick >= sv.views.ticks) return null;
  sortOrbiters(sim, sv);
  const { offsets, rows } = sv.views;
  const S = sv.views.sensors.length;
  const a = offsets[sim.tick * S + col], b = offsets[sim.tick * S + col + 1];
  const off = sv.offTable, offCount = sv.offCount;
  if (sv.scratch.length < b - a + offCount) sv.scratch = new Uint32Array(2 * (b - a + offCount));
  const out = sv.scratch;
  const stable = sim.c.Identity.stableIndex;
  const { atTable, eidOfRow } = sv;
  const stamp = sim.tick + 1;
  let n = 0, j = 0;
  for (let i = a; i < b; i++) {
    const r = rows[i];
    if (atTable[r] !== stamp) continue;
    while (j < offCount && stable[off[j]] < r) out[n++] = off[j++];
    out[n++] = eidOfRow[r];
  }
  while (j < offCount) out[n++] = off[j++];
  return out.subarray(0, n);
}
