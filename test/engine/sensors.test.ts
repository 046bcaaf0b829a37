/**
 * The sensor models against values computed here, independently of the engine's hot loops:
 * - ground telescopes on the real catalog: look angles (physics/frames.ts), the Sun (physics/sun.ts), a
 *   cylindrical Earth shadow and a diffuse-sphere magnitude written in this file;
 * - space-based sensors: plain vector geometry in TEME (range, segment-sphere Earth occlusion, nadir and
 *   zenith cones, Sun exclusion, magnitude), and a hosted payload's detections in its owner's tracks;
 * - the search radar equation: detections per SNR bin against the Swerling I Pd (binomial bounds);
 * - a site's visibility of the ISS against the access windows of physics/access.ts;
 * - tasking: capacity, priority list, then the objects the nation has gone longest without observing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessWindows, createSim, prepareOrbits, rcsOf, satrecFrom, standardMagnitudeOf, step,
  type OpticalSensorModel, type PreparedOrbits, type RadarSensorModel, type ScenarioModel, type Sim, type SpaceSensorModel,
} from '../../engine/index.js';
import { DEG, ecefToTeme, gmstRad, lookAngles, temeToEcef, topocentre, WGS84_A_KM, type LookAngles, type Topocentre, type Vec3 } from '../../engine/physics/frames.js';
import { isSunlit } from '../../engine/physics/optical.js';
import { AU_KM, sunDirection } from '../../engine/physics/sun.js';
import { loadModel, modelFromText, SCENARIOS, testSeed } from '../helpers.js';

const MS_PER_DAY = 86_400_000;
const BOLTZMANN_J_PER_K = 1.380649e-23;
const OWN_VIA = -1;

// ---------------------------------------------------------------------------------------------------
// Independent pieces: time, vectors, Sun, shadow, brightness, azimuth windows.

const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const scale = (a: Vec3, k: number): Vec3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
const norm = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);
const cross = (a: Vec3, b: Vec3): Vec3 => ({ x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x });
/** Angle between two vectors, radians (atan2 form: accurate near 0 and pi). */
const angle = (a: Vec3, b: Vec3): number => Math.atan2(norm(cross(a, b)), dot(a, b));

/** UTC ms of the sim's current tick, from the model (not the engine's time base). */
const timeMs = (sim: Sim): number => sim.model.epochMs + sim.tick * sim.model.stepMs;
const gmstAt = (ms: number): number => gmstRad(2_440_587.5 + ms / MS_PER_DAY);

function sunTemeAt(ms: number): Vec3 {
  const s = [0, 0, 0];
  sunDirection(ms, s);
  return { x: s[0], y: s[1], z: s[2] };
}

function temeOf(sim: Sim, eid: number): Vec3 {
  const p = sim.c.Kinematics.posTemeKm;
  return { x: p[3 * eid], y: p[3 * eid + 1], z: p[3 * eid + 2] };
}

const objectOf = (sim: Sim, eid: number) => sim.model.objects[sim.c.Identity.stableIndex[eid]];

/** Cylindrical Earth shadow (no penumbra): behind the Earth and within one Earth radius of the axis. */
function inEarthShadow(r: Vec3, sunUnit: Vec3): boolean {
  const along = dot(r, sunUnit);
  if (along > 0) return false;
  return norm(sub(r, scale(sunUnit, along))) < WGS84_A_KM;
}

/** Lambertian sphere phase function, F(0) = 1. */
const lambert = (phi: number): number => ((Math.PI - phi) * Math.cos(phi) + Math.sin(phi)) / Math.PI;

/** Visual magnitude of an object of standard magnitude `std` (1000 km, 90 deg phase) at range and phase. */
function magnitudeAt(std: number, rangeKm: number, phaseRad: number): number {
  const f = lambert(phaseRad);
  if (!(f > 0)) return Infinity;
  return std + 5 * Math.log10(rangeKm / 1000) - 2.5 * Math.log10(f / lambert(Math.PI / 2));
}

