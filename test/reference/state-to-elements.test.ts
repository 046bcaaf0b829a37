/**
 * State vector -> SGP4 mean elements (engine/physics/state-to-elements.ts), against two references:
 * - Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed., Example 2-5 (RV2COE): the osculating
 *   elements of one published state (see data/PROVENANCE.md).
 * - SGP4 itself (satellite.js 7.1.0, Vallado's code): real element sets from scenarios/data/active-2026-03.tle
 *   are propagated to their epoch, the state is fitted, and the fitted satrec must reproduce the TLE's
 *   trajectory at the epoch (the fit's definition) and one hour later (a check that the fit found SGP4's own
 *   mean elements, not merely some elements through the point).
 * Fragment-like states (a LEO state plus 50-300 m/s in a random direction) are drawn by fast-check from
 * testSeed(); unbound and sub-surface states must come back unconverged with a reason, never a throw.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { json2satrec, sgp4, twoline2satrec, type SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';

import { ommFromElements, satrecEpochMs, satrecFrom } from '../../engine/physics/orbit-sources.js';
import {
  meanElementsFromState,
  osculatingElementsFromState,
  sgp4NearEarthAtEpoch,
  type OsculatingElements,
} from '../../engine/physics/state-to-elements.js';
import { createStream } from '../../engine/rng.js';
import { testSeed } from '../helpers.js';

const FILE = 'test/reference/state-to-elements.test.ts';
const TLE_PATH = fileURLToPath(new URL('../../scenarios/data/active-2026-03.tle', import.meta.url));
const ONE_METRE_KM = 1e-3;
/** The brief's bound at the epoch: 10 m (the fit stops at 1 m, the default tolerance). */
const EPOCH_POS_TOL_KM = 10 * ONE_METRE_KM;
/** One hour after the epoch, LEO: 1 km. */
const LEO_ONE_HOUR_TOL_KM = 1;
/** One hour after the epoch, higher orbits (deep space: lunisolar terms referenced to the epoch). */
const OTHER_ONE_HOUR_TOL_KM = 1;
const DEG = Math.PI / 180;

type Klass = 'LEO' | 'MEO' | 'GEO' | 'Molniya' | 'near-circular' | 'near-equatorial';

interface Sample {
  readonly name: string;
  readonly klass: Klass;
  readonly satrec: SatRec;
}

