/**
 * All-vs-all conjunction screening with a uniform spatial grid, and the refinement of a close approach
 * between two samples.
 *
 * Model: over one screening interval [0, stepS] every object moves on a straight line, p_i + v_i t, from
 * its state at the common epoch (km, km/s, one inertial frame). A pair (i, j) is a conjunction when the
 * closest approach of that relative linear motion, taken over [0, stepS], is within dKm: time of closest
 * approach t* = clamp(-(dp . dv) / |dv|^2, 0, stepS) (0 when dv = 0), miss = |dp + dv t*|.
 *
 * Grid (never all pairs): [0, stepS] is cut into K equal sub-intervals. For each sub-interval the objects
 * are binned by their position at its middle into cubic cells of side
 *   L = dKm + vMax stepS / K,   vMax the largest object speed,
 * and pairs are taken from the 27 cells around each object (as a half stencil: the own cell and the 13
 * neighbours after it in (x, y, z) order, so each pair of neighbouring cells is visited once). Why no pair
 * is missed: a pair whose t* falls in sub-interval k is within dKm at t*, and |t* - t_mid| <= stepS / (2K),
 * so at t_mid its separation is at most dKm + |v_j - v_i| stepS / (2K) <= dKm + vMax stepS / K = L: each
 * coordinate differs by at most L, so the two cells are neighbours. A pair is reported only by the
 * sub-interval that holds its t*, so each pair comes once. K = 1 pads by vMax stepS (~470 km in LEO for a
 * 60 s step); more sub-intervals shrink the cell for one more O(n) binning pass each. Measured in
 * bench/screening.ts (50,000 objects, dKm 10 km, stepS 60 s) the passes cost more than the candidates
 * they save beyond K = 2-4 without a debris cloud, and a dense cloud (slow relative motion, re-tested in
 * every pass) favours K = 1-2: `subStepsFor` picks K ~ 2 there.
 *
 * Cells: integer cell coordinates hashed (Teschner et al. 2003, "Optimized Spatial Hashing for Collision
 * Detection of Deformable Objects") into a power-of-two table of at least 2n buckets, objects grouped by
 * bucket with a counting sort (O(n), stable in object index, no comparison sort), and states copied into
 * bucket order so the pair loop reads memory in sequence. Two cells sharing a bucket only cost a
 * comparison: a neighbour is accepted only when its exact cell coordinates match, so the hash never
 * changes the result. (Sorting an index array by a 51-bit cell key was not measured against it.)
 *
 * Output: pairs sorted by (i, j), i < j, at most maxPairs of them; when more are found the maxPairs first
 * in (i, j) order are kept and `truncated` is set, so the result never depends on the traversal order.
 * No allocation per object or pair: every buffer is a typed array kept by the Screener and grown by
 * doubling when a larger catalog arrives.
 *
 * What this leaves to the caller: real orbits are not straight lines. Over a step the relative motion of
 * two objects departs from the line by at most about |da| stepS^2 / 8 around the middle of the step, with
 * |da| <= 2 mu / r^3 |dp| the tidal difference of gravity (r the orbit radius, |dp| their separation);
 * `curvatureMarginKm` gives the bound so that the caller can widen dKm by it. Each pair found is then
 * refined between two sampled states with `refineTcaPair` (cubic Hermite interpolation of the relative
 * position).
 *
 * Read next: collision-probability.ts (what a conjunction found here is worth), bench/screening.ts.
 */

/** Earth's gravitational parameter, km^3/s^2 (WGS-72, the constants SGP4 uses). */
const MU_EARTH_KM3_PER_S2 = 398600.8;

/** Upper bound on the sub-intervals of one screening pass (each is an O(n) binning pass). */
export const SCREENING_SUBSTEPS_MAX = 64;

/**
 * Relative rounding allowance on the cell side: positions are rounded to 1e-16 relative, so a cell
 * 1e-7 larger than the bound (plus a micrometre) keeps the neighbour guarantee under rounding.
 */
const CELL_SAFETY = 1 + 1e-7;
const CELL_SAFETY_KM = 1e-9;

/** Cell coordinates stay well inside int32 (the bins are floor(x / L) stored in an Int32Array). */
const CELL_COORD_MAX = 2 ** 29;

/**
 * Time of closest approach within [0, stepS] of the linear relative motion dp + dv t (km, km/s, s).
 * Screener.pairsInPass inlines the same arithmetic, operation for operation: keep the two identical.
 */
