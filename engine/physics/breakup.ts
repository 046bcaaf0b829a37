/**
 * The NASA standard breakup model (SBM): how many fragments a collision or an explosion makes, and each
 * fragment's size, area-to-mass ratio, mass and ejection velocity.
 *
 * Sources: N. L. Johnson, P. H. Krisko, J.-C. Liou, P. D. Anz-Meador, "NASA's new breakup model of
 * EVOLVE 4.0", Adv. Space Res. 28(9) (2001) 1377-1384 (equation numbers below are theirs); P. H. Krisko,
 * "Proper implementation of the 1998 NASA breakup model", Orbital Debris Quarterly News 15(4) (2011), which
 * the implementations below cite for the non-catastrophic M = m_p v^2 (esa/NASA-breakup-model-cpp notes the
 * 2001 print lacks the square, after Horstman 2020; the ODQN text itself was not available here). The
 * coefficients were checked against three independent public implementations: esa/NASA-breakup-model-cpp
 * (TU Munich/ESA ACT), SDiserens/Debris-Models (NSBM) and a MOCAT-style Python SBM.
 *
 * The model, all lengths in m, masses in kg, speeds as named:
 * - Collision regime: specific energy E* = m_p v^2 / (2 m_t) (projectile kinetic energy over target mass).
 *   E* >= 40 J/g (40,000 J/kg) is catastrophic: both bodies fragment, M = m_t + m_p. Below, the target is
 *   cratered and M = m_p v^2 with v in km/s (the ejecta mass in kg).
 * - Counts (eq. 2 and 4): N(>= Lc) = 6 S Lc^-1.6 for an explosion (S = 1 for a typical upper stage),
 *   N(>= Lc) = 0.1 M^0.75 Lc^-1.71 for a collision. Vigil multiplies the collision law by the same kind of
 *   scale factor S (1 = the published model) so a preset can be calibrated to an observed event.
 * - Area from size (eq. 8): A = 0.540424 Lc^2 below 1.67 mm, else 0.556945 Lc^2.0047077 (m^2).
 * - Area-to-mass (eq. 5-7): chi = log10(A/M in m^2/kg) follows, for Lc > 11 cm, the bimodal density
 *   alpha N(mu1, sigma1) + (1 - alpha) N(mu2, sigma2), with the five parameters piecewise linear in
 *   lambda = log10(Lc), one set for rocket-body and one for spacecraft fragments; for Lc < 8 cm one normal
 *   N(mu_soc, sigma_soc) for both. The density is a *mixture* (a fragment belongs to one population):
 *   some public codes draw alpha X1 + (1 - alpha) X2 instead, a single normal that is too narrow; not here.
 *   Between 8 and 11 cm the paper asks for a bridge and leaves its form open: here the fragment is drawn
 *   from the large-fragment law with probability (Lc - 8 cm) / 3 cm, else from the small one, so the
 *   distribution moves continuously from one to the other. Mass = A / (A/M).
 * - Ejection speed (eq. 11-12): log10(dv in m/s) ~ N(mu, 0.4), mu = 0.9 chi + 2.9 for collisions and
 *   0.2 chi + 1.85 for explosions; direction isotropic. Components are in any inertial frame: the caller
 *   adds them to the parent's velocity in its own frame (TEME here).
 *
 * What the paper leaves to the implementer, and Vigil's choices:
 * - Sizes: drawn by inverse CDF from the power law truncated to [lcMinM, lcMaxM]; lcMaxM defaults to
 *   1 m, the top of the data the size law was fitted to (MOCAT takes min(1 m, parent diameter); pass the
 *   parent's size for small parents). The count is the model's expectation on that interval, rounded:
 *   round(S (N(lcMin) - N(lcMax))), so it is known before any draw and the arrays are allocated once.
 * - Largest fragments: the power-law tail above lcMaxM (S N(lcMax), a few tens for a 2 t satellite) is not
 *   drawn piece by piece. Its mass, whatever the drawn fragments leave of the parents' mass, goes into
 *   remnants: up to 8 (the tail count, rounded, at most REMNANTS_MAX, and no more than the deficit can make
 *   of fragments of mean size-lcMaxM mass); masses split uniformly at random over the simplex, A/M drawn
 *   from the law at lcMaxM, size from the area law, never below lcMaxM. In a non-catastrophic collision
 *   there is one remnant, the cratered target (parents' mass minus ejecta), with no ejection speed.
 *   Remnants are the last `remnantCount` rows.
 * - Mass: the SBM does not conserve mass by itself; each implementation above adds its own fix (ESA drops
 *   or adds fragments, MOCAT adds 2-8 remnants, Debris-Models fills a top bucket). The budget is m_t + m_p (catastrophic), m_p v^2 (non-catastrophic ejecta), or the body's
 *   mass (explosion). The expected mass of the fragments too small to draw (1 mm, the model's floor, up to
 *   the cut-off) is integrated, not sampled, and counted against the budget. If drawn + undrawn mass
 *   exceeds the budget, every fragment keeps its size (the count and the sizes are what sensors see and
 *   what presets are calibrated to) and its mass is divided by the same factor: chi shifts up by
 *   log10(excess) for all, reported as `log10AreaToMassShift`. The alternative, dropping the last-drawn
 *   fragments until the budget holds (esa/NASA-breakup-model-cpp), would undo a count calibration. A
 *   deficit becomes remnants, as above. Ejection speeds are drawn after this, from each fragment's final A/M.
 * - Cap: at most `countMax` rows. If the model asks for more, the cap drops the smallest fragments, never
 *   the largest: sizes are drawn above `lcMinEffectiveM`, where the expected count equals what fits.
 *
 * Pure and deterministic: every random number comes from `draw` (one of engine/rng.ts's streams), in a
 * fixed order (all sizes and A/M, then ejection speeds, then remnants). Invalid input is a programming
 * error here (scenarios are validated at load with `breakupInputProblem`) and throws.
 *
 * Read next: BREAKUP_PRESETS at the end of this file (the two calibrated reference events),
 * test/reference/breakup.test.ts.
 */

