/**
 * State vector -> SGP4 mean elements: how a breakup fragment (a TEME position and velocity at one instant)
 * becomes an orbit the engine can propagate like any catalogued object (a `MeanElementsModel`, turned into a
 * satrec by orbit-sources.ts `satrecFrom({ kind: 'elements' })`).
 *
 * Why a fit and not a plain conversion: SGP4's elements are *mean* elements (Kozai mean motion, Brouwer-type
 * mean angles, secular and long-period J2/J3 terms removed; lunisolar terms for periods of 225 min or more).
 * Feeding the osculating elements of a state straight to SGP4 puts the object off by the short-period J2
 * terms, ~10 km in LEO. So the mean elements are found as the fixed point that SGP4 maps back onto the state:
 *
 *   1. Osculating elements of the target (r, v): RV2COE (Vallado, *Fundamentals of Astrodynamics and
 *      Applications*, 4th ed., Algorithm 9), computed through the equinoctial elements
 *      (a, h = e sin ϖ, k = e cos ϖ, p = sin(i/2) sin Ω, q = sin(i/2) cos Ω, λ = M + ϖ; ϖ = ω + Ω;
 *      Broucke & Cefola, Celest. Mech. 5 (1972) 303-310, with sin(i/2) in place of tan(i/2) so that
 *      retrograde orbits stay finite). These are regular at e = 0 and i = 0, where Algorithm 9 switches to
 *      its special cases (argument of latitude, true longitude, longitude of periapsis); converting back to
 *      classical elements, an undefined angle is set to 0 and its share goes to the next one (e = 0: ω = 0,
 *      M carries the argument of latitude; i = 0: Ω = 0, ω carries the longitude of periapsis). That is
 *      the same orbit, and the choice SGP4 is happy with.
 *   2. Mean := osculating (or osculating + `meanMinusOsculatingGuess`, the offset of a fit of a nearby
 *      state: a breakup fits its parent once and starts every fragment from the parent's offset; on the
 *      Cosmos 1408 preset's 1,568 fragments that takes the SGP4 calls from 4,991 to 3,877, every fit still
 *      to the same 1 m tolerance). Repeat (at most `iterationsMax` passes, default 30): build the satrec of the
 *      candidate mean elements by the engine's own path (OMM -> json2satrec, WGS-72, mode 'i'), propagate to
 *      t = 0, stop when |r_target - r_SGP4| < `toleranceKm` (default 1e-3 km); else mean += osc(target) -
 *      osc(SGP4 state), component by component in the equinoctial set, λ wrapped to (-π, π]. This is the
 *      standard osculating-to-mean fixed point (SGP4 itself serves as the mean-to-osculating map). The map
 *      is the identity plus O(J2) terms, so each pass shrinks the error by ~1e-3: 3 SGP4 calls in LEO.
 *   2a. Near-earth predictor (default; `predictor: 'none'` turns it off): for element sets SGP4 treats as
 *      near-earth (period under 225 min), the same fixed point runs first on `sgp4NearEarthAtEpoch`, a
 *      replica of SGP4's arithmetic at t = 0 (un-Kozai, long-period J3 terms, Kepler, short-period J2
 *      terms; every secular and drag term vanishes at t = 0), which needs no satrec and agrees with
 *      satellite.js to ~1e-11 km. Its converged candidate then goes to SGP4 itself, which decides as
 *      before: the fit ends only on SGP4's residual. Most fits take one SGP4 evaluation (the Cosmos 1408
 *      preset's fragments: 1.01 on average, against 2.2 without; an SGP4 initialisation costs several
 *      replica passes). Deep-space candidates skip it.
 *   3. Fallback, when a pass shrinks the residual by less than 4x: damped Newton on osc(SGP4(mean)) =
 *      osc(target), Jacobian by finite differences (6 SGP4 calls a pass), unknowns with the pole in polar
 *      form (see `newtonVariables`), step halved until the mismatch falls; if it stalls, once more from the
 *      first guess. Needed for near-equatorial GEO: SGP4 applies its lunisolar periodics at the epoch
 *      (they are part of the map, ~0.03 deg on the pole), and below i = 0.2 rad through Lyddane's form,
 *      which is not a near-identity map when the inclination is itself a few 0.01 deg. Measured on 283
 *      real element sets: median 1 SGP4 call (3 without the predictor), p95 17, max 52.
 *   The semi-major axis carried through the iteration is the Kepler one of the Kozai mean motion
 *   (n = sqrt(μ / a^3), WGS-72 μ): it differs from SGP4's un-Kozai'd mean a by O(J2), which the fixed point
 *   absorbs, and avoids inverting sgp4init's un-Kozai step at every pass.
 *
 * Limits (say them to a debris analyst):
 * - The fit is exact at the epoch only (to `toleranceKm` in position; velocity follows since six elements
 *   match six state components). Afterwards the object moves as SGP4's analytic theory says, which is what
 *   SGP4 does for every catalogued object too: along-track drift grows with time from the theory's own
 *   truncation, not from the fit.
 * - B* is not fitted (one state carries no drag information): it comes from `bstarPerEarthRadius`, default
 *   0 (no drag). A caller with an area-to-mass ratio can pass B* = Cd (A/m) ρ0 / 2 there (A/m in m^2/kg,
 *   Cd ~ 2.2, ρ0 = 2.461e-5 kg m^-2 per earth radius, SGP4's reference density).
 * - Unbound states (specific energy >= 0), states below the surface (|r| under SGP4's earth radius, 6378.135
 *   km), and mean elements SGP4 refuses (satrec.error != 0 or no state at t = 0:
 *   eccentricity out of range, decayed, ...) give `converged: false` with a coded reason, never an exception, so the caller can drop the
 *   fragment and raise an event. A state above the surface whose perigee is below it is accepted if SGP4
 *   accepts it at the epoch: SGP4 reports it decayed (error 6) when the radius falls under one earth radius.
 * - Near-equatorial deep-space states may have no exact SGP4 preimage: the lunisolar pole offset SGP4 adds
 *   at the epoch (~0.03 deg in GEO) cannot be absorbed when the state's own inclination is smaller. On 200
 *   synthetic GEO fragments (i < 0.05 deg, 50-290 m/s) 7 did not converge, best residuals 15 m to 2.7 km;
 *   they come back `NOT_CONVERGED` with the best candidate and its `residualKm`, so a caller can accept a
 *   residual it can live with instead of dropping the fragment. Retrograde equatorial states (i = 179.99
 *   deg) converge.
 *
 * Pure: no clock, no randomness; `new Date(ms)` only builds satellite.js's epoch string.
 * Read next: orbit-sources.ts (elements -> satrec), breakup.ts (where fragment states come from).
 */
