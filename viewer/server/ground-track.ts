/**
 * The ground track of an object for the inspector: its sub-satellite point every minute from
 * GROUND_TRACK_PAST_MIN before the tick to GROUND_TRACK_FUTURE_MIN after it, by SGP4 from the element set
 * the view holds (Vigil models a track's quality as its uncertainty, not as an orbit error: a nation's
 * element set is the object's own, engine/glyphs.ts).
 */
import { propagate } from 'satellite.js';
import { jdFromMs, simTimeMs, type Sim } from '../../engine/index.js';
import { satrecOf } from '../../engine/order.js';
import { ecefToGeodetic, gmstRad, temeToEcef } from '../../engine/physics/frames.js';

export const GROUND_TRACK_PAST_MIN = 45;
export const GROUND_TRACK_FUTURE_MIN = 90;

/** [latDeg, lonDeg] points (a point SGP4 refuses is left out). */
export function groundTrack(sim: Sim, stable: number): [number, number][] {
  const eid = sim.eidById.get(sim.ids[stable]);
  const satrec = eid === undefined ? undefined : satrecOf(sim, eid);
  if (!satrec) return [];
  const now = simTimeMs(sim.time, sim.tick);
  const out: [number, number][] = [];
  for (let m = -GROUND_TRACK_PAST_MIN; m <= GROUND_TRACK_FUTURE_MIN; m++) {
    const t = now + m * 60_000;
    const pv = propagate(satrec, new Date(t));
    const p = pv?.position;
    if (!p || typeof p !== 'object') continue;
    const e = temeToEcef({ x: p.x, y: p.y, z: p.z }, gmstRad(jdFromMs(t)));
    const g = ecefToGeodetic(e);
    out.push([Math.round((g.latRad * 1800) / Math.PI) / 10, Math.round((g.lonRad * 1800) / Math.PI) / 10]);
  }
  return out;
}