export type BreakupKind = 'collision' | 'explosion';
export type BreakupTargetKind = 'spacecraft' | 'rocket-body';
export type BreakupRegime = 'catastrophic' | 'non-catastrophic' | 'explosion';

/** 40 J/g: at or above, a collision is catastrophic (Johnson et al. 2001, section 3). */
export const CATASTROPHIC_SPECIFIC_ENERGY_J_PER_KG = 40_000;
/** Below this characteristic length the small-fragment A/M law applies (8 cm). */
export const LC_SMALL_M_MAX = 0.08;
/** Above this characteristic length the rocket-body / spacecraft A/M laws apply (11 cm). */
export const LC_LARGE_M_MIN = 0.11;
/** Where the area law changes branch (1.67 mm). */
export const LC_AREA_BREAK_M = 0.00167;
/** The smallest fragment the SBM describes (1 mm): the floor of the undrawn-mass integral. */
export const LC_MODEL_FLOOR_M = 0.001;
/** Default cut-off: the trackable size, 10 cm. */
export const LC_MIN_M_DEFAULT = 0.1;
/** Default largest drawn fragment, 1 m (see the file comment). */
export const LC_MAX_M_DEFAULT = 1;
/** At most this many remnants stand for the tail above lcMaxM (a bounded, documented lump). */
export const REMNANTS_MAX = 8;

/** Standard deviation of log10(dv in m/s), both kinds (eq. 11-12). */
const LOG10_DV_SIGMA = 0.4;
const COLLISION_EXPONENT = 1.71;
const EXPLOSION_EXPONENT = 1.6;
/** Midpoint steps of the undrawn-mass integral, uniform in ln Lc (the integrand is smooth but for kinks). */
const MASS_INTEGRAL_STEPS = 256;
const TWO_PI = 2 * Math.PI;

/** Specific energy of a collision, J/kg: m_p v^2 / (2 m_t), v in km/s converted to m/s. */
export function specificEnergyJPerKg(targetMassKg: number, projectileMassKg: number, impactSpeedKmPerS: number): number {
  const vMps = impactSpeedKmPerS * 1000;
  return (0.5 * projectileMassKg * vMps * vMps) / targetMassKg;
}

/** True when the specific energy is at least 40 J/g: both bodies fragment. */
export function isCatastrophic(targetMassKg: number, projectileMassKg: number, impactSpeedKmPerS: number): boolean {
  return specificEnergyJPerKg(targetMassKg, projectileMassKg, impactSpeedKmPerS) >= CATASTROPHIC_SPECIFIC_ENERGY_J_PER_KG;
}

/** The collision's M, kg: m_t + m_p if catastrophic, else m_p v^2 with v in km/s (Krisko 2011). */
export function characteristicMassKg(targetMassKg: number, projectileMassKg: number, impactSpeedKmPerS: number): number {
  return isCatastrophic(targetMassKg, projectileMassKg, impactSpeedKmPerS)
    ? targetMassKg + projectileMassKg
    : projectileMassKg * impactSpeedKmPerS * impactSpeedKmPerS;
}