import { constants, sgp4, type SatRec } from 'satellite.js';
import type { MeanElementsModel } from '../model.js';
import { MU_EARTH_WGS72_KM3_PER_S2, satrecErrorText, satrecFrom } from './orbit-sources.js';

/** A 3-vector as an array or a typed-array view: [x, y, z]. */
export type Vec3Like = ArrayLike<number>;

export interface MeanElementsFitOptions {
  /** SGP4 drag term B*, 1 / earth radii (default 0: no drag). */
  readonly bstarPerEarthRadius?: number;
  /** NORAD number written into the OMM (default 0). */
  readonly noradId?: number;
  /** Bound on passes (default 30; a Newton pass costs 7 to 13 SGP4 evaluations). */
  readonly iterationsMax?: number;
  /** Position residual at epoch that counts as converged, km (default 1e-3: one metre). */
  readonly toleranceKm?: number;
  /**
   * First guess of mean minus osculating elements, equinoctial [a km, h, k, p, q, λ rad]: the
   * `meanMinusOsculating` of a fit of a nearby state (a breakup's parent for its fragments). The first
   * candidate is then osc(target) + this instead of osc(target), one SGP4 evaluation nearer the end (see
   * the file comment). Ignored unless six finite numbers.
   */
  readonly meanMinusOsculatingGuess?: ArrayLike<number>;
  /**
   * 'near-earth' (default): for orbits SGP4 treats as near-earth (period under 225 min), run the fixed point
   * first on a replica of SGP4's map at the epoch (`sgp4NearEarthAtEpoch`, no satrec, no initialisation),
   * then check the candidate with SGP4 itself; most fits then take one SGP4 evaluation. 'none': SGP4 only.
   */
  readonly predictor?: 'near-earth' | 'none';
  /**
   * Called with the near-earth replica's candidate before SGP4 is: true ends the fit there with
   * `converged: false` and code 'REJECTED', at no SGP4 cost. For a caller that would drop the fit's result
   * anyway (a breakup drops fragments whose perigee is too low); give it a margin, as the candidate is the
   * fit's result only when SGP4 confirms it at the first evaluation (it differs by less than the tolerance
   * otherwise). Not called when there is no candidate (deep space, or the replica refused).
   */
  readonly rejectCandidate?: (elements: MeanElementsModel) => boolean;
}

/** Why a fit failed: a code for the caller's event, and words for a person. */
export interface MeanElementsFitFailure {
  readonly code: 'BAD_INPUT' | 'UNBOUND' | 'BELOW_SURFACE' | 'SGP4_REFUSED' | 'NOT_CONVERGED' | 'REJECTED';
  readonly message: string;
}

export interface MeanElementsFit {
  /** The fitted mean elements (when not converged: the candidate of least residual, if SGP4 gave one). */
  readonly elements: MeanElementsModel;
  /** |r_target - r_SGP4| at the epoch for `elements`, km (Infinity when SGP4 gave no state). */
  readonly residualKm: number;
  /** |v_target - v_SGP4| at the epoch, km/s (Infinity when SGP4 gave no state). */
  readonly residualKmps: number;
  /** Passes of the iteration (fixed-point or Newton steps), counting the first guess as 1. */
  readonly iterations: number;
  /** SGP4 initialisations + evaluations, Newton's finite differences included: the cost. */
  readonly sgp4Evaluations: number;
  readonly converged: boolean;
  /** Null when converged. */
  readonly reason: MeanElementsFitFailure | null;
  /**
   * Mean minus osculating elements of the target, equinoctial [a km, h, k, p, q, λ rad] (λ wrapped to
   * (-π, π]), for `elements`: a first guess for fits of nearby states (`meanMinusOsculatingGuess`).
   */
  readonly meanMinusOsculating: Float64Array;
  /**
   * The satrec SGP4 built from `elements` by the engine's path (orbit-sources.ts `satrecFrom`), when it
   * gave a state at the epoch; null otherwise. The same object `satrecFrom({ kind: 'elements', elements })`
   * gives, already evaluated at t = 0 (which sgp4init does too): a caller may keep it instead of building it
   * again.
   */
  readonly satrec: SatRec | null;
}

