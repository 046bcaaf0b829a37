/**
 * The Sun seen from the Earth's centre: unit direction, distance and position at a UTC instant, for
 * illumination (optical.ts: Earth shadow, phase angle, site darkness).
 *
 * Reference: the low-precision solar coordinates of the Astronomical Almanac, as given in D. A. Vallado,
 * Fundamentals of Astrodynamics and Applications, 4th ed. (2013), Algorithm 29 "SUN" (coefficients of
 * that edition) and Example 5-1. The Almanac quotes 0.01 deg accuracy between 1950 and 2050; a lighting
 * model needs far less (0.01 deg of Sun direction moves the shadow edge by about 1 km at LEO).
 *
 * Frame: the series gives the mean equator and mean equinox of date (MOD). Vigil's inertial frame is
 * TEME (what SGP4 outputs); TEME differs from MOD by nutation and the equation of the equinoxes, together
 * under 20" (0.006 deg), less than the series' own error, so Vigil uses the output as TEME unrotated.
 *
 * Time: the series wants UT1 for the mean longitude and TDB for the rest. Vigil passes UTC for both:
 * |UT1 - UTC| < 0.9 s and TT - UTC is about 69 s (2020s), and the Sun moves 0.041 deg an hour along the
 * ecliptic, so the 69 s cost at most 0.0008 deg, an order of magnitude under the series' error.
 *
 * Per-call functions allocate nothing: they write into a caller's array or return a number.
 *
 * Read next: optical.ts (what the direction is used for), frames.ts (TEME -> ECEF for a ground site).
 */
import { MS_PER_DAY } from '../time.js';
import { DEG } from './frames.js';

/** Astronomical unit, km (IAU 2012 Resolution B2: exactly 149,597,870,700 m). */
export const AU_KM = 149_597_870.7;

/** Unix ms of the J2000.0 epoch, 2000-01-01T12:00:00 (a TT epoch, read here as UTC: see the top comment). */
const J2000_UNIX_MS = 946_728_000_000;
const DAYS_PER_JULIAN_CENTURY = 36_525;

/** Julian centuries since J2000.0, from Unix ms (computed from ms so no large Julian date loses digits). */
function centuriesSinceJ2000(timeMs: number): number {
  return (timeMs - J2000_UNIX_MS) / MS_PER_DAY / DAYS_PER_JULIAN_CENTURY;
}

/** Mean anomaly of the Sun, radians (Vallado 4th ed., Algorithm 29). */
function meanAnomalyRad(t: number): number {
  return ((357.5291092 + 35_999.05034 * t) % 360) * DEG;
}

/** Ecliptic longitude of the Sun, radians: mean longitude plus the equation of centre (Algorithm 29). */
function eclipticLongitudeRad(t: number, meanAnomaly: number): number {
  const meanLongitudeDeg = (280.46 + 36_000.771 * t) % 360;
  return (meanLongitudeDeg + 1.914666471 * Math.sin(meanAnomaly) + 0.019994643 * Math.sin(2 * meanAnomaly)) * DEG;
}

/** Mean obliquity of the ecliptic, radians (Algorithm 29). */
function obliquityRad(t: number): number {
  return (23.439291 - 0.0130042 * t) * DEG;
}

/**
 * Writes the unit vector from the Earth's centre to the Sun, TEME (= MOD, see the top comment), into
 * out[0..2]. `timeMs` is Unix ms UTC. The ecliptic latitude of the Sun is below 1.2" and the series sets
 * it to zero, so the vector (cos L, cos e sin L, sin e sin L) is a unit vector by construction.
 */
export function sunDirection(timeMs: number, out: Float64Array | number[]): void {
  const t = centuriesSinceJ2000(timeMs);
  const lambda = eclipticLongitudeRad(t, meanAnomalyRad(t));
  const eps = obliquityRad(t);
  const sinLambda = Math.sin(lambda);
  out[0] = Math.cos(lambda);
  out[1] = Math.cos(eps) * sinLambda;
  out[2] = Math.sin(eps) * sinLambda;
}

/** Distance from the Earth's centre to the Sun, km, at Unix ms UTC `timeMs` (Algorithm 29). */
export function sunDistanceKm(timeMs: number): number {
  const m = meanAnomalyRad(centuriesSinceJ2000(timeMs));
  return (1.000140612 - 0.016708617 * Math.cos(m) - 0.000139589 * Math.cos(2 * m)) * AU_KM;
}

/** Writes the geocentric position of the Sun, km, TEME (= MOD), into out[0..2]. */
export function sunPositionKm(timeMs: number, out: Float64Array | number[]): void {
  sunDirection(timeMs, out);
  const rKm = sunDistanceKm(timeMs);
  out[0] *= rKm;
  out[1] *= rKm;
  out[2] *= rKm;
}