/** Collision fragments of characteristic length >= lcM (m): 0.1 M^0.75 Lc^-1.71 (eq. 4). */
export function collisionFragmentCount(characteristicMassKg: number, lcM: number): number {
  return 0.1 * characteristicMassKg ** 0.75 * lcM ** -COLLISION_EXPONENT;
}

/** Explosion fragments of characteristic length >= lcM (m): 6 S Lc^-1.6 (eq. 2). */
export function explosionFragmentCount(scale: number, lcM: number): number {
  return 6 * scale * lcM ** -EXPLOSION_EXPONENT;
}

/** Average cross-sectional area of a fragment, m^2, from its characteristic length, m (eq. 8). */
export function areaM2FromLc(lcM: number): number {
  return lcM < LC_AREA_BREAK_M ? 0.540424 * lcM * lcM : 0.556945 * lcM ** 2.0047077;
}

/** Inverse of areaM2FromLc. */
export function lcMFromAreaM2(areaM2: number): number {
  const breakAreaM2 = 0.540424 * LC_AREA_BREAK_M * LC_AREA_BREAK_M;
  return areaM2 < breakAreaM2 ? Math.sqrt(areaM2 / 0.540424) : (areaM2 / 0.556945) ** (1 / 2.0047077);
}

/** One normal component of the distribution of chi = log10(A/M): weight, mean, standard deviation. */
export interface NormalComponent {
  weight: number;
  mu: number;
  sigma: number;
}

/** Scratch for the large-fragment parameters: alpha, mu1, sigma1, mu2, sigma2 (single-threaded use). */
const LARGE = new Float64Array(5);

/** Piecewise-linear parameter: `lo` at or below x0, `hi` at or above x1, else a + b (x - xa). */
function ramp(lambda: number, x0: number, lo: number, x1: number, hi: number, a: number, b: number, xa: number): number {
  if (lambda <= x0) return lo;
  if (lambda >= x1) return hi;
  return a + b * (lambda - xa);
}

/** Large-fragment (Lc > 11 cm) parameters into LARGE (eq. 5 rocket bodies, eq. 6 spacecraft). */
function fillLargeParameters(lambda: number, rocketBody: boolean): void {
  if (rocketBody) {
    LARGE[0] = ramp(lambda, -1.4, 1, 0, 0.5, 1, -0.3571, -1.4);
    LARGE[1] = ramp(lambda, -0.5, -0.45, 0, -0.9, -0.45, -0.9, -0.5);
    LARGE[2] = 0.55;
    LARGE[3] = -0.9;
    LARGE[4] = ramp(lambda, -1, 0.28, 0.1, 0.1, 0.28, -0.1636, -1);
  } else {
    LARGE[0] = ramp(lambda, -1.95, 0, 0.55, 1, 0.3, 0.4, -1.2);
    LARGE[1] = ramp(lambda, -1.1, -0.6, 0, -0.95, -0.6, -0.318, -1.1);
    LARGE[2] = ramp(lambda, -1.3, 0.1, -0.3, 0.3, 0.1, 0.2, -1.3);
    LARGE[3] = ramp(lambda, -0.7, -1.2, -0.1, -2, -1.2, -1.333, -0.7);
    LARGE[4] = ramp(lambda, -0.5, 0.5, -0.3, 0.3, 0.5, -1, -0.5);
  }
}

/** Small-fragment (Lc < 8 cm) mean of chi (eq. 7). */
function smallMu(lambda: number): number {
  return ramp(lambda, -1.75, -0.3, -1.25, -1, -0.3, -1.4, -1.75);
}

/** Small-fragment standard deviation of chi (eq. 7): 0.2 up to lambda = -3.5, then rising. */
function smallSigma(lambda: number): number {
  return lambda <= -3.5 ? 0.2 : 0.2 + 0.1333 * (lambda + 3.5);
}

/** Weight of the large-fragment law: 0 below 8 cm, 1 above 11 cm, linear between (the bridge). */
function largeWeight(lcM: number): number {
  if (lcM <= LC_SMALL_M_MAX) return 0;
  if (lcM >= LC_LARGE_M_MIN) return 1;
  return (lcM - LC_SMALL_M_MAX) / (LC_LARGE_M_MIN - LC_SMALL_M_MAX);
}

