/**
 * All-vs-all conjunction screening with a uniform spatial grid, and the refinement of a close approach
 * between two samples.
 *
 * Model: over one screening interval [0, stepS] every object moves on a straight line, p_i + v_i t, from
 * its state at the common epoch (km, km/s, one inertial frame). A pair (i, j) is a conjunction when the
 * closest approach of that relative linear motion, taken over [0, stepS], is within dKm: time of closest
 * approach t* = clamp(-(dp . dv) / |dv|^2, 0, stepS) (0 when dv = 0), miss = |dp + dv t*|.
 *
 * Grid (never all pairs), in two searches that split the pairs between them by velocity. Velocity space
 * is cut into cells of side W = VELOCITY_CELL_KMPS (0.5 km/s): a pair whose velocity cells are neighbours
 * (each component's cell index within one) is "slow", |dv| < 2 W per axis; every other pair is "fast".
 * Each pair belongs to exactly one search, and each search finds all of its own:
 *
 * - A search cuts [0, stepS] into K equal sub-intervals. For each, the objects are binned by their
 *   position at its middle into cubic cells of side L, and pairs are taken from neighbouring cells (a half
 *   stencil: the own cell and the 13 neighbours after it in (x, y, z) order, so each pair of neighbouring
 *   cells is visited once). A pair whose t* falls in sub-interval k is within dKm at t*, and
 *   |t* - t_mid| <= stepS / (2K), so at t_mid each coordinate of its separation is at most
 *   dKm + |dv_axis| stepS / (2K): with L at least that, the two cells are neighbours. A pair is reported
 *   only by the sub-interval that holds its t*, so each pair comes once.
 * - Fast search: L = dKm + vMax stepS / K (|dv_axis| <= 2 vMax, vMax the largest object speed), K from
 *   `subStepsFor` (cell ~15 screening distances). Pairs of neighbouring velocity cells met on the way are
 *   skipped a whole group at a time (see below), never tested.
 * - Slow search: L = dKm + W stepS / K (|dv_axis| < 2 W), K from `slowSubStepsFor` (cell ~2.5 screening
 *   distances); only pairs of neighbouring velocity cells are tested.
 *
 * Why: a debris cloud (or any co-moving group: a constellation plane, the GEO belt) is dense and moves
 * together. With one grid sized by the global vMax its members all share a few cells of ~150-600 km and
 * every pair of them is tested in every sub-interval: on the bench's 5,000-fragment cloud that was 12-40
 * million candidates. Their relative motion is slow, so the slow search puts them in 25 km cells.
 *
 * Cells: the three integer cell coordinates (offset to [1, range], at most CELL_COORD_RANGE = 2^17 per
 * axis; the cell is enlarged when the catalog's extent would need more) are packed in one key,
 * (x R + y) R + z < 2^51, exact in a double. Objects are sorted by key with three stable counting sorts
 * (z, y, x; O(n + range), no comparison sort), starting from an order sorted once per screen by velocity
 * cell, so within a position cell each velocity cell's objects are contiguous (a "group"). The sweep
 * then reads the entries in key order; the own cell with the cell after it in z, and each of the rows
 * (x, y + 1), (x + 1, y - 1), (x + 1, y), (x + 1, y + 1) over z - 1..z + 1, is one contiguous key range,
 * and the ends of each range only move forward as the sweep does: five monotone cursors, no hashing, no
 * random access. (The first version hashed cells into buckets, Teschner et al. 2003, and looked up 14
 * buckets per object: ~15 ms of cache misses per pass on 50,000 objects, before any pair was tested.)
 *
 * Measured in bench/screening.ts (50,000 objects: 14,710 catalog, a 5,000-fragment cloud with delta-v up
 * to 250 m/s, 30,290 synthetic LEO/MEO/GEO; dKm 10 km, stepS 60 s; 2-core Xeon shared with other jobs):
 * hashed grid, one search: 540-620 ms, 16-45 million candidates (K = 1-4); this design: ~75 ms
 * (fast K = 4, 150 km cells, ~0.44 million candidates; slow K = 2, 25 km cells, ~0.53 million candidates,
 * nearly all the cloud's), the same 3,941 pairs. Without the cloud ~70 ms: the cloud now costs ~5 ms.
 * Per sub-interval the binning costs ~2-4 ms and the sweep's own overhead (not counting pair tests)
 * ~4 ms, so beyond K = 4 more passes cost more than the candidates they save.
 *
 * Output: pairs sorted by (i, j), i < j, at most maxPairs of them; when more are found the maxPairs first
 * in (i, j) order are kept and `truncated` is set, so the result never depends on the traversal order.
 * No allocation per object or pair: every buffer is a typed array kept by the Screener and grown by
 * doubling when a larger catalog arrives. test/reference/screening.test.ts checks the result against
 * brute force (`screenAllPairs`, the same arithmetic) on random catalogs: the same pairs, bit for bit.
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

/** Cells per axis at most: three coordinates packed in one key, (x R + y) R + z < 2^51, exact in a double. */
const CELL_COORD_RANGE = 2 ** 17;

