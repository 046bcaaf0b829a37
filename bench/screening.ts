/**
 * Conjunction screening at catalog scale: one `Screener.screen` pass over 50,000 objects (issue 5's target:
 * under 150 ms on one core, dKm 10 km, stepS 60 s), against brute force on a subset for the ratio.
 *
 * The objects: every element set of scenarios/data/active-2026-03.tle propagated with satellite.js to one
 * epoch (TEME, km, km/s), a fragment cloud of 5,000 around one LEO satellite (a breakup 10 minutes
 * earlier: delta-v up to 250 m/s, moved on straight lines, enough for a dense cloud), and synthetic
 * circular orbits to make up 50,000 (70% LEO 500-1,200 km, 15% MEO around 20,200 km, 15% GEO). Seeded,
 * so every run screens the same catalog.
 *
 * Standalone: `tsc -p tsconfig.bench.json && node dist-bench/bench/screening.js`; bench/main.ts can call
 * `benchScreening()` and print `formatScreening(result)`.
 */
import { seededDraw } from '../engine/rng.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { propagate, twoline2satrec } from 'satellite.js';
import { Screener, screenAllPairs, subStepsFor } from '../engine/physics/screening.js';
import { REPO_ROOT } from './paths.js';
import { fixed, median, table } from './stats.js';

const MU_KM3_PER_S2 = 398600.8;
const EARTH_RADIUS_KM = 6378.135;
const TARGET_MS = 150;

export interface ScreeningBenchOptions {
  objects?: number;
  dKm?: number;
  stepS?: number;
  rounds?: number;
  bruteForceObjects?: number;
  fragments?: number;
}

export interface ScreeningBenchResult {
  objects: number;
  composition: { catalog: number; fragments: number; synthetic: number };
  dKm: number;
  stepS: number;
  subSteps: number;
  cellKm: number;
  /** The slow search (velocity-neighbour pairs: the fragment cloud): its sub-intervals and cell. */
  slowSubSteps: number;
  slowCellKm: number;
  msPerScreen: number;
  msMin: number;
  pairs: number;
  candidates: number;
  targetMs: number;
  targetMet: boolean;
  /** msPerScreen / targetMs. */
  ratioToTarget: number;
  bySubSteps: { subSteps: number; cellKm: number; ms: number; candidates: number; pairs: number }[];
  bruteForce: { objects: number; gridMs: number; bruteMs: number; ratio: number; pairsGrid: number; pairsBrute: number; extrapolatedMs: number };
}

/** The bench's catalog, exported for ad-hoc experiments on the same objects. */
export interface Catalog { pos: Float64Array; vel: Float64Array; n: number; composition: ScreeningBenchResult['composition'] }