/**
 * The distribution of chi = log10(A/M in m^2/kg) for a fragment of size lcM, as a mixture of normals
 * (one component below 8 cm, two above 11 cm, three on the bridge). Allocates: for tests and reports;
 * the sampler uses the same functions without allocating.
 */
export function log10AreaToMassMixture(lcM: number, targetKind: BreakupTargetKind): NormalComponent[] {
  const lambda = Math.log10(lcM);
  const w = largeWeight(lcM);
  const out: NormalComponent[] = [];
  if (w < 1) out.push({ weight: 1 - w, mu: smallMu(lambda), sigma: smallSigma(lambda) });
  if (w > 0) {
    fillLargeParameters(lambda, targetKind === 'rocket-body');
    const [alpha, mu1, sigma1, mu2, sigma2] = LARGE;
    if (alpha > 0) out.push({ weight: w * alpha, mu: mu1, sigma: sigma1 });
    if (alpha < 1) out.push({ weight: w * (1 - alpha), mu: mu2, sigma: sigma2 });
  }
  return out;
}

/** E[10^-X] for X ~ N(mu, sigma): the mean of M/A for one component. */
function meanInverseAreaToMass(mu: number, sigma: number): number {
  const s = sigma * Math.LN10;
  return 10 ** -mu * Math.exp(0.5 * s * s);
}

/** Mean fragment mass at size lcM, kg: A(Lc) E[M/A]. */
function meanMassKg(lcM: number, rocketBody: boolean): number {
  const lambda = Math.log10(lcM);
  const w = largeWeight(lcM);
  let inv = 0;
  if (w < 1) inv += (1 - w) * meanInverseAreaToMass(smallMu(lambda), smallSigma(lambda));
  if (w > 0) {
    fillLargeParameters(lambda, rocketBody);
    inv += w * (LARGE[0] * meanInverseAreaToMass(LARGE[1], LARGE[2]) + (1 - LARGE[0]) * meanInverseAreaToMass(LARGE[3], LARGE[4]));
  }
  return areaM2FromLc(lcM) * inv;
}

/** Mean of log10(dv in m/s) for a fragment of chi = log10(A/M) (eq. 11-12). */
export function log10DeltaVMeanMps(kind: BreakupKind, log10AreaToMass: number): number {
  return kind === 'collision' ? 0.9 * log10AreaToMass + 2.9 : 0.2 * log10AreaToMass + 1.85;
}

/** A fragmentation to sample. Masses in kg, lengths in m; `draw` returns uniform numbers in [0, 1). */
export interface BreakupInput {
  kind: BreakupKind;
  /** The fragmenting body (explosion), or the target; the catastrophic test divides by it. */
  targetMassKg: number;
  /** Collision only: the impactor. */
  projectileMassKg?: number;
  /** Collision only: relative speed at impact. */
  impactSpeedKmPerS?: number;
  /** Which large-fragment A/M law applies. */
  targetKind: BreakupTargetKind;
  /** Smallest fragment generated, default 0.1 m. */
  lcMinM?: number;
  /** Largest fragment drawn from the power law, default 1 m; the tail becomes remnants. */
  lcMaxM?: number;
  /** Count scale factor S: explosions' S, and Vigil's calibration factor for collisions. Default 1. */
  scale?: number;
  /** At most this many rows (remnants included). */
  countMax: number;
  draw: () => number;
}

/** The parameters that fix the expected count (no draw, no cap). */
export type BreakupCountInput = Omit<BreakupInput, 'draw' | 'countMax'>;

/** Sampled fragments: one row per fragment in parallel arrays of length `count`, remnants last. */
export interface BreakupFragments {
  count: number;
  regime: BreakupRegime;
  /** M of the count law (collisions), kg; for explosions the body's mass. */
  characteristicMassKg: number;
  /** S (N(lcMin) - N(lcMax)): the model's count on [lcMinM, lcMaxM], before rounding and cap. */
  expectedCount: number;
  /** True when countMax cut the model's count. */
  truncated: boolean;
  /** Smallest size drawn: lcMinM, or above it when the cap dropped the smallest fragments. */
  lcMinEffectiveM: number;
  lcMaxM: number;
  remnantCount: number;
  lcM: Float64Array;
  areaToMassM2PerKg: Float64Array;
  massKg: Float64Array;
  areaM2: Float64Array;
  deltaVxMps: Float64Array;
  deltaVyMps: Float64Array;
  deltaVzMps: Float64Array;
  /** Mass the fragments (remnants included) may carry, kg (see the file comment). */
  massBudgetKg: number;
  /** Expected mass of the fragments from 1 mm to lcMinEffectiveM, counted but not generated, kg. */
  massUndrawnKg: number;
  /** <= 1: the factor every drawn fragment's mass was multiplied by to stay within the budget. */
  massScale: number;
  /** -log10(massScale): what was added to every drawn fragment's chi. */
  log10AreaToMassShift: number;
}

