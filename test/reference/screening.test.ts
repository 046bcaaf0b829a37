/**
 * Conjunction screening: the grid screener against brute force (every pair, the same straight-line
 * closest approach within [0, stepS]) on random catalogs, the edge cases of the padding, and the Hermite
 * refinement against closed-form motion (straight lines; circular orbits sampled 60 s apart, whose true
 * closest approach is found by a dense search of the exact positions).
 */
import { seededDraw } from '../../engine/rng.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refineTca, refineTcaPair, Screener, separationAtKm, tcaLinearS } from '../../engine/physics/screening.js';
import { testSeed } from '../helpers.js';

const ONE_MM_KM = 1e-6;

interface Pair { i: number; j: number; tcaS: number; missKm: number }

/** Every pair, in (i, j) order: the reference. */
function bruteForce(pos: Float64Array, vel: Float64Array, n: number, dKm: number, stepS: number): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = pos[3 * j] - pos[3 * i], dy = pos[3 * j + 1] - pos[3 * i + 1], dz = pos[3 * j + 2] - pos[3 * i + 2];
      const dvx = vel[3 * j] - vel[3 * i], dvy = vel[3 * j + 1] - vel[3 * i + 1], dvz = vel[3 * j + 2] - vel[3 * i + 2];
      const t = tcaLinearS(dx, dy, dz, dvx, dvy, dvz, stepS);
      const miss = separationAtKm(dx, dy, dz, dvx, dvy, dvz, t);
      if (miss <= dKm) out.push({ i, j, tcaS: t, missKm: miss });
    }
  }
  return out;
}

function pairsOf(s: Screener): Pair[] {
  const out: Pair[] = [];
  for (let p = 0; p < s.count; p++) out.push({ i: s.pairI[p], j: s.pairJ[p], tcaS: s.tcaS[p], missKm: s.missKm[p] });
  return out;
}

/**
 * Random catalog in a LEO shell: radius 6,700-7,400 km (or a thin slab to force close pairs), ~7.5 km/s;
 * every third object is in a co-moving cloud (one velocity plus up to `cloudDvKmps` per axis), so the
 * screener's slow search (velocity-neighbour pairs) and fast search both have pairs to find, and pairs
 * across the velocity cell boundaries.
 */
function catalog(rand: () => number, n: number, clusterKm: number, cloudDvKmps = 0.8): { pos: Float64Array; vel: Float64Array } {
  const pos = new Float64Array(3 * n), vel = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    if (i % 3 === 2) {
      pos.set([7000 + clusterKm * (rand() - 0.5), clusterKm * (rand() - 0.5), clusterKm * (rand() - 0.5)], 3 * i);
      vel.set([0.2 + cloudDvKmps * (rand() - 0.5), 7.5 + cloudDvKmps * (rand() - 0.5), cloudDvKmps * (rand() - 0.5)], 3 * i);
      continue;
    }
    // Half the objects in a small cluster, so every run has close pairs to find.
    let x: number, y: number, z: number;
    if (i % 2 === 0) {
      x = 6900 + clusterKm * (rand() - 0.5); y = clusterKm * (rand() - 0.5); z = clusterKm * (rand() - 0.5);
    } else {
      const u = 2 * rand() - 1, phi = 2 * Math.PI * rand(), r = 6700 + 700 * rand();
      const s = Math.sqrt(1 - u * u);
      x = r * s * Math.cos(phi); y = r * s * Math.sin(phi); z = r * u;
    }
    pos.set([x, y, z], 3 * i);
    const speed = 7.2 + 0.6 * rand(), a = 2 * Math.PI * rand(), b = Math.acos(2 * rand() - 1);
    vel.set([speed * Math.sin(b) * Math.cos(a), speed * Math.sin(b) * Math.sin(a), speed * Math.cos(b)], 3 * i);
  }
  return { pos, vel };
}