/** Osculating classical elements (Vallado Algorithm 9 conventions for the singular cases, see file top). */
export interface OsculatingElements {
  readonly semiMajorAxisKm: number;
  readonly eccentricity: number;
  readonly inclinationRad: number;
  readonly raanRad: number;
  readonly argPerigeeRad: number;
  readonly meanAnomalyRad: number;
}

export const FIT_ITERATIONS_MAX_DEFAULT = 30;
export const FIT_TOLERANCE_KM_DEFAULT = 1e-3;
/** SGP4's earth radius (WGS-72), km: below it SGP4 calls an object decayed. */
const EARTH_RADIUS_WGS72_KM = constants.earthRadius;
/** Below these, ϖ (resp. Ω) is undefined to double precision and set to 0 (file top). */
const ECCENTRICITY_CIRCULAR = 1e-12;
const SIN_HALF_INCLINATION_EQUATORIAL = 1e-12;
const TWO_PI = 2 * Math.PI;
const RAD_TO_DEG = 180 / Math.PI;
const SECONDS_PER_DAY = 86_400;

/**
 * Equinoctial elements [a km, h, k, p, q, λ rad], the space the fixed point works in (regular at e = 0, i = 0).
 * A plain 6-array so the correction is a loop.
 */
type Equinoctial = Float64Array<ArrayBuffer>;
const A = 0;
const H = 1;
const K = 2;
const P = 3;
const Q = 4;
const LAMBDA = 5;

/**
 * Fits SGP4 mean elements to a TEME state at `epochMs`, so that SGP4 started from them reproduces the state
 * at the epoch. Never throws: a state SGP4 cannot carry comes back with `converged: false` and a reason.
 * @param posTemeKm position, TEME, km
 * @param velTemeKmps velocity, TEME, km/s
 * @param epochMs UTC ms since 1970 (integer: the OMM epoch keeps whole milliseconds)
 */
export function meanElementsFromState(
  posTemeKm: Vec3Like,
  velTemeKmps: Vec3Like,
  epochMs: number,
  options: MeanElementsFitOptions = {},
): MeanElementsFit {
  const iterationsMax = options.iterationsMax ?? FIT_ITERATIONS_MAX_DEFAULT;
  const toleranceKm = options.toleranceKm ?? FIT_TOLERANCE_KM_DEFAULT;
  const target = new Float64Array(6);
  const fit: FitContext = {
    posTemeKm,
    velTemeKmps,
    epochMs,
    bstar: options.bstarPerEarthRadius ?? 0,
    noradId: options.noradId ?? 0,
    target,
    toleranceKm,
    evaluations: 0,
  };
  const problem = stateProblem(posTemeKm, velTemeKmps, epochMs) ?? equinoctialFromState(posTemeKm, velTemeKmps, target);
  if (problem) return failure(fit, elementsFrom(target, fit), Infinity, Infinity, 0, problem);

  const guess = options.meanMinusOsculatingGuess;
  let mean: Equinoctial = target.slice();
  if (guess && guess.length === 6 && allFinite(guess)) {
    for (let j = A; j < LAMBDA; j++) mean[j] = target[j] + guess[j];
    mean[LAMBDA] = wrapPi(target[LAMBDA] + guess[LAMBDA]);
  }
  const unpredicted = mean;
  const predicted = options.predictor === 'none' ? null : predictNearEarth(fit, mean, toleranceKm * PREDICTOR_TOLERANCE_SHARE);
  let predictedElements: MeanElementsModel | null = null;
  if (predicted) {
    mean = predicted;
    predictedElements = options.rejectCandidate ? elementsFrom(mean, fit) : null;
    if (predictedElements && options.rejectCandidate!(predictedElements)) {
      return failure(fit, predictedElements, Infinity, Infinity, 0, { code: 'REJECTED', message: 'the caller rejected the predicted mean elements' });
    }
  }
  let first = trial(fit, mean, true, predictedElements);
  if (isFailure(first) && predicted) {
    // The replica's candidate may leave SGP4's domain where the plain start does not: start over from
    // there, as without it.
    mean = unpredicted;
    first = trial(fit, mean, true);
  }
  const start = mean;
  if (isFailure(first)) return failure(fit, elementsFrom(mean, fit), Infinity, Infinity, 1, first);
  let current = first;
  let best = first;
  let newton = false;
  let restarted = false;
  let iterations = 1;
  while (current.residualKm >= toleranceKm) {
    if (current.residualKm < best.residualKm) best = current;
    if (iterations >= iterationsMax) {
      return failure(fit, best.elements, best.residualKm, best.residualKmps, iterations, {
        code: 'NOT_CONVERGED',
        message: `position residual ${(best.residualKm * 1000).toFixed(3)} m after ${iterations} iterations (tolerance ${toleranceKm * 1000} m)`,
      });
    }
    iterations++;
    if (!newton) {
      const candidate = fixedPointStep(mean, current.achieved, target);
      const next = trial(fit, candidate, true);
      // Poor contraction (the map is far from the identity: near-equatorial deep-space orbits, where the
      // lunisolar periodics at the epoch are as large as the inclination): Newton from here on.
      newton = isFailure(next) || next.residualKm > FIXED_POINT_CONTRACTION_MIN * current.residualKm;
      if (!isFailure(next) && next.residualKm < current.residualKm) {
        mean = candidate;
        current = next;
      }
      continue;
    }
    const step = newtonStep(fit, mean, current);
    if (isFailure(step) && !restarted) {
      // A stall is a kink of SGP4's map (near-equatorial deep space: the node flips by π where i plus the
      // lunisolar pinc changes sign). Start Newton once more from the first guess, on the other side of it.
      restarted = true;
      mean = Float64Array.from(start);
      current = first;
      continue;
    }
    if (isFailure(step)) return failure(fit, best.elements, best.residualKm, best.residualKmps, iterations, step);
    mean = step.mean;
    current = step.trial;
  }
  return {
    elements: current.elements,
    residualKm: current.residualKm,
    residualKmps: current.residualKmps,
    iterations,
    sgp4Evaluations: fit.evaluations,
    converged: true,
    reason: null,
    meanMinusOsculating: meanMinusOsculating(mean, target),
    satrec: current.satrec,
  };
}