function isPositiveFinite(x: number | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

/** What is wrong with a breakup's parameters, for a positioned scenario error, or undefined if nothing. */
export function breakupInputProblem(p: BreakupCountInput & { countMax?: number }): string | undefined {
  const lcMinM = p.lcMinM ?? LC_MIN_M_DEFAULT;
  const lcMaxM = p.lcMaxM ?? LC_MAX_M_DEFAULT;
  if (p.kind !== 'collision' && p.kind !== 'explosion') return `kind must be 'collision' or 'explosion', got ${String(p.kind)}`;
  if (p.targetKind !== 'spacecraft' && p.targetKind !== 'rocket-body') return `targetKind must be 'spacecraft' or 'rocket-body', got ${String(p.targetKind)}`;
  if (!isPositiveFinite(p.targetMassKg)) return `target mass must be positive and finite, got ${p.targetMassKg} kg`;
  if (p.kind === 'collision') {
    if (!isPositiveFinite(p.projectileMassKg)) return `projectile mass must be positive and finite, got ${p.projectileMassKg} kg`;
    if (!isPositiveFinite(p.impactSpeedKmPerS)) return `impact speed must be positive and finite, got ${p.impactSpeedKmPerS} km/s`;
  }
  if (!isPositiveFinite(lcMinM)) return `fragment cut-off lcMinM must be positive and finite, got ${lcMinM} m`;
  if (!(Number.isFinite(lcMaxM) && lcMaxM > lcMinM)) return `largest fragment lcMaxM must exceed the cut-off ${lcMinM} m, got ${lcMaxM} m`;
  if (p.scale !== undefined && !isPositiveFinite(p.scale)) return `scale factor must be positive and finite, got ${p.scale}`;
  if (p.countMax !== undefined && !(Number.isInteger(p.countMax) && p.countMax >= 0)) return `countMax must be a non-negative integer, got ${p.countMax}`;
  return undefined;
}

/** The count law of one breakup: N(>= Lc) = coefficient Lc^-exponent. */
interface CountLaw {
  regime: BreakupRegime;
  characteristicMassKg: number;
  coefficient: number;
  exponent: number;
  massBudgetKg: number;
  /** Both parents' mass: what the fragments and the remnants together account for. */
  totalMassKg: number;
}

function countLaw(p: BreakupCountInput): CountLaw {
  const scale = p.scale ?? 1;
  if (p.kind === 'explosion') {
    return { regime: 'explosion', characteristicMassKg: p.targetMassKg, coefficient: 6 * scale, exponent: EXPLOSION_EXPONENT, massBudgetKg: p.targetMassKg, totalMassKg: p.targetMassKg };
  }
  const mp = p.projectileMassKg!;
  const v = p.impactSpeedKmPerS!;
  const catastrophic = isCatastrophic(p.targetMassKg, mp, v);
  const m = characteristicMassKg(p.targetMassKg, mp, v);
  return {
    regime: catastrophic ? 'catastrophic' : 'non-catastrophic',
    characteristicMassKg: m,
    coefficient: scale * 0.1 * m ** 0.75,
    exponent: COLLISION_EXPONENT,
    massBudgetKg: m,
    totalMassKg: p.targetMassKg + mp,
  };
}

/** The model's expected number of fragments on [lcMinM, lcMaxM] (scale included, before any cap). */
export function expectedFragmentCount(p: BreakupCountInput): number {
  const problem = breakupInputProblem(p);
  if (problem) throw new Error(`vigil breakup - ${problem}`);
  const law = countLaw(p);
  const lo = p.lcMinM ?? LC_MIN_M_DEFAULT;
  const hi = p.lcMaxM ?? LC_MAX_M_DEFAULT;
  return law.coefficient * (lo ** -law.exponent - hi ** -law.exponent);
}

/** Expected mass of the fragments with sizes in [loM, hiM], kg: integral of dN/dLc times the mean mass. */
function expectedMassKg(law: CountLaw, rocketBody: boolean, loM: number, hiM: number): number {
  if (!(hiM > loM)) return 0;
  const lnLo = Math.log(loM);
  const step = (Math.log(hiM) - lnLo) / MASS_INTEGRAL_STEPS;
  let sum = 0;
  for (let i = 0; i < MASS_INTEGRAL_STEPS; i++) {
    const lc = Math.exp(lnLo + (i + 0.5) * step);
    // dN = c b Lc^-b d(ln Lc): the density of the count law per unit of ln Lc.
    sum += law.exponent * lc ** -law.exponent * meanMassKg(lc, rocketBody);
  }
  return law.coefficient * sum * step;
}

/** A standard normal source from uniform draws (Box-Muller, both values used). */
function normalSource(draw: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(1 - draw())); // 1 - draw() is in (0, 1]: no log(0)
    const theta = TWO_PI * draw();
    spare = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  };
}

