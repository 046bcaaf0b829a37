/**
 * Counterspace in the running engine (engine/counterspace/), on small hand-written scenarios: a few
 * objects given by mean elements (mean motion, so the test builds the very same satrec with satellite.js
 * itself), a launch site, a laser, radars and space sensors. Every expectation is worked out here from
 * first principles: Hohmann transfers from vis-viva, look angles from a WGS-84 conversion written in this
 * file, intercept geometry and closest approaches by brute force on satellite.js propagate. Only SGP4 (the
 * reference-tested propagator) and the collision probability (reference-tested in test/reference/) come
 * from outside this file.
 *
 * - orbit-geometry: Hohmann delta-v against the textbook LEO -> GEO value, plane angle properties, the
 *   co-orbital phasing plan (fast-check: more delta-v never arrives later; below Hohmann, no plan).
 * - DA-ASAT: launch timed for the earliest feasible intercept, geometry at the intercept, inventory,
 *   refusals (no-track, no-inventory), kill probability 1 and 0, a GEO target refused at load.
 * - Missile warning: infrared host in view / on the far side, the warning's delay, partners' latency.
 * - Laser dazzle and cyber: which sensors go blind, when, and when they come back.
 * - Conjunctions: TCA and miss against brute force, per-nation Pc and warnings, collisions, docked pairs.
 * - Fragment caps, determinism.
 */
import fc from 'fast-check';
import { json2satrec, propagate, gstime, eciToEcf, type SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { createSim, step, type ScenarioModel, type Sim, type SimEvent } from '../../engine/index.js';
import { hohmannDeltaVMps, hohmannWithPlaneChangeMps, planApproach, planeAngleRad } from '../../engine/counterspace/orbit-geometry.js';
import { pcIsotropicRice } from '../../engine/physics/collision-probability.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { hashSequence, modelFromText, SCENARIOS, testSeed } from '../helpers.js';
import { RAD, ecef, sub, dot, norm, type V3 } from '../geometry.js';
import { join } from 'node:path';

// ---------------------------------------------------------------------------------------------------
// Independent arithmetic.

/** Earth's gravitational parameter (EGM-96 / Vallado), km^3/s^2: the textbook value, not the engine's WGS-72 one. */
const MU = 398600.4418;
/** WGS-72 mu, only to write mean motions from semi-major axes in the scenarios (any consistent value would do). */
const MU72 = 398600.8;

/** Elevation (deg) and range (km) of an Earth-fixed point seen from a geodetic site (the ellipsoid normal as up). */
function look(latDeg: number, lonDeg: number, altKm: number, target: V3): { elDeg: number; rangeKm: number } {
  const d = sub(target, ecef(latDeg, lonDeg, altKm));
  const up: V3 = [Math.cos(latDeg * RAD) * Math.cos(lonDeg * RAD), Math.cos(latDeg * RAD) * Math.sin(lonDeg * RAD), Math.sin(latDeg * RAD)];
  const r = norm(d);
  return { elDeg: Math.asin(dot(d, up) / r) / RAD, rangeKm: r };
}

/** Mean motion (rev/day) of a circular orbit of radius a, km (two-body). */
const revPerDay = (aKm: number): number => 86400 / (2 * Math.PI * Math.sqrt(aKm ** 3 / MU72));

const EPOCH = '2026-03-19T12:00:00Z';
const EPOCH_MS = Date.parse(EPOCH);
/** Mean anomaly that puts a near-circular, near-equatorial orbit (raan = argp = 0) over `lonDeg` at the epoch. */
const geoMeanAnomaly = (lonDeg: number): number => ((((lonDeg + gstime(new Date(EPOCH_MS)) / RAD) % 360) + 360) % 360);

/** The satrec of an `elements:` entry as the test writes it (the same OMM fields as the scenario). */
function satrecOf(el: { mm: number; e: number; i: number; raan?: number; argp?: number; m?: number }): SatRec {
  return json2satrec({
    OBJECT_NAME: 'T', OBJECT_ID: 'T', EPOCH: new Date(EPOCH_MS).toISOString(), MEAN_MOTION: el.mm, ECCENTRICITY: el.e, INCLINATION: el.i,
    RA_OF_ASC_NODE: el.raan ?? 0, ARG_OF_PERICENTER: el.argp ?? 0, MEAN_ANOMALY: el.m ?? 0, NORAD_CAT_ID: 0, ELEMENT_SET_NO: 999, BSTAR: 0,
    MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0,
  } as Parameters<typeof json2satrec>[0]);
}
const elementsYaml = (el: { mm: number; e: number; i: number; raan?: number; argp?: number; m?: number }): string =>
  `{ meanMotionRevPerDay: ${el.mm}, eccentricity: ${el.e}, inclinationDeg: ${el.i}, raanDeg: ${el.raan ?? 0}, argPerigeeDeg: ${el.argp ?? 0}, meanAnomalyDeg: ${el.m ?? 0} }`;

function temeAt(s: SatRec, ms: number): { r: V3; v: V3 } {
  const pv = propagate(s, new Date(ms));
  if (!pv || typeof pv.position !== 'object' || typeof pv.velocity !== 'object') throw new Error('SGP4 failed');
  return { r: [pv.position.x, pv.position.y, pv.position.z], v: [pv.velocity.x, pv.velocity.y, pv.velocity.z] };
}
function ecefAt(s: SatRec, ms: number): V3 {
  const { r } = temeAt(s, ms);
  const f = eciToEcf({ x: r[0], y: r[1], z: r[2] }, gstime(new Date(ms)));
  return [f.x, f.y, f.z];
}

const events = (sim: Sim, kind: string): SimEvent[] => sim.events.since(0).filter((e) => e.kind === kind);
const payload = <T = Record<string, unknown>>(e: SimEvent): T => e.payload as T;
async function runTo(model: ScenarioModel, ticks: number, each?: (sim: Sim) => void): Promise<Sim> {
  const sim = await createSim(model);
  each?.(sim);
  while (sim.tick < ticks) {
    step(sim);
    each?.(sim);
  }
  return sim;
}

// ---------------------------------------------------------------------------------------------------

describe('orbit geometry', () => {
  /** Vis-viva: v^2 = mu (2/r - 1/a). */
  const visViva = (r: number, a: number): number => Math.sqrt(MU * (2 / r - 1 / a));

  it('Hohmann: Vallado ex. 6-1 (191 km LEO -> GEO) 3.935 km/s, and 6,678 km -> 42,164 km as vis-viva by hand (3.893 km/s)', () => {
    const byHand = (r1: number, r2: number): number => {
      const at = (r1 + r2) / 2;
      return 1000 * (Math.abs(visViva(r1, at) - visViva(r1, r1)) + Math.abs(visViva(r2, r2) - visViva(r2, at)));
    };
    // Vallado, Fundamentals of Astrodynamics, ex. 6-1: r = 6569.4781 km to 42159.4856 km, 3.9356 km/s.
    expect(byHand(6569.4781, 42159.4856)).toBeCloseTo(3935.6, 0);
    expect(Math.abs(hohmannDeltaVMps(6569.4781, 42159.4856) - 3935.6)).toBeLessThan(1);
    // 300 km LEO to GEO (Curtis-style radii): 2.426 + 1.467 km/s.
    expect(byHand(6678, 42164)).toBeCloseTo(3892.6, 0);
    for (const [r1, r2] of [[6678, 42164], [6800, 7200], [7000, 26560], [42164, 6678]]) {
      // The engine uses the WGS-72 mu (0.9 ppm larger): delta-v scales with sqrt(mu).
      expect(Math.abs(hohmannDeltaVMps(r1, r2) - byHand(r1, r2)), `${r1} -> ${r2}`).toBeLessThan(0.05);
    }
    expect(hohmannDeltaVMps(7000, 7000)).toBeCloseTo(0, 6);
  });

  it('a pure plane change of a circular orbit costs 2 v sin(angle / 2)', () => {
    for (const deg of [1, 10, 28.5, 60, 90]) {
      const v = Math.sqrt(MU72 / 7000);
      expect(hohmannWithPlaneChangeMps(7000, 7000, deg * RAD)).toBeCloseTo(2000 * v * Math.sin((deg * RAD) / 2), 6);
    }
  });

  it('planeAngleRad: symmetric, 0 for one plane, |i1 - i2| when the nodes are equal, and the angle between the orbit normals', () => {
    const seed = testSeed();
    const ang = fc.double({ min: 0, max: Math.PI, noNaN: true });
    const node = fc.double({ min: 0, max: 2 * Math.PI, noNaN: true });
    fc.assert(fc.property(ang, node, ang, node, (i1, o1, i2, o2) => {
      const a = planeAngleRad(i1, o1, i2, o2);
      expect(Math.abs(a - planeAngleRad(i2, o2, i1, o1)), `seed ${seed}`).toBeLessThan(1e-12);
      expect(planeAngleRad(i1, o1, i1, o1), `seed ${seed}`).toBeLessThan(2e-8);
      expect(Math.abs(planeAngleRad(i1, o1, i2, o1) - Math.abs(i1 - i2)), `seed ${seed}`).toBeLessThan(2e-8);
      // The orbit normal is (sin i sin O, -sin i cos O, cos i).
      const n = (i: number, o: number): V3 => [Math.sin(i) * Math.sin(o), -Math.sin(i) * Math.cos(o), Math.cos(i)];
      const ref = Math.acos(Math.max(-1, Math.min(1, dot(n(i1, o1), n(i2, o2)))));
      expect(Math.abs(a - ref), `seed ${seed}`).toBeLessThan(1e-7);
    }), { seed, numRuns: 300 });
  });

  it('planApproach: more delta-v never arrives later; below the Hohmann delta-v there is no plan (fast-check)', () => {
    const seed = testSeed();
    const radius = fc.double({ min: 6700, max: 45000, noNaN: true });
    fc.assert(fc.property(radius, radius, fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI - 1e-9, noNaN: true }),
      fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), fc.integer({ min: 1, max: 10 }),
      (r1, r2, plane, phase, b1, extra, revsMin) => {
        const where = `seed ${seed}: r1 ${r1} r2 ${r2} plane ${plane} phase ${phase} budget ${b1} + ${extra} revsMin ${revsMin}`;
        const hohmann = hohmannDeltaVMps(r1, r2);
        const low = planApproach(r1, r2, plane, phase, b1, revsMin);
        const high = planApproach(r1, r2, plane, phase, b1 + extra, revsMin);
        if (low !== null) {
          expect(high, where).not.toBeNull();
          expect(high!.durationS, where).toBeLessThanOrEqual(low.durationS);
          expect(low.deltaVMps, where).toBeLessThanOrEqual(b1);
          expect(low.revs, where).toBeGreaterThanOrEqual(revsMin);
        }
        if (b1 < hohmann) expect(low, where).toBeNull();
        expect(planApproach(r1, r2, plane, phase, hohmann * (1 - 1e-9) - 1e-6, revsMin), where).toBeNull();
      }), { seed, numRuns: 300 });
  });
});

