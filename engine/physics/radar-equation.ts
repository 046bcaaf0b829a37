/**
 * The search radar equation and single-look detection probability: what a surveillance radar sees of an
 * object of a given radar cross-section at a given range.
 *
 * Search (power-aperture) form of the radar equation: a radar of average power P_av and effective
 * aperture A_e that covers a solid angle Omega once every frame time t_s gets, from a target of
 * cross-section sigma at range R,
 *
 *   SNR = P_av A_e t_s sigma / (4 pi Omega k T_s L R^4)
 *
 * (M. I. Skolnik, Introduction to Radar Systems, 3rd ed., chapter 2, the surveillance radar equation;
 * M. A. Richards, Fundamentals of Radar Signal Processing, chapter 2; B. R. Mahafza, Radar Systems
 * Analysis and Design Using MATLAB, chapter 1, the search radar equation; in the same form as MathWorks'
 * radareqsearchsnr, against whose published examples the test checks it). Frequency drops out:
 * search performance depends only on the power-aperture product. Vigil folds everything but sigma and R
 * into one constant per radar, computed once at scenario load, so the per-object work is one multiply
 * and one divide.
 *
 * Detection: a Swerling I target (Rayleigh amplitude, exponentially distributed power) with a square-law
 * detector on one look: Pfa = exp(-T), Pd = exp(-T / (1 + SNR)) = Pfa^(1 / (1 + SNR)), T the threshold
 * normalised to the noise power (Richards, Fundamentals of Radar Signal Processing, chapter 6; Skolnik,
 * chapter 2, fluctuating targets). No integration over several looks.
 *
 * Read next: optical.ts (the optical counterpart), access.ts (the geometry that decides which objects a
 * radar is asked about).
 */

/** Boltzmann constant, J/K (exact since the 2019 SI redefinition). */
export const BOLTZMANN_J_PER_K = 1.380649e-23;

/** (1000 m)^4: range in km to the fourth power, times this, is range in m to the fourth power. */
const M4_PER_KM4 = 1e12;

export interface SearchRadarParameters {
  /** Average transmitted power times effective receive aperture, W m^2. */
  powerApertureWm2: number;
  /** Time to scan the whole search solid angle once, s. */
  frameTimeS: number;
  /** Solid angle searched each frame, sr (solidAngleSr). */
  searchSolidAngleSr: number;
  /** System noise temperature, K. */
  noiseTemperatureK: number;
  /** Total system losses, dB (positive: a loss). */
  lossesDb: number;
}

/**
 * The search radar constant K, such that SNR (linear) = K * rcsM2 / rangeKm^4. Range is in km, so K holds
 * the 1e-12 of (1000 m)^4. Called once per radar; throws on a programming error (non-positive input).
 */
export function searchRadarConstant(p: SearchRadarParameters): number {
  const { powerApertureWm2, frameTimeS, searchSolidAngleSr, noiseTemperatureK, lossesDb } = p;
  if (!(powerApertureWm2 > 0 && frameTimeS > 0 && searchSolidAngleSr > 0 && noiseTemperatureK > 0 && Number.isFinite(lossesDb))) {
    throw new Error(`vigil radar-equation - search radar parameters must be positive and finite: ${JSON.stringify(p)}`);
  }
  const numerator = powerApertureWm2 * frameTimeS;
  const denominator = 4 * Math.PI * searchSolidAngleSr * BOLTZMANN_J_PER_K * noiseTemperatureK * dbToLinear(lossesDb);
  return numerator / denominator / M4_PER_KM4;
}

/** Linear SNR of a target of `rcsM2` at `rangeKm` for a radar of search constant `k` (searchRadarConstant). */
export function snrLinear(k: number, rcsM2: number, rangeKm: number): number {
  const r2 = rangeKm * rangeKm;
  return (k * rcsM2) / (r2 * r2);
}

/**
 * Solid angle of an azimuth window times an elevation band, sr: dAz (sin elMax - sin elMin). A full
 * 360 deg fence from the horizon to 90 deg is 2 pi sr (a hemisphere).
 */
export function solidAngleSr(azimuthWidthRad: number, elevationRadMin: number, elevationRadMax: number): number {
  return azimuthWidthRad * (Math.sin(elevationRadMax) - Math.sin(elevationRadMin));
}

/** Detection threshold normalised to noise power for a false-alarm probability: T = -ln(Pfa). */
export function thresholdFromPfa(pfa: number): number {
  if (!(pfa > 0 && pfa < 1)) throw new Error(`vigil radar-equation - false-alarm probability must be in (0, 1), got ${pfa}`);
  return -Math.log(pfa);
}

/** Swerling I single-look probability of detection: exp(-T / (1 + SNR)), SNR and T linear. */
export function swerling1Pd(snrLinear: number, thresholdLinear: number): number {
  return Math.exp(-thresholdLinear / (1 + snrLinear));
}

/** Decibels to a linear power ratio. */
export function dbToLinear(db: number): number {
  return 10 ** (db / 10);
}

/** Linear power ratio to decibels. */
export function linearToDb(linear: number): number {
  return 10 * Math.log10(linear);
}