export function tcaLinearS(dxKm: number, dyKm: number, dzKm: number, dvxKmps: number, dvyKmps: number, dvzKmps: number, stepS: number): number {
  const vv = dvxKmps * dvxKmps + dvyKmps * dvyKmps + dvzKmps * dvzKmps;
  if (!(vv > 0)) return 0;
  const t = -(dxKm * dvxKmps + dyKm * dvyKmps + dzKm * dvzKmps) / vv;
  return t <= 0 ? 0 : t >= stepS ? stepS : t;
}

/** |dp + dv t|, km: the separation at time tS of the linear relative motion. */
export function separationAtKm(dxKm: number, dyKm: number, dzKm: number, dvxKmps: number, dvyKmps: number, dvzKmps: number, tS: number): number {
  const x = dxKm + dvxKmps * tS, y = dyKm + dvyKmps * tS, z = dzKm + dvzKmps * tS;
  return Math.sqrt(x * x + y * y + z * z);
}

/**
 * Bound on how far the true relative motion of two objects departs from the straight line over a step,
 * km: (2 mu / r^3) |dp| stepS^2 / 8, with |dp| = dKm + relSpeedKmpsMax stepS / 2 (the largest separation
 * of a pair that can come within dKm during the step) and r the smallest orbit radius screened. A
 * generous estimate: widen dKm by it when the screen must not miss a curved close approach.
 */
export function curvatureMarginKm(dKm: number, stepS: number, relSpeedKmpsMax: number, radiusKmMin: number): number {
  const sepKm = dKm + (relSpeedKmpsMax * stepS) / 2;
  return ((2 * MU_EARTH_KM3_PER_S2) / radiusKmMin ** 3) * sepKm * (stepS * stepS) / 8;
}

/**
 * Screens a catalog for conjunctions, again and again, reusing its buffers. Construct once per screening
 * job (maxPairs is its output limit), call `screen` every N ticks, read `count` pairs from pairI, pairJ,
 * tcaS and missKm. The arrays are the Screener's own: valid until the next call, and replaced (not
 * resized in place) when they grow.
 */
export class Screener {
  /** Output limit: at most this many pairs are kept per screen (the first in (i, j) order). */
  readonly maxPairs: number;
  /** Sub-intervals per pass: 0 chooses from the data (see `subStepsFor`), else 1..SCREENING_SUBSTEPS_MAX. */
  subSteps: number;
  /** Pairs kept by the last screen, <= maxPairs. */
  count = 0;
  /** Conjunctions found by the last screen, kept or not. */
  found = 0;
  /** True when the last screen found more than maxPairs conjunctions. */
  truncated = false;
  /** Candidate pairs the last screen tested (neighbouring cells), a measure of the grid's efficiency. */
  candidates = 0;
  /** Sub-intervals and cell side the last screen used. */
  passes = 0;
  cellKm = 0;

  // Per-object scratch, grown to the catalog size.
  private cx: Int32Array = new Int32Array(0);
  private cy: Int32Array = new Int32Array(0);
  private cz: Int32Array = new Int32Array(0);
  private bucket: Int32Array = new Int32Array(0);
  private order: Int32Array = new Int32Array(0);
  private bucketStart: Int32Array = new Int32Array(0);
  private sorted: Float64Array = new Float64Array(0);
  private sortedCell: Int32Array = new Int32Array(0);
  private readonly stencilBucket = new Int32Array(14);
  private binned = 0;
  // Pair buffer: up to 2 maxPairs before it is cut back to the first maxPairs.
  private bufI: Int32Array = new Int32Array(0);
  private bufJ: Int32Array = new Int32Array(0);
  private bufT: Float64Array = new Float64Array(0);
  private bufM: Float64Array = new Float64Array(0);
  private bufKey: Float64Array = new Float64Array(0);
  private perm: Int32Array = new Int32Array(0);
  private scratchI: Int32Array = new Int32Array(0);
  private scratchT: Float64Array = new Float64Array(0);
  private n = 0;
  private m = 0;
  private readonly byKey = (a: number, b: number): number => this.bufKey[a] - this.bufKey[b];

  constructor(maxPairs: number, subSteps = 0) {
    if (!(Number.isInteger(maxPairs) && maxPairs >= 0)) throw new Error(`vigil screening - maxPairs must be a whole number >= 0, got ${maxPairs}`);
    this.maxPairs = maxPairs;
    this.subSteps = subSteps;
  }

