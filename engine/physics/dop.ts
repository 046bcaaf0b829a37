/**
 * Dilution of precision (DOP): how much the geometry of the satellites a receiver tracks multiplies its
 * ranging error into position and clock error. A jammed or denied constellation drops satellites; DOP is
 * what that costs the user.
 *
 * Model (the linearised pseudorange solution: P. Misra and P. Enge, Global Positioning System: Signals,
 * Measurements, and Performance, 2nd ed., the chapter on position estimation; E. D. Kaplan and
 * C. J. Hegarty, Understanding GPS/GNSS, 3rd ed., "satellite geometry and dilution of precision"): each
 * satellite i gives one row of the geometry matrix G,
 *
 *   g_i = [ -e_i, -n_i, -u_i, 0 .. 1 .. 0 ]
 *
 * (e, n, u) the unit line of sight from receiver to satellite in local East-North-Up, and a 1 in the
 * clock column of the satellite's constellation. A multi-GNSS receiver solves one clock bias per
 * constellation it tracks, since the systems' time scales and receiver delays differ (the inter-system
 * bias), so the unknowns are x, y, z and one clock per constellation with at least one satellite. With
 * unit-variance, uncorrelated range errors the solution's covariance is Q = (G^T G)^-1, and
 *
 *   HDOP = sqrt(Q_ee + Q_nn)   VDOP = sqrt(Q_uu)   PDOP = sqrt(Q_ee + Q_nn + Q_uu)
 *   TDOP = sqrt(sum of the clock diagonal of Q)    GDOP = sqrt(trace Q) = sqrt(PDOP^2 + TDOP^2)
 *
 * With one constellation TDOP is the textbook one; with several it sums every clock's variance factor
 * (some receivers report the reference system's clock alone), which keeps GDOP^2 = PDOP^2 + TDOP^2. The
 * sign of the position columns (line of sight or its negative) is G -> G D, D = diag(-1, -1, -1, 1 ..),
 * so Q -> D Q D: only the position-clock block of Q changes sign and no DOP depends on it. Clocks are in
 * range units (c times seconds), so DOP is dimensionless.
 *
 * Numerics: G^T G is symmetric positive definite when the geometry determines every unknown; Vigil
 * factors it by Cholesky (stable without pivoting for such matrices) and inverts the factor. A pivot that
 * falls below PIVOT_RATIO_MIN of its diagonal entry marks the geometry singular (all satellites in one
 * direction; or all at one elevation, where the up column is sin(el) times the sum of the clock columns
 * and height cannot be told from clock).
 *
 * Per-tick use, allocation-free: createDopScratch once, then each receiver and tick resetDop,
 * accumulateDop per tracked satellite (a few adds: only the sums that form G^T G are kept), solveDop.
 *
 * Read next: gnss.ts (signals and constellations; CONSTELLATION_INDEX gives the `system` numbers),
 * frames.ts (lookAngles: the elevation and azimuth, or the ENU vector, of each satellite).
 */

/**
 * Smallest pivot of the Cholesky factorisation, relative to its diagonal entry, accepted as non-singular.
 * The ratio is the squared sine of the angle between that column of G and the span of the ones before it;
 * below 1e-12 the DOP would exceed ~1e6, a geometry no receiver would report a fix from, and rounding
 * (~1e-16 relative) can no longer tell it from exactly singular.
 */
export const PIVOT_RATIO_MIN = 1e-12;

/** The position unknowns: east, north, up. */
const POSITION_UNKNOWNS = 3;

/** Scratch state of one DOP computation; reuse it across receivers and ticks. Fields are read-only to callers. */
export interface DopScratch {
  /** Clock columns available: systems are numbered 0 .. systemsMax - 1. */
  readonly systemsMax: number;
  /** 3 + systemsMax: the size of the largest normal matrix. */
  readonly unknownsMax: number;
  /** Sum over satellites of the line-of-sight outer product: ee, en, eu, nn, nu, uu. */
  readonly losOuterSum: Float64Array;
  /** Per system, the sum of its satellites' (-e, -n, -u): the position-clock block of G^T G. */
  readonly losSumPerSystem: Float64Array;
  /** Satellites accumulated per system: that system's clock diagonal of G^T G. */
  readonly satellitesPerSystem: Float64Array;
  /** Satellites accumulated since the last resetDop. */
  satellites: number;
  /** Unknowns of the last solveDop: 3 + the number of systems with at least one satellite. */
  unknowns: number;
  /** The system of each clock column of the last solve (first `unknowns - 3` entries). */
  readonly clockSystem: Int32Array;
  /** G^T G of the last solve, `unknowns` x `unknowns`, row-major with stride `unknowns`. */
  readonly normal: Float64Array;
  /** Its Cholesky factor L (lower triangle, same layout). */
  readonly factor: Float64Array;
  /** L^-1 (lower triangle, same layout). */
  readonly factorInverse: Float64Array;
  /** Q = (G^T G)^-1 of the last successful solve (same layout): the covariance per unit range variance. */
  readonly inverse: Float64Array;
  /** DOPs of the last successful solve; NaN after a reset or a failed solve. */
  gdop: number;
  pdop: number;
  hdop: number;
  vdop: number;
  tdop: number;
}