/** One draw of chi = log10(A/M) at size lcM from the mixture (same law as log10AreaToMassMixture). */
function drawLog10AreaToMass(lcM: number, rocketBody: boolean, draw: () => number, normal: () => number): number {
  const lambda = Math.log10(lcM);
  const w = largeWeight(lcM);
  if (w === 0 || (w < 1 && draw() >= w)) return smallMu(lambda) + smallSigma(lambda) * normal();
  fillLargeParameters(lambda, rocketBody);
  return draw() < LARGE[0] ? LARGE[1] + LARGE[2] * normal() : LARGE[3] + LARGE[4] * normal();
}

/** Writes an isotropic ejection velocity of log-normal speed into row i. */
function drawDeltaV(out: BreakupFragments, i: number, kind: BreakupKind, draw: () => number, normal: () => number): void {
  const chi = Math.log10(out.areaToMassM2PerKg[i]);
  const speedMps = 10 ** (log10DeltaVMeanMps(kind, chi) + LOG10_DV_SIGMA * normal());
  const cosPolar = 2 * draw() - 1;
  const azimuth = TWO_PI * draw();
  const sinPolar = Math.sqrt(1 - cosPolar * cosPolar);
  out.deltaVxMps[i] = speedMps * sinPolar * Math.cos(azimuth);
  out.deltaVyMps[i] = speedMps * sinPolar * Math.sin(azimuth);
  out.deltaVzMps[i] = speedMps * cosPolar;
}

/**
 * Sample the fragments of one breakup. Allocates its seven arrays once (capacity: the rounded model
 * count plus remnant slots, within countMax) and returns views of the rows used. About 1 us per fragment.
 */
export function sampleFragments(input: BreakupInput): BreakupFragments {
  const problem = breakupInputProblem(input);
  if (problem) throw new Error(`vigil breakup - ${problem}`);
  const { kind, draw, countMax } = input;
  const rocketBody = input.targetKind === 'rocket-body';
  const lcMinM = input.lcMinM ?? LC_MIN_M_DEFAULT;
  const lcMaxM = input.lcMaxM ?? LC_MAX_M_DEFAULT;
  const law = countLaw(input);
  const b = law.exponent;
  const expectedCount = law.coefficient * (lcMinM ** -b - lcMaxM ** -b);
  const countModel = Math.round(expectedCount);

  const remnantSlots = Math.min(countMax, law.regime === 'non-catastrophic' ? 1 : REMNANTS_MAX);
  const countDrawn = Math.min(countModel, countMax - remnantSlots);
  const truncated = countDrawn < countModel;
  // The cap keeps the largest: the lower bound at which the expected count on [lo, lcMax] is countDrawn.
  const lcMinEffectiveM = truncated ? (countDrawn / law.coefficient + lcMaxM ** -b) ** (-1 / b) : lcMinM;

  const capacity = countDrawn + remnantSlots;
  const out: BreakupFragments = {
    count: 0,
    regime: law.regime,
    characteristicMassKg: law.characteristicMassKg,
    expectedCount,
    truncated,
    lcMinEffectiveM,
    lcMaxM,
    remnantCount: 0,
    lcM: new Float64Array(capacity),
    areaToMassM2PerKg: new Float64Array(capacity),
    massKg: new Float64Array(capacity),
    areaM2: new Float64Array(capacity),
    deltaVxMps: new Float64Array(capacity),
    deltaVyMps: new Float64Array(capacity),
    deltaVzMps: new Float64Array(capacity),
    massBudgetKg: law.massBudgetKg,
    massUndrawnKg: expectedMassKg(law, rocketBody, LC_MODEL_FLOOR_M, lcMinEffectiveM),
    massScale: 1,
    log10AreaToMassShift: 0,
  };
  const normal = normalSource(draw);

  // Sizes by inverse CDF of the truncated power law, then A/M and mass.
  const loPow = lcMinEffectiveM ** -b;
  const spanPow = loPow - lcMaxM ** -b;
  let massDrawnKg = 0;
  for (let i = 0; i < countDrawn; i++) {
    const lc = (loPow - draw() * spanPow) ** (-1 / b);
    const areaToMass = 10 ** drawLog10AreaToMass(lc, rocketBody, draw, normal);
    const area = areaM2FromLc(lc);
    out.lcM[i] = lc;
    out.areaM2[i] = area;
    out.areaToMassM2PerKg[i] = areaToMass;
    out.massKg[i] = area / areaToMass;
    massDrawnKg += out.massKg[i];
  }

  // Over budget: same sizes, lighter fragments (see the file comment).
  const massModelKg = massDrawnKg + out.massUndrawnKg;
  if (massModelKg > law.massBudgetKg) {
    const f = law.massBudgetKg / massModelKg;
    for (let i = 0; i < countDrawn; i++) {
      out.massKg[i] *= f;
      out.areaToMassM2PerKg[i] /= f;
    }
    massDrawnKg *= f;
    out.massUndrawnKg *= f;
    out.massScale = f;
    out.log10AreaToMassShift = -Math.log10(f);
  }
  for (let i = 0; i < countDrawn; i++) drawDeltaV(out, i, kind, draw, normal);
  out.count = countDrawn;

  addRemnants(out, input, law, remnantSlots, massDrawnKg, normal);
  return trimToCount(out);
}