  /** First object of each kept pair (i < j), valid for [0, count). */
  get pairI(): Int32Array { return this.bufI; }
  /** Second object of each kept pair. */
  get pairJ(): Int32Array { return this.bufJ; }
  /** Time of closest approach of the linear relative motion, s after the epoch, in [0, stepS]. */
  get tcaS(): Float64Array { return this.bufT; }
  /** Miss distance at that time, km. */
  get missKm(): Float64Array { return this.bufM; }

  /**
   * Screen objects 0..n-1 (posKm, velKmps xyz interleaved, one epoch) for pairs that come within dKm
   * during [0, stepS] on straight lines. Objects with a non-finite state (a failed propagation) are
   * skipped. Returns the number of pairs kept. Throws on a programming error (negative distance or step,
   * arrays shorter than 3n).
   */
  screen(posKm: Float64Array, velKmps: Float64Array, n: number, dKm: number, stepS: number): number {
    if (!(dKm >= 0 && stepS >= 0 && Number.isFinite(dKm) && Number.isFinite(stepS))) {
      throw new Error(`vigil screening - dKm and stepS must be finite and >= 0, got ${dKm}, ${stepS}`);
    }
    if (!(Number.isInteger(n) && n >= 0 && posKm.length >= 3 * n && velKmps.length >= 3 * n)) {
      throw new Error(`vigil screening - need 3n position and velocity components for n = ${n}`);
    }
    this.count = this.found = this.candidates = this.m = this.passes = 0;
    this.truncated = false;
    this.cellKm = 0;
    this.n = n;
    if (n < 2) return 0;
    this.ensureObjects(n);
    let vMax = 0;
    let coordMax = 0;
    for (let i = 0; i < 3 * n; i += 3) {
      const vx = velKmps[i], vy = velKmps[i + 1], vz = velKmps[i + 2];
      const v = Math.sqrt(vx * vx + vy * vy + vz * vz);
      const c = Math.max(Math.abs(posKm[i]), Math.abs(posKm[i + 1]), Math.abs(posKm[i + 2]));
      if (!(v < Infinity && c < Infinity)) continue;
      if (v > vMax) vMax = v;
      if (c > coordMax) coordMax = c;
    }
    const k = this.subSteps > 0 ? Math.min(Math.floor(this.subSteps), SCREENING_SUBSTEPS_MAX) : subStepsFor(dKm, stepS, vMax);
    const dtS = stepS / k;
    // A cell never smaller than the coordinate range allows: a larger cell only adds candidates.
    const cellKm = Math.max((dKm + vMax * dtS) * CELL_SAFETY + CELL_SAFETY_KM, (coordMax + vMax * stepS) / CELL_COORD_MAX);
    this.passes = k;
    this.cellKm = cellKm;
    for (let pass = 0; pass < k; pass++) {
      const tLoS = pass * dtS;
      const tHiS = pass === k - 1 ? Infinity : (pass + 1) * dtS;
      this.bin(posKm, velKmps, (pass + 0.5) * dtS, 1 / cellKm);
      this.pairsInPass(dKm, stepS, tLoS, tHiS);
    }
    this.finish();
    return this.count;
  }