/** A scratch for up to `systemsMax` constellations (clock columns). Throws on a programming error. */
export function createDopScratch(systemsMax: number): DopScratch {
  if (!(Number.isInteger(systemsMax) && systemsMax >= 1 && systemsMax <= 64)) {
    throw new Error(`vigil dop - systemsMax must be an integer in 1..64, got ${systemsMax}`);
  }
  const unknownsMax = POSITION_UNKNOWNS + systemsMax;
  const cells = unknownsMax * unknownsMax;
  const scratch: DopScratch = {
    systemsMax,
    unknownsMax,
    losOuterSum: new Float64Array(6),
    losSumPerSystem: new Float64Array(3 * systemsMax),
    satellitesPerSystem: new Float64Array(systemsMax),
    satellites: 0,
    unknowns: 0,
    clockSystem: new Int32Array(systemsMax),
    normal: new Float64Array(cells),
    factor: new Float64Array(cells),
    factorInverse: new Float64Array(cells),
    inverse: new Float64Array(cells),
    gdop: NaN,
    pdop: NaN,
    hdop: NaN,
    vdop: NaN,
    tdop: NaN,
  };
  return scratch;
}

/** Forget every accumulated satellite and the last solution. */
export function resetDop(s: DopScratch): void {
  s.losOuterSum.fill(0);
  s.losSumPerSystem.fill(0);
  s.satellitesPerSystem.fill(0);
  s.satellites = 0;
  s.unknowns = 0;
  setDops(s, NaN, NaN, NaN);
}

/**
 * Add one satellite: its unit line of sight from the receiver in local East-North-Up (`eastUnit`,
 * `northUnit`, `upUnit`; the caller normalises) and the clock column `system` (0 .. systemsMax - 1) of
 * its constellation. No allocation. Throws on a programming error (system out of range).
 */
export function accumulateDop(s: DopScratch, eastUnit: number, northUnit: number, upUnit: number, system: number): void {
  if (!(system >= 0 && system < s.systemsMax && (system | 0) === system)) {
    throw new Error(`vigil dop - system must be an integer in 0..${s.systemsMax - 1}, got ${system}`);
  }
  const o = s.losOuterSum;
  o[0] += eastUnit * eastUnit;
  o[1] += eastUnit * northUnit;
  o[2] += eastUnit * upUnit;
  o[3] += northUnit * northUnit;
  o[4] += northUnit * upUnit;
  o[5] += upUnit * upUnit;
  const k = 3 * system;
  s.losSumPerSystem[k] -= eastUnit;
  s.losSumPerSystem[k + 1] -= northUnit;
  s.losSumPerSystem[k + 2] -= upUnit;
  s.satellitesPerSystem[system] += 1;
  s.satellites += 1;
}

/**
 * Solve for the DOPs of the satellites accumulated so far, with one clock per system that has any
 * satellite. Returns false, and sets the DOPs to NaN, when there are fewer satellites than unknowns or
 * the geometry is singular (PIVOT_RATIO_MIN); true, with gdop .. tdop and `inverse` set, otherwise.
 * No allocation; accumulating more satellites and solving again is allowed.
 */
export function solveDop(s: DopScratch): boolean {
  let clocks = 0;
  for (let sys = 0; sys < s.systemsMax; sys++) if (s.satellitesPerSystem[sys] > 0) s.clockSystem[clocks++] = sys;
  const n = POSITION_UNKNOWNS + clocks;
  s.unknowns = n;
  if (s.satellites < n || clocks === 0) return fail(s);
  assembleNormal(s, n, clocks);
  if (!cholesky(s.normal, s.factor, n)) return fail(s);
  invertLower(s.factor, s.factorInverse, n);
  productTransposeSelf(s.factorInverse, s.inverse, n);
  const q = s.inverse;
  const horizontal = q[0] + q[n + 1];
  const vertical = q[2 * n + 2];
  let clock = 0;
  for (let c = POSITION_UNKNOWNS; c < n; c++) clock += q[c * n + c];
  setDops(s, horizontal, vertical, clock);
  return true;
}