/** Remnants: the mass the drawn and undrawn fragments leave, in at most `slots` rows at or above lcMax. */
function addRemnants(out: BreakupFragments, input: BreakupInput, law: CountLaw, slots: number, massDrawnKg: number, normal: () => number): void {
  const { draw } = input;
  const rocketBody = input.targetKind === 'rocket-body';
  const lcMaxM = out.lcMaxM;
  const cratered = law.regime === 'non-catastrophic';
  const deficitKg = (cratered ? law.totalMassKg : law.massBudgetKg) - massDrawnKg - out.massUndrawnKg;
  if (slots === 0 || !(deficitKg > 0)) return;
  const tailCount = Math.round(law.coefficient * lcMaxM ** -law.exponent);
  const affordable = Math.floor(deficitKg / meanMassKg(lcMaxM, rocketBody));
  const n = cratered ? 1 : Math.min(slots, tailCount, affordable);
  if (n === 0) return; // less than one fragment of size lcMax: left unassigned, see massBudgetKg
  // Weights uniform on the simplex: normalised exponential draws.
  const first = out.count;
  let weightSum = 0;
  for (let k = 0; k < n; k++) {
    const weight = 1e-12 - Math.log(1 - draw()); // never 0: every remnant has mass
    out.massKg[first + k] = weight;
    weightSum += weight;
  }
  for (let k = 0; k < n; k++) {
    const i = first + k;
    const massKg = (out.massKg[i] / weightSum) * deficitKg;
    const chi = drawLog10AreaToMass(lcMaxM, rocketBody, draw, normal);
    const lc = Math.max(lcMaxM, lcMFromAreaM2(massKg * 10 ** chi));
    const area = areaM2FromLc(lc);
    out.lcM[i] = lc;
    out.areaM2[i] = area;
    out.massKg[i] = massKg;
    out.areaToMassM2PerKg[i] = area / massKg;
    if (cratered) {
      out.deltaVxMps[i] = out.deltaVyMps[i] = out.deltaVzMps[i] = 0; // the cratered target keeps its orbit
    } else {
      drawDeltaV(out, i, input.kind, draw, normal);
    }
  }
  out.count += n;
  out.remnantCount = n;
}

/** Views of the rows used (no copy). */
function trimToCount(out: BreakupFragments): BreakupFragments {
  const n = out.count;
  out.lcM = out.lcM.subarray(0, n);
  out.areaToMassM2PerKg = out.areaToMassM2PerKg.subarray(0, n);
  out.massKg = out.massKg.subarray(0, n);
  out.areaM2 = out.areaM2.subarray(0, n);
  out.deltaVxMps = out.deltaVxMps.subarray(0, n);
  out.deltaVyMps = out.deltaVyMps.subarray(0, n);
  out.deltaVzMps = out.deltaVzMps.subarray(0, n);
  return out;
}

