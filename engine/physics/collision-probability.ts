/**
 * Probability of collision of a short-term encounter, in the encounter plane.
 *
 * Short-term encounter (Foster and Estes 1992, NASA JSC-25898; Chan, Spacecraft Collision Probability,
 * 2008; Alfano 2005, "A Numerical Implementation of Spherical Object Collision Probability", J. Astronaut.
 * Sci. 53(1)): near the time of closest approach the relative motion is a straight line and the position
 * errors of the two objects are Gaussian, independent and frozen, so their covariances add. Projected on
 * the encounter plane (perpendicular to the relative velocity), the relative position at closest approach
 * is a 2-D Gaussian centred on the miss vector; the probability of collision is its mass inside the
 * combined hard-body circle (radius = the sum of the two objects' radii), centred on the origin:
 *
 *   Pc = 1 / (2 pi sx sz) * double integral over x^2 + z^2 <= R^2 of
 *        exp(-(x - xm)^2 / (2 sx^2) - (z - zm)^2 / (2 sz^2)) dx dz
 *
 * in the principal axes of the 2x2 covariance. `pcFoster2d` integrates the z direction in closed form
 * (error functions) and the x direction numerically, the form NASA CARA's PcCircle uses, with x = xm + R
 * sin(phi) so the integrand is smooth at the edges of the circle, and composite 16-point Gauss-Legendre
 * panels doubled until two estimates agree to 1e-12 (at most 256 panels).
 *
 * Vigil tracks one 1-sigma position error per object: an isotropic 3-D Gaussian projects to an isotropic
 * 2-D one of the same sigma on any plane, and the combined sigma is sqrt(s1^2 + s2^2). For that case Pc is
 * the chance that a 2-D Gaussian of sigma s offset by d falls within R: a noncentral chi-square with two
 * degrees of freedom, 1 - Q1(d/s, R/s) with Q1 Marcum's Q function. `pcIsotropicRice` sums it as a Poisson
 * mixture of regularised incomplete gamma functions, a method independent of the quadrature (the tests
 * compare the two). For R << d the well-known approximation Pc ~ R^2 / (2 s^2) exp(-d^2 / (2 s^2)) is
 * `pcIsotropicSmallRadius`; it peaks over s at s = d / sqrt(2) at R^2 / (e d^2), the worst-case Pc.
 *
 * A non-positive-definite projected covariance (rounding in a near-degenerate covariance) has its
 * eigenvalues clipped at (1e-4 R)^2 as CARA's PcCircle does, so a flat covariance gives a finite answer.
 *
 * Read next: screening.ts (which pairs are worth a Pc), Alfano 2009 / CARA's test cases in
 * test/reference/collision-probability.test.ts.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2 = Math.SQRT2;
/** Gaussian factor cut-off: beyond e^-45 (3e-20) of the integrand's largest value nothing counts. */
const GAUSS_CUT_SIGMA2 = 90;
/** Relative agreement of two successive panel doublings, and the doubling limit. */
const QUADRATURE_RELATIVE = 1e-12;
const PANELS_MAX = 256;
/** CARA PcCircle's eigenvalue clipping factor (clip at (1e-4 HBR)^2). */
const CLIP_FACTOR = 1e-4;
/** Terms of the Poisson mixture beyond which pcIsotropicRice hands over to the quadrature. */
const RICE_TERMS_MAX = 20_000;

/** The encounter plane of a conjunction: miss vector and combined covariance in its axes (km, km^2). */
export interface EncounterPlane {
  /** Miss vector components, km: x along (v x (r x v)), z along (r x v). */
  missXKm: number;
  missZKm: number;
  /** Combined position covariance in the plane, km^2. */
  covXXKm2: number;
  covXZKm2: number;
  covZZKm2: number;
}

/** Combined 1-sigma of two independent isotropic position errors, km. */
export function combinedSigmaKm(sigma1Km: number, sigma2Km: number): number {
  return Math.hypot(sigma1Km, sigma2Km);
}

/** Combined hard-body radius: the two objects touch when their centres are this close, km. */
export function combinedHardBodyRadiusKm(radius1Km: number, radius2Km: number): number {
  return radius1Km + radius2Km;
}

/**
 * Project a relative state (object 1 minus object 2, or the reverse: Pc does not care) and the combined
 * 3x3 position covariance (row-major, km^2) on the encounter plane: y along the relative velocity, z
 * along r x v, x = y x z (CARA's conjunction-plane axes). The miss vector is the part of r perpendicular to
 * v, so a state slightly off the time of closest approach still gives the in-plane miss. Writes into and
 * returns `out`.
 */