/** G^T G, n x n, from the accumulated sums; the clock columns in the order of `clockSystem`. */
function assembleNormal(s: DopScratch, n: number, clocks: number): void {
  const h = s.normal;
  const o = s.losOuterSum;
  h.fill(0, 0, n * n);
  h[0] = o[0];
  h[1] = h[n] = o[1];
  h[2] = h[2 * n] = o[2];
  h[n + 1] = o[3];
  h[n + 2] = h[2 * n + 1] = o[4];
  h[2 * n + 2] = o[5];
  for (let c = 0; c < clocks; c++) {
    const sys = s.clockSystem[c];
    const col = POSITION_UNKNOWNS + c;
    for (let i = 0; i < POSITION_UNKNOWNS; i++) h[i * n + col] = h[col * n + i] = s.losSumPerSystem[3 * sys + i];
    h[col * n + col] = s.satellitesPerSystem[sys];
  }
}

/** Cholesky factor L of the SPD n x n matrix `a` (A = L L^T) into `l`; false when a pivot is too small. */
function cholesky(a: Float64Array, l: Float64Array, n: number): boolean {
  l.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    // Written so that NaN fails too.
    if (!(d > PIVOT_RATIO_MIN * a[j * n + j])) return false;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = v / ljj;
    }
  }
  return true;
}

/** Inverse of the lower-triangular n x n `l` (non-zero diagonal) into `w`, by forward substitution. */
function invertLower(l: Float64Array, w: Float64Array, n: number): void {
  w.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    w[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let v = 0;
      for (let k = j; k < i; k++) v -= l[i * n + k] * w[k * n + j];
      w[i * n + j] = v / l[i * n + i];
    }
  }
}

/** Q = W^T W for lower-triangular n x n `w`: (L L^T)^-1 = L^-T L^-1. */
function productTransposeSelf(w: Float64Array, q: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v = 0;
      for (let k = j; k < n; k++) v += w[k * n + i] * w[k * n + j];
      q[i * n + j] = q[j * n + i] = v;
    }
  }
}

function fail(s: DopScratch): false {
  setDops(s, NaN, NaN, NaN);
  return false;
}

/** The DOPs from the variance factors: horizontal (Q_ee + Q_nn), vertical (Q_uu), clock (sum of clock diagonal). */
function setDops(s: DopScratch, horizontal: number, vertical: number, clock: number): void {
  s.hdop = Math.sqrt(horizontal);
  s.vdop = Math.sqrt(vertical);
  s.pdop = Math.sqrt(horizontal + vertical);
  s.tdop = Math.sqrt(clock);
  s.gdop = Math.sqrt(horizontal + vertical + clock);
}

/** One satellite for `dop`: elevation and azimuth (clockwise from north) as frames.ts lookAngles gives them. */
export interface DopLook {
  readonly elRad: number;
  readonly azRad: number;
  /** Clock column (gnss.ts CONSTELLATION_INDEX); 0 when absent. */
  readonly system?: number;
}

export interface DopValues {
  readonly gdop: number;
  readonly pdop: number;
  readonly hdop: number;
  readonly vdop: number;
  readonly tdop: number;
  readonly satellites: number;
  /** 3 + the number of clocks solved for. */
  readonly unknowns: number;
}

/**
 * DOP of a list of satellites, for tools and tests (allocates; the per-tick path is accumulateDop and
 * solveDop on a kept scratch). Null when too few satellites or the geometry is singular.
 */
export function dop(looks: readonly DopLook[]): DopValues | null {
  let systemsMax = 1;
  for (const l of looks) systemsMax = Math.max(systemsMax, (l.system ?? 0) + 1);
  const s = createDopScratch(systemsMax);
  for (const l of looks) {
    const cosEl = Math.cos(l.elRad);
    accumulateDop(s, cosEl * Math.sin(l.azRad), cosEl * Math.cos(l.azRad), Math.sin(l.elRad), l.system ?? 0);
  }
  if (!solveDop(s)) return null;
  return { gdop: s.gdop, pdop: s.pdop, hdop: s.hdop, vdop: s.vdop, tdop: s.tdop, satellites: s.satellites, unknowns: s.unknowns };
}
