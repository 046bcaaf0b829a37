/**
 * An impulsive manoeuvre: at the tick it is ordered, once the orbits are propagated, the satellite's TEME
 * velocity changes by a delta-v given in its radial / along-track / cross-track frame (R along the
 * position, W along r x v, S = W x R completing it), and the new state is fitted to SGP4 mean elements
 * (physics/state-to-elements.ts), effective from the next tick. The burn is the player's or the white
 * cell's: there is no propellant budget here (co-orbital ASATs keep theirs in counterspace/co-orbital.ts).
 * A burn SGP4 cannot follow (the new orbit re-enters, or is unbound) is refused and the satellite keeps
 * its orbit; either way its owner's cell (and the white cell) get a `manoeuvre` event.
 *
 * Partners learn of it as they learn of anything: their sensors and agreements keep tracking the object
 * by its (new) orbit; the model keeps one element set per object (tracks.ts: quality is uncertainty).
 */
import { nationOnly, WHITE_ONLY } from './events.js';
import type { OrbitalObjectModel } from './model.js';
import { satrecFrom } from './physics/orbit-sources.js';
import { recordOrbitChange } from './orbit-history.js';
import { meanElementsFromState } from './physics/state-to-elements.js';
import type { Sim } from './sim.js';
import { isoUtc, simTimeMs } from './time.js';

const EARTH_RADIUS_KM = 6378.137;
const MU_KM3_PER_S2 = 398600.4418;

/** The velocity change in TEME, km/s, of a burn given in the RSW frame of (pos, vel), m/s. */
export function rswToTemeKmps(pos: readonly number[], vel: readonly number[], radialMps: number, alongTrackMps: number, crossTrackMps: number): [number, number, number] {
  const r = Math.hypot(pos[0], pos[1], pos[2]);
  const R = [pos[0] / r, pos[1] / r, pos[2] / r];
  const h = [pos[1] * vel[2] - pos[2] * vel[1], pos[2] * vel[0] - pos[0] * vel[2], pos[0] * vel[1] - pos[1] * vel[0]];
  const hn = Math.hypot(h[0], h[1], h[2]);
  const W = [h[0] / hn, h[1] / hn, h[2] / hn];
  const S = [W[1] * R[2] - W[2] * R[1], W[2] * R[0] - W[0] * R[2], W[0] * R[1] - W[1] * R[0]];
  return [0, 1, 2].map((k) => (radialMps * R[k] + alongTrackMps * S[k] + crossTrackMps * W[k]) / 1000) as [number, number, number];
}

/** Perigee and apogee altitudes, km, of the two-body orbit through (pos, vel). */
export function apsidesKm(pos: readonly number[], vel: readonly number[]): { perigeeKm: number; apogeeKm: number } {
  const r = Math.hypot(pos[0], pos[1], pos[2]);
  const v2 = vel[0] ** 2 + vel[1] ** 2 + vel[2] ** 2;
  const a = 1 / (2 / r - v2 / MU_KM3_PER_S2);
  const h = [pos[1] * vel[2] - pos[2] * vel[1], pos[2] * vel[0] - pos[0] * vel[2], pos[0] * vel[1] - pos[1] * vel[0]];
  const e = Math.sqrt(Math.max(0, 1 - (h[0] ** 2 + h[1] ** 2 + h[2] ** 2) / (MU_KM3_PER_S2 * a)));
  return { perigeeKm: a * (1 - e) - EARTH_RADIUS_KM, apogeeKm: a * (1 + e) - EARTH_RADIUS_KM };
}

export function manoeuvre(sim: Sim, objectId: string, radialMps: number, alongTrackMps: number, crossTrackMps: number): void {
  const eid = sim.eidById.get(objectId);
  const stable = eid === undefined ? -1 : sim.c.Identity.stableIndex[eid];
  const old = stable < 0 ? undefined : sim.objects[stable];
  if (eid === undefined || !old) return;
  const p = sim.c.Kinematics.posTemeKm, v = sim.c.Kinematics.velTemeKmps;
  const pos = [p[3 * eid], p[3 * eid + 1], p[3 * eid + 2]];
  const vel = [v[3 * eid], v[3 * eid + 1], v[3 * eid + 2]];
  const dv = rswToTemeKmps(pos, vel, radialMps, alongTrackMps, crossTrackMps);
  const after = [vel[0] + dv[0], vel[1] + dv[1], vel[2] + dv[2]];
  const { perigeeKm, apogeeKm } = apsidesKm(pos, after);
  const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
  const deltaVMps = Math.hypot(radialMps, alongTrackMps, crossTrackMps);
  let refused: string | null = null;
  if (!(perigeeKm > 100) || !Number.isFinite(apogeeKm) || apogeeKm < 0) refused = perigeeKm <= 100 ? 're-entry: perigee below 100 km' : 'escape: the orbit is unbound';
  else {
    const fit = meanElementsFromState(pos, after, simTimeMs(sim.time, sim.tick));
    if (!fit.converged) refused = `no SGP4 orbit fits the new state (${fit.reason?.message ?? 'not converged'})`;
    else {
      const orbit: OrbitalObjectModel['orbit'] = { kind: 'elements', elements: { ...fit.elements, noradId: old.noradId ?? 0 } };
      sim.objects[stable] = { ...old, orbit };
      recordOrbitChange(sim, stable, old.orbit, orbit);
      sim.c.Orbit.satrec[eid] = satrecFrom(orbit);
      sim.order.reload = true;
      sim.order.dirty = true;
    }
  }
  const owner = old.owner;
  sim.events.push(sim.tick, timeUtc, 'manoeuvre', [objectId], {
    object: objectId, deltaVMps, radialMps, alongTrackMps, crossTrackMps,
    perigeeKm: refused ? null : perigeeKm, apogeeKm: refused ? null : apogeeKm, refused,
  }, owner === null ? WHITE_ONLY : nationOnly(owner));
}