export function encounterPlane(
  relPosKm: ArrayLike<number>, relVelKmps: ArrayLike<number>, covKm2: ArrayLike<number>,
  out: EncounterPlane = { missXKm: 0, missZKm: 0, covXXKm2: 0, covXZKm2: 0, covZZKm2: 0 },
): EncounterPlane {
  const rx = relPosKm[0], ry = relPosKm[1], rz = relPosKm[2];
  const vx = relVelKmps[0], vy = relVelKmps[1], vz = relVelKmps[2];
  const vn = Math.hypot(vx, vy, vz);
  if (!(vn > 0)) throw new Error('vigil collision-probability - zero relative velocity: no encounter plane (not a short-term encounter)');
  const yx = vx / vn, yy = vy / vn, yz = vz / vn;
  let hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  let hn = Math.hypot(hx, hy, hz);
  if (!(hn > 0)) {
    // r along v (or zero): any normal to v will do; take the one from the smallest component of v.
    const ax = Math.abs(yx) <= Math.abs(yy) && Math.abs(yx) <= Math.abs(yz) ? 1 : 0;
    const ay = ax === 0 && Math.abs(yy) <= Math.abs(yz) ? 1 : 0;
    const az = ax === 0 && ay === 0 ? 1 : 0;
    hx = yy * az - yz * ay; hy = yz * ax - yx * az; hz = yx * ay - yy * ax;
    hn = Math.hypot(hx, hy, hz);
  }
  const zx = hx / hn, zy = hy / hn, zz = hz / hn;
  const xx = yy * zz - yz * zy, xy = yz * zx - yx * zz, xz = yx * zy - yy * zx;
  out.missXKm = rx * xx + ry * xy + rz * xz;
  out.missZKm = rx * zx + ry * zy + rz * zz;
  out.covXXKm2 = quadraticForm(covKm2, xx, xy, xz, xx, xy, xz);
  out.covXZKm2 = quadraticForm(covKm2, xx, xy, xz, zx, zy, zz);
  out.covZZKm2 = quadraticForm(covKm2, zx, zy, zz, zx, zy, zz);
  return out;
}

/** a^T C b for a row-major 3x3 C. */
function quadraticForm(c: ArrayLike<number>, ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  return ax * (c[0] * bx + c[1] * by + c[2] * bz) + ay * (c[3] * bx + c[4] * by + c[5] * bz) + az * (c[6] * bx + c[7] * by + c[8] * bz);
}

/**
 * Foster's 2-D Pc: the mass of the Gaussian N(miss, C) inside the circle of radius hardBodyRadiusKm
 * about the origin, C = [[covXX, covXZ], [covXZ, covZZ]] (km^2). 0 for a zero radius, 1 for an infinite
 * one; NaN for a covariance with no positive eigenvalue (a programming error upstream).
 */
export function pcFoster2d(missXKm: number, missZKm: number, covXXKm2: number, covXZKm2: number, covZZKm2: number, hardBodyRadiusKm: number): number {
  const r = hardBodyRadiusKm;
  if (!(r > 0)) return 0;
  if (r === Infinity) return 1;
  // Principal axes: l1 >= l2, theta the direction of l1.
  const half = 0.5 * (covXXKm2 + covZZKm2);
  const l1 = half + Math.hypot(0.5 * (covXXKm2 - covZZKm2), covXZKm2);
  if (!(l1 > 0)) return Number.NaN;
  let l2 = (covXXKm2 * covZZKm2 - covXZKm2 * covXZKm2) / l1;
  const clip = (CLIP_FACTOR * r) ** 2;
  const l1c = Math.max(l1, clip);
  if (!(l2 >= clip)) l2 = clip;
  const theta = 0.5 * Math.atan2(2 * covXZKm2, covXXKm2 - covZZKm2);
  const c = Math.cos(theta), s = Math.sin(theta);
  const xm = c * missXKm + s * missZKm;
  const zm = -s * missXKm + c * missZKm;
  return pcPrincipal(xm, zm, Math.sqrt(l1c), Math.sqrt(l2), r);
}

