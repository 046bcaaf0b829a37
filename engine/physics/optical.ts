/**
 * Optical visibility of an object: is it sunlit, how bright does it look, is the observing site dark.
 * Pure scalar functions on components (no vectors allocated), so a sensor system's hot loop can call them
 * per object per tick on its typed arrays.
 *
 * Models and references:
 * - Earth shadow: a cylinder of Earth radius along the anti-Sun direction (the cylindrical model of
 *   Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., chapter 5, satellite eclipses). No
 *   penumbra.
 * - Brightness: a diffuse (Lambertian) sphere. Phase function F(phi) = ((pi - phi) cos phi + sin phi) / pi,
 *   F(0) = 1 (E. M. Vallerie III, "Investigation of photometric data received from an artificial Earth
 *   satellite", AFIT 1963, AD 419069); magnitude of a sphere of cross-section A and albedo rho at range R:
 *   m = m_sun - 2.5 log10(2 rho A F(phi) / (3 pi R^2)), m_sun = -26.74 (V) (the diffuse-sphere relation of
 *   M. D. Hejduk, "Specular and diffuse components in spherical satellite photometric modeling", AMOS 2011;
 *   geometric albedo of a Lambertian sphere = 2/3 of its albedo).
 * - Standard magnitude: the satellite observers' convention (McCants' catalogue, Heavens-Above, SkyMap):
 *   magnitude at 1000 km range and 90 deg phase angle.
 *
 * Real satellites are not diffuse spheres: flat panels flare by several magnitudes and observed magnitudes
 * scatter +/- 1 to 3 mag about a standard magnitude (T. Molczan, SeeSat-L, 12 Sep 2004). The model gives
 * the mean, which is what a detection threshold wants.
 *
 * Read next: sun.ts (the Sun direction these take), frames.ts (site up vector, TEME <-> ECEF).
 */
import { WGS84_A_KM } from './frames.js';

/**
 * Earth radius for the shadow, km: the WGS-84 equatorial radius (frames.ts). A sphere of this radius
 * overstates the shadow over the poles by up to 21 km (polar radius 6356.752 km).
 */
export const EARTH_RADIUS_KM = WGS84_A_KM;

/** Apparent visual (V) magnitude of the Sun (e.g. Hejduk 2011; Allen's Astrophysical Quantities). */
export const SUN_MAG_V = -26.74;

/** Range of the standard magnitude, km, and its phase angle, radians (McCants / Heavens-Above). */
export const STANDARD_RANGE_KM = 1000;
export const STANDARD_PHASE_RAD = Math.PI / 2;

/** Albedo assumed when only a size is known: 0.175, the Bond albedo NASA uses with a Lambertian phase
 * function to turn debris brightness into size (M. Mulrooney, M. Matney, "A new Bond albedo for
 * performing orbital debris brightness to size transformations", IAC-08.A6.2.7, 2008). */
export const ALBEDO_DEFAULT = 0.175;

const M_PER_KM = 1000;
const EARTH_RADIUS_KM_SQ = EARTH_RADIUS_KM * EARTH_RADIUS_KM;

/**
 * True when the point (x, y, z), km, Earth-centred, is in sunlight; (sunX, sunY, sunZ) is the unit vector
 * to the Sun in the same frame (sun.ts). Cylindrical shadow: the point is dark when it is behind the Earth
 * (negative component along the Sun direction) and within EARTH_RADIUS_KM of the shadow axis.
 *
 * Error: the true umbra is a cone narrowing at 0.264 deg and the penumbra a cone widening at 0.269 deg
 * (the Sun's angular radius, less or plus the Earth's parallax of the Sun). The cylinder's edge lies
 * between them, within D tan(0.27 deg) of both at a distance D behind the Earth's centre: ~30 km at LEO
 * (a few seconds of eclipse entry or exit), ~200 km at GEO (about a minute). Atmospheric refraction and
 * the Earth's flattening are ignored too (tens of km at grazing geometry). Penumbra counts as sunlit.
 */