  /**
   * Bin every object by its cell at tS: cell coordinates, bucket, counting sort into `order`, then copy
   * states and cell coordinates into bucket order so the pair loop reads memory in sequence.
   */
  private bin(posKm: Float64Array, velKmps: Float64Array, tS: number, invCellKm: number): void {
    const { n, cx, cy, cz, bucket, order, bucketStart, sorted, sortedCell } = this;
    const mask = bucketStart.length - 2;
    bucketStart.fill(0);
    for (let i = 0; i < n; i++) {
      const k3 = 3 * i;
      const x = Math.floor((posKm[k3] + velKmps[k3] * tS) * invCellKm);
      const y = Math.floor((posKm[k3 + 1] + velKmps[k3 + 1] * tS) * invCellKm);
      const z = Math.floor((posKm[k3 + 2] + velKmps[k3 + 2] * tS) * invCellKm);
      if (!(Math.abs(x) <= CELL_COORD_MAX && Math.abs(y) <= CELL_COORD_MAX && Math.abs(z) <= CELL_COORD_MAX)) {
        bucket[i] = -1; // non-finite state: in no cell
        continue;
      }
      cx[i] = x; cy[i] = y; cz[i] = z;
      const b = cellHash(x, y, z) & mask;
      bucket[i] = b;
      bucketStart[b + 1]++;
    }
    for (let b = 0; b <= mask; b++) bucketStart[b + 1] += bucketStart[b];
    // bucketStart[b] is where bucket b starts; fill with a moving cursor, then shift the cursors back.
    for (let i = 0; i < n; i++) {
      const b = bucket[i];
      if (b >= 0) order[bucketStart[b]++] = i;
    }
    for (let b = mask; b >= 0; b--) bucketStart[b + 1] = bucketStart[b];
    bucketStart[0] = 0;
    const binned = bucketStart[mask + 1];
    for (let a = 0; a < binned; a++) {
      const i = order[a];
      const i3 = 3 * i, a6 = 6 * a, a3 = 3 * a;
      sorted[a6] = posKm[i3]; sorted[a6 + 1] = posKm[i3 + 1]; sorted[a6 + 2] = posKm[i3 + 2];
      sorted[a6 + 3] = velKmps[i3]; sorted[a6 + 4] = velKmps[i3 + 1]; sorted[a6 + 5] = velKmps[i3 + 2];
      sortedCell[a3] = cx[i]; sortedCell[a3 + 1] = cy[i]; sortedCell[a3 + 2] = cz[i];
    }
    this.binned = binned;
  }

  /**
   * Each pair in neighbouring cells once: the own cell (entries after this one in its bucket) and the 13
   * neighbours after it in (x, y, z) order (a half stencil: the other 13 see this cell as theirs). Keep
   * the pairs whose t* falls in [tLoS, tHiS).
   */
  private pairsInPass(dKm: number, stepS: number, tLoS: number, tHiS: number): void {
    const { order, bucketStart, sorted, sortedCell, binned, stencilBucket } = this;
    const mask = bucketStart.length - 2;
    let candidates = 0;
    let runX = 0, runY = 0, runZ = 0, runValid = false;
    for (let a = 0; a < binned; a++) {
      const a3 = 3 * a, a6 = 6 * a;
      const x = sortedCell[a3], y = sortedCell[a3 + 1], z = sortedCell[a3 + 2];
      if (!runValid || x !== runX || y !== runY || z !== runZ) {
        // A new cell: its 14 buckets (own first), shared by the run of entries in the same cell.
        runX = x; runY = y; runZ = z; runValid = true;
        for (let k = 0; k < 14; k++) stencilBucket[k] = cellHash(x + STENCIL[3 * k], y + STENCIL[3 * k + 1], z + STENCIL[3 * k + 2]) & mask;
      }
      const i = order[a];
      const px = sorted[a6], py = sorted[a6 + 1], pz = sorted[a6 + 2];
      const vx = sorted[a6 + 3], vy = sorted[a6 + 4], vz = sorted[a6 + 5];
      for (let k = 0; k < 14; k++) {
        const nx = x + STENCIL[3 * k], ny = y + STENCIL[3 * k + 1], nz = z + STENCIL[3 * k + 2];
        const bk = stencilBucket[k];
        const end = bucketStart[bk + 1];
        for (let e = k === 0 ? a + 1 : bucketStart[bk]; e < end; e++) {
          const e3 = 3 * e;
          if (sortedCell[e3] !== nx || sortedCell[e3 + 1] !== ny || sortedCell[e3 + 2] !== nz) continue;
          candidates++;
          const j = order[e];
          const e6 = 6 * e;
          // IEEE subtraction is exactly antisymmetric (a - b = -(b - a)) and t*, miss are even in (dp, dv), so
          // taking other - this for either index order gives the all-pairs reference's bits, with no branch.
          const dx = sorted[e6] - px, dy = sorted[e6 + 1] - py, dz = sorted[e6 + 2] - pz;
          const dvx = sorted[e6 + 3] - vx, dvy = sorted[e6 + 4] - vy, dvz = sorted[e6 + 5] - vz;
          const vv = dvx * dvx + dvy * dvy + dvz * dvz;
          let t = 0;
          if (vv > 0) {
            t = -(dx * dvx + dy * dvy + dz * dvz) / vv;
            t = t <= 0 ? 0 : t >= stepS ? stepS : t;
          }
          if (t < tLoS || t >= tHiS) continue;
          const mx = dx + dvx * t, my = dy + dvy * t, mz = dz + dvz * t;
          const miss = Math.sqrt(mx * mx + my * my + mz * mz);
          if (miss <= dKm) {
            if (j > i) this.push(i, j, t, miss);
            else this.push(j, i, t, miss);
          }
        }
      }
    }
    this.candidates += candidates;
  }

