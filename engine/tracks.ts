/**
 * Each declared nation's tracks: when its own sensors last observed each object, and from that the
 * position uncertainty (growing linearly from the last observation, scenario `tracking:`) and custody
 * (held while the uncertainty is at most `custodyKmMax`). Nations known only from catalog owner data
 * keep no tracks: they play no cell.
 *
 * This is the own-sensor part of the coalition picture; sharing under agreements (engine/policy/)
 * feeds the same tables in a later capability. Read next: picture.ts (pictureFor), systems/score-custody.ts.
 */
import type { ScenarioModel, TrackingModel } from './model.js';

export interface NationTracks {
  /** Nations that keep tracks (declared ones, scenario order); a table index is an index here. */
  readonly nations: readonly string[];
  /** Per table: tick of the last observation by entity id, -1 when never observed. */
  readonly lastObsTick: readonly Float64Array[];
  /** Per table: track updates so far (state hash). */
  readonly updates: Float64Array;
  /** Per table: checksum of every update (stable index, tick), for the state hash. */
  readonly checksum: Float64Array;
  /** Per table: objects in custody at the current tick (kept up to date incrementally). */
  readonly custodyNow: Float64Array;
  /** Per table: how many tracks leave custody at each future tick (tick -> count). */
  readonly expiring: readonly Map<number, number>[];
  /** Per table: objects in custody summed over every tick so far (for the time-averaged fraction). */
  readonly custodyTickSum: Float64Array;
  /** Ownership nation index -> table index, -1 for nations without tracks. */
  readonly tableOfNation: Int16Array;
  /** A track is in custody up to this many ticks after its last observation (-1: never). */
  readonly custodyTicks: number;
}

/** Checksums stay exact integers in a double: wrap below 2^48. */
const CHECKSUM_MOD = 2 ** 48;

/** Ticks from an observation until the uncertainty passes the custody threshold. */
export function custodyTicksFor(tracking: TrackingModel, stepMs: number): number {
  const headroomKm = tracking.custodyKmMax - tracking.uncertaintyKmInitial;
  if (headroomKm < 0) return -1;
  if (tracking.uncertaintyGrowthKmPerHour === 0) return Number.MAX_SAFE_INTEGER;
  return Math.floor(((headroomKm / tracking.uncertaintyGrowthKmPerHour) * 3_600_000) / stepMs);
}

/** Uncertainty of a track `ageTicks` after its last observation, km. */
export function uncertaintyKm(tracking: TrackingModel, ageTicks: number, stepMs: number): number {
  return tracking.uncertaintyKmInitial + (tracking.uncertaintyGrowthKmPerHour * ageTicks * stepMs) / 3_600_000;
}

export function createNationTracks(model: ScenarioModel, capacity: number): NationTracks {
  const nations = model.nations.filter((n) => n.declared).map((n) => n.id);
  const tableOfNation = new Int16Array(model.nations.length).fill(-1);
  model.nations.forEach((n, i) => (tableOfNation[i] = nations.indexOf(n.id)));
  const k = nations.length;
  return {
    nations,
    lastObsTick: nations.map(() => new Float64Array(capacity + 1).fill(-1)),
    updates: new Float64Array(k),
    checksum: new Float64Array(k),
    custodyNow: new Float64Array(k),
    expiring: nations.map(() => new Map<number, number>()),
    custodyTickSum: new Float64Array(k),
    tableOfNation,
    custodyTicks: custodyTicksFor(model.tracking, model.stepMs),
  };
}

/** Record that nation table `table` observed entity `eid` (stable index `stable`) at `tick`. */
export function observe(tracks: NationTracks, table: number, eid: number, stable: number, tick: number): void {
  const last = tracks.lastObsTick[table];
  const previous = last[eid];
  if (previous === tick) return;
  last[eid] = tick;
  tracks.updates[table]++;
  tracks.checksum[table] = (tracks.checksum[table] + (stable + 1) * (tick + 1)) % CHECKSUM_MOD;
  if (tracks.custodyTicks < 0) return;
  // Custody is counted incrementally: the track (re)enters custody now and leaves it custodyTicks after.
  if (inCustody(tracks, previous, tick)) unschedule(tracks, table, previous);
  else tracks.custodyNow[table]++;
  schedule(tracks, table, tick);
}

/** Forget an entity that left the sim (its id may be reused by a new entity). */
export function forget(tracks: NationTracks, eid: number, tick: number): void {
  for (let t = 0; t < tracks.lastObsTick.length; t++) {
    const last = tracks.lastObsTick[t];
    if (inCustody(tracks, last[eid], tick)) {
      unschedule(tracks, t, last[eid]);
      tracks.custodyNow[t]--;
    }
    last[eid] = -1;
  }
}

/** Age the custody counts to `tick`: tracks whose window ended before it leave custody. */
export function expireCustody(tracks: NationTracks, tick: number): void {
  for (let t = 0; t < tracks.expiring.length; t++) {
    const leaving = tracks.expiring[t].get(tick);
    if (leaving === undefined) continue;
    tracks.custodyNow[t] -= leaving;
    tracks.expiring[t].delete(tick);
  }
}

function inCustody(tracks: NationTracks, lastObs: number, tick: number): boolean {
  return lastObs >= 0 && tracks.custodyTicks >= 0 && tick - lastObs <= tracks.custodyTicks;
}

/** The first tick a track observed at `obsTick` is out of custody. */
function expiryOf(tracks: NationTracks, obsTick: number): number {
  return obsTick + tracks.custodyTicks + 1;
}

function schedule(tracks: NationTracks, table: number, obsTick: number): void {
  if (tracks.custodyTicks === Number.MAX_SAFE_INTEGER) return;
  const at = expiryOf(tracks, obsTick);
  const m = tracks.expiring[table];
  m.set(at, (m.get(at) ?? 0) + 1);
}

function unschedule(tracks: NationTracks, table: number, obsTick: number): void {
  if (tracks.custodyTicks === Number.MAX_SAFE_INTEGER) return;
  const at = expiryOf(tracks, obsTick);
  const m = tracks.expiring[table];
  const n = (m.get(at) ?? 0) - 1;
  if (n > 0) m.set(at, n);
  else m.delete(at);
}