/**
 * Velocity cell side W, km/s: pairs whose velocity cells are neighbours (per axis within one cell, so
 * |dv| < 2 W per axis) are the slow search's, the others the fast search's. See the file comment.
 */
export const VELOCITY_CELL_KMPS = 0.5;
/** Velocity cells beyond +-this (|v| > 1,024 W) are none: such an object is in the fast search only. */
const VELOCITY_CELL_CLAMP = 2048;

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
  /**
   * Sub-intervals of the fast search: 0 chooses from the data (see `subStepsFor`), else
   * 1..SCREENING_SUBSTEPS_MAX. The slow search chooses its own (`slowSubStepsFor`).
   */
  subSteps: number;
  /** Pairs kept by the last screen, <= maxPairs. */
  count = 0;
  /** Conjunctions found by the last screen, kept or not. */
  found = 0;
  /** True when the last screen found more than maxPairs conjunctions. */
  truncated = false;
  /** Candidate pairs the last screen tested with the full arithmetic (both searches), a measure of the grid's efficiency. */
  candidates = 0;
  /** Sub-intervals and cell side of the last screen's fast search. */
  passes = 0;
  cellKm = 0;
  /** Sub-intervals and cell side of the last screen's slow search (velocity-neighbour pairs). */
  slowPasses = 0;
  slowCellKm = 0;

  // Per-object scratch, grown to the catalog size.
  private live: Int32Array = new Int32Array(0);
  private byVelocity: Int32Array = new Int32Array(0);
  private ordA: Int32Array = new Int32Array(0);
  private ordB: Int32Array = new Int32Array(0);
  private cx: Int32Array = new Int32Array(0);
  private cy: Int32Array = new Int32Array(0);
  private cz: Int32Array = new Int32Array(0);
  private vc: Float64Array = new Float64Array(0);
  private hist: Int32Array = new Int32Array(0);
  // Entries in cell-key order: key, epoch state (p, v), velocity cell, object index, end of its group.
  private sKey: Float64Array = new Float64Array(0);
  private sPv: Float64Array = new Float64Array(0);
  private sVc: Float64Array = new Float64Array(0);
  private sIdx: Int32Array = new Int32Array(0);
  private sGroupEnd: Int32Array = new Int32Array(0);
  private m = 0;
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
  private kept = 0;
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
    this.count = this.found = this.candidates = this.kept = this.passes = this.slowPasses = 0;
    this.truncated = false;
    this.cellKm = this.slowCellKm = 0;
    this.n = n;
    if (n < 2) return 0;
    this.ensureObjects(n);
    const { live, vc } = this;
    let m = 0;
    let vMax = 0;
    let coordMax = 0;
    for (let i = 0; i < n; i++) {
      const i3 = 3 * i;
      const vx = velKmps[i3], vy = velKmps[i3 + 1], vz = velKmps[i3 + 2];
      const v = Math.sqrt(vx * vx + vy * vy + vz * vz);
      const c = Math.max(Math.abs(posKm[i3]), Math.abs(posKm[i3 + 1]), Math.abs(posKm[i3 + 2]));
      if (!(v < Infinity && c < Infinity)) continue; // non-finite state: in no search
      if (v > vMax) vMax = v;
      if (c > coordMax) coordMax = c;
      live[m++] = i;
      vc[i3] = velocityCell(vx);
      vc[i3 + 1] = velocityCell(vy);
      vc[i3 + 2] = velocityCell(vz);
    }
    this.m = m;
    if (m < 2) return 0;
    this.sortByVelocityCell();
    // A cell never smaller than the coordinate range allows (CELL_COORD_RANGE per axis): a larger cell
    // only adds candidates.
    const cellMinKm = (2 * (coordMax + vMax * stepS)) / (CELL_COORD_RANGE - 8);
    const k = this.subSteps > 0 ? Math.min(Math.floor(this.subSteps), SCREENING_SUBSTEPS_MAX) : subStepsFor(dKm, stepS, vMax);
    const cellKm = Math.max((dKm + (vMax * stepS) / k) * CELL_SAFETY + CELL_SAFETY_KM, cellMinKm);
    const ks = slowSubStepsFor(dKm, stepS);
    // Velocity neighbours differ by less than 2 W per axis: the relative speed bound of the slow search.
    const slowCellKm = Math.max((dKm + (VELOCITY_CELL_KMPS * stepS) / ks) * CELL_SAFETY + CELL_SAFETY_KM, cellMinKm);
    this.passes = k;
    this.cellKm = cellKm;
    this.slowPasses = ks;
    this.slowCellKm = slowCellKm;
    this.search(posKm, velKmps, dKm, stepS, k, cellKm, true);
    this.search(posKm, velKmps, dKm, stepS, ks, slowCellKm, false);
    this.finish();
    return this.count;
  }

  /** Sub-intervals [tLo, tHi) of [0, stepS], each binned at its middle and swept. */
  private search(posKm: Float64Array, velKmps: Float64Array, dKm: number, stepS: number, k: number, cellKm: number, fast: boolean): void {
    const dtS = stepS / k;
    for (let pass = 0; pass < k; pass++) {
      const tLoS = pass * dtS;
      const tHiS = pass === k - 1 ? Infinity : (pass + 1) * dtS;
      this.bin(posKm, velKmps, (pass + 0.5) * dtS, 1 / cellKm);
      this.sweep(dKm, stepS, tLoS, tHiS, fast);
    }
  }

  /**
   * Live objects in velocity-cell order (three stable counting sorts, z then y then x, on the clamped
   * cells), so that the stable position sorts of every pass leave each velocity cell's objects of one
   * position cell next to each other: a group the fast search skips in one step.
   */
  private sortByVelocityCell(): void {
    const { live, vc, m, cx, cy, cz } = this;
    // The per-object cell arrays serve as sort keys here; bin() overwrites them.
    for (let a = 0; a < m; a++) {
      const i3 = 3 * live[a];
      cx[live[a]] = velocitySortKey(vc[i3]);
      cy[live[a]] = velocitySortKey(vc[i3 + 1]);
      cz[live[a]] = velocitySortKey(vc[i3 + 2]);
    }
    const size = 2 * VELOCITY_CELL_CLAMP + 1;
    const zs = this.sortBy(live, this.ordA, cz, size);
    const ys = this.sortBy(zs, this.ordB, cy, size);
    this.sortBy(ys, this.byVelocity, cx, size);
  }

  private histogram(size: number): Int32Array {
    if (this.hist.length < size + 1) this.hist = new Int32Array(size + 1);
    this.hist.fill(0, 0, size + 1);
    return this.hist;
  }

  /**
   * Bin every live object by its cell at tS and sort by cell key (x, y, z; three stable counting sorts on
   * the velocity-ordered list), then copy states into that order so the sweep reads memory in sequence.
   */
  private bin(posKm: Float64Array, velKmps: Float64Array, tS: number, invCellKm: number): void {
    const { m, live, cx, cy, cz, byVelocity, sKey, sPv, sVc, sIdx, sGroupEnd, vc } = this;
    let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
    for (let a = 0; a < m; a++) {
      const i = live[a], k3 = 3 * i;
      const x = Math.floor((posKm[k3] + velKmps[k3] * tS) * invCellKm);
      const y = Math.floor((posKm[k3 + 1] + velKmps[k3 + 1] * tS) * invCellKm);
      const z = Math.floor((posKm[k3 + 2] + velKmps[k3 + 2] * tS) * invCellKm);
      cx[i] = x; cy[i] = y; cz[i] = z;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    // Offsets put every coordinate in [1, range]: the neighbours at -1 and +1 stay inside [0, 2^17).
    const sizes = [x1 - x0 + 3, y1 - y0 + 3, z1 - z0 + 3];
    if (!(Math.max(...sizes) <= CELL_COORD_RANGE)) throw new Error(`vigil screening - cell range ${sizes.join(' x ')} exceeds ${CELL_COORD_RANGE} (internal)`);
    for (let a = 0; a < m; a++) {
      const i = live[a];
      cx[i] -= x0 - 1; cy[i] -= y0 - 1; cz[i] -= z0 - 1;
    }
    const zs = this.sortBy(byVelocity, this.ordA, cz, sizes[2]);
    const ys = this.sortBy(zs, this.ordB, cy, sizes[1]);
    const ord = this.sortBy(ys, this.ordA, cx, sizes[0]);
    for (let a = 0; a < m; a++) {
      const i = ord[a];
      const i3 = 3 * i, a6 = 6 * a, a3 = 3 * a;
      sKey[a] = (cx[i] * CELL_COORD_RANGE + cy[i]) * CELL_COORD_RANGE + cz[i];
      sIdx[a] = i;
      sPv[a6] = posKm[i3]; sPv[a6 + 1] = posKm[i3 + 1]; sPv[a6 + 2] = posKm[i3 + 2];
      sPv[a6 + 3] = velKmps[i3]; sPv[a6 + 4] = velKmps[i3 + 1]; sPv[a6 + 5] = velKmps[i3 + 2];
      sVc[a3] = vc[i3]; sVc[a3 + 1] = vc[i3 + 1]; sVc[a3 + 2] = vc[i3 + 2];
    }
    // Groups: runs of one position cell and one velocity cell (NaN cells are groups of one).
    let end = m;
    for (let a = m - 1; a >= 0; a--) {
      const a3 = 3 * a;
      if (a + 1 < m && !(sKey[a + 1] === sKey[a] && sVc[a3 + 3] === sVc[a3] && sVc[a3 + 4] === sVc[a3 + 1] && sVc[a3 + 5] === sVc[a3 + 2])) end = a + 1;
      sGroupEnd[a] = end;
    }
  }

  /** Stable counting sort of the m entries of `src` (object indices) by key[i] in [0, size) into `dst`. */
  private sortBy(src: Int32Array, dst: Int32Array, key: Int32Array, size: number): Int32Array {
    const hist = this.histogram(size);
    const m = this.m;
    for (let a = 0; a < m; a++) hist[key[src[a]] + 1]++;
    for (let b = 0; b < size; b++) hist[b + 1] += hist[b];
    for (let a = 0; a < m; a++) {
      const i = src[a];
      dst[hist[key[i]]++] = i;
    }
    return dst;
  }

  /**
   * Each pair of entries in neighbouring cells once, with monotone cursors over the key-sorted entries:
   * the rest of the own cell and the cell after it in z (one key range), then the rows (x, y + 1),
   * (x + 1, y - 1), (x + 1, y), (x + 1, y + 1), z - 1..z + 1 (a key range each, whose ends only move
   * forward as the sweep does): the half stencil, 13 neighbours and the own cell. Fast search: pairs of
   * neighbouring velocity cells are skipped, a whole group at a time; slow search: only they are tested.
   * Keep the pairs whose t* falls in [tLoS, tHiS).
   */
  private sweep(dKm: number, stepS: number, tLoS: number, tHiS: number, fast: boolean): void {
    const { m, sKey } = this;
    const R = CELL_COORD_RANGE, R2 = R * R;
    let runKey = -1;
    let ownHi = 0;
    let lo0 = 0, hi0 = 0, lo1 = 0, hi1 = 0, lo2 = 0, hi2 = 0, lo3 = 0, hi3 = 0;
    for (let a = 0; a < m; a++) {
      const key = sKey[a];
      if (key !== runKey) {
        // A new cell: move the cursors to its ranges (shared by the run of entries in the cell).
        runKey = key;
        while (ownHi < m && sKey[ownHi] <= key + 1) ownHi++;
        // Row (x, y + 1), then (x + 1, y - 1), (x + 1, y), (x + 1, y + 1): keys base - 1 .. base + 1.
        let base = key + R;
        while (lo0 < m && sKey[lo0] < base - 1) lo0++;
        if (hi0 < lo0) hi0 = lo0;
        while (hi0 < m && sKey[hi0] <= base + 1) hi0++;
        base = key + R2 - R;
        while (lo1 < m && sKey[lo1] < base - 1) lo1++;
        if (hi1 < lo1) hi1 = lo1;
        while (hi1 < m && sKey[hi1] <= base + 1) hi1++;
        base = key + R2;
        while (lo2 < m && sKey[lo2] < base - 1) lo2++;
        if (hi2 < lo2) hi2 = lo2;
        while (hi2 < m && sKey[hi2] <= base + 1) hi2++;
        base = key + R2 + R;
        while (lo3 < m && sKey[lo3] < base - 1) lo3++;
        if (hi3 < lo3) hi3 = lo3;
        while (hi3 < m && sKey[hi3] <= base + 1) hi3++;
      }
      if (ownHi > a + 1) this.range(a, a + 1, ownHi, dKm, stepS, tLoS, tHiS, fast);
      if (hi0 > lo0) this.range(a, lo0, hi0, dKm, stepS, tLoS, tHiS, fast);
      if (hi1 > lo1) this.range(a, lo1, hi1, dKm, stepS, tLoS, tHiS, fast);
      if (hi2 > lo2) this.range(a, lo2, hi2, dKm, stepS, tLoS, tHiS, fast);
      if (hi3 > lo3) this.range(a, lo3, hi3, dKm, stepS, tLoS, tHiS, fast);
    }
  }

  /**
   * Entry a against entries [from, to): the pair test. Fast search: pairs of neighbouring velocity cells
   * are skipped, a whole group at a time; slow search: only they are tested. Keeps the pairs whose t*
   * falls in [tLoS, tHiS).
   */
  private range(a: number, from: number, to: number, dKm: number, stepS: number, tLoS: number, tHiS: number, fast: boolean): void {
    const { sPv, sVc, sIdx, sGroupEnd } = this;
    const a6 = 6 * a, a3 = 3 * a;
    const px = sPv[a6], py = sPv[a6 + 1], pz = sPv[a6 + 2];
    const vx = sPv[a6 + 3], vy = sPv[a6 + 4], vz = sPv[a6 + 5];
    const ux = sVc[a3], uy = sVc[a3 + 1], uz = sVc[a3 + 2];
    let candidates = 0;
    for (let e = from; e < to; e++) {
      const e3 = 3 * e;
      const near = Math.abs(sVc[e3] - ux) <= 1 && Math.abs(sVc[e3 + 1] - uy) <= 1 && Math.abs(sVc[e3 + 2] - uz) <= 1;
      if (fast === near) {
        // Fast search: a velocity neighbour's whole group is the slow search's (all of it is near).
        if (fast) e = sGroupEnd[e] - 1;
        continue;
      }
      candidates++;
      const e6 = 6 * e;
      // IEEE subtraction is exactly antisymmetric (a - b = -(b - a)) and t*, miss are even in (dp, dv), so
      // taking other - this for either index order gives the all-pairs reference's bits, with no branch.
      const dx = sPv[e6] - px, dy = sPv[e6 + 1] - py, dz = sPv[e6 + 2] - pz;
      const dvx = sPv[e6 + 3] - vx, dvy = sPv[e6 + 4] - vy, dvz = sPv[e6 + 5] - vz;
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
        const i = sIdx[a], j = sIdx[e];
        if (j > i) this.push(i, j, t, miss);
        else this.push(j, i, t, miss);
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
    if (this.kept === this.bufI.length) {
      if (this.kept >= 2 * this.maxPairs) this.keepFirst();
      else this.growPairs(Math.min(2 * this.maxPairs, Math.max(64, 2 * this.kept)));
    }
    const m = this.kept++;
    this.bufI[m] = i;
    this.bufJ[m] = j;
    this.bufT[m] = tS;
    this.bufM[m] = missKm;
  }

  /** Sort the buffer by (i, j); keep at most maxPairs. */
  private keepFirst(): void {
    const { kept: m, perm, bufKey, bufI, bufJ, bufT, bufM, scratchI, scratchT } = this;
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
    this.kept = keep;
  }

  private finish(): void {
    if (this.kept > 0) this.keepFirst();
    this.count = this.kept;
  }

  private ensureObjects(n: number): void {
    if (this.cx.length >= n) return;
    const size = Math.max(n, 2 * this.cx.length);
    this.live = new Int32Array(size);
    this.byVelocity = new Int32Array(size);
    this.ordA = new Int32Array(size);
    this.ordB = new Int32Array(size);
    this.cx = new Int32Array(size);
    this.cy = new Int32Array(size);
    this.cz = new Int32Array(size);
    this.vc = new Float64Array(3 * size);
    this.sKey = new Float64Array(size);
    this.sPv = new Float64Array(6 * size);
    this.sVc = new Float64Array(3 * size);
    this.sIdx = new Int32Array(size);
    this.sGroupEnd = new Int32Array(size);
  }

  private growPairs(size: number): void {
    const m = this.kept;
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
 * Sub-intervals of the fast search: K = ceil(vMax stepS / (15 dKm)), at most SCREENING_SUBSTEPS_MAX, so the
 * cell is 8-16 screening distances. Measured in bench/screening.ts on 50,000 objects (dKm 10 km, stepS
 * 60 s, vMax 9.3 km/s in that catalog: K = 4, 150 km cells): K = 3-4 is fastest, with or without the
 * fragment cloud (the slow search takes the cloud's pairs); at K = 8 the passes cost more than the
 * candidates they save.
 */
export function subStepsFor(dKm: number, stepS: number, vMaxKmps: number): number {
  const sweepKm = vMaxKmps * stepS;
  if (!(sweepKm > 0)) return 1;
  if (!(dKm > 0)) return SCREENING_SUBSTEPS_MAX;
  return Math.max(1, Math.min(SCREENING_SUBSTEPS_MAX, Math.ceil(sweepKm / (FAST_CELL_OVER_D * dKm))));
}

/** Cell of the fast search in screening distances (sub-intervals chosen to get near it). */
const FAST_CELL_OVER_D = 15;
/** Cell of the slow search in screening distances. */
const SLOW_CELL_OVER_D = 2.5;

/**
 * Sub-intervals of the slow search: its cell dKm + W stepS / K near SLOW_CELL_OVER_D dKm (K = 2, 25 km
 * cells for dKm 10 km, stepS 60 s). Measured on the bench catalog: 1, 2 or 3 passes (40, 25, 20 km) within
 * a few ms of each other, 2 the least.
 */
export function slowSubStepsFor(dKm: number, stepS: number): number {
  const sweepKm = VELOCITY_CELL_KMPS * stepS;
  if (!(sweepKm > 0)) return 1;
  if (!(dKm > 0)) return SCREENING_SUBSTEPS_MAX;
  return Math.max(1, Math.min(SCREENING_SUBSTEPS_MAX, Math.ceil(sweepKm / ((SLOW_CELL_OVER_D - 1) * dKm))));
}

/** Velocity cell index floor(v / W) of one component, NaN beyond the clamp (never a velocity neighbour). */
function velocityCell(vKmps: number): number {
  const c = Math.floor(vKmps / VELOCITY_CELL_KMPS);
  return Math.abs(c) <= VELOCITY_CELL_CLAMP ? c : Number.NaN;
}

/** A velocity cell index as a counting-sort key in [0, 2 VELOCITY_CELL_CLAMP] (NaN cells anywhere: they group alone). */
function velocitySortKey(c: number): number {
  return c === c ? c + VELOCITY_CELL_CLAMP : 0;
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