  private push(i: number, j: number, tS: number, missKm: number): void {
    this.found++;
    if (this.maxPairs === 0) {
      this.truncated = true;
      return;
    }
    if (this.m === this.bufI.length) {
      if (this.m >= 2 * this.maxPairs) this.keepFirst();
      else this.growPairs(Math.min(2 * this.maxPairs, Math.max(64, 2 * this.m)));
    }
    const m = this.m++;
    this.bufI[m] = i;
    this.bufJ[m] = j;
    this.bufT[m] = tS;
    this.bufM[m] = missKm;
  }

  /** Sort the buffer by (i, j); keep at most maxPairs. */
  private keepFirst(): void {
    const { m, perm, bufKey, bufI, bufJ, bufT, bufM, scratchI, scratchT } = this;
    const n = this.n;
    for (let p = 0; p < m; p++) {
      perm[p] = p;
      bufKey[p] = bufI[p] * n + bufJ[p]; // < n^2 <= 2^53 for any catalog that fits in memory: exact
    }
    perm.subarray(0, m).sort(this.byKey);
    const keep = Math.min(m, this.maxPairs);
    if (m > this.maxPairs) this.truncated = true;
    // Apply the permutation through one scratch array per type.
    for (let p = 0; p < keep; p++) scratchI[p] = bufI[perm[p]];
    for (let p = 0; p < keep; p++) bufI[p] = scratchI[p];
    for (let p = 0; p < keep; p++) scratchI[p] = bufJ[perm[p]];
    for (let p = 0; p < keep; p++) bufJ[p] = scratchI[p];
    for (let p = 0; p < keep; p++) scratchT[p] = bufT[perm[p]];
    for (let p = 0; p < keep; p++) bufT[p] = scratchT[p];
    for (let p = 0; p < keep; p++) scratchT[p] = bufM[perm[p]];
    for (let p = 0; p < keep; p++) bufM[p] = scratchT[p];
    this.m = keep;
  }

  private finish(): void {
    if (this.m > 0) this.keepFirst();
    this.count = this.m;
  }

  private ensureObjects(n: number): void {
    if (this.cx.length < n) {
      const size = Math.max(n, 2 * this.cx.length);
      this.cx = new Int32Array(size);
      this.cy = new Int32Array(size);
      this.cz = new Int32Array(size);
      this.bucket = new Int32Array(size);
      this.order = new Int32Array(size);
      this.sorted = new Float64Array(6 * size);
      this.sortedCell = new Int32Array(3 * size);
    }
    let table = 16;
    while (table < 2 * n) table *= 2;
    if (this.bucketStart.length !== table + 1) this.bucketStart = new Int32Array(table + 1);
  }

  private growPairs(size: number): void {
    const m = this.m;
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(size); b.set(a.subarray(0, m)); return b; };
    const grow64 = (a: Float64Array): Float64Array => { const b = new Float64Array(size); b.set(a.subarray(0, m)); return b; };
    this.bufI = grow32(this.bufI);
    this.bufJ = grow32(this.bufJ);
    this.bufT = grow64(this.bufT);
    this.bufM = grow64(this.bufM);
    this.bufKey = new Float64Array(size);
    this.perm = new Int32Array(size);
    this.scratchI = new Int32Array(size);
    this.scratchT = new Float64Array(size);
  }
}

/**
 * Sub-intervals chosen for a pass: K = ceil(vMax stepS / (25 dKm)), at most SCREENING_SUBSTEPS_MAX, so the
 * cell is 13-26 screening distances. Measured in bench/screening.ts on 50,000 objects (dKm 10 km, stepS
 * 60 s, vMax 7.8 km/s; that gives K = 2): catalog and shells alone, K = 2-4 is fastest (the binning passes
 * dominate beyond); with a 5,000-fragment cloud, K = 1-2 (its pairs are re-tested in every pass).
 */