/** The replica's fixed point stops at this share of the tolerance (it is then checked with SGP4 itself). */
const PREDICTOR_TOLERANCE_SHARE = 1e-2;
const PREDICTOR_ITERATIONS_MAX = 12;
/** The contraction assumed for the replica's first fixed-point step, before one is observed (LEO: ~1e-3). */
const PREDICTOR_CONTRACTION_FIRST = 1e-2;
/** SGP4 switches to its deep-space theory at this period of the un-Kozai'd mean motion, min. */
const DEEP_SPACE_PERIOD_MIN = 225;

/**
 * The fixed point of step 2 run on the near-earth replica of SGP4 at the epoch, from `start`: the
 * candidate it converges to (null for deep-space or degenerate candidates, where the caller goes on
 * with SGP4 alone). Costs no SGP4 evaluation.
 */
function predictNearEarth(fit: FitContext, start: Equinoctial, toleranceKm: number): Equinoctial | null {
  let mean = start;
  const achieved = new Float64Array(6);
  const state = new Float64Array(6);
  const statePos = [0, 0, 0];
  const stateVel = [0, 0, 0];
  const p = fit.posTemeKm;
  let contraction = PREDICTOR_CONTRACTION_FIRST;
  let previousKm = Infinity;
  for (let iteration = 0; iteration < PREDICTOR_ITERATIONS_MAX; iteration++) {
    if (!(mean[A] > 0) || !allFinite(mean)) return null;
    const c = classicalFromEquinoctial(mean);
    const a = c.semiMajorAxisKm;
    const noKozaiPerMin = Math.sqrt(MU_EARTH_WGS72_KM3_PER_S2 / (a * a * a)) * 60;
    if (!sgp4NearEarthAtEpoch(noKozaiPerMin, c.eccentricity, c.inclinationRad, c.raanRad, c.argPerigeeRad, c.meanAnomalyRad, state)) return null;
    const residualKm = Math.hypot(state[0] - p[0], state[1] - p[1], state[2] - p[2]);
    if (residualKm < toleranceKm) return mean;
    statePos[0] = state[0];
    statePos[1] = state[1];
    statePos[2] = state[2];
    stateVel[0] = state[3];
    stateVel[1] = state[4];
    stateVel[2] = state[5];
    if (equinoctialFromState(statePos, stateVel, achieved)) return null;
    mean = fixedPointStep(mean, achieved, fit.target);
    if (previousKm < Infinity) contraction = residualKm / previousKm;
    // The step's residual, as the last step's contraction says, is well under the tolerance: hand it to
    // SGP4 without evaluating the replica once more (SGP4 checks it; the fit goes on if it falls short).
    if (contraction < 1 && residualKm * contraction < toleranceKm) return mean;
    previousKm = residualKm;
  }
  return mean;
}

/**
 * SGP4's state at t = 0 for a near-earth element set, the same arithmetic as satellite.js 7.1.0
 * (initl's un-Kozai step, sgp4init's near-earth coefficients, sgp4 at tsince = 0, where every secular and
 * drag term vanishes): Kozai mean motion rad/min, angles rad. Writes [x, y, z km, vx, vy, vz km/s] TEME
 * into `out`; false for deep-space orbits (period 225 min or more) and where SGP4 would report an error.
 * A predictor only: the fit always checks its result with satellite.js (`trial`).
 */
