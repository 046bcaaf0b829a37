/**
 * The ground track of an object for the inspector: its sub-satellite point every minute from
 * GROUND_TRACK_PAST_MIN before the tick to GROUND_TRACK_FUTURE_MIN after it, by SGP4 from the element set
 * the view holds (Vigil models a track's quality as its uncertainty, not as an orbit error: a nation's
 * element set is the object's own as of the newest report it has, engine/orbit-history.ts).
 */
import { propagate } from 'satellite.js';
import type { SatRec } from 'satellite.js';
import { jdFromMs, simTimeMs, type OrbitSource, type Sim } from '../../engine/index.js';
import { satrecFrom } from '../../engine/physics/orbit-sources.js';
import { satrecOf } from '../../engine/order.js';
import { ecefToGeodetic, gmstRad, temeToEcef } from '../../engine/physics/frames.js';

export const GROUND_TRACK_PAST_MIN = 45;
export const GROUND_TRACK_FUTURE_MIN = 90;

const satrecs = new WeakMap<OrbitSource, SatRec>();

/** A satrec of an orbit a view holds that the object no longer flies (cached per orbit). */
function satrecOfOrbit(orbit: OrbitSource): SatRec {
  let s = satrecs.get(orbit);
  if (!s) {
    s = satrecFrom(orbit);
    satrecs.set(orbit, s);
  }
  return s;
}

/** Geodetic latitude, longitude (degrees) and altitude (km) on `orbit` at `utcMs`, or null. */
export function positionOn(orbit: OrbitSource, utcMs: number): [number, number, number] | null {
  const pv = propagate(satrecOfOrbit(orbit), new Date(utcMs));
  const p = pv?.position;
  if (!p || typeof p !== 'object') return null;
  const g = ecefToGeodetic(temeToEcef({ x: p.x, y: p.y, z: p.z }, gmstRad(jdFromMs(utcMs))));
  return [(g.latRad * 180) / Math.PI, (g.lonRad * 180) / Math.PI, g.altKm];
}

/** [latDeg, lonDeg] points (a point SGP4 refuses is left out); `held`: the orbit the view holds, if not the object's now. */
export function groundTrack(sim: Sim, stable: number, held: OrbitSource | null = null): [number, number][] {
  const eid = sim.eidById.get(sim.ids[stable]);
  const satrec = held ? satrecOfOrbit(held) : eid === undefined ? undefined : satrecOf(sim, eid);
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