/** Pc in principal axes: x integrated numerically (x = xm + R sin phi), z in closed form. */
function pcPrincipal(xm: number, zm: number, sx: number, sz: number, r: number): number {
  // Keep the part of [xm - R, xm + R] where the Gaussian factor is within e^-45 of its largest value.
  const xLo = xm - r, xHi = xm + r;
  const xNear = xLo > 0 ? xLo : xHi < 0 ? xHi : 0;
  const xCut = Math.sqrt(xNear * xNear + GAUSS_CUT_SIGMA2 * sx * sx);
  const a = Math.max(xLo, -xCut), b = Math.min(xHi, xCut);
  if (!(a < b)) return 0;
  const phiA = Math.asin(Math.max(-1, Math.min(1, (a - xm) / r)));
  const phiB = Math.asin(Math.max(-1, Math.min(1, (b - xm) / r)));
  const k = { xm, zm, r, inv2sx2: 1 / (2 * sx * sx), invSqrt2Sz: 1 / (SQRT_2 * sz) };
  let panels = 4;
  let prev = gaussLegendrePanels(k, phiA, phiB, panels);
  let integral = prev;
  while (panels < PANELS_MAX) {
    panels *= 2;
    integral = gaussLegendrePanels(k, phiA, phiB, panels);
    if (Math.abs(integral - prev) <= QUADRATURE_RELATIVE * Math.abs(integral)) break;
    prev = integral;
  }
  const pc = (r / (2 * Math.sqrt(2 * Math.PI) * sx)) * integral;
  return Math.min(1, Math.max(0, pc));
}

interface Integrand {
  xm: number;
  zm: number;
  r: number;
  inv2sx2: number;
  invSqrt2Sz: number;
}

/** cos(phi) exp(-x^2 / 2 sx^2) [erf((zm + h) / (sqrt2 sz)) - erf((zm - h) / (sqrt2 sz))], x = xm + R sin phi, h = R cos phi. */
function integrand(k: Integrand, phi: number): number {
  const cosPhi = Math.cos(phi);
  const x = k.xm + k.r * Math.sin(phi);
  const h = k.r * cosPhi;
  return cosPhi * Math.exp(-x * x * k.inv2sx2) * erfDifference((k.zm + h) * k.invSqrt2Sz, (k.zm - h) * k.invSqrt2Sz);
}

function gaussLegendrePanels(k: Integrand, a: number, b: number, panels: number): number {
  const w = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * w;
    const halfW = 0.5 * w;
    let panel = 0;
    for (let q = 0; q < GL_NODES.length; q++) panel += GL_WEIGHTS[q] * integrand(k, mid + halfW * GL_NODES[q]);
    sum += panel * halfW;
  }
  return sum;
}

/** 16-point Gauss-Legendre nodes and weights on [-1, 1], computed once by Newton on P_16 (deterministic). */
const GL_NODES = new Float64Array(16);
const GL_WEIGHTS = new Float64Array(16);
(function legendreNodes(n: number): void {
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    GL_NODES[i] = x;
    GL_WEIGHTS[i] = 2 / ((1 - x * x) * dp * dp);
  }
})(16);

/**
 * Pc for isotropic errors: the chance that a 2-D Gaussian of sigma `sigmaKm` centred `missKm` from the
 * origin falls within `hardBodyRadiusKm`, = P(noncentral chi-square, 2 dof, noncentrality d^2/s^2 <=
 * R^2/s^2) = 1 - Q1(d/s, R/s), summed as sum_k Poisson(k; d^2/2s^2) P(k + 1, R^2/2s^2) (P the regularised
 * lower incomplete gamma function). Beyond 20,000 terms (d/s above ~100 with R comparable to d) it
 * hands over to pcFoster2d with the isotropic covariance.
 */
export function pcIsotropicRice(missKm: number, sigmaKm: number, hardBodyRadiusKm: number): number {
  const d = Math.abs(missKm), s = sigmaKm, r = hardBodyRadiusKm;
  if (!(r > 0)) return 0;
  if (r === Infinity) return 1;
  if (!(s > 0)) return d < r ? 1 : 0;
  // (d - R) / s beyond 40: Pc < e^-800, below the smallest double.
  if ((d - r) / s > 40) return 0;
  const a = (d * d) / (2 * s * s);
  const b = (r * r) / (2 * s * s);
  if (a === 0) return -Math.expm1(-b);
  // Poisson(k; a) is above e^-745 (the smallest double) only within a +- 39 sqrt(a) or so.
  const width = 40 * Math.sqrt(a) + 40;
  const kLo = Math.max(0, Math.floor(a - width));
  const kHi = Math.ceil(a + width);
  if (kHi - kLo > RICE_TERMS_MAX) return pcFoster2d(d, 0, s * s, 0, s * s, r);
  const logA = Math.log(a);
  let sum = 0;
  for (let k = kLo; k <= kHi; k++) {
    const logPoisson = k * logA - a - logGamma(k + 1);
    if (logPoisson < -745) continue;
    sum += Math.exp(logPoisson) * regularizedGammaP(k + 1, b);
  }
  return Math.min(1, sum);
}