export function isSunlit(x: number, y: number, z: number, sunX: number, sunY: number, sunZ: number): boolean {
  const along = x * sunX + y * sunY + z * sunZ;
  if (along >= 0) return true;
  const axisDistanceSq = x * x + y * y + z * z - along * along;
  return axisDistanceSq > EARTH_RADIUS_KM_SQ;
}

/**
 * Phase function of a Lambertian sphere, normalised so F(0) = 1: ((pi - phi) cos phi + sin phi) / pi.
 * phaseRad is the phase angle Sun-object-observer in [0, pi]: 0 is full phase (Sun behind the observer),
 * pi is new (observer looks at the unlit side). F(pi/2) = 1/pi, F(pi) = 0.
 */
export function diffuseSpherePhase(phaseRad: number): number {
  // Exactly 0 at new phase: in floating point sin(pi) is 1.2e-16, which would read as magnitude +40.
  if (phaseRad >= Math.PI) return 0;
  return ((Math.PI - phaseRad) * Math.cos(phaseRad) + Math.sin(phaseRad)) / Math.PI;
}

/**
 * Apparent visual magnitude of an object of standard magnitude `standardMag` (1000 km, 90 deg phase)
 * seen at `rangeKm` with phase angle `phaseRad` (Sun-object-observer):
 * m = std + 5 log10(range / 1000 km) - 2.5 log10(F(phi) / F(90 deg)). Atmospheric extinction is not
 * included (the caller adds it for ground sites). Returns +Infinity at phi = pi (nothing lit is seen).
 */
export function apparentMagnitude(standardMag: number, rangeKm: number, phaseRad: number): number {
  // F(phi) / F(90 deg) = pi F(phi): the 1/pi of the normalisation cancels.
  const phaseRatio = Math.PI * diffuseSpherePhase(phaseRad);
  if (phaseRatio <= 0) return Number.POSITIVE_INFINITY;
  return standardMag + 5 * Math.log10(rangeKm / STANDARD_RANGE_KM) - 2.5 * Math.log10(phaseRatio);
}

/**
 * Standard magnitude (1000 km, 90 deg phase) of a Lambertian sphere of cross-section `areaM2` and albedo
 * `albedo`: m = -26.74 - 2.5 log10(2 rho A F(90 deg) / (3 pi R^2)) with R = 1000 km = 1e6 m, F(90) = 1/pi,
 * i.e. m = 6.19 - 2.5 log10(rho A). A 1 m^2 object of albedo 0.175 is +8.08 (SkyMap uses about +8.1 for
 * 1 m^2, B. Gimle, SeeSat-L, 14 Oct 2008).
 */
export function standardMagnitudeFromAreaM2(areaM2: number, albedo = ALBEDO_DEFAULT): number {
  const rangeM = STANDARD_RANGE_KM * M_PER_KM;
  const fluxRatio = (2 * albedo * areaM2 * diffuseSpherePhase(STANDARD_PHASE_RAD)) / (3 * Math.PI * rangeM * rangeM);
  return SUN_MAG_V - 2.5 * Math.log10(fluxRatio);
}

/**
 * Sine of the Sun's elevation at a site: the dot product of the site's unit up vector and the unit Sun
 * direction, both in the same frame (ECEF up with an ECEF Sun, or both TEME). Geometric: refraction
 * (+0.57 deg at the horizon) and the parallax between the Earth's centre and the site (8.8", the Sun's
 * horizontal parallax) are ignored. Compare with sin(-6 deg), sin(-12 deg), sin(-18 deg) for civil,
 * nautical and astronomical twilight.
 */
export function sunElevationSin(upX: number, upY: number, upZ: number, sunX: number, sunY: number, sunZ: number): number {
  return upX * sunX + upY * sunY + upZ * sunZ;
}