function inAzimuth(la: LookAngles, minDeg: number, maxDeg: number): boolean {
  if (maxDeg - minDeg >= 360) return true;
  const az = la.azRad / DEG;
  return minDeg <= maxDeg ? az >= minDeg && az <= maxDeg : az >= minDeg || az <= maxDeg;
}

function topoOf(sim: Sim, siteId: string): Topocentre {
  const site = sim.model.sites.find((s) => s.id === siteId)!;
  return topocentre({ latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm });
}

/** Object eids sensor `sEid` observed this tick, in observation order. */
function observedBy(sim: Sim, sEid: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < sim.observations.n; j++) if (sim.observations.sensor[j] === sEid) out.push(sim.observations.eid[j]);
  return out;
}

function candidateEids(sim: Sim): number[] {
  return Array.from(sim.candidates.eid.subarray(0, sim.candidates.n));
}

// ---------------------------------------------------------------------------------------------------
// Shared real-catalog model (coalition-ssa: the active catalog with owners), its orbits prepared once.

let coalition: ScenarioModel;
let prepared: PreparedOrbits;
const sims: Sim[] = [];

async function simOf(model: ScenarioModel, seed?: number): Promise<Sim> {
  const sim = await createSim(model, { prepared, ...(seed === undefined ? {} : { seed }) });
  sims.push(sim);
  return sim;
}

beforeAll(async () => {
  coalition = loadModel(join(SCENARIOS, 'coalition-ssa.yaml'));
  prepared = await prepareOrbits(coalition.objects);
});

afterAll(() => {
  for (const sim of sims) sim.propagator.dispose();
});

// ---------------------------------------------------------------------------------------------------