export function subStepsFor(dKm: number, stepS: number, vMaxKmps: number): number {
  const sweepKm = vMaxKmps * stepS;
  if (!(sweepKm > 0)) return 1;
  if (!(dKm > 0)) return SCREENING_SUBSTEPS_MAX;
  return Math.max(1, Math.min(SCREENING_SUBSTEPS_MAX, Math.ceil(sweepKm / (25 * dKm))));
}

/** The own cell, then the 13 neighbours after it in (x, y, z) lexicographic order: the half stencil. */
const STENCIL = new Int32Array([
  0, 0, 0,
  0, 0, 1, 0, 1, -1, 0, 1, 0, 0, 1, 1,
  1, -1, -1, 1, -1, 0, 1, -1, 1, 1, 0, -1, 1, 0, 0, 1, 0, 1, 1, 1, -1, 1, 1, 0, 1, 1, 1,
]);

/** Spatial hash of integer cell coordinates (Teschner et al. 2003 primes); the caller masks it. */
function cellHash(x: number, y: number, z: number): number {
  return Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791);
}

/**
 * All pairs, the reference the grid must match: same test, same arithmetic, O(n^2). Fills `out` (a
 * Screener's output is not touched) and returns how many pairs, in (i, j) order; stops storing at
 * out.i.length but keeps counting.
 */
export function screenAllPairs(
  posKm: Float64Array, velKmps: Float64Array, n: number, dKm: number, stepS: number,
  out: { i: Int32Array; j: Int32Array; tcaS: Float64Array; missKm: Float64Array },
): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const i3 = 3 * i;
    for (let j = i + 1; j < n; j++) {
      const j3 = 3 * j;
      const dx = posKm[j3] - posKm[i3], dy = posKm[j3 + 1] - posKm[i3 + 1], dz = posKm[j3 + 2] - posKm[i3 + 2];
      const dvx = velKmps[j3] - velKmps[i3], dvy = velKmps[j3 + 1] - velKmps[i3 + 1], dvz = velKmps[j3 + 2] - velKmps[i3 + 2];
      const t = tcaLinearS(dx, dy, dz, dvx, dvy, dvz, stepS);
      const miss = separationAtKm(dx, dy, dz, dvx, dvy, dvz, t);
      if (!(miss <= dKm)) continue;
      if (m < out.i.length) {
        out.i[m] = i;
        out.j[m] = j;
        out.tcaS[m] = t;
        out.missKm[m] = miss;
      }
      m++;
    }
  }
  return m;
}

/** Time and distance of a refined closest approach. */
export interface RefinedTca {
  /** Time of closest approach, s after the first sample, in [0, stepS]. */
  tcaS: number;
  /** Miss distance at that time, km. */
  missKm: number;
}

/** Sign-change brackets of d|r|^2/ds searched for minima on [0, 1]. */
const REFINE_BRACKETS = 32;
/** Bisection steps per bracket: 2^-60 of a bracket is far below a microsecond for any step. */
const REFINE_BISECTIONS = 60;

/**
 * Closest approach between two samples stepS apart, from the relative position and velocity of the pair
 * at both (object B minus object A; km, km/s): the relative position is interpolated with a cubic Hermite
 * polynomial in s = t / stepS, and |r(s)|^2 is minimised over [0, 1] (its derivative, a quintic, is
 * bracketed on 32 sub-intervals and bisected; the endpoints count). Straight-line motion is reproduced
 * exactly. Writes into and returns `out`.
 */
export function refineTca(
  relPos0Km: ArrayLike<number>, relVel0Kmps: ArrayLike<number>, relPos1Km: ArrayLike<number>, relVel1Kmps: ArrayLike<number>,
  stepS: number, out: RefinedTca = { tcaS: 0, missKm: 0 },
): RefinedTca {
  return hermiteTca(
    relPos0Km[0], relPos0Km[1], relPos0Km[2], relVel0Kmps[0], relVel0Kmps[1], relVel0Kmps[2],
    relPos1Km[0], relPos1Km[1], relPos1Km[2], relVel1Kmps[0], relVel1Kmps[1], relVel1Kmps[2], stepS, out,
  );
}

/**
 * `refineTca` for pair (i, j) of two catalog samples stepS apart (xyz interleaved, km and km/s, object j
 * minus object i), the form a screening job uses after `Screener.screen`.
 */