export function sgp4NearEarthAtEpoch(
  noKozaiPerMin: number, ecco: number, inclo: number, nodeo: number, argpo: number, mo: number, out: Float64Array,
): boolean {
  // initl: un-Kozai.
  const omeosq = 1 - ecco * ecco;
  const rteosq = Math.sqrt(omeosq);
  const cosio = Math.cos(inclo);
  const sinio = Math.sin(inclo);
  const cosio2 = cosio * cosio;
  const ak = (SGP4_XKE / noKozaiPerMin) ** (2 / 3);
  const d1 = (0.75 * SGP4_J2 * (3 * cosio2 - 1)) / (rteosq * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  const no = noKozaiPerMin / (1 + del);
  if (!(no > 0) || TWO_PI / no >= DEEP_SPACE_PERIOD_MIN || !(ecco >= 0 && ecco < 1)) return false;
  const con41 = 3 * cosio2 - 1;
  const x1mth2 = 1 - cosio2;
  const x7thm1 = 7 * cosio2 - 1;
  const aycof = -0.5 * SGP4_J3OJ2 * sinio;
  const xlcof = (-0.25 * SGP4_J3OJ2 * sinio * (3 + 5 * cosio)) / (Math.abs(cosio + 1) > 1.5e-12 ? 1 + cosio : 1.5e-12);
  // sgp4 at t = 0.
  const am = (SGP4_XKE / no) ** (2 / 3);
  const nm = SGP4_XKE / am ** 1.5;
  const em = ecco < 1e-6 ? 1e-6 : ecco;
  const nodem = nodeo % TWO_PI;
  const argpm = argpo % TWO_PI;
  const xlm = (mo + argpo + nodeo) % TWO_PI;
  const mm = (xlm - argpm - nodem) % TWO_PI;
  const axnl = em * Math.cos(argpm);
  let temp = 1 / (am * (1 - em * em));
  const aynl = em * Math.sin(argpm) + temp * aycof;
  const xl = mm + argpm + nodem + temp * xlcof * axnl;
  const u = (xl - nodem) % TWO_PI;
  let eo1 = u;
  let tem5 = 9999.9;
  let sineo1 = 0, coseo1 = 1;
  for (let ktr = 1; Math.abs(tem5) >= 1e-12 && ktr <= 10; ktr++) {
    sineo1 = Math.sin(eo1);
    coseo1 = Math.cos(eo1);
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / (1 - coseo1 * axnl - sineo1 * aynl);
    if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0 ? 0.95 : -0.95;
    eo1 += tem5;
  }
  const ecose = axnl * coseo1 + aynl * sineo1;
  const esine = axnl * sineo1 - aynl * coseo1;
  const el2 = axnl * axnl + aynl * aynl;
  const pl = am * (1 - el2);
  if (!(pl >= 0)) return false;
  const rl = am * (1 - ecose);
  const rdotl = (Math.sqrt(am) * esine) / rl;
  const rvdotl = Math.sqrt(pl) / rl;
  const betal = Math.sqrt(1 - el2);
  temp = esine / (1 + betal);
  const sinu = (am / rl) * (sineo1 - aynl - axnl * temp);
  const cosu = (am / rl) * (coseo1 - axnl + aynl * temp);
  let su = Math.atan2(sinu, cosu);
  const sin2u = (cosu + cosu) * sinu;
  const cos2u = 1 - 2 * sinu * sinu;
  temp = 1 / pl;
  const temp1 = 0.5 * SGP4_J2 * temp;
  const temp2 = temp1 * temp;
  const mrt = rl * (1 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  if (!(mrt >= 1)) return false;
  su -= 0.25 * temp2 * x7thm1 * sin2u;
  const xnode = nodem + 1.5 * temp2 * cosio * sin2u;
  const xinc = inclo + 1.5 * temp2 * cosio * sinio * cos2u;
  const mvt = rdotl - (nm * temp1 * x1mth2 * sin2u) / SGP4_XKE;
  const rvdot = rvdotl + (nm * temp1 * (x1mth2 * cos2u + 1.5 * con41)) / SGP4_XKE;
  const sinsu = Math.sin(su), cossu = Math.cos(su);
  const snod = Math.sin(xnode), cnod = Math.cos(xnode);
  const sini = Math.sin(xinc), cosi = Math.cos(xinc);
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  const vx = xmx * cossu - cnod * sinsu;
  const vy = xmy * cossu - snod * sinsu;
  const vz = sini * cossu;
  const rScale = mrt * EARTH_RADIUS_WGS72_KM;
  out[0] = rScale * ux;
  out[1] = rScale * uy;
  out[2] = rScale * uz;
  out[3] = (mvt * ux + rvdot * vx) * SGP4_VKM_PER_S;
  out[4] = (mvt * uy + rvdot * vy) * SGP4_VKM_PER_S;
  out[5] = (mvt * uz + rvdot * vz) * SGP4_VKM_PER_S;
  return Number.isFinite(out[0]) && Number.isFinite(out[5]);
}

/** SGP4's WGS-72 constants (satellite.js constants.ts). */
const SGP4_XKE = constants.xke;
const SGP4_J2 = constants.j2;
const SGP4_J3OJ2 = constants.j3oj2;
const SGP4_VKM_PER_S = constants.vkmpersec;

/** mean - osc(target), λ wrapped. */
function meanMinusOsculating(mean: Equinoctial, target: Equinoctial): Float64Array {
  const out = new Float64Array(6);
  for (let j = A; j < LAMBDA; j++) out[j] = mean[j] - target[j];
  out[LAMBDA] = wrapPi(mean[LAMBDA] - target[LAMBDA]);
  return out;
}

/** The osculating elements of a trial that ended the fit (`trial`'s lazy mode): never read. */
const NOT_NEEDED: Equinoctial = new Float64Array(6);

/** A fixed-point pass that reduces the residual by less than this factor hands over to Newton. */
const FIXED_POINT_CONTRACTION_MIN = 0.25;
/** Newton: finite-difference steps (a relative, the other equinoctial elements absolute) and line search. */
const NEWTON_STEP_A_RELATIVE = 1e-7;
const NEWTON_STEP = 1e-7;
const NEWTON_HALVINGS_MAX = 6;

/** What one fit carries between passes. */
interface FitContext {
  readonly posTemeKm: Vec3Like;
  readonly velTemeKmps: Vec3Like;
  readonly epochMs: number;
  readonly bstar: number;
  readonly noradId: number;
  /** Osculating equinoctial elements of the target state. */
  readonly target: Equinoctial;
  /** Position residual that ends the fit, km. */
  readonly toleranceKm: number;
  /** SGP4 initialisations and evaluations so far (the cost measure). */
  evaluations: number;
}

/** One candidate's outcome: its elements, its residual and the osculating elements of SGP4's state. */
interface Trial {
  readonly elements: MeanElementsModel;
  readonly satrec: SatRec;
  readonly residualKm: number;
  readonly residualKmps: number;
  readonly achieved: Equinoctial;
}

function isFailure<T extends object>(x: T | MeanElementsFitFailure): x is MeanElementsFitFailure {
  return 'code' in x;
}

/** SGP4 (the engine's path: OMM -> json2satrec) from candidate mean elements, evaluated at t = 0. */
function trial(fit: FitContext, mean: Equinoctial, lazy = false, known: MeanElementsModel | null = null): Trial | MeanElementsFitFailure {
  if (!(mean[A] > 0) || !allFinite(mean)) return DIVERGED;
  const elements = known ?? elementsFrom(mean, fit);
  fit.evaluations++;
  const satrec = satrecFrom({ kind: 'elements', elements });
  const state = satrec.error === 0 ? sgp4(satrec, 0) : null;
  if (!state || !Number.isFinite(state.position.x)) return sgp4Refusal(satrec);
  const r = state.position;
  const v = state.velocity;
  const p = fit.posTemeKm;
  const w = fit.velTemeKmps;
  const residualKm = Math.hypot(r.x - p[0], r.y - p[1], r.z - p[2]);
  // `lazy`: a converged trial ends the fit, so its osculating elements are not needed (NOT_NEEDED, never
  // read); only their failure cases (unbound, rectilinear) are checked, as equinoctialFromState would.
  const converged = lazy && residualKm < fit.toleranceKm;
  const achieved = converged ? NOT_NEEDED : new Float64Array(6);
  const unusable = converged
    ? unboundProblem(r.x, r.y, r.z, v.x, v.y, v.z)
    : equinoctialFromState([r.x, r.y, r.z], [v.x, v.y, v.z], achieved);
  if (unusable) return unusable;
  return {
    elements,
    satrec,
    residualKm,
    residualKmps: Math.hypot(v.x - w[0], v.y - w[1], v.z - w[2]),
    achieved,
  };
}

/** mean + (osc(target) - osc(SGP4 state)), λ wrapped. */
function fixedPointStep(mean: Equinoctial, achieved: Equinoctial, target: Equinoctial): Equinoctial {
  const out = new Float64Array(6);
  for (let j = A; j < LAMBDA; j++) out[j] = mean[j] + target[j] - achieved[j];
  out[LAMBDA] = wrapPi(mean[LAMBDA] + wrapPi(target[LAMBDA] - achieved[LAMBDA]));
  return out;
}

/** osc(SGP4 state) - osc(target), a made relative so all six are dimensionless, λ wrapped. */
function mismatch(achieved: Equinoctial, target: Equinoctial, out: Float64Array, column = 0, stride = 1): void {
  out[column] = (achieved[A] - target[A]) / target[A];
  for (let j = H; j < LAMBDA; j++) out[column + j * stride] = achieved[j] - target[j];
  out[column + LAMBDA * stride] = wrapPi(achieved[LAMBDA] - target[LAMBDA]);
}

/**
 * One damped Newton step on osc(SGP4(mean)) = osc(target): Jacobian by forward differences (six SGP4
 * evaluations, a backward difference where SGP4 refuses the forward one), then the full step, halved until
 * the position residual falls (at most NEWTON_HALVINGS_MAX times).
 */
function newtonStep(fit: FitContext, mean: Equinoctial, current: Trial): { mean: Equinoctial; trial: Trial } | MeanElementsFitFailure {
  const g0 = new Float64Array(6);
  mismatch(current.achieved, fit.target, g0);
  const merit0 = Math.hypot(...g0);
  const jacobian = new Float64Array(36);
  const gj = new Float64Array(6);
  const u = newtonVariables(mean);
  for (let j = 0; j < 6; j++) {
    const h = j === A ? NEWTON_STEP_A_RELATIVE * mean[A] : NEWTON_STEP;
    let signed = h;
    let probe = trial(fit, perturbed(u, j, h));
    if (isFailure(probe)) {
      signed = -h;
      probe = trial(fit, perturbed(u, j, -h));
    }
    if (isFailure(probe)) return probe;
    mismatch(probe.achieved, fit.target, gj);
    for (let i = 0; i < 6; i++) jacobian[i * 6 + j] = (i === LAMBDA ? wrapPi(gj[i] - g0[i]) : gj[i] - g0[i]) / signed;
  }
  for (let i = 0; i < 6; i++) g0[i] = -g0[i];
  const delta = solve6(jacobian, g0);
  if (!delta) return { code: 'NOT_CONVERGED', message: 'singular Jacobian of the SGP4 map (Newton step)' };
  let scale = 1;
  for (let halving = 0; halving <= NEWTON_HALVINGS_MAX; halving++, scale /= 2) {
    const stepped = new Float64Array(6);
    for (let j = 0; j < 6; j++) stepped[j] = u[j] + scale * delta[j];
    const candidate = fromNewtonVariables(stepped);
    const next = trial(fit, candidate);
    if (!isFailure(next) && merit(next.achieved, fit.target) < merit0) return { mean: candidate, trial: next };
  }
  return {
    code: 'NOT_CONVERGED',
    message: `stalled (no Newton step reduces the mismatch; position residual ${(current.residualKm * 1000).toFixed(3)} m here)`,
  };
}

/** Newton's merit: the norm of the dimensionless mismatch (what the Newton direction is sure to reduce). */
function merit(achieved: Equinoctial, target: Equinoctial): number {
  const g = new Float64Array(6);
  mismatch(achieved, target, g);
  return Math.hypot(...g);
}

/**
 * Newton's unknowns: the equinoctial set with (p, q) in polar form, signed inclination and node (i < 0 is
 * the same pole as |i| at Ω + π, so the map stays smooth through i = 0). SGP4 adds its inclination
 * periodics to i and its node periodics through Ω (Lyddane's form below 0.2 rad adds pinc twice, once to i
 * and once to the pole direction): in Cartesian (p, q) that makes the map non-smooth at i = 0, with
 * derivatives of order |periodic| / sin i, which near-equatorial GEO (lunisolar terms of a few 0.01 deg
 * against i of a few 0.01 deg) turns into a non-convergent iteration. In (i, Ω) it is smooth.
 */
function newtonVariables(mean: Equinoctial): Float64Array {
  const u = Float64Array.from(mean);
  const rho = Math.min(1, Math.hypot(mean[P], mean[Q]));
  u[P] = 2 * Math.asin(rho);
  u[Q] = rho > 0 ? Math.atan2(mean[P], mean[Q]) : 0;
  return u;
}

function fromNewtonVariables(u: Float64Array): Equinoctial {
  const mean = Float64Array.from(u);
  const sinHalfI = Math.sin(u[P] / 2);
  mean[P] = sinHalfI * Math.sin(u[Q]);
  mean[Q] = sinHalfI * Math.cos(u[Q]);
  mean[LAMBDA] = wrapPi(u[LAMBDA]);
  return mean;
}

function perturbed(u: Float64Array, j: number, h: number): Equinoctial {
  const out = Float64Array.from(u);
  out[j] += h;
  return fromNewtonVariables(out);
}

/** Solves the 6 x 6 system m x = b (row-major m) by Gaussian elimination with partial pivoting; null if singular. */
function solve6(m: Float64Array, b: Float64Array): Float64Array | null {
  const n = 6;
  const a = Float64Array.from(m);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]) > Math.abs(a[pivot * n + col])) pivot = row;
    if (!(Math.abs(a[pivot * n + col]) > 1e-300)) return null;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    for (let row = col + 1; row < n; row++) {
      const f = a[row * n + col] / a[col * n + col];
      for (let k = col; k < n; k++) a[row * n + k] -= f * a[col * n + k];
      x[row] -= f * x[col];
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = x[row];
    for (let k = row + 1; k < n; k++) sum -= a[row * n + k] * x[k];
    x[row] = sum / a[row * n + row];
  }
  return x.every(Number.isFinite) ? x : null;
}

