/**
 * Orbit geometry the engagements need: an object's mean orbit (from the satrec SGP4 builds of it), the
 * Hohmann transfer between two circular orbits, the plane change between two orbits, and the
 * phasing model of a co-orbital approach.
 *
 * Co-orbital phasing (a planning model, documented in docs/scenario-reference.md): the chaser (a1, plane
 * h1) reaches the target's orbit (a2, plane h2) with a Hohmann transfer whose burns also turn the plane
 * (delta-v of each burn = |v_after - v_before| as vectors, the plane change split between the burns in the
 * proportion that costs least is not sought: all of it goes with the burn at the larger radius, where the
 * speed is lower — within a few % of the optimum split for the small changes a co-orbital ASAT makes),
 * then closes the phase angle left by drifting on a phasing orbit for N revolutions, N >= phasingRevsMin:
 * a phasing orbit of period T2 (1 + dphi / (2 pi N)) costs 2 |v_phase - v2| (enter and leave), and the
 * approach takes the transfer's half period plus N phasing periods. The fewest revolutions whose phasing
 * fits the remaining delta-v are chosen. Perturbations (J2 drift of the nodes) are ignored over the approach.
 *
 * Read next: co-orbital.ts (the engagement that uses it).
 */
import type { OrbitSource } from '../model.js';
import { satrecFrom } from '../physics/orbit-sources.js';

/** Earth's gravitational parameter and equatorial radius, WGS-72 (the constants SGP4 uses). */
export const MU_KM3_PER_S2 = 398600.8;
export const EARTH_RADIUS_KM = 6378.135;

export interface MeanOrbit {
  semiMajorAxisKm: number;
  eccentricity: number;
  perigeeAltKm: number;
  apogeeAltKm: number;
  inclinationRad: number;
  raanRad: number;
  periodS: number;
}

/** An object's mean orbit at its element epoch, or null when SGP4 refuses the elements. */
export function meanOrbitOf(source: OrbitSource): MeanOrbit | null {
  let satrec;
  try {
    satrec = satrecFrom(source);
  } catch {
    return null;
  }
  if (satrec.error !== 0 || !(satrec.no > 0)) return null;
  const nRadPerS = satrec.no / 60;
  const a = Math.cbrt(MU_KM3_PER_S2 / (nRadPerS * nRadPerS));
  const e = satrec.ecco;
  return {
    semiMajorAxisKm: a, eccentricity: e, perigeeAltKm: a * (1 - e) - EARTH_RADIUS_KM, apogeeAltKm: a * (1 + e) - EARTH_RADIUS_KM,
    inclinationRad: satrec.inclo, raanRad: satrec.nodeo, periodS: (2 * Math.PI) / nRadPerS,
  };
}

/** Circular speed at radius r, km/s. */
export function circularSpeedKmps(rKm: number): number {
  return Math.sqrt(MU_KM3_PER_S2 / rKm);
}

/** Total delta-v of a coplanar Hohmann transfer between circular orbits of radii r1 and r2, m/s. */
export function hohmannDeltaVMps(r1Km: number, r2Km: number): number {
  return hohmannWithPlaneChangeMps(r1Km, r2Km, 0);
}

/**
 * Delta-v of a Hohmann transfer from radius r1 to r2 that also turns the plane by `angleRad`, the whole
 * turn taken with the burn at the larger radius (law of cosines on the velocity vectors), m/s.
 */
export function hohmannWithPlaneChangeMps(r1Km: number, r2Km: number, angleRad: number): number {
  const at = (r1Km + r2Km) / 2;
  const vPeri = Math.sqrt(MU_KM3_PER_S2 * (2 / Math.min(r1Km, r2Km) - 1 / at));
  const vApo = Math.sqrt(MU_KM3_PER_S2 * (2 / Math.max(r1Km, r2Km) - 1 / at));
  const vLow = circularSpeedKmps(Math.min(r1Km, r2Km)), vHigh = circularSpeedKmps(Math.max(r1Km, r2Km));
  const burnLow = Math.abs(vPeri - vLow);
  const burnHigh = Math.sqrt(vApo * vApo + vHigh * vHigh - 2 * vApo * vHigh * Math.cos(angleRad));
  return 1000 * (burnLow + burnHigh);
}

/** Angle between two orbit planes from their inclinations and nodes, rad. */
export function planeAngleRad(i1: number, raan1: number, i2: number, raan2: number): number {
  const c = Math.cos(i1) * Math.cos(i2) + Math.sin(i1) * Math.sin(i2) * Math.cos(raan1 - raan2);
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

export interface PhasingPlan {
  /** Transfer plus phasing delta-v, m/s. */
  deltaVMps: number;
  /** Time from the order to arrival, s. */
  durationS: number;
  /** Phasing revolutions. */
  revs: number;
}

/**
 * The approach from a circular orbit of radius r1 to a target on a circular orbit of radius r2, the plane
 * turned by `planeRad`, with a phase angle `phaseRad` in [0, 2 pi) left to close after the transfer (the
 * target ahead by that angle). Null when even phasingRevsMax revolutions need more than `budgetMps`.
 */
export function planApproach(r1Km: number, r2Km: number, planeRad: number, phaseRad: number, budgetMps: number, revsMin: number, revsMax = 1000): PhasingPlan | null {
  const transfer = hohmannWithPlaneChangeMps(r1Km, r2Km, planeRad);
  const transferS = Math.PI * Math.sqrt(((r1Km + r2Km) / 2) ** 3 / MU_KM3_PER_S2);
  const period = 2 * Math.PI * Math.sqrt(r2Km ** 3 / MU_KM3_PER_S2);
  const v2 = circularSpeedKmps(r2Km);
  // The target is `lag` ahead (negative: behind), taking the shorter way round: the chaser catches up on a
  // shorter phasing orbit, or lets it catch up on a longer one.
  const lag = phaseRad <= Math.PI ? phaseRad : phaseRad - 2 * Math.PI;
  for (let n = Math.ceil(revsMin); n <= revsMax; n++) {
    // n phasing revolutions of period T gain lag on the target: n (period - T) = lag period / (2 pi).
    const tPhase = period * (1 - lag / (2 * Math.PI * n));
    const aPhase = Math.cbrt(MU_KM3_PER_S2 * (tPhase / (2 * Math.PI)) ** 2);
    if (2 * aPhase - r2Km <= EARTH_RADIUS_KM + 100) continue;
    const vPhase = Math.sqrt(MU_KM3_PER_S2 * (2 / r2Km - 1 / aPhase));
    const dv = transfer + 2000 * Math.abs(vPhase - v2);
    if (dv <= budgetMps) return { deltaVMps: dv, durationS: transferS + n * tPhase, revs: n };
  }
  return null;
}