export function buildCatalog(objects: number, fragments: number): Catalog {
  const pos = new Float64Array(3 * objects), vel = new Float64Array(3 * objects);
  const lines = readFileSync(resolve(REPO_ROOT, 'scenarios', 'data', 'active-2026-03.tle'), 'utf8').split(/\r?\n/);
  const date = new Date(Date.UTC(2026, 2, 19, 12, 0, 0));
  let n = 0;
  for (let k = 0; k + 2 < lines.length && n < objects; k++) {
    if (!lines[k + 1]?.startsWith('1 ') || !lines[k + 2]?.startsWith('2 ')) continue;
    const rv = propagate(twoline2satrec(lines[k + 1], lines[k + 2]), date);
    k += 2;
    if (!rv || typeof rv.position !== 'object' || typeof rv.velocity !== 'object') continue;
    const p = rv.position, v = rv.velocity;
    if (![p.x, p.y, p.z, v.x, v.y, v.z].every(Number.isFinite)) continue;
    pos.set([p.x, p.y, p.z], 3 * n);
    vel.set([v.x, v.y, v.z], 3 * n);
    n++;
  }
  const catalog = n;
  const rand = seededDraw(20260319, 'bench-screening');
  // Fragment cloud: around the first catalog object below 1,000 km, 10 minutes after a breakup.
  let parent = 0;
  for (let i = 0; i < catalog; i++) {
    if (Math.hypot(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]) < EARTH_RADIUS_KM + 1000) { parent = i; break; }
  }
  const ageS = 600;
  const nFrag = Math.min(fragments, objects - n);
  for (let f = 0; f < nFrag; f++, n++) {
    const dv = 0.25 * Math.cbrt(rand()), u = 2 * rand() - 1, phi = 2 * Math.PI * rand(), s = Math.sqrt(1 - u * u);
    const dvx = dv * s * Math.cos(phi), dvy = dv * s * Math.sin(phi), dvz = dv * u;
    for (let k = 0; k < 3; k++) {
      const dvk = k === 0 ? dvx : k === 1 ? dvy : dvz;
      vel[3 * n + k] = vel[3 * parent + k] + dvk;
      pos[3 * n + k] = pos[3 * parent + k] + dvk * ageS;
    }
  }
  // Synthetic circular orbits, random planes.
  const synthetic = objects - n;
  for (; n < objects; n++) {
    const shell = rand();
    const r = shell < 0.7 ? EARTH_RADIUS_KM + 500 + 700 * rand() : shell < 0.85 ? 26560 + 200 * (rand() - 0.5) : 42164 + 50 * (rand() - 0.5);
    const incl = shell >= 0.85 ? 0.1 * rand() : Math.acos(2 * rand() - 1);
    const raan = 2 * Math.PI * rand(), u = 2 * Math.PI * rand();
    const speed = Math.sqrt(MU_KM3_PER_S2 / r);
    const cu = Math.cos(u), su = Math.sin(u), ci = Math.cos(incl), si = Math.sin(incl), co = Math.cos(raan), so = Math.sin(raan);
    // Perifocal (cos u, sin u, 0) rotated by inclination then RAAN.
    const px = cu, py = su * ci, pz = su * si;
    const vx = -su, vy = cu * ci, vz = cu * si;
    pos.set([r * (co * px - so * py), r * (so * px + co * py), r * pz], 3 * n);
    vel.set([speed * (co * vx - so * vy), speed * (so * vx + co * vy), speed * vz], 3 * n);
  }
  return { pos, vel, n: objects, composition: { catalog, fragments: nFrag, synthetic } };
}

function timeScreen(s: Screener, c: Catalog, n: number, dKm: number, stepS: number, rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    s.screen(c.pos, c.vel, n, dKm, stepS);
    times.push(performance.now() - t0);
  }
  return times;
}