function loadTles(): { name: string; line1: string; line2: string }[] {
  const lines = readFileSync(TLE_PATH, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const out = [];
  for (let i = 0; i + 2 < lines.length + 1; i += 3) out.push({ name: lines[i].trim(), line1: lines[i + 1], line2: lines[i + 2] });
  return out;
}

function klassOf(s: SatRec): Klass | null {
  const nRevPerDay = (s.no * 1440) / (2 * Math.PI);
  const iDeg = s.inclo / DEG;
  if (s.ecco > 0.5 && nRevPerDay > 1.9 && nRevPerDay < 2.1) return 'Molniya';
  if (nRevPerDay > 0.95 && nRevPerDay < 1.05 && s.ecco < 0.01) return 'GEO';
  if (iDeg < 1) return 'near-equatorial';
  if (s.ecco < 1e-4) return 'near-circular';
  if (nRevPerDay > 11.25) return 'LEO';
  if (nRevPerDay > 1.5 && s.ecco < 0.25) return 'MEO';
  return null;
}

/** A deterministic sample: every k-th element set of each class, up to a quota (about 300 in all). */
function sampleTles(): Sample[] {
  const quota: Record<Klass, number> = { LEO: 120, MEO: 40, GEO: 40, Molniya: 30, 'near-circular': 40, 'near-equatorial': 40 };
  const byKlass = new Map<Klass, Sample[]>();
  for (const t of loadTles()) {
    const satrec = twoline2satrec(t.line1, t.line2);
    const klass = satrec.error === 0 ? klassOf(satrec) : null;
    if (!klass) continue;
    byKlass.set(klass, [...(byKlass.get(klass) ?? []), { name: t.name, klass, satrec }]);
  }
  const out: Sample[] = [];
  for (const [klass, all] of byKlass) {
    const step = Math.max(1, Math.floor(all.length / quota[klass]));
    for (let i = 0; i < all.length && out.filter((s) => s.klass === klass).length < quota[klass]; i += step) out.push(all[i]);
  }
  return out;
}

function distance(a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

function quantiles(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const f = (km: number) => `${(km * 1000).toFixed(3)} m`;
  return `n=${s.length} median ${f(q(0.5))} p95 ${f(q(0.95))} max ${f(s[s.length - 1])}`;
}

function counts(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]}, p95 ${s[Math.floor(0.95 * s.length)]}, max ${s[s.length - 1]}`;
}

function isOsculating(x: OsculatingElements | { code: string }): x is OsculatingElements {
  return 'semiMajorAxisKm' in x;
}

describe('osculating elements (RV2COE) against Vallado Example 2-5', () => {
  // Vallado 4th ed. Example 2-5: r = (6524.834, 6862.875, 6448.296) km, v = (4.901327, 5.533756, -1.976341)
  // km/s -> p 11067.790 km, a 36127.343 km, e 0.832853, i 87.870, RAAN 227.89, argp 53.38, nu 92.335 deg.
  // Vallado uses mu = 398600.4418; the module uses WGS-72's 398600.8 (SGP4's), hence the a tolerance.
  it('reproduces the published a, e, i, RAAN, argp and the mean anomaly of nu = 92.335 deg', () => {
    const el = osculatingElementsFromState([6524.834, 6862.875, 6448.296], [4.901327, 5.533756, -1.976341]);
    expect(isOsculating(el)).toBe(true);
    if (!isOsculating(el)) return;
    // a from energy scales with mu (WGS-72 vs 398600.4418: 32 m here) and the book works in canonical units
    // with rounded intermediates; 0.3 km is 8e-6 relative.
    expect(Math.abs(el.semiMajorAxisKm - 36127.343)).toBeLessThan(0.3);
    expect(Math.abs(el.eccentricity - 0.832853)).toBeLessThan(1e-6);
    // The book prints these angles to 0.01 deg (227.89 is 227.898 truncated): half a printed step either way.
    expect(Math.abs(el.inclinationRad / DEG - 87.87)).toBeLessThan(0.01);
    expect(Math.abs(el.raanRad / DEG - 227.89)).toBeLessThan(0.01);
    expect(Math.abs(el.argPerigeeRad / DEG - 53.38)).toBeLessThan(0.01);
    const nu = 92.335 * DEG;
    const e = el.eccentricity;
    const E = 2 * Math.atan(Math.sqrt((1 - e) / (1 + e)) * Math.tan(nu / 2));
    expect(el.meanAnomalyRad).toBeCloseTo(E - e * Math.sin(E), 3);
  });

  it('is regular at e = 0 and i = 0: a circular equatorial state gives e ~ 0, i ~ 0, and the true longitude in M', () => {
    const rKm = 7000;
    const vKmps = Math.sqrt(398600.8 / rKm);
    const lon = 1.234;
    const el = osculatingElementsFromState([rKm * Math.cos(lon), rKm * Math.sin(lon), 0], [-vKmps * Math.sin(lon), vKmps * Math.cos(lon), 0]);
    if (!isOsculating(el)) throw new Error('expected elements');
    expect(el.eccentricity).toBeLessThan(1e-12);
    expect(el.inclinationRad).toBeLessThan(1e-12);
    expect(el.raanRad + el.argPerigeeRad + el.meanAnomalyRad).toBeCloseTo(lon, 9);
  });
});

describe('round trips on real element sets (active-2026-03.tle)', () => {
  const samples = sampleTles();
  const atEpochKm: Record<string, number[]> = {};
  const oneHourKm: Record<string, number[]> = {};
  const iterations: number[] = [];
  const evaluations: number[] = [];

  it(`fits ${samples.length} element sets across LEO, MEO, GEO, Molniya, near-circular and near-equatorial`, () => {
    expect(samples.length).toBeGreaterThan(250);
    const failures: string[] = [];
    for (const { name, klass, satrec } of samples) {
      const tleEpochMs = satrecEpochMs(satrec);
      const epochMs = Math.round(tleEpochMs);
      const tsinceMin = (epochMs - tleEpochMs) / 60_000;
      const truth = sgp4(satrec, tsinceMin);
      if (!truth) continue;
      const r = truth.position, v = truth.velocity;
      const fit = meanElementsFromState([r.x, r.y, r.z], [v.x, v.y, v.z], epochMs, {
        bstarPerEarthRadius: satrec.bstar,
        noradId: Number(satrec.satnum) || 0,
      });
      if (!fit.converged) {
        failures.push(`${name} (${klass}): ${fit.reason?.code} ${fit.reason?.message}`);
        continue;
      }
      iterations.push(fit.iterations);
      evaluations.push(fit.sgp4Evaluations);
      const fitted = satrecFrom({ kind: 'elements', elements: fit.elements });
      const atEpoch = sgp4(fitted, 0)!;
      const truthHour = sgp4(satrec, tsinceMin + 60);
      const fittedHour = sgp4(fitted, 60);
      (atEpochKm[klass] ??= []).push(distance(atEpoch.position, r));
      if (truthHour && fittedHour) (oneHourKm[klass] ??= []).push(distance(fittedHour.position, truthHour.position));
    }
    for (const k of Object.keys(atEpochKm)) {
      console.log(`${k.padEnd(16)} at epoch: ${quantiles(atEpochKm[k])}; +1 h: ${quantiles(oneHourKm[k] ?? [])}`);
    }
    console.log(`passes per fit: ${counts(iterations)}; SGP4 evaluations per fit: ${counts(evaluations)}`);
    expect(failures).toEqual([]);
    for (const k of Object.keys(atEpochKm)) expect(Math.max(...atEpochKm[k]), k).toBeLessThan(EPOCH_POS_TOL_KM);
    expect(Math.max(...oneHourKm.LEO)).toBeLessThan(LEO_ONE_HOUR_TOL_KM);
    for (const k of Object.keys(oneHourKm)) expect(Math.max(...oneHourKm[k]), k).toBeLessThan(OTHER_ONE_HOUR_TOL_KM);
  });
});

/** The TEME state of a TLE at its epoch. */
function stateOf(line1: string, line2: string): { r: number[]; v: number[]; epochMs: number } {
  const satrec = twoline2satrec(line1, line2);
  const tleEpochMs = satrecEpochMs(satrec);
  const epochMs = Math.round(tleEpochMs);
  const s = sgp4(satrec, (epochMs - tleEpochMs) / 60_000)!;
  return { r: [s.position.x, s.position.y, s.position.z], v: [s.velocity.x, s.velocity.y, s.velocity.z], epochMs };
}

/** Parents for fragment states, from active-2026-03.tle: LEO at the heights of the two reference ASAT events. */
const PARENTS = {
  // ISS (ZARYA), ~420 km, 51.6 deg (Cosmos 1408 broke up at ~485 km).
  iss: stateOf(
    '1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991',
    '2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798',
  ),
  // CORIOLIS, ~830 km sun-synchronous, 98.7 deg (Fengyun-1C broke up at ~860 km).
  coriolis: stateOf(
    '1 27640U 03001A   26078.28309451  .00000127  00000+0  80016-4 0  9996',
    '2 27640  98.7162  86.5312 0015086 110.5241 249.7556 14.19916549201463',
  ),
};

describe('fragment-like states: a LEO state plus 50-300 m/s in a random direction', () => {
  it('converges and reproduces the state at the epoch (fast-check, seeded)', () => {
    const seed = testSeed();
    console.log(`fragment seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run ${FILE}`);
    const refused: string[] = [];
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(PARENTS) as (keyof typeof PARENTS)[]),
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (parentName, dvKmps, cosTheta, phi) => {
          const p = PARENTS[parentName];
          const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
          const dv = [dvKmps * sinTheta * Math.cos(phi), dvKmps * sinTheta * Math.sin(phi), dvKmps * cosTheta];
          const v = [p.v[0] + dv[0], p.v[1] + dv[1], p.v[2] + dv[2]];
          const fit = meanElementsFromState(p.r, v, p.epochMs);
          if (!fit.converged) {
            refused.push(`${parentName} dv ${dv.map((x) => (x * 1000).toFixed(1)).join(',')} m/s: ${fit.reason?.code} ${fit.reason?.message}`);
            return false;
          }
          const s = sgp4(satrecFrom({ kind: 'elements', elements: fit.elements }), 0)!;
          const posErrKm = Math.hypot(s.position.x - p.r[0], s.position.y - p.r[1], s.position.z - p.r[2]);
          const velErrKmps = Math.hypot(s.velocity.x - v[0], s.velocity.y - v[1], s.velocity.z - v[2]);
          return posErrKm < ONE_METRE_KM && velErrKmps < 1e-5;
        },
      ),
      { seed, numRuns: 1000 },
    );
    expect(refused).toEqual([]);
  });

  it('fits 3,000 fragment states quickly (time printed, not asserted)', () => {
    const seed = testSeed();
    const draw = createStream(seed, 0, 'state-to-elements timing');
    const p = PARENTS.iss;
    const states: number[][] = [];
    for (let i = 0; i < 3000; i++) {
      const dvKmps = 0.05 + 0.25 * draw.next();
      const cosTheta = 2 * draw.next() - 1;
      const phi = 2 * Math.PI * draw.next();
      const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
      states.push([p.v[0] + dvKmps * sinTheta * Math.cos(phi), p.v[1] + dvKmps * sinTheta * Math.sin(phi), p.v[2] + dvKmps * cosTheta]);
    }
    const t0 = performance.now();
    let converged = 0;
    let evaluations = 0;
    for (const v of states) {
      const fit = meanElementsFromState(p.r, v, p.epochMs);
      if (fit.converged) converged++;
      evaluations += fit.sgp4Evaluations;
    }
    const ms = performance.now() - t0;
    console.log(`3,000 fragment fits: ${ms.toFixed(1)} ms (${((ms * 1000) / 3000).toFixed(1)} µs each, ${(evaluations / 3000).toFixed(2)} SGP4 evaluations each), ${converged} converged`);
    expect(converged).toBe(3000);
  });
});

/** Fragment velocities around PARENTS.iss: `count` directions and speeds 1-1,500 m/s (log-uniform), seeded. */
function fragmentVelocities(count: number, name: string): number[][] {
  const draw = createStream(testSeed(), 0, name);
  const p = PARENTS.iss;
  const out: number[][] = [];
  for (let i = 0; i < count; i++) {
    const dvKmps = 1e-3 * 1500 ** draw.next();
    const cosTheta = 2 * draw.next() - 1;
    const phi = 2 * Math.PI * draw.next();
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    out.push([p.v[0] + dvKmps * sinTheta * Math.cos(phi), p.v[1] + dvKmps * sinTheta * Math.sin(phi), p.v[2] + dvKmps * cosTheta]);
  }
  return out;
}

describe('the near-earth predictor: SGP4 replica at the epoch, checked by SGP4 itself', () => {
  it('reproduces satellite.js at t = 0 to 1e-9 km on real and random near-earth element sets, and declines deep space', () => {
    const out = new Float64Array(6);
    const draw = createStream(testSeed(), 0, 'sgp4 replica');
    const sets: { n: number; e: number; i: number; raan: number; argp: number; m: number }[] = [];
    for (const t of loadTles().slice(0, 3000)) {
      const s = twoline2satrec(t.line1, t.line2);
      if (s.error !== 0) continue;
      sets.push({ n: (s.no * 1440) / (2 * Math.PI), e: s.ecco, i: s.inclo / DEG, raan: s.nodeo / DEG, argp: s.argpo / DEG, m: s.mo / DEG });
    }
    for (let k = 0; k < 2000; k++) {
      // Near-earth mean motions, eccentricities down to below SGP4's 1e-6 floor, all inclinations.
      const e = k % 10 === 0 ? 1e-7 * draw.next() : 0.3 * draw.next() ** 2;
      sets.push({ n: 6.5 + 10 * draw.next(), e, i: 180 * draw.next(), raan: 360 * draw.next(), argp: 360 * draw.next(), m: 360 * draw.next() });
    }
    let nearEarth = 0, deepSpace = 0, worstKm = 0, worstKmps = 0;
    for (const x of sets) {
      const elements = {
        epochMs: Date.UTC(2026, 2, 19, 12), meanMotionRevPerDay: x.n, eccentricity: x.e, inclinationDeg: x.i, raanDeg: x.raan,
        argPerigeeDeg: x.argp, meanAnomalyDeg: x.m, bstarPerEarthRadius: 1e-4, noradId: 0,
      };
      const satrec = json2satrec(ommFromElements(elements));
      const state = satrec.error === 0 ? sgp4(satrec, 0) : null;
      const ok = sgp4NearEarthAtEpoch((x.n * 2 * Math.PI) / 1440, x.e, x.i * DEG, x.raan * DEG, x.argp * DEG, x.m * DEG, out);
      if (satrec.method === 'd') {
        deepSpace++;
        expect(ok).toBe(false);
        continue;
      }
      if (!state) continue;
      nearEarth++;
      expect(ok).toBe(true);
      worstKm = Math.max(worstKm, Math.hypot(out[0] - state.position.x, out[1] - state.position.y, out[2] - state.position.z));
      worstKmps = Math.max(worstKmps, Math.hypot(out[3] - state.velocity.x, out[4] - state.velocity.y, out[5] - state.velocity.z));
    }
    console.log(`replica vs satellite.js at t = 0: ${nearEarth} near-earth sets, worst ${worstKm.toExponential(2)} km, ${worstKmps.toExponential(2)} km/s; ${deepSpace} deep-space sets declined`);
    expect(nearEarth).toBeGreaterThan(3000);
    expect(deepSpace).toBeGreaterThan(100);
    expect(worstKm).toBeLessThan(1e-9);
    expect(worstKmps).toBeLessThan(1e-12);
  });

  it('fits fragment states to the same tolerance as SGP4 alone, in fewer SGP4 evaluations, with a satrec that propagates as the engine\'s own', () => {
    const p = PARENTS.iss;
    const parent = meanElementsFromState(p.r, p.v, p.epochMs);
    let withPredictor = 0, without = 0, fits = 0;
    for (const v of fragmentVelocities(600, 'predictor fits')) {
      const options = { bstarPerEarthRadius: 0.01, meanMinusOsculatingGuess: parent.meanMinusOsculating };
      const a = meanElementsFromState(p.r, v, p.epochMs, options);
      const b = meanElementsFromState(p.r, v, p.epochMs, { ...options, predictor: 'none' });
      expect(a.converged).toBe(b.converged);
      if (!a.converged) continue;
      fits++;
      withPredictor += a.sgp4Evaluations;
      without += b.sgp4Evaluations;
      expect(a.residualKm).toBeLessThan(ONE_METRE_KM);
      // The fit's satrec is the one the engine builds from the elements: same states at the epoch and later.
      const rebuilt = satrecFrom({ kind: 'elements', elements: a.elements });
      for (const t of [0, 60, 1440]) {
        const x = sgp4(a.satrec!, t), y = sgp4(rebuilt, t);
        expect(x?.position).toEqual(y?.position);
        expect(x?.velocity).toEqual(y?.velocity);
      }
      const s = sgp4(rebuilt, 0)!;
      expect(Math.hypot(s.position.x - p.r[0], s.position.y - p.r[1], s.position.z - p.r[2])).toBeLessThan(ONE_METRE_KM);
      expect(Math.hypot(s.velocity.x - v[0], s.velocity.y - v[1], s.velocity.z - v[2])).toBeLessThan(1e-5);
    }
    console.log(`${fits} fragment fits (1-1,500 m/s): ${(withPredictor / fits).toFixed(3)} SGP4 evaluations each with the predictor, ${(without / fits).toFixed(3)} without`);
    expect(fits).toBeGreaterThan(500);
    expect(withPredictor / fits).toBeLessThan(1.1);
    expect(withPredictor).toBeLessThan(without);
  });

  it('rejectCandidate refuses, before SGP4, only fits the caller would refuse after a full fit', () => {
    const p = PARENTS.iss;
    // A breakup's re-entry screen (debris/break-up.ts): perigee under 120 km, screened with a 1 km margin.
    const perigeeKm = (el: { meanMotionRevPerDay: number; eccentricity: number }): number => {
      const n = (el.meanMotionRevPerDay * 2 * Math.PI) / 86_400;
      return Math.cbrt(398_600.4418 / (n * n)) * (1 - el.eccentricity) - 6378.137;
    };
    let rejected = 0, low = 0;
    for (const v of fragmentVelocities(600, 'reject candidate')) {
      const full = meanElementsFromState(p.r, v, p.epochMs);
      const screened = meanElementsFromState(p.r, v, p.epochMs, { rejectCandidate: (el) => perigeeKm(el) < 119 });
      if (full.converged && perigeeKm(full.elements) < 120) low++;
      if (screened.reason?.code === 'REJECTED') {
        rejected++;
        expect(screened.sgp4Evaluations).toBe(0);
        expect(!full.converged || perigeeKm(full.elements) < 120).toBe(true);
      } else {
        // Not rejected: the same fit as without the option.
        expect(screened.converged).toBe(full.converged);
        expect(screened.elements).toEqual(full.elements);
      }
    }
    console.log(`re-entry screen: ${rejected} rejected before SGP4, ${low} with a fitted perigee under 120 km`);
    expect(rejected).toBeGreaterThan(0.9 * low);
  });
});

describe('states SGP4 cannot carry: converged = false with a reason, never a throw', () => {
  const epochMs = Date.UTC(2026, 2, 19, 12);
  it('below the surface', () => {
    const fit = meanElementsFromState([6000, 0, 0], [0, 7.5, 0], epochMs);
    expect(fit.converged).toBe(false);
    expect(fit.reason?.code).toBe('BELOW_SURFACE');
  });
  it('hyperbolic and parabolic', () => {
    const rKm = 7000;
    const escapeKmps = Math.sqrt((2 * 398600.8) / rKm);
    for (const vKmps of [escapeKmps, escapeKmps * 1.5]) {
      const fit = meanElementsFromState(new Float64Array([rKm, 0, 0]), new Float64Array([0, vKmps, 0]), epochMs);
      expect(fit.converged).toBe(false);
      expect(fit.reason?.code).toBe('UNBOUND');
    }
  });
  it('radial (rectilinear) and non-finite input', () => {
    expect(meanElementsFromState([7000, 0, 0], [1, 0, 0], epochMs).reason?.code).toBe('UNBOUND');
    expect(meanElementsFromState([7000, Number.NaN, 0], [0, 7.5, 0], epochMs).reason?.code).toBe('BAD_INPUT');
  });
  it('mean elements SGP4 refuses (an orbit of a ~ 4,000 km, barely above the surface at apogee)', () => {
    // At 6,380 km moving at 5 km/s the orbit's a is ~3,990 km: SGP4 puts the object under the surface.
    const fit = meanElementsFromState([6380, 0, 0], [0, 5, 0], epochMs);
    expect(fit.converged).toBe(false);
    expect(fit.reason?.code).toBe('SGP4_REFUSED');
    expect(fit.reason?.message).toMatch(/^SGP4 refuses the mean elements: /);
  });
});