/** Small-radius approximation of the isotropic Pc: R^2 / (2 s^2) exp(-d^2 / (2 s^2)) (R << d or R << s). */
export function pcIsotropicSmallRadius(missKm: number, sigmaKm: number, hardBodyRadiusKm: number): number {
  const s2 = sigmaKm * sigmaKm;
  return ((hardBodyRadiusKm * hardBodyRadiusKm) / (2 * s2)) * Math.exp(-(missKm * missKm) / (2 * s2));
}

/** erf(a) - erf(b) without cancellation when both are far in the same tail. */
function erfDifference(a: number, b: number): number {
  if (b >= 0) return erfc(b) - erfc(a);
  if (a <= 0) return erfc(-a) - erfc(-b);
  return erf(a) + erf(-b);
}

/** Below this |x| erf is summed as a series; above it erfc is a continued fraction. */
const ERF_SPLIT = 2.5;

/**
 * Error function. |x| < 2.5: erf x = 2x/sqrt(pi) e^{-x^2} sum_n (2x^2)^n / (1 3 5 ... (2n+1)) (Abramowitz
 * and Stegun 7.1.6; all terms positive, no cancellation); beyond, 1 - erfc.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < ERF_SPLIT) return erfSeries(x);
  const v = 1 - erfcContinuedFraction(ax);
  return x < 0 ? -v : v;
}

/**
 * Complementary error function, to full relative precision in the upper tail: for x >= 2.5 Laplace's
 * continued fraction erfc x = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) (A&S 7.1.14),
 * evaluated from a fixed depth backwards.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < ERF_SPLIT) return 1 - erf(x);
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  const twoX2 = 2 * x2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
}

/** Depth of the erfc continued fraction: at x = 2.5 the 120th convergent is exact to double precision. */
const ERFC_CF_DEPTH = 120;

function erfcContinuedFraction(x: number): number {
  let f = x;
  for (let n = ERFC_CF_DEPTH; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Lanczos coefficients, g = 7, n = 9 (Numerical Recipes 3rd ed. / the widely used table): ~1e-15 relative. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0 (Lanczos approximation). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Iteration limit of the incomplete gamma series and continued fraction. */
const GAMMA_ITERATIONS_MAX = 10_000;

/** Regularised lower incomplete gamma P(a, x): series for x < a + 1, Legendre's continued fraction above. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(x > 0)) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let del = 1 / a;
    let sum = del;
    for (let n = 1; n < GAMMA_ITERATIONS_MAX; n++) {
      del *= x / (a + n);
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  // Modified Lentz for Q(a, x) = e^-x x^a / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < GAMMA_ITERATIONS_MAX; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/**
 * Pc from two objects' states and 3x3 position covariances at (or near) closest approach, km, km/s,
 * km^2 row-major: combined covariance, encounter plane, then pcFoster2d. The general API for a nation
 * that carries full covariances; Vigil's isotropic sigmas go straight to pcIsotropicRice or pcFoster2d.
 */
export function pcFosterFromStates(
  pos1Km: ArrayLike<number>, vel1Kmps: ArrayLike<number>, cov1Km2: ArrayLike<number>,
  pos2Km: ArrayLike<number>, vel2Kmps: ArrayLike<number>, cov2Km2: ArrayLike<number>,
  hardBodyRadiusKm: number,
): number {
  const rel = [pos1Km[0] - pos2Km[0], pos1Km[1] - pos2Km[1], pos1Km[2] - pos2Km[2]];
  const relV = [vel1Kmps[0] - vel2Kmps[0], vel1Kmps[1] - vel2Kmps[1], vel1Kmps[2] - vel2Kmps[2]];
  const cov = new Array<number>(9);
  for (let i = 0; i < 9; i++) cov[i] = cov1Km2[i] + cov2Km2[i];
  const p = encounterPlane(rel, relV, cov);
  return pcFoster2d(p.missXKm, p.missZKm, p.covXXKm2, p.covXZKm2, p.covZZKm2, hardBodyRadiusKm);
}
