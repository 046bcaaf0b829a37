/**
 * Jammers at the current tick: whether each radiates (its scenario windows, overridden by `jamming`
 * injects), where it points (at its target satellite, or at its target point on the ground), and the
 * EIRP it sends toward any victim: peak EIRP less the antenna's loss off boresight (a parabolic main lobe,
 * then sidelobes under both the ITU-R S.465 envelope and a floor 30 dB under the peak:
 * engine/physics/antenna.ts), or the same in every direction for an omnidirectional jammer.
 *
 * Line of sight: between two points near the ground (both under 100 km) the radio horizon of a 4/3
 * Earth, d <= 4.12 (sqrt(h1) + sqrt(h2)) km with heights in m (ITU-R P.526), each height taken as an
 * antenna height above flat ground and at least 2 m (terrain is not modelled); otherwise the straight
 * line must clear the Earth (WGS-84 equatorial radius). A jammer aimed at a satellite that has left the
 * sim stops radiating.
 */
import type { Sim } from '../sim.js';
import { WGS84_A_KM } from '../physics/frames.js';
import { itu465EnvelopeDbi, parabolicGainDbi } from '../physics/antenna.js';
import { DEG } from '../physics/frames.js';
import { geodeticToEcef } from '../physics/frames.js';
import type { EwState } from './state.js';

/** Sidelobe floor of a jammer antenna below its peak, dB. */
export const JAMMER_SIDELOBE_DB = 30;
/** The lowest antenna height the radio horizon assumes, m (a scenario's altM 0 is a point on the ground). */
export const ANTENNA_HEIGHT_M_MIN = 2;
/** Below this height both ends count as near the ground (radio horizon), km. */
const NEAR_GROUND_KM = 100;

/** Switch jammers on or off for this tick, and point them. */
export function updateJammers(sim: Sim, ew: EwState): void {
  const j = ew.jammers;
  const tick = sim.tick;
  sim.model.jammers.forEach((m, i) => {
    // Where it points: its target satellite, or its target point on the ground.
    let tx: number, ty: number, tz: number;
    let aimed = true;
    if (m.target.kind === 'satellite') {
      const eid = sim.eidById.get(m.target.object);
      aimed = eid !== undefined;
      const pos = sim.c.Kinematics.posEcefKm;
      tx = aimed ? pos[3 * eid!] : 0;
      ty = aimed ? pos[3 * eid! + 1] : 0;
      tz = aimed ? pos[3 * eid! + 2] : 0;
    } else {
      const g = groundTargetEcef(sim, i, m.target.latDeg, m.target.lonDeg);
      tx = g[0]; ty = g[1]; tz = g[2];
    }
    let inWindow = false;
    for (const w of m.windows) {
      // A window starting now switches it back on after an `off` inject of an earlier tick.
      if (tick === w.fromTick && j.injectOffTick[i] < tick) j.injectOff[i] = 0;
      if (tick >= w.fromTick && (w.untilTick === null || tick < w.untilTick)) inWindow = true;
    }
    const forcedOn = tick < j.injectOnUntil[i];
    // A jammer aimed at a satellite that has left the sim has nothing to point at: it stops radiating.
    j.on[i] = aimed && j.present[i] === 1 && (forcedOn || (inWindow && j.injectOff[i] === 0)) ? 1 : 0;
    if (j.on[i] === 1) j.onTicks[i]++;
    const k = 3 * i;
    const dx = tx - j.posEcefKm[k], dy = ty - j.posEcefKm[k + 1], dz = tz - j.posEcefKm[k + 2];
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (!aimed || m.beamwidthDeg === null || d === 0) j.boresight[k] = j.boresight[k + 1] = j.boresight[k + 2] = 0;
    else {
      j.boresight[k] = dx / d;
      j.boresight[k + 1] = dy / d;
      j.boresight[k + 2] = dz / d;
    }
  });
}

const groundTargets = new WeakMap<Sim, Map<number, Float64Array>>();
function groundTargetEcef(sim: Sim, i: number, latDeg: number, lonDeg: number): Float64Array {
  let m = groundTargets.get(sim);
  if (!m) groundTargets.set(sim, (m = new Map()));
  let v = m.get(i);
  if (!v) {
    const e = geodeticToEcef({ latRad: latDeg * DEG, lonRad: lonDeg * DEG, altKm: 0 });
    v = Float64Array.of(e.x, e.y, e.z);
    m.set(i, v);
  }
  return v;
}

/**
 * EIRP jammer `i` sends toward a victim at (dx, dy, dz) from it (ECEF, km, distance `d`), dBW: peak EIRP
 * less the off-boresight loss.
 */
export function jammerEirpTowardDbw(sim: Sim, ew: EwState, i: number, dx: number, dy: number, dz: number, d: number): number {
  const m = sim.model.jammers[i];
  const k = 3 * i;
  const bx = ew.jammers.boresight[k], by = ew.jammers.boresight[k + 1], bz = ew.jammers.boresight[k + 2];
  if (m.beamwidthDeg === null || (bx === 0 && by === 0 && bz === 0) || d === 0) return m.eirpDbw;
  const c = (dx * bx + dy * by + dz * bz) / d;
  const offAxisDeg = Math.acos(c > 1 ? 1 : c < -1 ? -1 : c) / DEG;
  // The main lobe, then sidelobes no higher than the ITU-R S.465 envelope (as for terminals) nor than
  // JAMMER_SIDELOBE_DB under the peak.
  const mainLobe = parabolicGainDbi(m.gainDbi, m.beamwidthDeg, offAxisDeg, Number.NEGATIVE_INFINITY);
  const sidelobe = Math.min(m.gainDbi - JAMMER_SIDELOBE_DB, itu465EnvelopeDbi(Math.max(offAxisDeg, 1), 1));
  return m.eirpDbw - m.gainDbi + Math.max(mainLobe, sidelobe);
}

/** True when two points (ECEF, km; heights above the ellipsoid, km) see each other. */
export function lineOfSight(ax: number, ay: number, az: number, altA: number, bx: number, by: number, bz: number, altB: number): boolean {
  const dx = bx - ax, dy = by - ay, dz = bz - az;
  const d2 = dx * dx + dy * dy + dz * dz;
  if (altA < NEAR_GROUND_KM && altB < NEAR_GROUND_KM) {
    // Heights count as antenna heights above flat ground (terrain is not modelled), at least 2 m.
    const horizonKm = 4.12 * (Math.sqrt(Math.max(ANTENNA_HEIGHT_M_MIN, altA * 1000)) + Math.sqrt(Math.max(ANTENNA_HEIGHT_M_MIN, altB * 1000)));
    return d2 <= horizonKm * horizonKm;
  }
  // The closest point of the segment to the Earth's centre must be outside the Earth.
  const ad = ax * dx + ay * dy + az * dz;
  if (ad >= 0 || -ad >= d2) return true;
  const aa = ax * ax + ay * ay + az * az;
  return (aa - WGS84_A_KM * WGS84_A_KM) * d2 >= ad * ad;
}
