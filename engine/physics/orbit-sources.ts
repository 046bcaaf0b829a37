/**
 * Orbit sources -> SGP4 satrecs (satellite.js). TLEs and OMM/GP JSON go through satellite.js's own
 * readers; Keplerian mean elements from YAML are written as an OMM record first, so all three paths
 * share one initialiser (sgp4init, WGS-72, improved mode 'i').
 */
import { json2satrec, twoline2satrec, type SatRec } from 'satellite.js';
import type { MeanElementsModel, OrbitSource } from '../model.js';
import { JD_UNIX_EPOCH, MS_PER_DAY } from '../time.js';

/** The satrec of an orbit source. The caller checks `satrec.error` (non-zero: unusable at epoch). */
export function satrecFrom(source: OrbitSource): SatRec {
  switch (source.kind) {
    case 'tle':
      return twoline2satrec(source.line1, source.line2);
    case 'omm':
      return json2satrec(source.omm as Parameters<typeof json2satrec>[0]);
    case 'elements':
      return json2satrec(ommFromElements(source.elements));
  }
}

/** An OMM (CCSDS 502.0-B-3 field names) record carrying mean elements. */
export function ommFromElements(el: MeanElementsModel): Parameters<typeof json2satrec>[0] {
  return {
    OBJECT_NAME: `ELEMENTS ${el.noradId}`,
    OBJECT_ID: 'UNKNOWN',
    EPOCH: isoEpoch(el.epochMs),
    MEAN_MOTION: el.meanMotionRevPerDay,
    ECCENTRICITY: el.eccentricity,
    INCLINATION: el.inclinationDeg,
    RA_OF_ASC_NODE: el.raanDeg,
    ARG_OF_PERICENTER: el.argPerigeeDeg,
    MEAN_ANOMALY: el.meanAnomalyDeg,
    NORAD_CAT_ID: el.noradId,
    ELEMENT_SET_NO: 999,
    BSTAR: el.bstarPerEarthRadius,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  };
}

/** The last epoch written and its ISO string: a breakup's fragments (and each fit's passes) share one. */
let lastEpochMs = NaN;
let lastEpochIso = '';
function isoEpoch(epochMs: number): string {
  if (epochMs !== lastEpochMs) {
    lastEpochIso = new Date(epochMs).toISOString();
    lastEpochMs = epochMs;
  }
  return lastEpochIso;
}

/** UTC ms of a satrec's element-set epoch. */
export function satrecEpochMs(satrec: SatRec): number {
  const jdFraction = (satrec as SatRec & { jdsatepochF?: number }).jdsatepochF ?? 0;
  return (satrec.jdsatepoch - JD_UNIX_EPOCH) * MS_PER_DAY + jdFraction * MS_PER_DAY;
}

/** WGS-72 gravitational parameter, km^3/s^2: the constant SGP4 uses (Vallado et al., AIAA 2006-6753). */
export const MU_EARTH_WGS72_KM3_PER_S2 = 398600.8;
/** WGS-72 equatorial radius, km, and J2: SGP4's constants (satellite.js constants.ts). */
const EARTH_RADIUS_WGS72_KM = 6378.135;
const J2_WGS72 = 0.001082616;
const XKE_PER_MIN = 60 / Math.sqrt(EARTH_RADIUS_WGS72_KM ** 3 / MU_EARTH_WGS72_KM3_PER_S2);
const MIN_PER_DAY = 1440;
const UNKOZAI_ITERATIONS_MAX = 50;

/**
 * SGP4's mean semi-major axis (km) for a TLE mean motion: the "un-Kozai" step of sgp4init (initl):
 * the TLE's Kozai mean motion is corrected by the J2 term before a = (ke / n)^(2/3).
 */
export function semiMajorAxisKmFromMeanMotion(meanMotionRevPerDay: number, eccentricity: number, inclinationDeg: number): number {
  const noKozai = (meanMotionRevPerDay * 2 * Math.PI) / MIN_PER_DAY;
  const omeosq = 1 - eccentricity * eccentricity;
  const cosio = Math.cos((inclinationDeg * Math.PI) / 180);
  const ak = (XKE_PER_MIN / noKozai) ** (2 / 3);
  const d1 = (0.75 * J2_WGS72 * (3 * cosio * cosio - 1)) / (Math.sqrt(omeosq) * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  return (XKE_PER_MIN / (noKozai / (1 + del))) ** (2 / 3) * EARTH_RADIUS_WGS72_KM;
}

/**
 * The TLE (Kozai) mean motion, rev/day, whose SGP4 mean semi-major axis is `aKm`: Kepler's third law
 * for a first guess, then the un-Kozai step inverted by a bounded secant-free fixed point (a ~ n^-2/3).
 * Converges to 1e-9 km in a few iterations for any bound orbit.
 */
export function meanMotionRevPerDayFromSemiMajorAxisKm(aKm: number, eccentricity = 0, inclinationDeg = 0): number {
  let n = (Math.sqrt(MU_EARTH_WGS72_KM3_PER_S2 / (aKm * aKm * aKm)) * 86400) / (2 * Math.PI);
  for (let iter = 0; iter < UNKOZAI_ITERATIONS_MAX; iter++) {
    const a = semiMajorAxisKmFromMeanMotion(n, eccentricity, inclinationDeg);
    if (Math.abs(a - aKm) < 1e-9) return n;
    n *= (a / aKm) ** 1.5;
  }
  throw new Error(`vigil orbit-sources - mean motion for a = ${aKm} km did not converge`);
}

/** Plain words for satellite.js's SatRecError codes (Vallado's sgp4 error numbers). */
export function satrecErrorText(code: number): string {
  switch (code) {
    case 1:
      return 'mean eccentricity out of range (e >= 1 or e < -0.001) or semi-major axis below 0.95 earth radii';
    case 2:
      return 'mean motion below zero';
    case 3:
      return 'perturbed eccentricity out of range';
    case 4:
      return 'semi-latus rectum below zero';
    case 6:
      return 'decayed: the orbit has fallen below the surface';
    default:
      return `SGP4 error ${code}`;
  }
}