describe('grid screener = brute force on random catalogs', () => {
  it('same pairs, same TCA and miss, in (i, j) order, for any dKm, stepS and sub-interval count', () => {
    const seed = testSeed();
    console.log(`property seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/reference/screening.test.ts`);
    const screener = new Screener(1_000_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 2500 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        fc.double({ min: 20, max: 2000, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (n, catalogSeed, dKm, stepS, clusterKm, subSteps, cloudDvKmps) => {
          const { pos, vel } = catalog(seededDraw(catalogSeed, 'screening-catalog'), n, clusterKm, cloudDvKmps);
          screener.subSteps = subSteps;
          screener.screen(pos, vel, n, dKm, stepS);
          const expected = bruteForce(pos, vel, n, dKm, stepS);
          expect(screener.truncated).toBe(false);
          expect(screener.found).toBe(expected.length);
          // Same arithmetic on the same pair: bit-identical TCA and miss.
          expect(pairsOf(screener)).toEqual(expected);
          expect(screener.candidates).toBeLessThanOrEqual(((screener.passes + screener.slowPasses) * n * (n - 1)) / 2);
        },
      ),
      { seed, numRuns: 40 },
    );
  });
});

describe('edge cases', () => {
  const s = new Screener(100);
  const run = (p: number[], v: number[], dKm: number, stepS: number, subSteps = 0): Pair[] => {
    s.subSteps = subSteps;
    s.screen(Float64Array.from(p), Float64Array.from(v), p.length / 3, dKm, stepS);
    return pairsOf(s);
  };

  it('objects exactly dKm apart (no relative motion) are a conjunction; a hair further is not', () => {
    expect(run([7000, 0, 0, 7010, 0, 0], [0, 7.5, 0, 0, 7.5, 0], 10, 60)).toEqual([{ i: 0, j: 1, tcaS: 0, missKm: 10 }]);
    expect(run([7000, 0, 0, 7010.000001, 0, 0], [0, 7.5, 0, 0, 7.5, 0], 10, 60)).toEqual([]);
  });

  it('coincident objects: miss 0 at t = 0', () => {
    expect(run([7000, 1, 2, 7000, 1, 2], [0, 7.5, 0, 7.5, 0, 0], 1, 60)).toEqual([{ i: 0, j: 1, tcaS: 0, missKm: 0 }]);
  });

  it('a head-on pair 900 km apart at both ends of the step that passes within 1 km mid-step (the padding case)', () => {
    // B at +450 km along x closing at 15 km/s: at 30 s both are at x = 7000 (1 km apart in z); at 60 s 450 km apart again.
    const p = [7000 - 225, 0, 0, 7000 + 225, 0, 1];
    const v = [7.5, 0, 0, -7.5, 0, 0];
    for (const subSteps of [0, 1, 2, 7, 64]) {
      const pairs = run(p, v, 2, 60, subSteps);
      expect(pairs.length, `subSteps ${subSteps}`).toBe(1);
      expect(pairs[0].tcaS).toBeCloseTo(30, 9);
      expect(pairs[0].missKm).toBeCloseTo(1, 9);
    }
    // Screened without the padding (one cell of dKm at t = 0) it would be missed: the ends are 450 km apart.
    expect(Math.hypot(450, 0, 1)).toBeGreaterThan(2 * 3 * s.cellKm);
  });

  it('closest approach clamped to the step: a pair that would meet after stepS is judged at stepS', () => {
    const p = [7000, 0, 0, 7000 + 1000, 0, 0];
    const v = [0, 0, 0, -10, 0, 0];
    expect(run(p, v, 5, 60)).toEqual([]); // at 60 s still 400 km apart
    const pairs = run(p, v, 5, 100);
    expect(pairs).toEqual([{ i: 0, j: 1, tcaS: 100, missKm: 0 }]);
  });

  it('empty and single-object catalogs; non-finite states are skipped', () => {
    expect(run([], [], 10, 60)).toEqual([]);
    expect(run([7000, 0, 0], [0, 7.5, 0], 10, 60)).toEqual([]);
    expect(run([7000, 0, 0, Number.NaN, 0, 0, 7000.5, 0, 0], [0, 7.5, 0, 0, 7.5, 0, 0, 7.5, 0], 1, 60)).toEqual([{ i: 0, j: 2, tcaS: 0, missKm: 0.5 }]);
  });

  it('maxPairs: keeps the first pairs in (i, j) order and says it truncated', () => {
    // 40 objects within 1 km of each other: 780 pairs.
    const n = 40;
    const p: number[] = [], v: number[] = [];
    for (let i = 0; i < n; i++) { p.push(7000 + (i % 7) * 0.1, (i % 5) * 0.1, Math.floor(i / 10) * 0.1); v.push(0, 7.5, 0); }
    const all = new Screener(10_000);
    all.screen(Float64Array.from(p), Float64Array.from(v), n, 1, 60);
    expect(all.count).toBe(780);
    expect(all.truncated).toBe(false);
    for (const max of [0, 1, 7, 100, 779]) {
      const t = new Screener(max);
      t.screen(Float64Array.from(p), Float64Array.from(v), n, 1, 60);
      expect(t.count).toBe(max);
      expect(t.found).toBe(780);
      expect(t.truncated).toBe(true);
      expect(pairsOf(t)).toEqual(pairsOf(all).slice(0, max));
    }
  });

  it('rejects a negative distance or step, or arrays too short (programming errors)', () => {
    expect(() => s.screen(new Float64Array(6), new Float64Array(6), 2, -1, 60)).toThrow(/vigil screening/);
    expect(() => s.screen(new Float64Array(6), new Float64Array(6), 2, 1, Number.NaN)).toThrow(/vigil screening/);
    expect(() => s.screen(new Float64Array(3), new Float64Array(6), 2, 1, 60)).toThrow(/vigil screening/);
  });
});

describe('refineTca (cubic Hermite between two samples)', () => {
  it('reproduces straight-line motion exactly', () => {
    const r0 = [-300, 4, 3], v = [10, 0, 0], h = 60;
    const r1 = [r0[0] + v[0] * h, r0[1], r0[2]];
    const out = refineTca(r0, v, r1, v, h);
    expect(out.tcaS).toBeCloseTo(30, 9);
    expect(out.missKm).toBeCloseTo(5, 9);
  });

  it('two circular orbits sampled 60 s apart: TCA and miss of the true motion to a metre', () => {
    // Circular LEO orbits (r = 6,900 km) in planes 90 deg apart, phased to meet near t = 25 s, one 0.3 km higher.
    const mu = 398600.4418;
    const circ = (rKm: number, incl: number, phase: number, t: number): number[] => {
      const n = Math.sqrt(mu / rKm ** 3), u = phase + n * t;
      const x = rKm * Math.cos(u), y = rKm * Math.sin(u);
      const vx = -rKm * n * Math.sin(u), vy = rKm * n * Math.cos(u);
      return [x, y * Math.cos(incl), y * Math.sin(incl), vx, vy * Math.cos(incl), vy * Math.sin(incl)];
    };
    const nA = Math.sqrt(mu / 6900 ** 3), nB = Math.sqrt(mu / 6900.3 ** 3);
    const a = (t: number): number[] => circ(6900, 0, -nA * 25, t);
    const b = (t: number): number[] => circ(6900.3, Math.PI / 2, -nB * 25 + 2e-5, t);
    // Truth: dense search of the exact relative distance.
    let tTrue = 0, dTrue = Infinity;
    for (let t = 0; t <= 60; t += 1e-4) {
      const sa = a(t), sb = b(t);
      const d = Math.hypot(sb[0] - sa[0], sb[1] - sa[1], sb[2] - sa[2]);
      if (d < dTrue) { dTrue = d; tTrue = t; }
    }
    const s0a = a(0), s0b = b(0), s1a = a(60), s1b = b(60);
    const pos0 = Float64Array.from([...s0a.slice(0, 3), ...s0b.slice(0, 3)]);
    const vel0 = Float64Array.from([...s0a.slice(3), ...s0b.slice(3)]);
    const pos1 = Float64Array.from([...s1a.slice(0, 3), ...s1b.slice(0, 3)]);
    const vel1 = Float64Array.from([...s1a.slice(3), ...s1b.slice(3)]);
    const out = refineTcaPair(pos0, vel0, pos1, vel1, 0, 1, 60);
    expect(Math.abs(out.tcaS - tTrue)).toBeLessThan(0.01);
    expect(Math.abs(out.missKm - dTrue)).toBeLessThan(1e-3);
    // The straight line from the first sample alone is off by kilometres: why the refinement exists.
    const dx = [0, 1, 2].map((k) => pos0[3 + k] - pos0[k]), dv = [0, 1, 2].map((k) => vel0[3 + k] - vel0[k]);
    const tLin = tcaLinearS(dx[0], dx[1], dx[2], dv[0], dv[1], dv[2], 60);
    expect(Math.abs(separationAtKm(dx[0], dx[1], dx[2], dv[0], dv[1], dv[2], tLin) - dTrue)).toBeGreaterThan(ONE_MM_KM);
  });
});