/** Build the catalog, time the screen (median of `rounds` after 2 warm-up passes), compare with brute force. */
export function benchScreening(options: ScreeningBenchOptions = {}): ScreeningBenchResult {
  const objects = options.objects ?? 50_000;
  const dKm = options.dKm ?? 10;
  const stepS = options.stepS ?? 60;
  const rounds = options.rounds ?? 15;
  const cat = buildCatalog(objects, options.fragments ?? 5_000);
  const screener = new Screener(1_000_000);

  const bySubSteps: ScreeningBenchResult['bySubSteps'] = [];
  for (const k of [1, 2, 4, 8, 16, 32, 64]) {
    screener.subSteps = k;
    timeScreen(screener, cat, objects, dKm, stepS, 1);
    const ms = median(timeScreen(screener, cat, objects, dKm, stepS, Math.max(3, Math.floor(rounds / 3))));
    bySubSteps.push({ subSteps: k, cellKm: screener.cellKm, ms, candidates: screener.candidates, pairs: screener.count });
  }

  screener.subSteps = 0;
  timeScreen(screener, cat, objects, dKm, stepS, 2);
  const times = timeScreen(screener, cat, objects, dKm, stepS, rounds);
  const msPerScreen = median(times);

  // Brute force on a subset: the first objects (catalog, then fragments), the same arithmetic.
  const nb = Math.min(options.bruteForceObjects ?? 5_000, objects);
  const cap = 1_000_000;
  const out = { i: new Int32Array(cap), j: new Int32Array(cap), tcaS: new Float64Array(cap), missKm: new Float64Array(cap) };
  const sub = new Screener(cap);
  timeScreen(sub, cat, nb, dKm, stepS, 2);
  const gridMs = median(timeScreen(sub, cat, nb, dKm, stepS, rounds));
  let pairsBrute = 0;
  const bruteTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    pairsBrute = screenAllPairs(cat.pos, cat.vel, nb, dKm, stepS, out);
    bruteTimes.push(performance.now() - t0);
  }
  const bruteMs = median(bruteTimes);
  return {
    objects, composition: cat.composition, dKm, stepS,
    subSteps: screener.passes, cellKm: screener.cellKm, slowSubSteps: screener.slowPasses, slowCellKm: screener.slowCellKm,
    msPerScreen, msMin: Math.min(...times), pairs: screener.count, candidates: screener.candidates,
    targetMs: TARGET_MS, targetMet: msPerScreen < TARGET_MS, ratioToTarget: msPerScreen / TARGET_MS,
    bySubSteps,
    bruteForce: {
      objects: nb, gridMs, bruteMs, ratio: bruteMs / gridMs, pairsGrid: sub.count, pairsBrute,
      extrapolatedMs: bruteMs * (objects / nb) ** 2,
    },
  };
}

/** Text report of a result, the way bench/main.ts prints its parts. */
export function formatScreening(x: ScreeningBenchResult): string[] {
  const c = x.composition;
  const b = x.bruteForce;
  return [
    `6. CONJUNCTION SCREENING: ${x.objects.toLocaleString('en-US')} objects (${c.catalog} catalog propagated with satellite.js, ${c.fragments} fragments, ` +
      `${c.synthetic} synthetic LEO/MEO/GEO), dKm ${x.dKm}, stepS ${x.stepS}, one pass`,
    `fast search ${x.subSteps} sub-intervals (subStepsFor), cell ${fixed(x.cellKm, 1)} km; slow search (velocity neighbours) ${x.slowSubSteps} sub-intervals, ` +
      `cell ${fixed(x.slowCellKm, 1)} km: ${fixed(x.msPerScreen, 1)} ms median (min ${fixed(x.msMin, 1)}), ` +
      `${x.pairs.toLocaleString('en-US')} pairs, ${x.candidates.toLocaleString('en-US')} candidates tested`,
    `target < ${x.targetMs} ms on one core: ${fixed(x.ratioToTarget, 2)}x the target, ${x.targetMet ? 'MET' : 'NOT MET'}`,
    '',
    'fast-search sub-intervals forced (the slow search as chosen):',
    table(['sub-intervals', 'cell km', 'ms', 'candidates', 'pairs'],
      x.bySubSteps.map((r) => [String(r.subSteps), fixed(r.cellKm, 1), fixed(r.ms, 1), r.candidates.toLocaleString('en-US'), String(r.pairs)])),
    '',
    `brute force on the first ${b.objects.toLocaleString('en-US')} objects: ${fixed(b.bruteMs, 1)} ms vs grid ${fixed(b.gridMs, 2)} ms = ${fixed(b.ratio, 0)}x; ` +
      `pairs ${b.pairsBrute} (brute) / ${b.pairsGrid} (grid); brute force on all ${x.objects.toLocaleString('en-US')} extrapolated (n^2): ~${fixed(b.extrapolatedMs / 1000, 1)} s`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = benchScreening();
  process.stdout.write(`${formatScreening(r).join('\n')}\n`);
  process.stdout.write(`(subStepsFor(10, 60, 7.8) = ${subStepsFor(10, 60, 7.8)})\n`);
}