/**
 * Osculating classical elements of a TEME state (two-body, WGS-72 μ), or a failure for unbound or
 * degenerate states. Vallado Algorithm 9 with its singular cases resolved as in the file comment.
 */
export function osculatingElementsFromState(posTemeKm: Vec3Like, velTemeKmps: Vec3Like): OsculatingElements | MeanElementsFitFailure {
  const eq = new Float64Array(6);
  const problem = stateProblem(posTemeKm, velTemeKmps, 0) ?? equinoctialFromState(posTemeKm, velTemeKmps, eq);
  return problem ?? classicalFromEquinoctial(eq);
}

const DIVERGED: MeanElementsFitFailure = { code: 'NOT_CONVERGED', message: 'the iteration diverged (mean semi-major axis <= 0 or not finite)' };

function failure(
  fit: FitContext,
  elements: MeanElementsModel,
  residualKm: number,
  residualKmps: number,
  iterations: number,
  reason: MeanElementsFitFailure,
): MeanElementsFit {
  return { elements, residualKm, residualKmps, iterations, sgp4Evaluations: fit.evaluations, converged: false, reason, meanMinusOsculating: new Float64Array(6), satrec: null };
}

function sgp4Refusal(satrec: SatRec): MeanElementsFitFailure {
  const code = satrec.error === 0 ? 'no state at t = 0' : satrecErrorText(satrec.error);
  return { code: 'SGP4_REFUSED', message: `SGP4 refuses the mean elements: ${code}` };
}

