/**
 * Know, from one's own sensors: every observation of the tick updates its nation's track of the object
 * (engine/tracks.ts), marked with the sensor's marking, combined with the owner's marking of the object
 * when a nation observes its own object. Each observation also updates the nation's own track of its
 * marking (tracks.ts ownByMarking), and each (object, marking) updated is noted for `ssa.tracks`
 * sharing (share.ts).
 */
import { touch } from '../sharing.js';
import { CORRELATED, fuseOwnMarked, OWN, report } from '../tracks.js';
import type { Sim } from '../sim.js';
import { logCorrelation } from './track-events.js';

export function fuseOwn(sim: Sim): void {
  const obs = sim.observations;
  const { tracks, c } = sim;
  const stableIndex = c.Identity.stableIndex;
  for (let j = 0; j < obs.n; j++) {
    const sEid = obs.sensor[j];
    const nation = c.Ownership.nationIndex[sEid];
    const t = nation < 0 ? -1 : tracks.tableOfNation[nation];
    if (t < 0) continue;
    const stable = stableIndex[obs.eid[j]];
    if (stable >= tracks.size) continue;
    const marking = itemMarking(sim, sEid, stable);
    const table = tracks.tables[t];
    const result = report(tracks, t, stable, sim.tick, c.Sensor.measurementNoiseKm[sEid], table.known[stable] === 1, OWN, stableIndex[sEid], sim.tick, marking, sim.markings.levelOf(marking));
    if (result === CORRELATED) logCorrelation(sim, t, stable, marking);
    if (fuseOwnMarked(tracks, t, stable, sim.tick, c.Sensor.measurementNoiseKm[sEid], marking)) touch(sim.sharing.touched[t], stable, marking);
  }
}

/** The marking of sensor `sEid`'s observation of object `stable`. */
export function itemMarking(sim: Sim, sEid: number, stable: number): number {
  const own = sim.c.Sensor.markingId[sEid];
  const object = sim.objectMarking[stable];
  return object < 0 || sim.markings.get(object).owner !== sim.markings.get(own).owner ? own : sim.markings.combine(own, object);
}