describe('ground telescopes on the real catalog against an independent brute force', () => {
  /** What a telescope may see: dark site, in the field, sunlit, bright enough. */
  function referenceTelescope(sim: Sim, sensor: OpticalSensorModel): { eids: number[]; sunElDeg: number } {
    const topo = topoOf(sim, sensor.site);
    const t = timeMs(sim);
    const gmst = gmstAt(t);
    const sun = sunTemeAt(t);
    const sunElDeg = lookAngles(topo, scale(temeToEcef(sun, gmst), AU_KM)).elRad / DEG;
    const eids: number[] = [];
    if (sunElDeg > sensor.sunElevationDegMax) return { eids, sunElDeg };
    const siteTeme = ecefToTeme(topo.posEcefKm, gmst);
    for (const eid of sim.order.orbiters) {
      const r = temeOf(sim, eid);
      const la = lookAngles(topo, temeToEcef(r, gmst));
      if (la.elRad < sensor.elevationDegMin * DEG || la.elRad > sensor.elevationDegMax * DEG) continue;
      if (la.rangeKm > sensor.rangeKmMax || !inAzimuth(la, sensor.azimuthDegMin, sensor.azimuthDegMax)) continue;
      if (inEarthShadow(r, sun)) continue;
      // Phase angle at the object, between the (distant) Sun and the observer.
      const phase = angle(sun, sub(siteTeme, r));
      if (magnitudeAt(standardMagnitudeOf(objectOf(sim, eid)), la.rangeKm, phase) > sensor.magnitudeMax) continue;
      eids.push(eid);
    }
    return { eids, sunElDeg };
  }

  it('counts exactly the dark-site, sunlit, bright-enough objects; nothing in daylight', async () => {
    const telescopes = coalition.sensors
      .filter((s): s is OpticalSensorModel => s.kind === 'optical')
      .map((s) => ({ ...s, detectionProbability: 1, capacity: null }));
    expect(telescopes.map((s) => s.id)).toEqual(['geodss-socorro', 'geodss-diego-garcia', 'geodss-maui', 'exmouth-sst']);
    // 20-minute steps: 12:00 to 14:00 UTC. Diego Garcia is in daylight at 12:00, Socorro reaches dawn.
    const model: ScenarioModel = { ...coalition, injects: [], agreements: [], sensors: telescopes, stepMs: 20 * 60_000 };
    const sim = await simOf(model);
    const last = telescopes[telescopes.length - 1];
    let counted = 0;
    let daylightLooks = 0;
    let darkLooks = 0;
    const rows: string[] = [];
    for (;;) {
      for (const tel of telescopes) {
        const sEid = sim.eidById.get(tel.id)!;
        const ref = referenceTelescope(sim, tel);
        const engine = sim.c.Sensor.inViewCount[sEid];
        rows.push(`tick ${sim.tick} ${tel.id}: sun ${ref.sunElDeg.toFixed(1)} deg, engine ${engine}, reference ${ref.eids.length}`);
        expect(engine, `${tel.id} at tick ${sim.tick} (Sun ${ref.sunElDeg.toFixed(2)} deg)`).toBe(ref.eids.length);
        // Probability 1, no capacity: every object in view is observed.
        expect(observedBy(sim, sEid)).toHaveLength(engine);
        if (tel.id === last.id) expect(candidateEids(sim), `${tel.id} candidates at tick ${sim.tick}`).toEqual(ref.eids);
        if (ref.sunElDeg > 0) {
          daylightLooks++;
          expect(engine, `${tel.id} in daylight at tick ${sim.tick}`).toBe(0);
        }
        if (ref.sunElDeg <= tel.sunElevationDegMax) darkLooks++;
        counted += engine;
      }
      if (sim.tick === 6) break;
      step(sim);
    }
    console.log(rows.join('\n'));
    expect(daylightLooks).toBeGreaterThan(0);
    expect(darkLooks).toBeGreaterThan(10);
    expect(counted).toBeGreaterThan(200);
  });

  it('the independent cylindrical shadow agrees with physics/optical.ts isSunlit over the catalog', async () => {
    const sim = await simOf({ ...coalition, injects: [], agreements: [], sensors: [] });
    const sun = sunTemeAt(timeMs(sim));
    let shadowed = 0;
    for (const eid of sim.order.orbiters) {
      const r = temeOf(sim, eid);
      const dark = inEarthShadow(r, sun);
      if (dark) shadowed++;
      expect(isSunlit(r.x, r.y, r.z, sun.x, sun.y, sun.z), objectOf(sim, eid).id).toBe(!dark);
    }
    expect(shadowed).toBeGreaterThan(1000);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('space-based sensors on the real catalog against plain vector geometry', () => {
  /** True when the segment a -> b passes inside the sphere of radius `radius` about the origin. */
  function segmentHitsSphere(a: Vec3, b: Vec3, radius: number): boolean {
    const r2 = radius * radius;
    if (dot(a, a) < r2 || dot(b, b) < r2) return true;
    const d = sub(b, a);
    const qa = dot(d, d), qb = 2 * dot(a, d), qc = dot(a, a) - r2;
    const disc = qb * qb - 4 * qa * qc;
    if (disc <= 0) return false;
    // Both ends outside: the segment enters the sphere iff the first crossing lies between them.
    const t1 = (-qb - Math.sqrt(disc)) / (2 * qa);
    return t1 > 0 && t1 < 1;
  }

  function referenceSpace(sim: Sim, sensor: SpaceSensorModel): number[] {
    const hostEid = sim.eidById.get(sensor.host)!;
    const h = temeOf(sim, hostEid);
    const sun = sunTemeAt(timeMs(sim));
    const up = scale(h, 1 / norm(h));
    const boresight = sensor.pointing === 'nadir' ? scale(up, -1) : up;
    const eids: number[] = [];
    for (const eid of sim.order.orbiters) {
      if (eid === hostEid) continue;
      const p = temeOf(sim, eid);
      const d = sub(p, h);
      const range = norm(d);
      if (range > sensor.rangeKmMax || range === 0) continue;
      if (segmentHitsSphere(h, p, WGS84_A_KM + sensor.earthClearanceKm)) continue;
      if (sensor.pointing !== 'any' && angle(d, boresight) > sensor.halfAngleDeg * DEG) continue;
      if (sensor.magnitudeMax !== null) {
        if (angle(d, sun) < sensor.sunExclusionDeg * DEG) continue;
        if (inEarthShadow(p, sun)) continue;
        if (magnitudeAt(standardMagnitudeOf(objectOf(sim, eid)), range, angle(sun, scale(d, -1))) > sensor.magnitudeMax) continue;
      }
      eids.push(eid);
    }
    return eids;
  }

  it('counts exactly for any, nadir, zenith and optical payloads; a hosted payload feeds its owner', async () => {
    const hosted = coalition.sensors.find((s) => s.id === 'qzs6-hosted') as SpaceSensorModel;
    expect(coalition.objects.find((o) => o.id === 'NORAD-62876')!.owner).toBe('JPN');
    expect(hosted.owner).toBe('USA');
    const common = { detectionProbability: 1, measurementNoiseKm: 1, capacity: null, priority: [], marking: { classification: 'UNCLASSIFIED', releasableTo: 'all' as const, caveats: [] } };
    const sensors: SpaceSensorModel[] = [
      { ...common, id: 'rf-any', kind: 'space', owner: 'USA', host: 'NORAD-37168', pointing: 'any', halfAngleDeg: 180, earthClearanceKm: 100, magnitudeMax: null, sunExclusionDeg: 30, rangeKmMax: 40_000 },
      { ...common, id: 'nadir-cone', kind: 'space', owner: 'CAN', host: 'NORAD-39088', pointing: 'nadir', halfAngleDeg: 66, earthClearanceKm: 50, magnitudeMax: null, sunExclusionDeg: 30, rangeKmMax: 8_000 },
      { ...common, id: 'zenith-optical', kind: 'space', owner: 'USA', host: 'NORAD-37168', pointing: 'zenith', halfAngleDeg: 50, earthClearanceKm: 100, magnitudeMax: 14, sunExclusionDeg: 40, rangeKmMax: 40_000 },
      { ...common, id: 'qzs6-jpn', kind: 'space', owner: 'JPN', host: 'NORAD-62876', pointing: 'nadir', halfAngleDeg: 12, earthClearanceKm: 100, magnitudeMax: null, sunExclusionDeg: 30, rangeKmMax: 60_000 },
      // The hosted payload: the USA's, on Japan's QZS-6 (as in the scenario, without its capacity).
      { ...hosted, detectionProbability: 1, capacity: null },
    ];
    const model: ScenarioModel = { ...coalition, injects: [], agreements: [], sensors, stepMs: 20 * 60_000 };
    const sim = await simOf(model);
    const eidOf = (id: string) => sim.eidById.get(id)!;
    const stableOf = (id: string) => sim.c.Identity.stableIndex[eidOf(id)];
    const table = (nation: string) => sim.tracks.tables[sim.tracks.nations.indexOf(nation)];
    const usa = table('USA');
    const jpn = table('JPN');
    const can = table('CAN');
    const seen = new Map(sensors.map((s) => [s.id, 0]));
    const obsByNation = new Map<string, number>();
    for (;;) {
      for (const sensor of sensors) {
        const ref = referenceSpace(sim, sensor);
        const sEid = eidOf(sensor.id);
        expect(sim.c.Sensor.inViewCount[sEid], `${sensor.id} at tick ${sim.tick}`).toBe(ref.length);
        const observed = observedBy(sim, sEid);
        expect(observed).toHaveLength(ref.length);
        seen.set(sensor.id, seen.get(sensor.id)! + ref.length);
        obsByNation.set(sensor.owner, (obsByNation.get(sensor.owner) ?? 0) + observed.length);
      }
      expect(candidateEids(sim), `qzs6-hosted candidates at tick ${sim.tick}`).toEqual(referenceSpace(sim, sensors[4]));
      // Every object the hosted payload observed is now a USA track last updated by it, never Japan's.
      for (const eid of observedBy(sim, eidOf('qzs6-hosted'))) {
        const stable = sim.c.Identity.stableIndex[eid];
        expect(usa.updateTick[stable]).toBe(sim.tick);
        expect(usa.lastVia[stable]).toBe(OWN_VIA);
        expect(usa.lastSensor[stable]).toBe(stableOf('qzs6-hosted'));
        expect(jpn.lastSensor[stable]).not.toBe(stableOf('qzs6-hosted'));
      }
      if (sim.tick === 3) break;
      step(sim);
    }
    console.log(`space sensors, in view over 4 ticks: ${[...seen].map(([id, n]) => `${id} ${n}`).join(', ')}`);
    for (const [id, n] of seen) expect(n, id).toBeGreaterThan(0);
    // Each nation's own updates are exactly its own sensors' observations: the payload's go to the USA.
    expect(usa.ownUpdates).toBe(obsByNation.get('USA'));
    expect(jpn.ownUpdates).toBe(obsByNation.get('JPN'));
    expect(can.ownUpdates).toBe(obsByNation.get('CAN'));
    expect(Array.from(jpn.lastSensor).filter((s) => s === stableOf('qzs6-hosted'))).toHaveLength(0);
    expect(usa.sharedUpdates + jpn.sharedUpdates).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('detection probability in the sim (real catalog)', () => {
  it('detects per SNR bin as the textbook Swerling I Pd, and a fixed pd as pd (binomial, 4 sigma)', async () => {
    const seed = testSeed();
    console.log(`radar detection seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/engine/sensors.test.ts`);
    const fixed = coalition.sensors.find((s) => s.id === 'gestra-radar') as RadarSensorModel;
    const eqRadar = coalition.sensors.find((s) => s.id === 'fylingdales-radar') as RadarSensorModel;
    expect(fixed.radarEquation).toBeNull();
    expect(fixed.detectionProbability).toBe(0.7);
    const eq = eqRadar.radarEquation!;
    // The radar with the equation runs last, so sim.candidates are its candidates after each step.
    const sim = await simOf({ ...coalition, injects: [], agreements: [], sensors: [fixed, eqRadar] }, seed);
    const fEid = sim.eidById.get(fixed.id)!;
    const rEid = sim.eidById.get(eqRadar.id)!;

    // Surveillance radar equation: SNR = P A t sigma / (4 pi Omega k T L R^4), R in m.
    const omegaSr = ((eqRadar.azimuthDegMax - eqRadar.azimuthDegMin) * DEG) * (Math.sin(eqRadar.elevationDegMax * DEG) - Math.sin(eqRadar.elevationDegMin * DEG));
    const snrPerM2AtOneM = (eq.powerApertureWm2 * eq.frameTimeS) / (4 * Math.PI * omegaSr * BOLTZMANN_J_PER_K * eq.noiseTemperatureK * 10 ** (eq.lossesDb / 10));
    const threshold = 10 ** (eq.detectionThresholdDb / 10);
    const topo = topoOf(sim, eqRadar.site);

    const edges = [0, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98, 1.000001];
    const bins = edges.slice(1).map(() => ({ n: 0, detected: 0, expected: 0, variance: 0 }));
    let worstPd = 0;
    let fixedInView = 0;
    const fixedBefore = sim.c.Sensor.detectionsTotal[fEid];
    for (;;) {
      const gmst = gmstAt(timeMs(sim));
      const detected = new Set(observedBy(sim, rEid));
      expect(sim.candidates.n).toBe(sim.c.Sensor.inViewCount[rEid]);
      const cands = new Set(candidateEids(sim));
      for (const eid of detected) expect(cands.has(eid)).toBe(true);
      for (let j = 0; j < sim.candidates.n; j++) {
        const eid = sim.candidates.eid[j];
        const rangeM = lookAngles(topo, temeToEcef(temeOf(sim, eid), gmst)).rangeKm * 1000;
        const snr = (snrPerM2AtOneM * rcsOf(objectOf(sim, eid))) / rangeM ** 4;
        const pd = Math.exp(-threshold / (1 + snr));
        worstPd = Math.max(worstPd, Math.abs(pd - sim.candidates.pd[j]));
        const b = bins[edges.findIndex((e, i) => pd >= e && pd < edges[i + 1])];
        b.n++;
        b.expected += pd;
        b.variance += pd * (1 - pd);
        if (detected.has(eid)) b.detected++;
      }
      fixedInView += sim.c.Sensor.inViewCount[fEid];
      if (sim.tick === 60) break;
      step(sim);
    }
    console.log(bins.map((b, i) => `Pd [${edges[i]}, ${edges[i + 1].toFixed(2)}): n ${b.n}, detected ${b.detected}, expected ${b.expected.toFixed(1)}`).join('\n'));
    expect(worstPd).toBeLessThan(1e-9);
    for (const [i, b] of bins.entries()) {
      expect(Math.abs(b.detected - b.expected), `bin ${i} (seed ${seed})`).toBeLessThanOrEqual(4 * Math.sqrt(b.variance) + 1e-9);
    }
    // The test can fail: enough objects in the bins where Pd is neither 0 nor 1.
    expect(bins.filter((b, i) => edges[i] >= 0.1 && edges[i + 1] <= 0.9 && b.n >= 200).length).toBeGreaterThanOrEqual(3);

    const detections = sim.c.Sensor.detectionsTotal[fEid] - fixedBefore;
    const pd = fixed.detectionProbability;
    console.log(`fixed pd ${pd}: ${detections} of ${fixedInView} (seed ${seed})`);
    expect(fixedInView).toBeGreaterThan(2_000);
    expect(Math.abs(detections - pd * fixedInView)).toBeLessThanOrEqual(4 * Math.sqrt(fixedInView * pd * (1 - pd)));
  });
});

// ---------------------------------------------------------------------------------------------------

describe('a site sees the ISS exactly inside the access windows of the engine core', () => {
  it('observes at every tick inside a window and at none outside (1 s margin), over a day', async () => {
    const demo = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const iss = demo.objects.find((o) => o.id === 'iss')!;
    expect(iss.noradId).toBe(25544);
    const base = demo.sensors.find((s) => s.id === 'fylingdales-radar') as RadarSensorModel;
    const allRound: RadarSensorModel = { ...base, id: 'fyl-all-round', detectionProbability: 1, capacity: null, elevationDegMin: 10, rangeKmMax: 2_000, azimuthDegMin: 0, azimuthDegMax: 360 };
    // Azimuth windows too: one wrapping through north, one facing south.
    const wrapping: RadarSensorModel = { ...allRound, id: 'fyl-wrapping', elevationDegMin: 5, rangeKmMax: 2_500, azimuthDegMin: 250, azimuthDegMax: 110 };
    const southward: RadarSensorModel = { ...allRound, id: 'fyl-south', elevationDegMin: 5, rangeKmMax: 3_000, azimuthDegMin: 120, azimuthDegMax: 240 };
    const radars = [allRound, wrapping, southward];
    const model: ScenarioModel = { ...demo, injects: [], sensors: radars, stepMs: 10_000 };
    const sim = await createSim(model);
    sims.push(sim);
    const issEid = sim.eidById.get('iss')!;
    const ticks = MS_PER_DAY / model.stepMs;
    const observed = new Map<string, Set<number>>(model.sensors.map((s) => [s.id, new Set()]));
    for (;;) {
      for (const s of model.sensors) if (observedBy(sim, sim.eidById.get(s.id)!).includes(issEid)) observed.get(s.id)!.add(sim.tick);
      if (sim.tick === ticks) break;
      step(sim);
    }
    const satrec = satrecFrom(iss.orbit);
    for (const sensor of radars) {
      const site = model.sites.find((s) => s.id === sensor.site)!;
      const result = accessWindows(
        satrec,
        { latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm },
        { elevationDegMin: sensor.elevationDegMin, rangeKmMax: sensor.rangeKmMax, azimuthDegMin: sensor.azimuthDegMin, azimuthDegMax: sensor.azimuthDegMax },
        { startMs: model.epochMs, endMs: model.epochMs + MS_PER_DAY },
      );
      expect(result.failedAtMs).toBeNull();
      const windows = result.windows;
      const seen = observed.get(sensor.id)!;
      const wrong: string[] = [];
      let inside = 0;
      for (let tick = 0; tick <= ticks; tick++) {
        const t = model.epochMs + tick * model.stepMs;
        const isInside = windows.some((w) => t > w.riseMs + 1_000 && t < w.setMs - 1_000);
        const isOutside = windows.every((w) => t < w.riseMs - 1_000 || t > w.setMs + 1_000);
        if (isInside) inside++;
        if (isInside && !seen.has(tick)) wrong.push(`tick ${tick} ${new Date(t).toISOString()} inside a window, not observed`);
        if (isOutside && seen.has(tick)) wrong.push(`tick ${tick} ${new Date(t).toISOString()} outside every window, observed`);
      }
      console.log(`${sensor.id}: ${windows.length} windows, ${inside} ticks inside, ${seen.size} observed`);
      expect(wrong, sensor.id).toEqual([]);
      expect(windows.length).toBeGreaterThanOrEqual(2);
      expect(inside).toBeGreaterThan(20);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe('tasking: capacity, priority, then the longest unobserved by the nation', () => {
  it('observes at most N, the priority objects in view first, then the least recently observed', async () => {
    const epoch = '2026-03-19T00:00:00Z';
    const g = gmstAt(Date.parse(epoch)) / DEG;
    // Objects over a site at 0 N 0 E: GEO satellites parked near its meridian stay in view; one GEO object
    // on the far side never is; an equatorial LEO object passes every ~100 minutes.
    const anomaly = (lonDeg: number) => (((g + lonDeg) % 360) + 360) % 360;
    const geo = (id: string, lonDeg: number) =>
      `  - { id: ${id}, owner: USA, elements: { semiMajorAxisKm: 42164.17, eccentricity: 0.0001, inclinationDeg: 0.05, meanAnomalyDeg: ${anomaly(lonDeg).toFixed(4)} } }`;
    const text = [
      'vigil: 1',
      'name: tasking order',
      `epoch: ${epoch}`,
      'duration: 6h',
      'step: 1m',
      'seed: 7',
      'nations:',
      '  - { id: USA, name: United States }',
      '  - { id: GBR, name: United Kingdom }',
      'objects:',
      geo('geo-a', -24),
      geo('geo-b', -16),
      geo('geo-pri', -8),
      geo('geo-c', 0),
      geo('geo-d', 8),
      geo('geo-hidden', 180),
      geo('geo-e', 16),
      geo('geo-f', 24),
      `  - { id: leo-pri, owner: USA, elements: { semiMajorAxisKm: 6878, eccentricity: 0.001, inclinationDeg: 0.05, meanAnomalyDeg: ${anomaly(60).toFixed(4)} } }`,
      'sites:',
      '  - { id: equator, owner: GBR, latDeg: 0, lonDeg: 0 }',
      'sensors:',
      '  - { id: tasked, kind: radar, site: equator, elevationDegMin: 0, rangeKmMax: 40000, capacity: 3, priority: [leo-pri, geo-hidden, geo-pri] }',
      // A partner that sees everything and shares at once: shared reports must not change GBR's tasking.
      '  - { id: partner, kind: radar, site: equator, owner: USA, elevationDegMin: 0, rangeKmMax: 40000 }',
      'agreements:',
      '  - { id: usa-gbr, provider: USA, recipients: [GBR], products: [ssa.observations, ssa.tracks] }',
    ].join('\n');
    const model = modelFromText(text);
    const sim = await createSim(model);
    sims.push(sim);
    const tasked = model.sensors.find((s) => s.id === 'tasked') as RadarSensorModel;
    const sEid = sim.eidById.get('tasked')!;
    const topo = topoOf(sim, 'equator');
    const rank = new Map(tasked.priority.map((id, i) => [id, i]));
    const lastOwn = new Map<string, number>(model.objects.map((o) => [o.id, -1]));
    const stable = new Map(model.objects.map((o, i) => [o.id, i]));
    let leoLooks = 0;
    let geoCycled = 0;
    const gbr = sim.tracks.tables[sim.tracks.nations.indexOf('GBR')];
    for (;;) {
      const gmst = gmstAt(timeMs(sim));
      const inView = model.objects.filter((o) => {
        const la = lookAngles(topo, temeToEcef(temeOf(sim, sim.eidById.get(o.id)!), gmst));
        return la.elRad >= 0 && la.rangeKm <= tasked.rangeKmMax;
      }).map((o) => o.id);
      expect(inView).not.toContain('geo-hidden');
      expect(sim.c.Sensor.inViewCount[sEid], `tick ${sim.tick}`).toBe(inView.length);
      const expected = [...inView]
        .sort((a, b) => (rank.get(a) ?? rank.size) - (rank.get(b) ?? rank.size) || lastOwn.get(a)! - lastOwn.get(b)! || stable.get(a)! - stable.get(b)!)
        .slice(0, tasked.capacity!);
      const got = observedBy(sim, sEid).map((eid) => objectOf(sim, eid).id);
      expect(got.length).toBeLessThanOrEqual(tasked.capacity!);
      expect(new Set(got), `tick ${sim.tick}: in view ${inView.join(' ')}`).toEqual(new Set(expected));
      if (inView.includes('leo-pri')) {
        leoLooks++;
        expect(got).toContain('leo-pri');
      }
      for (const id of got) {
        if (id.startsWith('geo-') && id !== 'geo-pri' && lastOwn.get(id)! >= 0) geoCycled++;
        lastOwn.set(id, sim.tick);
      }
      // The engine's own-observation ticks are the reference's.
      for (const o of model.objects) expect(gbr.ownTick[stable.get(o.id)!], `${o.id} at tick ${sim.tick}`).toBe(lastOwn.get(o.id));
      if (sim.tick === 300) break;
      step(sim);
    }
    expect(leoLooks).toBeGreaterThan(5);
    expect(geoCycled).toBeGreaterThan(50);
    expect(gbr.sharedUpdates).toBeGreaterThan(0);
  });

  it('a second tasked sensor of the same nation looks at what the first did not, in the same step', async () => {
    const epoch = '2026-03-19T00:00:00Z';
    const g = gmstAt(Date.parse(epoch)) / DEG;
    const anomaly = (lonDeg: number) => (((g + lonDeg) % 360) + 360) % 360;
    const objects = [-24, -16, -8, 0, 8, 16].map((lon, i) => `  - { id: geo-${i}, owner: GBR, elements: { semiMajorAxisKm: 42164.17, eccentricity: 0.0001, inclinationDeg: 0.05, meanAnomalyDeg: ${anomaly(lon).toFixed(4)} } }`);
    const model = modelFromText([
      'vigil: 1', 'name: two tasked sensors', `epoch: ${epoch}`, 'duration: 1h', 'step: 1m',
      'nations: [{ id: GBR }]', 'objects:', ...objects,
      'sites: [{ id: equator, owner: GBR, latDeg: 0, lonDeg: 0 }]',
      'sensors:',
      '  - { id: first, kind: radar, site: equator, rangeKmMax: 40000, capacity: 2 }',
      '  - { id: second, kind: radar, site: equator, rangeKmMax: 40000, capacity: 2 }',
    ].join('\n'));
    const sim = await simOf(model);
    for (let t = 0; t < 6; t++) {
      const a = observedBy(sim, sim.eidById.get('first')!);
      const b = observedBy(sim, sim.eidById.get('second')!);
      expect(a).toHaveLength(2);
      expect(b).toHaveLength(2);
      // Disjoint within a step: the second sensor skips what the first just looked at.
      expect(a.filter((e) => b.includes(e)), `tick ${sim.tick}`).toEqual([]);
      step(sim);
    }
  });
});