/** Input checks that need no orbit: finite numbers, above SGP4's surface. */
function stateProblem(r: Vec3Like, v: Vec3Like, epochMs: number): MeanElementsFitFailure | undefined {
  if (r.length < 3 || v.length < 3 || !allFinite(r) || !allFinite(v) || !Number.isFinite(epochMs)) {
    return { code: 'BAD_INPUT', message: 'position, velocity and epoch must be finite numbers (3 components each)' };
  }
  const rKm = Math.hypot(r[0], r[1], r[2]);
  if (rKm < EARTH_RADIUS_WGS72_KM) {
    return { code: 'BELOW_SURFACE', message: `position ${rKm.toFixed(3)} km from the centre, under the ${EARTH_RADIUS_WGS72_KM} km surface` };
  }
  return undefined;
}

/**
 * Writes the equinoctial elements of (r, v) into `out`; returns a failure for unbound or rectilinear states.
 * Frame (f, g): the columns of Rz(Ω) Rx(i) Rz(-Ω), so f = x and g = y at i = 0 whatever Ω is.
 */
function equinoctialFromState(r: Vec3Like, v: Vec3Like, out: Equinoctial): MeanElementsFitFailure | undefined {
  const mu = MU_EARTH_WGS72_KM3_PER_S2;
  const rx = r[0], ry = r[1], rz = r[2];
  const vx = v[0], vy = v[1], vz = v[2];
  const problem = unboundProblem(rx, ry, rz, vx, vy, vz);
  if (problem) return problem;
  const rKm = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const energy = v2 / 2 - mu / rKm;
  const a = -mu / (2 * energy);
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const hKm2ps = Math.hypot(hx, hy, hz);
  const wx = hx / hKm2ps, wy = hy / hKm2ps, wz = hz / hKm2ps;
  const inclination = Math.atan2(Math.hypot(wx, wy), wz);
  const raan = Math.hypot(wx, wy) > 0 ? Math.atan2(wx, -wy) : 0;
  // f and g, the first two columns of Rz(Ω) Rx(i) Rz(-Ω).
  const ci = Math.cos(inclination), si = Math.sin(inclination);
  const co = Math.cos(raan), so = Math.sin(raan);
  const oneMinusCi = 1 - ci;
  const fx = 1 - oneMinusCi * so * so, fy = oneMinusCi * so * co, fz = -si * so;
  const gx = oneMinusCi * so * co, gy = 1 - oneMinusCi * co * co, gz = si * co;

  const rv = rx * vx + ry * vy + rz * vz;
  const c1 = v2 - mu / rKm;
  const ex = (c1 * rx - rv * vx) / mu;
  const ey = (c1 * ry - rv * vy) / mu;
  const ez = (c1 * rz - rv * vz) / mu;
  const k = ex * fx + ey * fy + ez * fz;
  const h = ex * gx + ey * gy + ez * gz;

  // Eccentric longitude F from the in-plane position (Broucke & Cefola): solve the 2x2 system
  // X1 = a[(1 - h^2 b) cos F + h k b sin F - k], Y1 = a[h k b cos F + (1 - k^2 b) sin F - h].
  const x1 = (rx * fx + ry * fy + rz * fz) / a + k;
  const y1 = (rx * gx + ry * gy + rz * gz) / a + h;
  const b = 1 / (1 + Math.sqrt(Math.max(0, 1 - h * h - k * k)));
  const m11 = 1 - h * h * b, m12 = h * k * b, m22 = 1 - k * k * b;
  const det = m11 * m22 - m12 * m12;
  const cosF = (m22 * x1 - m12 * y1) / det;
  const sinF = (m11 * y1 - m12 * x1) / det;
  const eccentricLongitude = Math.atan2(sinF, cosF);
  const sinHalfI = Math.sin(inclination / 2);
  out[A] = a;
  out[H] = h;
  out[K] = k;
  out[P] = sinHalfI * Math.sin(raan);
  out[Q] = sinHalfI * Math.cos(raan);
  out[LAMBDA] = wrapPi(eccentricLongitude + h * Math.cos(eccentricLongitude) - k * Math.sin(eccentricLongitude));
  return undefined;
}

