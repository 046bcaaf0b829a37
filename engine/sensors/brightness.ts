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
 * pi F(phase) as a function of c = cos(phase): (pi - acos c) c + sqrt(1 - c^2). It is convex in c (its
 * derivative, pi - acos c, grows with c), so on a grid of c the chords lie above it and the tangents
 * below. brightEnough brackets it that way and takes the arc cosine only for the few objects whose
 * flux falls between the two bounds.
 */
const GRID = 32;
const NODE_VALUE = new Float64Array(GRID + 1);
const NODE_SLOPE = new Float64Array(GRID + 1);
for (let i = 0; i <= GRID; i++) {
  const c = -1 + (2 * i) / GRID;
  NODE_VALUE[i] = piPhaseFunction(c);
  NODE_SLOPE[i] = Math.PI - Math.acos(c);
}

/** pi F for a phase angle of cosine `c` (in [-1, 1]). */
export function piPhaseFunction(c: number): number {
  return (Math.PI - Math.acos(c)) * c + Math.sqrt(1 - c * c);
}

/**
 * True when an object of `brightness` (brightnessOf) at squared range `range2` (km^2), seen at a phase
 * angle of cosine `cosPhase`, is at least as bright as `limit` (fluxLimit): physics/optical.ts
 * apparentMagnitude(std, r, phase) <= magnitudeMax, compared as fluxes (no logarithm):
 * brightness * pi F(phase) * (1000 km)^2 / r^2 >= limit, with F the diffuse sphere's phase function.
 */
export function brightEnough(brightness: number, range2: number, cosPhase: number, limit: number): boolean {
  const c = cosPhase < -1 ? -1 : cosPhase > 1 ? 1 : cosPhase;
  // The pi F this object needs to be seen.
  const need = (range2 * limit) / (brightness * 1e6);
  const x = ((c + 1) * GRID) / 2;
  const i = x >= GRID ? GRID - 1 : Math.floor(x);
  const c0 = -1 + (2 * i) / GRID;
  const c1 = c0 + 2 / GRID;
  // Upper bound: the chord over the cell; lower bound: the better of the two tangents at its ends.
  const upper = NODE_VALUE[i] + ((NODE_VALUE[i + 1] - NODE_VALUE[i]) * (c - c0)) / (c1 - c0);
  if (need > upper) return false;
  const lower = Math.max(NODE_VALUE[i] + NODE_SLOPE[i] * (c - c0), NODE_VALUE[i + 1] + NODE_SLOPE[i + 1] * (c - c1));
  if (need < lower) return true;
  return piPhaseFunction(c) >= need;
}