// ---------------------------------------------------------------------------------------------------
// DA-ASAT and missile warning: a Russian launcher at Plesetsk, a Russian target in a 500 km polar orbit,
// a US target RUS does not track, and two US infrared satellites in GEO: one over Plesetsk's longitude,
// one on the far side of the Earth.

const PLESETSK = { latDeg: 62.9271, lonDeg: 40.5777, altKm: 0.13 };
const TARGET = { mm: revPerDay(6878), e: 0.001, i: 82, raan: 30 };
const INTERCEPTOR = { altitudeKmMax: 1000, rangeKmMax: 2500, elevationDegMin: 15, boostS: 60, speedKmPerS: 3 };
const GEO = (lonDeg: number) => ({ mm: 1.0027379, e: 0.0002, i: 0.05, m: geoMeanAnomaly(lonDeg) });

function asatScenario(killProbability: number, extra = ''): string {
  return `vigil: 1
name: da-asat
epoch: ${EPOCH}
duration: 8h
step: 10s
nations: [{ id: USA }, { id: GBR }, { id: JPN }, { id: FRA }, { id: RUS, side: red }]
sites:
  - { id: plesetsk, owner: RUS, latDeg: ${PLESETSK.latDeg}, lonDeg: ${PLESETSK.lonDeg}, altM: 130 }
objects:
  - { id: rus-sat, owner: RUS, elements: ${elementsYaml(TARGET)} }
  - { id: rus-sat-2, owner: RUS, elements: ${elementsYaml({ mm: revPerDay(6900), e: 0.001, i: 82, raan: 120 })} }
  - { id: usa-sat, owner: USA, elements: ${elementsYaml({ mm: revPerDay(6900), e: 0.001, i: 97, raan: 60 })} }
  - { id: sbirs-east, owner: USA, elements: ${elementsYaml(GEO(PLESETSK.lonDeg))} }
  - { id: sbirs-far, owner: USA, elements: ${elementsYaml(GEO(PLESETSK.lonDeg + 180))} }
counterspace:
  interceptors:
    - { id: nudol, altitudeKmMax: ${INTERCEPTOR.altitudeKmMax}, rangeKmMax: ${INTERCEPTOR.rangeKmMax}, elevationDegMin: ${INTERCEPTOR.elevationDegMin}, boostTime: ${INTERCEPTOR.boostS}s, speedKmPerS: ${INTERCEPTOR.speedKmPerS}, killProbability: ${killProbability}, trackKmMax: 5 }
  launchers:
    - { id: plesetsk-nudol, site: plesetsk, interceptor: nudol, inventory: 1 }
  missileWarning:
    - { id: ir-east, host: sbirs-east, delay: 90s }
    - { id: ir-far, host: sbirs-far, delay: 90s }
  debris: { fragmentCutoffM: 0.3 }
agreements:
  - { id: usa-gbr, provider: USA, recipients: [GBR], products: [missile.warning], latency: 2m }
  - { id: usa-fra, provider: USA, recipients: [FRA], products: [ssa.tracks], latency: 1m }
msel:
  - { id: no-track, at: 5m, kind: asat-launch, by: RUS, target: usa-sat, title: launch at a US satellite RUS does not track }
  - { id: strike, at: 10m, kind: asat-launch, by: RUS, target: rus-sat, launcher: plesetsk-nudol, title: launch }
  - { id: again, at: 20m, kind: asat-launch, by: RUS, target: rus-sat-2, title: a second launch with the launcher empty }
${extra}`;
}