/** The states equinoctialFromState refuses: unbound (energy >= 0) or rectilinear (r parallel to v). */
function unboundProblem(rx: number, ry: number, rz: number, vx: number, vy: number, vz: number): MeanElementsFitFailure | undefined {
  const rKm = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const energy = v2 / 2 - MU_EARTH_WGS72_KM3_PER_S2 / rKm;
  if (!(energy < 0)) {
    return { code: 'UNBOUND', message: `specific energy ${energy.toFixed(4)} km^2/s^2 >= 0: parabolic or hyperbolic, no SGP4 orbit` };
  }
  const hKm2ps = Math.hypot(ry * vz - rz * vy, rz * vx - rx * vz, rx * vy - ry * vx);
  if (!(hKm2ps > 1e-9 * rKm * Math.sqrt(v2))) return { code: 'UNBOUND', message: 'rectilinear state (r parallel to v): no orbital plane' };
  return undefined;
}

function classicalFromEquinoctial(eq: Equinoctial): OsculatingElements {
  const eccentricity = Math.hypot(eq[H], eq[K]);
  const sinHalfI = Math.min(1, Math.hypot(eq[P], eq[Q]));
  const longitudeOfPerigee = eccentricity > ECCENTRICITY_CIRCULAR ? Math.atan2(eq[H], eq[K]) : 0;
  const raan = sinHalfI > SIN_HALF_INCLINATION_EQUATORIAL ? Math.atan2(eq[P], eq[Q]) : 0;
  return {
    semiMajorAxisKm: eq[A],
    eccentricity,
    inclinationRad: 2 * Math.asin(sinHalfI),
    raanRad: wrapTwoPi(raan),
    argPerigeeRad: wrapTwoPi(longitudeOfPerigee - raan),
    meanAnomalyRad: wrapTwoPi(eq[LAMBDA] - longitudeOfPerigee),
  };
}

/** The OMM-ready mean elements of an equinoctial candidate (a is the Kepler a of the Kozai mean motion). */
function elementsFrom(eq: Equinoctial, fit: FitContext): MeanElementsModel {
  const c = classicalFromEquinoctial(eq);
  const a = c.semiMajorAxisKm;
  return {
    epochMs: fit.epochMs,
    meanMotionRevPerDay: (Math.sqrt(MU_EARTH_WGS72_KM3_PER_S2 / (a * a * a)) * SECONDS_PER_DAY) / TWO_PI,
    eccentricity: c.eccentricity,
    inclinationDeg: c.inclinationRad * RAD_TO_DEG,
    raanDeg: c.raanRad * RAD_TO_DEG,
    argPerigeeDeg: c.argPerigeeRad * RAD_TO_DEG,
    meanAnomalyDeg: c.meanAnomalyRad * RAD_TO_DEG,
    bstarPerEarthRadius: fit.bstar,
    noradId: fit.noradId,
  };
}

function allFinite(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

function wrapPi(x: number): number {
  return x - TWO_PI * Math.floor((x + Math.PI) / TWO_PI);
}

function wrapTwoPi(x: number): number {
  const w = x - TWO_PI * Math.floor(x / TWO_PI);
  return w >= TWO_PI ? 0 : w;
}