export function refineTcaPair(
  pos0Km: Float64Array, vel0Kmps: Float64Array, pos1Km: Float64Array, vel1Kmps: Float64Array,
  i: number, j: number, stepS: number, out: RefinedTca = { tcaS: 0, missKm: 0 },
): RefinedTca {
  const a = 3 * i, b = 3 * j;
  return hermiteTca(
    pos0Km[b] - pos0Km[a], pos0Km[b + 1] - pos0Km[a + 1], pos0Km[b + 2] - pos0Km[a + 2],
    vel0Kmps[b] - vel0Kmps[a], vel0Kmps[b + 1] - vel0Kmps[a + 1], vel0Kmps[b + 2] - vel0Kmps[a + 2],
    pos1Km[b] - pos1Km[a], pos1Km[b + 1] - pos1Km[a + 1], pos1Km[b + 2] - pos1Km[a + 2],
    vel1Kmps[b] - vel1Kmps[a], vel1Kmps[b + 1] - vel1Kmps[a + 1], vel1Kmps[b + 2] - vel1Kmps[a + 2],
    stepS, out,
  );
}

/** Hermite coefficients of the pair being refined: c1, c2, c3 per axis (c0 is the first sample). */
const HERMITE = new Float64Array(12);

function hermiteTca(
  x0: number, y0: number, z0: number, u0: number, v0: number, w0: number,
  x1: number, y1: number, z1: number, u1: number, v1: number, w1: number,
  stepS: number, out: RefinedTca,
): RefinedTca {
  const h = stepS;
  const c = HERMITE;
  // r(s) = c0 + c1 s + c2 s^2 + c3 s^3, the Hermite basis expanded, per axis.
  c[0] = x0; c[1] = h * u0; c[2] = -3 * x0 - 2 * h * u0 + 3 * x1 - h * u1; c[3] = 2 * x0 + h * u0 - 2 * x1 + h * u1;
  c[4] = y0; c[5] = h * v0; c[6] = -3 * y0 - 2 * h * v0 + 3 * y1 - h * v1; c[7] = 2 * y0 + h * v0 - 2 * y1 + h * v1;
  c[8] = z0; c[9] = h * w0; c[10] = -3 * z0 - 2 * h * w0 + 3 * z1 - h * w1; c[11] = 2 * z0 + h * w0 - 2 * z1 + h * w1;
  let sBest = 0;
  let dBest = hermiteDist2(c, 0);
  const d1 = hermiteDist2(c, 1);
  if (d1 < dBest) { sBest = 1; dBest = d1; }
  let sLo = 0;
  let gLo = hermiteSlope(c, 0);
  for (let k = 1; k <= REFINE_BRACKETS; k++) {
    const sHi = k / REFINE_BRACKETS;
    const gHi = hermiteSlope(c, sHi);
    if (gLo < 0 && gHi >= 0) {
      let a = sLo, b = sHi;
      for (let it = 0; it < REFINE_BISECTIONS; it++) {
        const mid = 0.5 * (a + b);
        if (hermiteSlope(c, mid) < 0) a = mid;
        else b = mid;
      }
      const s = 0.5 * (a + b);
      const d = hermiteDist2(c, s);
      if (d < dBest) { sBest = s; dBest = d; }
    }
    sLo = sHi;
    gLo = gHi;
  }
  out.tcaS = sBest * h;
  out.missKm = Math.sqrt(dBest);
  return out;
}

/** |r(s)|^2 of the Hermite polynomial. */
function hermiteDist2(c: Float64Array, s: number): number {
  const x = c[0] + s * (c[1] + s * (c[2] + s * c[3]));
  const y = c[4] + s * (c[5] + s * (c[6] + s * c[7]));
  const z = c[8] + s * (c[9] + s * (c[10] + s * c[11]));
  return x * x + y * y + z * z;
}

/** r(s) . r'(s): half the derivative of |r(s)|^2, negative while the pair closes. */
function hermiteSlope(c: Float64Array, s: number): number {
  const x = c[0] + s * (c[1] + s * (c[2] + s * c[3]));
  const y = c[4] + s * (c[5] + s * (c[6] + s * c[7]));
  const z = c[8] + s * (c[9] + s * (c[10] + s * c[11]));
  const dx = c[1] + s * (2 * c[2] + 3 * s * c[3]);
  const dy = c[5] + s * (2 * c[6] + 3 * s * c[7]);
  const dz = c[9] + s * (2 * c[10] + 3 * s * c[11]);
  return x * dx + y * dy + z * dz;
}
