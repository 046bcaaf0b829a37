/**
 * A cheap first test for optical sensors: an object can be no brighter than at full phase, where the
 * diffuse sphere's phase term is 2.5 log10(pi) = 1.243 mag brighter than at the standard 90 deg. So
 * it is too faint when std + 5 log10(r / 1000 km) - 1.243 > magMax, that is when
 * r^2 > 1e6 km^2 * 10^(0.4 (magMax + 1.243)) * 10^(-0.4 std): one multiplication and one comparison per
 * object, with `brightnessOf(std)` stored per object and `faintRange2Factor(magMax)` per sensor. Only the
 * objects that pass pay for the phase angle and the logarithms of physics/optical.ts apparentMagnitude.
 */

/** Magnitudes gained from the standard 90 deg phase to full phase: 2.5 log10(pi F(0) / ...) = 2.5 log10(pi). */
export const FULL_PHASE_GAIN_MAG = 2.5 * Math.log10(Math.PI);

/** 10^(-0.4 std): an object's brightness relative to magnitude 0. */
export function brightnessOf(standardMagnitude: number): number {
  return 10 ** (-0.4 * standardMagnitude);
}

/** Squared range (km^2) per unit brightness beyond which a sensor of `magnitudeMax` cannot see an object. */
export function faintRange2Factor(magnitudeMax: number): number {
  return 1e6 * 10 ** (0.4 * (magnitudeMax + FULL_PHASE_GAIN_MAG));
}

/** The flux limit of a sensor: 10^(-0.4 magnitudeMax), relative to magnitude 0. */
export function fluxLimit(magnitudeMax: number): number {
  return 10 ** (-0.4 * magnitudeMax);
}

/**
 * True when an object of `brightness` (brightnessOf) at squared range `range2` (km^2), seen at a phase
 * angle of cosine `cosPhase`, is at least as bright as `limit` (fluxLimit): physics/optical.ts
 * apparentMagnitude(std, r, phase) <= magnitudeMax, compared as fluxes (no logarithm):
 * brightness * pi F(phase) * (1000 km)^2 / r^2 >= limit, with F the diffuse sphere's phase function.
 */
export function brightEnough(brightness: number, range2: number, cosPhase: number, limit: number): boolean {
  const c = cosPhase < -1 ? -1 : cosPhase > 1 ? 1 : cosPhase;
  const phase = Math.acos(c);
  // pi F(phase) = (pi - phase) cos(phase) + sin(phase)
  const piF = (Math.PI - phase) * c + Math.sqrt(1 - c * c);
  return brightness * piF * 1e6 >= range2 * limit;
}