/** A reference event: the breakup's parameters, what was observed, and where each number comes from. */
export interface BreakupPreset {
  name: string;
  dateUtc: string;
  input: BreakupCountInput;
  /** Observed fragments of 10 cm or more the preset is calibrated to. */
  observedCount: number;
  /** Lower bounds also published (catalogued at some date); the expected count must not fall below them. */
  observedCountsMin: readonly number[];
  sources: readonly string[];
  /** How the preset reaches the observed count. */
  calibration: string;
}

/**
 * The two reference DA-ASAT events. Both are catastrophic by a factor of more than 100 in E* whatever the
 * (unpublished) kill-vehicle mass, so only M and S matter for the count; lcMin 10 cm, lcMax 1 m.
 *
 * Cosmos 1408: pure SBM (S = 1). M = 2,000 + 100 = 2,100 kg gives 0.1 M^0.75 (0.1^-1.71 - 1) = 1,560
 * fragments of 10 cm to 1 m (+4 % of the "more than 1,500" announced on the day), plus up to 8 remnants.
 *
 * Fengyun-1C: the pure SBM with M = 880 + 600 = 1,480 kg gives 1,200 fragments of 10 cm to 1 m, a third
 * of the ~3,300 of 10 cm or more estimated for the event (3,037 were catalogued by September 2010). The
 * preset takes S = 2.75 (3,300 / 1,200): the event made more, lighter fragments than the model's mean
 * for its mass. The drawn fragments then outweigh the parents (about 3.6 t expected against 1.48 t), so
 * the mass rule above makes all of them lighter by the same factor (chi + ~0.4, A/M x ~2.4): more, lighter
 * fragments within the parents' mass (Liou and Anz-Meador, IAC-10.A6.2.6, report unusual size and A/M
 * distributions for this cloud; the direction of the shift is Vigil's reading, not their number).
 */
export const BREAKUP_PRESETS: Readonly<Record<'cosmos-1408' | 'fengyun-1c', BreakupPreset>> = {
  'cosmos-1408': {
    name: 'Cosmos 1408 (Russian DA-ASAT test, Nudol)',
    dateUtc: '2021-11-15',
    input: {
      kind: 'collision',
      targetMassKg: 2000,
      projectileMassKg: 100,
      impactSpeedKmPerS: 8,
      targetKind: 'spacecraft',
      lcMinM: 0.1,
      lcMaxM: 1,
      scale: 1,
    },
    observedCount: 1500,
    observedCountsMin: [1500],
    sources: [
      'U.S. Space Command Public Affairs, 15 Nov 2021: "more than 1,500 pieces of trackable orbital debris"',
      'SpaceNews (J. Foust), 15 Nov 2021: Cosmos 1408 "weighing about 2,000 kilograms", ~485 km orbit',
      'kill-vehicle mass (100 kg) and closing speed (8 km/s): not published, assumed; they only move M by 5 %',
    ],
    calibration: 'pure SBM, S = 1: M = 2,100 kg gives 1,560 fragments of 10 cm to 1 m (+4 % of 1,500)',
  },
  'fengyun-1c': {
    name: 'Fengyun-1C (Chinese DA-ASAT test, SC-19)',
    dateUtc: '2007-01-11',
    input: {
      kind: 'collision',
      targetMassKg: 880,
      projectileMassKg: 600,
      impactSpeedKmPerS: 9.36,
      targetKind: 'spacecraft',
      lcMinM: 0.1,
      lcMaxM: 1,
      scale: 2.75,
    },
    observedCount: 3300,
    observedCountsMin: [2377, 3037],
    sources: [
      'C. Pardini, L. Anselmo, Adv. Space Res. 44 (2009), "Assessment of the consequences of the Fengyun-1C breakup in low Earth orbit": 880 kg, 863 km, 9.36 km/s, 2,377 catalogued by the end of April 2008',
      'NASA Orbital Debris Quarterly News 14(4), Oct 2010, "Chinese debris reaches new milestone": 3,037 catalogued by mid-September 2010',
      '~3,300 fragments of 10 cm or more: the estimate Vigil issue 5 calibrates to (catalogue total plus those decayed or never catalogued)',
      'SC-19 kill-vehicle mass (600 kg): not published, assumed',
    ],
    calibration: 'S = 2.75: the pure SBM (M = 1,480 kg) gives 1,200 of 10 cm to 1 m; x 2.75 = 3,300',
  },
};