describe('DA-ASAT', () => {
  const ORDER_TICK = 60;
  const STEP_MS = 10_000;

  /** Independent fire control: is (alt, range, elevation, fly-out) feasible for an intercept dt ticks after the order? Null when too close to call. */
  function feasible(tick: number, dt: number): { ok: boolean | null; rangeKm: number; altKm: number; flyOutS: number } {
    const ms = EPOCH_MS + tick * STEP_MS;
    const p = ecefAt(satrecOf(TARGET), ms);
    const altKm = norm(p) - 6378.135;
    const { elDeg, rangeKm } = look(PLESETSK.latDeg, PLESETSK.lonDeg, PLESETSK.altKm, p);
    const flyOutS = INTERCEPTOR.boostS + rangeKm / INTERCEPTOR.speedKmPerS;
    const margins = [INTERCEPTOR.altitudeKmMax - altKm, INTERCEPTOR.rangeKmMax - rangeKm, elDeg - INTERCEPTOR.elevationDegMin, dt * 10 - flyOutS];
    const close = [0.01, 0.01, 1e-4, 1e-3];
    if (margins.some((m, k) => Math.abs(m) < close[k])) return { ok: null, rangeKm, altKm, flyOutS };
    return { ok: margins.every((m) => m >= 0), rangeKm, altKm, flyOutS };
  }

  it('the launch is timed for the earliest intercept the geometry allows; the geometry holds at the intercept; refusals for no track and no inventory', async () => {
    const sim = await runTo(modelFromText(asatScenario(1)), 130);
    const launches = events(sim, 'asat-launch');
    expect(launches).toHaveLength(1);
    expect(launches[0].tick).toBe(ORDER_TICK);
    const f = sim.counterspace.flights[0];
    expect(f).toMatchObject({ id: 'L-1', nation: 'RUS', target: 'rus-sat' });
    // Earliest: every tick between the order and the intercept fails some condition (checked here, not by the engine).
    for (let dt = 1; dt < f.interceptTick - ORDER_TICK; dt++) expect(feasible(ORDER_TICK + dt, dt).ok, `tick ${ORDER_TICK + dt}`).not.toBe(true);
    const at = feasible(f.interceptTick, f.interceptTick - ORDER_TICK);
    expect(at.ok).toBe(true);
    expect(at.altKm).toBeLessThanOrEqual(INTERCEPTOR.altitudeKmMax);
    expect(f.flyOutS).toBeCloseTo(at.flyOutS, 2);
    // The launch leaves the fly-out (rounded up to whole steps) before the intercept.
    expect(f.launchTick).toBe(f.interceptTick - Math.ceil(f.flyOutS / 10));
    expect(f.launchTick).toBeGreaterThanOrEqual(ORDER_TICK);
    expect(payload(launches[0])).toMatchObject({ flight: 'L-1', launcher: 'plesetsk-nudol', flyOutS: Math.round(at.flyOutS), rangeKm: Math.round(at.rangeKm), altitudeKm: Math.round(at.altKm) });
    // The planned intercept point is where the target truly is at the intercept tick.
    expect(norm(sub([...f.interceptEcefKm] as V3, ecefAt(satrecOf(TARGET), EPOCH_MS + f.interceptTick * STEP_MS)))).toBeLessThan(1e-6);
    expect(sim.counterspace.inventory[0]).toBe(0);

    const refused = events(sim, 'asat-refused').map((e) => ({ tick: e.tick, ...payload<{ reason: string; target: string }>(e) }));
    expect(refused.map((r) => [r.tick, r.target, r.reason])).toEqual([[30, 'usa-sat', 'no-track'], [120, 'rus-sat-2', 'no-inventory']]);
    sim.propagator.dispose();
  });

  it('kill probability 1: a hit at the intercept tick, the target breaks up into fragments and leaves', async () => {
    const sim = await runTo(modelFromText(asatScenario(1)), 130);
    const f = sim.counterspace.flights[0];
    expect(f.outcome).toBe('hit');
    const hit = events(sim, 'asat-intercept');
    expect(hit.map((e) => [e.tick, payload(e).hit])).toEqual([[f.interceptTick, true]]);
    const breakups = events(sim, 'breakup');
    expect(breakups.map((e) => [e.tick, payload(e).object])).toEqual([[f.interceptTick, 'rus-sat']]);
    const b = sim.counterspace.breakups[0];
    expect(b).toMatchObject({ tick: f.interceptTick, object: 'rus-sat', cause: 'asat', regime: 'catastrophic' });
    expect(b.added).toBeGreaterThan(10);
    expect(sim.counterspace.fragmentsAdded).toBe(b.added);
    expect(sim.eidById.has('rus-sat')).toBe(false);
    const fragments = sim.ids.filter((id) => id.startsWith('rus-sat-F'));
    expect(fragments).toHaveLength(b.added);
    expect(fragments.every((id) => sim.eidById.has(id))).toBe(true);
    sim.propagator.dispose();
  });

  // Engine fault (engine/counterspace/debris.ts:80): the breakup record's firstStable is taken as
  // sim.objects.length, but stable indices are shared with sites and sensors (sim.ids), so new fragments
  // start at sim.ids.length. Here one site (plesetsk) precedes them: the record claims [5, 122] for 117
  // fragments, index 5 being the site. fragment-custody.ts walks that range and counts the site (it has an
  // entity) as a fragment in orbit. Take firstStable = sim.ids.length before breakUp.
  it('the breakup record spans exactly its fragments (stable indices shared with sites and sensors)', async () => {
    const sim = await runTo(modelFromText(asatScenario(1)), 130);
    const b = sim.counterspace.breakups[0];
    const span = sim.ids.slice(b.firstStable, b.lastStable + 1);
    expect(span.filter((id) => !id.startsWith('rus-sat-F'))).toEqual([]);
    expect(span).toHaveLength(b.added);
    const alive = span.filter((id) => id.startsWith('rus-sat-F') && sim.eidById.has(id)).length;
    expect(sim.counterspace.fragmentCustody.at(-1)!.fragments).toBe(alive);
    sim.propagator.dispose();
  });

  it('kill probability 0: a miss, no breakup, the target stays', async () => {
    const sim = await runTo(modelFromText(asatScenario(0)), 130);
    const f = sim.counterspace.flights[0];
    expect(f.outcome).toBe('miss');
    expect(events(sim, 'asat-intercept').map((e) => [e.tick, payload(e).hit])).toEqual([[f.interceptTick, false]]);
    expect(events(sim, 'breakup')).toEqual([]);
    expect(sim.counterspace.breakups).toEqual([]);
    expect(sim.counterspace.fragmentsAdded).toBe(0);
    expect(sim.eidById.has('rus-sat')).toBe(true);
    sim.propagator.dispose();
  });

  it('a target in GEO is refused at load: UNREACHABLE at the inject\'s target', () => {
    const text = asatScenario(1, '  - { id: geo-strike, at: 30m, kind: asat-launch, by: RUS, target: sbirs-east, title: out of reach }\n');
    const r = loadScenarioText(text, join(SCENARIOS, 'inline.yaml'), SCENARIOS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const errors = r.value.problems.filter((p) => p.severity === 'error');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('geo-strike')) + 1;
    const col = lines[line - 1].indexOf('sbirs-east') + 1;
    expect(errors.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual([`UNREACHABLE ${line}:${col}`]);
    expect(errors[0].message).toContain("target 'sbirs-east'");
  });

  it('same scenario twice: the same state hash at every tick; another kill probability changes it from the intercept', async () => {
    const a = await hashSequence(modelFromText(asatScenario(1)), 110);
    const b = await hashSequence(modelFromText(asatScenario(1)), 110);
    expect(b).toEqual(a);
    const miss = await hashSequence(modelFromText(asatScenario(0)), 110);
    const sim = await runTo(modelFromText(asatScenario(1)), 100);
    const t = sim.counterspace.flights[0].interceptTick;
    sim.propagator.dispose();
    expect(miss.slice(0, t)).toEqual(a.slice(0, t));
    expect(miss[t]).not.toBe(a[t]);
  });
});

describe('missile warning', () => {
  it('the infrared satellite over the site sees the launch at the launch tick; the warning follows its delay; the far-side one never sees it', async () => {
    const model = modelFromText(asatScenario(1));
    // Independent geometry: Plesetsk sees sbirs-east above its horizon, sbirs-far below.
    const sim0 = await createSim(model);
    const geoLook = (id: string) => look(PLESETSK.latDeg, PLESETSK.lonDeg, PLESETSK.altKm, [0, 1, 2].map((k) => sim0.c.Kinematics.posEcefKm[3 * sim0.eidById.get(id)! + k]) as V3).elDeg;
    expect(geoLook('sbirs-east')).toBeGreaterThan(10);
    expect(geoLook('sbirs-far')).toBeLessThan(-10);
    sim0.propagator.dispose();

    const held: Record<string, number> = {};
    const sim = await runTo(model, 130, (s) => {
      for (const n of ['USA', 'GBR', 'JPN', 'FRA', 'RUS']) {
        const h = s.status.held.get(n)?.get('launch:L-1:USA');
        if (h && held[n] === undefined) held[n] = s.tick;
      }
    });
    const f = sim.counterspace.flights[0];
    const detected = events(sim, 'launch-detected');
    expect(detected.map((e) => [e.tick, payload(e).sensor, payload(e).nation])).toEqual([[f.launchTick, 'ir-east', 'USA']]);
    expect([...f.seenBy]).toEqual([0]);
    const warnTick = f.launchTick + Math.ceil(90_000 / 10_000);
    const usa = sim.status.held.get('USA')!.get('launch:L-1:USA')!;
    expect(usa).toMatchObject({ receivedTick: warnTick, agreement: null, item: { product: 'missile.warning', owner: 'USA', tick: warnTick } });
    expect(usa.item.payload).toMatchObject({ launch: 'L-1', sensorKind: 'infrared', sensor: 'ir-east', latDeg: 62.9, lonDeg: 40.6 });
    // GBR under an agreement carrying missile.warning, 2 minutes later; FRA's agreement carries tracks only; JPN has none.
    expect(held).toEqual({ USA: warnTick, GBR: warnTick + 12 });
    expect(sim.status.held.get('GBR')!.get('launch:L-1:USA')).toMatchObject({ receivedTick: warnTick + 12, agreement: 'usa-gbr' });
    sim.propagator.dispose();
  });

  it('cyber: denying the infrared host, or degrading the warning sensor to nothing, blinds it; a degrade that leaves it whole changes nothing', async () => {
    const cyber = (target: string, effect: string, factor = 0.5) => `  - { id: cy, at: 1m, kind: cyber, target: ${target}, effect: ${effect}, factor: ${factor}, duration: 7h, title: cyber }\n`;
    const detections = async (extra: string) => {
      const sim = await runTo(modelFromText(asatScenario(1, extra)), 130);
      const out = events(sim, 'launch-detected').map((e) => [e.tick, payload(e).sensor]);
      const launchTick = sim.counterspace.flights[0].launchTick;
      sim.propagator.dispose();
      return { out, launchTick };
    };
    expect((await detections(cyber('sbirs-east', 'deny'))).out).toEqual([]);
    expect((await detections(cyber('ir-east', 'degrade', 0))).out).toEqual([]);
    const whole = await detections(cyber('ir-east', 'degrade', 1));
    expect(whole.out).toEqual([[whole.launchTick, 'ir-east']]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Laser dazzle and cyber: a US satellite in a 630 km sun-synchronous orbit carrying an optical payload and
// a radar-like one, bright targets in MEO and LEO for them to see, a US ground radar, a Russian laser.

const KRONA = { latDeg: 43.825, lonDeg: 41.5861, altKm: 2.1 };
const LASER = { rangeKmMax: 3000, elevationDegMin: 10 };
function effectsScenario(msel: string): string {
  const meo = [0, 1, 2, 3, 4, 5].map((k) => `  - { id: meo-${k}, owner: RUS, standardMagnitude: 0, elements: ${elementsYaml({ mm: revPerDay(26560), e: 0.001, i: 55, raan: k * 60, m: (k * 97) % 360 })} }`);
  const leo = [0, 1, 2, 3].map((k) => `  - { id: leo-${k}, owner: RUS, elements: ${elementsYaml({ mm: revPerDay(7200 + 50 * k), e: 0.001, i: 60 + 10 * k, raan: k * 90, m: k * 45 })} }`);
  return `vigil: 1
name: effects
epoch: ${EPOCH}
duration: 12h
step: 10s
nations: [{ id: USA }, { id: RUS, side: red }]
sites:
  - { id: krona, owner: RUS, latDeg: ${KRONA.latDeg}, lonDeg: ${KRONA.lonDeg}, altM: 2100 }
  - { id: fyl, owner: USA, latDeg: 54.3617, lonDeg: -0.67, altM: 260 }
objects:
  - { id: sbss, owner: USA, elements: ${elementsYaml({ mm: revPerDay(7008), e: 0.001, i: 98, raan: 40 })} }
${[...meo, ...leo].join('\n')}
sensors:
  - { id: sbss-eye, kind: space, host: sbss, rangeKmMax: 60000, magnitudeMax: 15 }
  - { id: sbss-radar, kind: space, host: sbss, rangeKmMax: 60000 }
  - { id: fyl-radar, kind: radar, site: fyl, rangeKmMax: 40000, elevationDegMin: 0 }
counterspace:
  lasers:
    - { id: kalina, site: krona, rangeKmMax: ${LASER.rangeKmMax}, elevationDegMin: ${LASER.elevationDegMin} }
msel:
${msel}`;
}
const SENSORS = ['sbss-eye', 'sbss-radar', 'fyl-radar'] as const;
/** Detections per sensor after every tick (index = tick). */
async function detectionsOver(model: ScenarioModel, ticks: number, each?: (sim: Sim) => void): Promise<{ sim: Sim; totals: number[][] }> {
  const totals: number[][] = [];
  const sim = await runTo(model, ticks, (s) => {
    totals.push(SENSORS.map((id) => s.c.Sensor.detectionsTotal[s.eidById.get(id)!]));
    each?.(s);
  });
  return { sim, totals };
}
const grew = (totals: number[][], k: number, t: number): number => totals[t][k] - totals[t - 1][k];

describe('laser dazzle', () => {
  it('blinds the optical payload exactly while the satellite is above the laser\'s elevation limit and in range; the radar-like payload and the ground radar see on', async () => {
    const DAZZLE_FROM = 6, TICKS = 4320;
    const dazzled = effectsScenario(`  - { id: dazzle, at: 1m, kind: laser-dazzle, laser: kalina, target: sbss, duration: 12h, title: dazzle }\n`);
    const quiet = effectsScenario('  - { id: note, at: 1m, kind: message, title: nothing }\n');
    const inReach: boolean[] = [];
    const edge: boolean[] = [];
    const { sim, totals } = await detectionsOver(modelFromText(dazzled), TICKS, (s) => {
      const e = s.eidById.get('sbss')!;
      const p = [0, 1, 2].map((k) => s.c.Kinematics.posEcefKm[3 * e + k]) as V3;
      const l = look(KRONA.latDeg, KRONA.lonDeg, KRONA.altKm, p);
      inReach[s.tick] = s.tick >= DAZZLE_FROM && l.elDeg >= LASER.elevationDegMin && l.rangeKm <= LASER.rangeKmMax;
      edge[s.tick] = Math.abs(l.elDeg - LASER.elevationDegMin) < 0.01 || Math.abs(l.rangeKm - LASER.rangeKmMax) < 0.5;
    });
    const base = await detectionsOver(modelFromText(quiet), TICKS);
    let dazzledTicks = 0, wouldHaveSeen = 0, clearSeen = 0;
    for (let t = 1; t <= TICKS; t++) {
      // The radar-like payload and the ground radar are untouched: the same detections as without the laser.
      expect(grew(totals, 1, t), `sbss-radar tick ${t}`).toBe(grew(base.totals, 1, t));
      expect(grew(totals, 2, t), `fyl-radar tick ${t}`).toBe(grew(base.totals, 2, t));
      if (edge[t]) continue;
      if (inReach[t]) {
        dazzledTicks++;
        expect(grew(totals, 0, t), `sbss-eye tick ${t}: dazzled`).toBe(0);
        if (grew(base.totals, 0, t) > 0) wouldHaveSeen++;
      } else if (grew(totals, 0, t) > 0) clearSeen++;
    }
    expect(dazzledTicks).toBeGreaterThan(50);
    // Not vacuous: without the laser the payload saw something on most of those ticks, and it sees outside them.
    expect(wouldHaveSeen).toBeGreaterThan(dazzledTicks / 2);
    expect(clearSeen).toBeGreaterThan(1000);
    // On/off events bracket each pass in reach, naming only the optical payload.
    // The white cell's events name the laser; the owner's (the USA's) do not, event for event.
    const all = events(sim, 'dazzle').map((e) => ({ tick: e.tick, owner: e.visibility.owner, ...payload<{ laser: string | null; dazzling: boolean; sensors: string[] }>(e) }));
    const dz = all.filter((e) => e.owner === null);
    expect(dz.every((e) => e.laser !== null)).toBe(true);
    expect(all.filter((e) => e.owner === 'USA').map((e) => [e.tick, e.laser, e.dazzling])).toEqual(dz.map((e) => [e.tick, null, e.dazzling]));
    expect(dz.length).toBeGreaterThanOrEqual(2);
    expect(dz[0]).toMatchObject({ dazzling: true, sensors: ['sbss-eye'] });
    expect(dz[1]).toMatchObject({ dazzling: false, sensors: [] });
    dz.forEach((e, k) => expect(e.dazzling, `event ${k}`).toBe(k % 2 === 0));
    for (const e of dz) {
      expect(inReach[e.tick], `tick ${e.tick}`).toBe(e.dazzling);
      if (!edge[e.tick - 1]) expect(inReach[e.tick - 1], `tick ${e.tick - 1}`).toBe(!e.dazzling);
    }
    expect(sim.counterspace.effects[0].activeTicks).toBe(inReach.filter(Boolean).length);
    sim.propagator.dispose();
    base.sim.propagator.dispose();
  });
});

describe('cyber', () => {
  const FROM = 360, UNTIL = 540; // 1h to 1h30m
  const window = (target: string, effect: string) => `  - { id: c, at: 1h, kind: cyber, target: ${target}, effect: ${effect}, factor: 0, duration: 30m, title: cyber }\n`;
  /** Detections of sensor k over ticks (a, b]. */
  const over = (totals: number[][], k: number, a: number, b: number): number => totals[b][k] - totals[a][k];

  for (const [what, target, effect, k] of [
    ['deny on a sensor', 'sbss-radar', 'deny', 1],
    ['degrade with factor 0 on a sensor', 'sbss-radar', 'degrade', 1],
    ['deny on a site (its ground radar)', 'fyl', 'deny', 2],
  ] as const) {
    it(`${what}: no detections for the duration, detections before and after; other sensors untouched`, async () => {
      const { sim, totals } = await detectionsOver(modelFromText(effectsScenario(window(target, effect))), 900);
      const base = await detectionsOver(modelFromText(effectsScenario('  - { id: note, at: 1m, kind: message, title: nothing }\n')), 900);
      expect(over(totals, k, FROM - 1, UNTIL - 1)).toBe(0);
      expect(over(base.totals, k, FROM - 1, UNTIL - 1), 'it would have detected').toBeGreaterThan(20);
      expect(over(totals, k, 0, FROM - 1)).toBe(over(base.totals, k, 0, FROM - 1));
      expect(over(totals, k, UNTIL - 1, 900)).toBeGreaterThan(20);
      // It resumes at the tick the effect ends.
      expect(totals.slice(UNTIL, UNTIL + 30).some((_, j) => grew(totals, k, UNTIL + j) > 0)).toBe(true);
      for (const other of [0, 1, 2].filter((x) => x !== k)) expect(totals.map((r) => r[other]), SENSORS[other]).toEqual(base.totals.map((r) => r[other]));
      const cy = events(sim, 'cyber').map((e) => [e.tick, payload(e).active]);
      expect(cy).toEqual([[FROM, true], [UNTIL, false]]);
      expect(payload<{ affected: string[] }>(events(sim, 'cyber')[0]).affected).toEqual([SENSORS[k]]);
      sim.propagator.dispose();
      base.sim.propagator.dispose();
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Conjunctions: two US satellites at ~620 km on planes 90 deg apart (i 30 and 120, same node), phased to
// reach the line of nodes together ~1,500 s after the epoch; a docked pair with one element set; a GBR
// radar under c2 at the epoch (it tracks c2, never c1, which is a quarter of the sky away).

const A = 7000;
const M0 = 360 - (360 * 1500) / (2 * Math.PI * Math.sqrt(A ** 3 / MU72));
const C1 = { mm: revPerDay(A), e: 0.0001, i: 30, m: M0 };
/** c2: 3 km lower, its mean anomaly offset so that it crosses dM after c1 (0.08 deg: ~150 m; 0.1 deg: a few km). */
const C2 = (dM: number) => ({ mm: revPerDay(A - 3), e: 0.0001, i: 120, m: M0 + dM });
const DOCKED = { mm: revPerDay(6780), e: 0.0005, i: 51.6, raan: 200, m: 10 };

function conjunctionScenario(dM: number, hardBodyRadiusM: number, extra = '', rcsM2 = 1): string {
  const under = ecefAt(satrecOf(C2(dM)), EPOCH_MS);
  const lat = Math.atan2(under[2], Math.hypot(under[0], under[1])) / RAD, lon = Math.atan2(under[1], under[0]) / RAD;
  return `vigil: 1
name: conjunctions
epoch: ${EPOCH}
duration: 1h
step: 10s
nations: [{ id: USA }, { id: GBR }, { id: JPN }]
sites:
  - { id: under-c2, owner: GBR, latDeg: ${lat.toFixed(4)}, lonDeg: ${lon.toFixed(4)} }
objects:
  - { id: c1, owner: USA, rcsM2: ${rcsM2}, elements: ${elementsYaml(C1)} }
  - { id: c2, owner: USA, rcsM2: ${rcsM2}, elements: ${elementsYaml(C2(dM))} }
  - { id: dock-a, owner: JPN, elements: ${elementsYaml(DOCKED)} }
  - { id: dock-b, owner: JPN, elements: ${elementsYaml(DOCKED)} }
sensors:
  - { id: gbr-radar, kind: radar, site: under-c2, rangeKmMax: 2500, elevationDegMin: 5 }
counterspace:
  debris: { fragmentCutoffM: 0.3, fragmentsPerEventMax: 150 }
  conjunctions: { every: 10m, sample: 60s, screeningKm: 10, hardBodyRadiusM: ${hardBodyRadiusM}, warnPc: 1.0e-9 }
tracking: { uncertaintyKmInitial: 0.5 }
${extra}`;
}

/** Brute force: the closest approach of two satrecs over [fromMs, toMs] at 1 s, then refined by golden-section search. */
function closestApproach(a: SatRec, b: SatRec, fromMs: number, toMs: number): { tcaMs: number; missKm: number; coarseMs: number } {
  const d = (ms: number): number => norm(sub(temeAt(a, ms).r, temeAt(b, ms).r));
  let best = Infinity, coarseMs = fromMs;
  for (let t = fromMs; t <= toMs; t += 1000) {
    const x = d(t);
    if (x < best) [best, coarseMs] = [x, t];
  }
  let lo = coarseMs - 1000, hi = coarseMs + 1000;
  for (let k = 0; k < 80; k++) {
    const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (d(m1) < d(m2)) hi = m2;
    else lo = m1;
  }
  const tcaMs = (lo + hi) / 2;
  return { tcaMs, missKm: d(tcaMs), coarseMs };
}

describe('conjunctions', () => {
  it('the crossing pair is found at the brute-force TCA and miss; the owner of both is warned with Pc from its sigmas; a nation tracking one, or none, is not; the docked pair never', async () => {
    const truth = closestApproach(satrecOf(C1), satrecOf(C2(0.1)), EPOCH_MS, EPOCH_MS + 3_600_000);
    expect(truth.missKm).toBeGreaterThan(0.2);
    expect(truth.missKm).toBeLessThan(10);
    const sim = await runTo(modelFromText(conjunctionScenario(0.1, 20)), 200);
    const records = sim.counterspace.conjunctions;
    expect(records.map((r) => [r.object1, r.object2])).toEqual([['c1', 'c2']]);
    const r = records[0];
    expect(Math.abs(r.tcaMs - truth.coarseMs)).toBeLessThanOrEqual(1000);
    expect(Math.abs(r.tcaMs - truth.tcaMs)).toBeLessThan(50);
    expect(r.missKm).toBeCloseTo(truth.missKm, 2);
    expect(r.collided).toBe(false);
    // Screened by the screening whose window holds the TCA.
    expect(r.screenTick).toBe(Math.floor((truth.tcaMs - EPOCH_MS) / 600_000) * 60);
    const pc = pcIsotropicRice(r.missKm, Math.SQRT2 * 0.5, 0.02);
    expect(pc).toBeGreaterThan(1e-9);
    expect(r.warned).toEqual([{ nation: 'USA', pc }]);
    const item = sim.status.held.get('USA')!.get(`conj:USA:${r.key}`)!;
    expect(item).toMatchObject({ agreement: null, item: { product: 'conjunction.warning', owner: 'USA', tick: r.screenTick } });
    expect(item.item.payload).toMatchObject({ pc, missKm: Math.round(r.missKm * 1000) / 1000, hardBodyRadiusM: 20, object1: { designation: 'c1', sigmaKm: 0.5 }, object2: { designation: 'c2', sigmaKm: 0.5 } });
    // GBR tracked c2 (its radar stands under it), never c1: no assessment, no warning. JPN owns the docked pair only.
    const gbr = sim.tracks.tables[sim.tracks.nations.indexOf('GBR')];
    expect(gbr.updateTick[sim.ids.indexOf('c2')]).toBeGreaterThanOrEqual(0);
    expect(gbr.updateTick[sim.ids.indexOf('c1')]).toBe(-1);
    expect([...(sim.status.held.get('GBR')?.keys() ?? [])]).toEqual([]);
    expect([...(sim.status.held.get('JPN')?.keys() ?? [])]).toEqual([]);
    expect(events(sim, 'collision')).toEqual([]);
    sim.propagator.dispose();
  });

  it('a pair that truly passes within the sum of the bodies\' radii (sqrt(RCS / pi) each) collides: a collision event, both break up at the TCA tick, fragments added', async () => {
    const truth = closestApproach(satrecOf(C1), satrecOf(C2(0.08)), EPOCH_MS + 1_000_000, EPOCH_MS + 2_000_000);
    expect(truth.missKm).toBeLessThan(0.5);
    // Radii of 252 m each (RCS 200,000 m^2): the pair's true miss is inside their sum.
    const sim = await runTo(modelFromText(conjunctionScenario(0.08, 1000, '', 200_000)), 160);
    const tcaTick = Math.ceil((truth.tcaMs - EPOCH_MS) / 10_000);
    const r = sim.counterspace.conjunctions.find((x) => x.object1 === 'c1' && x.object2 === 'c2')!;
    expect(r.collided).toBe(true);
    expect(r.missKm).toBeCloseTo(truth.missKm, 2);
    const collisions = events(sim, 'collision');
    expect(collisions.map((e) => [e.tick, payload(e).object1, payload(e).object2])).toEqual([[r.screenTick, 'c1', 'c2']]);
    expect(sim.counterspace.breakups.map((b) => [b.tick, b.object, b.cause])).toEqual([[tcaTick, 'c1', 'collision'], [tcaTick, 'c2', 'collision']]);
    for (const b of sim.counterspace.breakups) {
      expect(b.added, b.object).toBeGreaterThan(0);
      expect(b.added, b.object).toBeLessThanOrEqual(150);
    }
    expect(events(sim, 'breakup').map((e) => e.tick)).toEqual([tcaTick, tcaTick]);
    expect(sim.eidById.has('c1') || sim.eidById.has('c2')).toBe(false);
    expect(sim.ids.filter((id) => /^c[12]-F/.test(id) && sim.eidById.has(id)).length).toBeGreaterThan(10);
    // The docked pair is still whole.
    expect(sim.eidById.has('dock-a') && sim.eidById.has('dock-b')).toBe(true);
    sim.propagator.dispose();
  });
});

// ---------------------------------------------------------------------------------------------------

describe('conjunction warnings between nations', () => {
  const share = (fidelity = '') => `agreements:\n  - { id: usa-gbr, provider: USA, recipients: [GBR], products: [conjunction.warning], classificationMax: SECRET${fidelity} }\n`;
  const heldBy = (sim: Sim, nation: string) => [...(sim.status.held.get(nation)?.values() ?? [])].filter((h) => h.item.product === 'conjunction.warning');

  it('a warning about a NOFORN satellite is NOFORN: the partner never receives it, nor its name', async () => {
    const text = conjunctionScenario(0.1, 20, share()).replace('- { id: c1, owner: USA,', '- { id: c1, owner: USA, catalogued: false, marking: { classification: SECRET, caveats: [NOFORN] },');
    const sim = await runTo(modelFromText(text), 200);
    expect(heldBy(sim, 'USA')).toHaveLength(1);
    expect(heldBy(sim, 'GBR')).toEqual([]);
    expect(JSON.stringify([...(sim.status.held.get('GBR')?.entries() ?? [])])).not.toContain('c1');
    sim.propagator.dispose();
  });

  it('the agreement\'s fidelity applies: identity unknown and velocity stripped reach the partner as unidentified positions, its own designations nowhere in the key', async () => {
    const text = conjunctionScenario(0.1, 20, share(', fidelity: { identity: unknown, strip: [velTemeKmPerS, source], positionNoiseKm: 2 }'));
    const sim = await runTo(modelFromText(text), 200);
    const [own] = heldBy(sim, 'USA');
    const [got] = heldBy(sim, 'GBR');
    expect(got.agreement).toBe('usa-gbr');
    const w = got.item.payload as { conjunction: string; object1: { designation: string; name: string; velTemeKmps: unknown; sigmaKm: number } };
    expect(w.object1).toMatchObject({ designation: 'UNIDENTIFIED-1', name: 'UNIDENTIFIED-1', velTemeKmps: null });
    expect(w.object1.sigmaKm).toBeCloseTo(Math.sqrt(0.5 ** 2 + 2 ** 2), 12);
    expect(w.conjunction).not.toMatch(/c1|c2/);
    expect((own.item.payload as { object1: { designation: string } }).object1.designation).toBe('c1');
    sim.propagator.dispose();
  });

  it('a partner\'s warning of the same conjunction sits beside the nation\'s own, never over it', async () => {
    // c2 is GBR's: each nation assesses its own satellite's conjunction, tracking the other's with a radar
    // under it (a GBR radar under c1, a USA one beside GBR's under c2); the USA shares its warning.
    const under = ecefAt(satrecOf(C1), EPOCH_MS);
    const lat = Math.atan2(under[2], Math.hypot(under[0], under[1])) / RAD, lon = Math.atan2(under[1], under[0]) / RAD;
    const text = conjunctionScenario(0.1, 20, share())
      .replace('- { id: c2, owner: USA,', '- { id: c2, owner: GBR,')
      .replace('sites:\n', `sites:\n  - { id: under-c1, owner: GBR, latDeg: ${lat.toFixed(4)}, lonDeg: ${lon.toFixed(4)} }\n`)
      .replace('sensors:\n', 'sensors:\n  - { id: gbr-radar-2, kind: radar, site: under-c1, rangeKmMax: 2500, elevationDegMin: 5 }\n  - { id: usa-radar, kind: radar, site: under-c2, owner: USA, rangeKmMax: 2500, elevationDegMin: 5 }\n');
    const sim = await runTo(modelFromText(text), 200);
    const gbr = heldBy(sim, 'GBR');
    expect(gbr.map((h) => [h.item.owner, h.agreement]).sort()).toEqual([['GBR', null], ['USA', 'usa-gbr']]);
    sim.propagator.dispose();
  });
});

describe('co-orbital', () => {
  const scenario = (effect: string, at = '0s') => `vigil: 1
name: co-orbital
epoch: ${EPOCH}
duration: 12h
step: 10s
nations: [{ id: USA }, { id: RUS, side: red }]
objects:
  - { id: target, owner: USA, elements: ${elementsYaml({ mm: revPerDay(7000), e: 0.0005, i: 97.8, raan: 100, m: 40 })} }
  - { id: chaser, owner: RUS, elements: ${elementsYaml({ mm: revPerDay(6950), e: 0.0005, i: 97.8, raan: 100.5, m: 0 })} }
counterspace:
  coOrbital:
    - { id: asat, object: chaser, deltaVMps: 400 }
msel:
  - { id: go, at: ${at}, kind: co-orbital-attack, asat: asat, target: target, effect: ${effect}, standoffKm: 10, title: approach }
`;

  it('an order at the first tick is planned from that tick\'s positions: it arrives within budget and holds station ~10 km behind the target', async () => {
    const model = modelFromText(scenario('shadow'));
    const sim = await runTo(model, 1);
    const [plan] = events(sim, 'co-orbital-approach').map((e) => payload<{ deltaVMps: number; arrivalUtc: string | null; refused: string | null }>(e));
    expect(plan.refused).toBeNull();
    // Hohmann 6,950 -> 7,000 km alone is about 27 m/s; plane change and phasing add to it, within 400.
    expect(plan.deltaVMps).toBeGreaterThan(27);
    expect(plan.deltaVMps).toBeLessThanOrEqual(400);
    const arrivalTick = (Date.parse(plan.arrivalUtc!) - EPOCH_MS) / 10_000;
    while (sim.tick < arrivalTick + 30) step(sim);
    expect(events(sim, 'co-orbital-arrival')).toHaveLength(1);
    const p = (id: string) => [0, 1, 2].map((k) => sim.c.Kinematics.posTemeKm[3 * sim.eidById.get(id)! + k]) as V3;
    // Five minutes after arrival the chaser still flies about 10 km from the target.
    const d = norm(sub(p('chaser'), p('target')));
    expect(d).toBeGreaterThan(5);
    expect(d).toBeLessThan(20);
    sim.propagator.dispose();
  });

  it('kinetic: at arrival the ASAT explodes and the target breaks up', async () => {
    const sim = await runTo(modelFromText(scenario('kinetic')), 1);
    const [plan] = events(sim, 'co-orbital-approach').map((e) => payload<{ arrivalUtc: string }>(e));
    const arrivalTick = (Date.parse(plan.arrivalUtc) - EPOCH_MS) / 10_000;
    while (sim.tick < arrivalTick + 1) step(sim);
    expect(sim.counterspace.breakups.map((b) => [b.tick, b.object, b.cause])).toEqual([[arrivalTick, 'chaser', 'explosion'], [arrivalTick, 'target', 'co-orbital']]);
    expect(sim.eidById.has('target') || sim.eidById.has('chaser')).toBe(false);
    sim.propagator.dispose();
  });
});

describe('breakups in sequence', () => {
  it('a cratered satellite broken up again gets new fragment ids: no crash, both breakups counted', async () => {
    const text = conjunctionScenario(0.1, 20, `msel:
  - { id: b1, at: 5m, kind: breakup, object: c1, cause: collision, breakup: { massKg: 1000, projectileMassKg: 0.5, impactSpeedKmPerS: 10 }, title: crater }
  - { id: b2, at: 10m, kind: breakup, object: c1, cause: collision, breakup: { massKg: 1000, projectileMassKg: 0.5, impactSpeedKmPerS: 10 }, title: crater again }
`);
    const sim = await runTo(modelFromText(text), 70);
    const b = sim.counterspace.breakups;
    expect(b.map((x) => [x.object, x.regime])).toEqual([['c1', 'non-catastrophic'], ['c1', 'non-catastrophic']]);
    expect(sim.eidById.has('c1')).toBe(true);
    expect(sim.ids.some((id) => id.startsWith('c1-F'))).toBe(true);
    expect(sim.ids.some((id) => id.startsWith('c1-B2-F'))).toBe(true);
    sim.propagator.dispose();
  });
});

describe('fragment caps', () => {
  it('fragmentsPerEventMax and fragmentsTotalMax hold; the run cap logs limit-reached fragmentsTotalMax once; later breakups draw only what is left', async () => {
    const rb = (k: number) => `  - { id: rb-${k}, kind: rocket-body, elements: ${elementsYaml({ mm: revPerDay(7200 + 100 * k), e: 0.001, i: 70 + k, raan: 50 * k })} }`;
    const text = `vigil: 1
name: caps
epoch: ${EPOCH}
duration: 1h
step: 10s
nations: [{ id: USA }]
sites:
  - { id: s1, owner: USA, latDeg: 10, lonDeg: 10 }
objects:
${[0, 1, 2].map(rb).join('\n')}
counterspace:
  debris: { fragmentCutoffM: 0.1, fragmentsPerEventMax: 50, fragmentsTotalMax: 80 }
msel:
  - { id: b0, at: 1m, kind: breakup, object: rb-0, title: explosion }
  - { id: b1, at: 2m, kind: breakup, object: rb-1, title: explosion }
  - { id: b2, at: 3m, kind: breakup, object: rb-2, title: explosion }
`;
    const sim = await runTo(modelFromText(text), 30);
    const bs = sim.counterspace.breakups;
    expect(bs.map((b) => [b.tick, b.object])).toEqual([[6, 'rb-0'], [12, 'rb-1'], [18, 'rb-2']]);
    for (const b of bs) {
      expect(b.drawn, b.object).toBeLessThanOrEqual(50);
      expect(b.added + b.refused, b.object).toBe(b.drawn);
    }
    // An explosion of a 1,500 kg rocket body draws far more than 50 fragments of 10 cm: the per-event cap cuts.
    expect(bs[0].cut).toBeGreaterThan(0);
    expect(bs[0].drawn).toBeGreaterThan(40);
    // Each later breakup may draw only what the run cap leaves (fragments SGP4 refuses do not count).
    let before = 0;
    for (const b of bs) {
      expect(b.drawn, b.object).toBeLessThanOrEqual(Math.min(50, 80 - before));
      expect(b.cut, b.object).toBeGreaterThan(0);
      before += b.added;
    }
    expect(sim.counterspace.fragmentsAdded).toBe(bs.reduce((s, b) => s + b.added, 0));
    expect(sim.counterspace.fragmentsAdded).toBeLessThanOrEqual(80);
    expect(bs[2].drawn).toBeLessThan(50);
    const limits = events(sim, 'limit-reached').map((e) => payload<{ limit: string; value: number }>(e));
    expect(limits.filter((l) => l.limit === 'fragmentsTotalMax')).toEqual([{ limit: 'fragmentsTotalMax', value: 80 }]);
    expect(limits.filter((l) => l.limit === 'fragmentsPerEventMax')).toHaveLength(1);
    const live = sim.ids.filter((id) => /^rb-\d-F/.test(id));
    expect(live).toHaveLength(sim.counterspace.fragmentsAdded);
    sim.propagator.dispose();
  });
});
