/**
 * Sensing cost: the requirement "20 sensors against the 14,710-object catalog per tick, under 10 ns per
 * sensor-object pair". The 2026-03 catalog scenario with a 20-sensor model built here (nothing new on
 * disk): its 12 radars (6 of them given a radar equation), 4 GEODSS-type telescopes at real sites and 4
 * optical payloads on real catalog satellites (one a USA payload hosted on Japan's QZS-6).
 *
 * One sim is stepped to a tick where the most telescopes are in darkness (a telescope in daylight or
 * twilight returns at once: its pairs cost nothing and would flatter the figure), then the `sense` system
 * is called on it directly, over and over at that tick (idempotent but for random draws and counters).
 * Variants swap `sim.order.sensors` for a subset (all 20, radars, dark telescopes, space sensors) so every
 * variant runs the same code on the same state. A bare reference loop does only the cheapest geometric
 * test per pair (vector to the object, one dot product with the sensor's local vertical, a count) over
 * packed copies of the same positions: the floor, against which sense's ratio is reported.
 *
 * Variants are interleaved in rounds, the order rotating every round; each round gives one sample per
 * variant (mean of `callsPerSample` calls). Reported: medians over rounds, ratios as the median of the
 * per-round ratios with their interquartile range. Then each sensor alone, to show where the time goes.
 * main.ts runs all this in a fresh process (measureSensorsInChild, sensors-child.ts).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createSim, step, type OpticalSensorModel, type RadarSensorModel, type ScenarioModel, type SensorModel, type Sim, type SiteModel, type SpaceSensorModel } from '../engine/index.js';
import { OPTICAL, RADAR, SENSOR_KINDS, SPACE } from '../engine/components/index.js';
import { DEG, gmstRad, topocentre } from '../engine/physics/frames.js';
import { sunDirection } from '../engine/physics/sun.js';
import { sense } from '../engine/systems/sense.js';
import { jdFromMs, simTimeMs } from '../engine/time.js';
import { SENSORS_CHILD } from './paths.js';
import { ratios, spread, type Spread } from './stats.js';

export const SENSE_TARGET_NS_PER_PAIR = 10;

export interface SensorsConfig {
  rounds: number;
  warmupRounds: number;
  /** sense() calls per sample (one sample per variant per round). */
  callsPerSample: number;
  /** Rounds of the per-sensor phase (each sensor alone). */
  perSensorRounds: number;
}

export const SENSE_VARIANTS = ['all', 'radar', 'optical-dark', 'space'] as const;
export type SenseVariant = (typeof SENSE_VARIANTS)[number];

export const SENSE_VARIANT_LABELS: Record<SenseVariant, string> = {
  all: 'all 20 sensors',
  radar: 'radars',
  'optical-dark': 'telescopes in darkness',
  space: 'space-based (optical payloads)',
};

export interface SenseVariantResult {
  label: string;
  sensors: string[];
  /** Sensor-object pairs per sense() call: sensors x objects. */
  pairs: number;
  msPerCall: Spread;
  nsPerPair: Spread;
  bareNsPerPair: Spread;
  /** sense / bare loop, per-round ratios. */
  ratioToBare: Spread;
  /** Objects in the sensors' fields of view (candidates before the draws), summed, one call. */
  inView: number;
  /** Observations one call produced. */
  observations: number;
}

export interface PerSensorRow {
  id: string;
  kind: (typeof SENSOR_KINDS)[number];
  note: string;
  nsPerPair: number;
  msPerCall: number;
  inView: number;
  observations: number;
}

export interface SensorsResult {
  config: SensorsConfig;
  objects: number;
  sensors: number;
  tick: number;
  utc: string;
  telescopes: { id: string; site: string; sunElevationDeg: number; dark: boolean }[];
  variants: Record<SenseVariant, SenseVariantResult>;
  /** All 20 sensors, counting only the pairs of sensors that looked (daylight telescopes left out). */
  allNsPerLookingPair: Spread;
  perSensor: PerSensorRow[];
  targetNsPerPair: number;
  targetMet: boolean;
  warnings: string[];
  /** The measuring process's sink (keeps every measured loop observable). */
  sink: number;
}

/** Radars of the catalog scenario given a search radar equation here (power-aperture, W m^2). */
const RADAR_EQUATIONS: Readonly<Record<string, number>> = {
  'space-fence': 1e8,
  'clear-lrdr': 1e8,
  'cobra-dane': 5e7,
  'fylingdales-radar': 3e7,
  'beale-pave-paws': 1e7,
  'cape-cod-pave-paws': 1e7,
};

/** GEODSS-type telescope sites (public coordinates); Exmouth is the catalog scenario's own site. */
const TELESCOPE_SITES: readonly SiteModel[] = [
  { id: 'socorro', name: 'GEODSS Det 1, Socorro NM', owner: 'USA', latDeg: 33.817, lonDeg: -106.66, altKm: 1.51 },
  { id: 'diego-garcia', name: 'GEODSS Det 2, Diego Garcia', owner: 'USA', latDeg: -7.41, lonDeg: 72.45, altKm: 0.005 },
  { id: 'maui', name: 'GEODSS Det 3, Maui (Haleakala)', owner: 'USA', latDeg: 20.708, lonDeg: -156.257, altKm: 3.058 },
  { id: 'exmouth', name: 'Harold E. Holt (Space Surveillance Telescope)', owner: 'AUS', latDeg: -21.8163, lonDeg: 114.1653, altKm: 0.01 },
];

const TELESCOPES: readonly { id: string; site: string; magnitudeMax: number }[] = [
  { id: 'geodss-socorro', site: 'socorro', magnitudeMax: 16.5 },
  { id: 'geodss-diego-garcia', site: 'diego-garcia', magnitudeMax: 16.5 },
  { id: 'geodss-maui', site: 'maui', magnitudeMax: 16.5 },
  { id: 'sst-exmouth', site: 'exmouth', magnitudeMax: 19 },
];

/** Space-based optical payloads on real catalog satellites, found by their catalog names. */
const SPACE_SENSORS: readonly { id: string; hostName: string; owner: string | null; magnitudeMax: number; sunExclusionDeg: number }[] = [
  { id: 'sbss', hostName: 'SBSS (USA 216)', owner: null, magnitudeMax: 15, sunExclusionDeg: 40 },
  { id: 'sapphire', hostName: 'SAPPHIRE', owner: null, magnitudeMax: 15, sunExclusionDeg: 45 },
  { id: 'neossat', hostName: 'NEOSSAT', owner: null, magnitudeMax: 13.5, sunExclusionDeg: 45 },
  // A USA payload hosted on Japan's QZS-6 (the QZSS hosted payloads); the host has no owner in UCS 2023.
  { id: 'qzs6-hosted', hostName: 'QZS-6 (MICHIBIKI-6)', owner: 'USA', magnitudeMax: 15, sunExclusionDeg: 40 },
];

/**
 * The catalog scenario with 20 sensors. Fields default as scenarios/resolve.ts resolveSensors sets them
 * (measurement noise from tracking.uncertaintyKmInitial, no capacity, no priority, the default marking,
 * detectionProbability 1 where a radar equation gives it).
 */
export function twentySensorModel(full: ScenarioModel): ScenarioModel {
  const radars = full.sensors.filter((s): s is RadarSensorModel => s.kind === 'radar');
  if (radars.length !== 12 || full.sensors.length !== 12) throw new Error(`bench: expected the catalog scenario's 12 radars, found ${full.sensors.length} sensors (${radars.length} radars)`);
  const marking = radars[0].marking;
  for (const id of Object.keys(RADAR_EQUATIONS)) if (!radars.some((r) => r.id === id)) throw new Error(`bench: radar '${id}' is not in the catalog scenario`);
  const withEquations: RadarSensorModel[] = radars.map((r) => {
    const pa = RADAR_EQUATIONS[r.id];
    if (pa === undefined) return r;
    return {
      ...r,
      detectionProbability: 1,
      radarEquation: { powerApertureWm2: pa, noiseTemperatureK: 500, lossesDb: 10, frameTimeS: 10, detectionThresholdDb: 11.4 },
    };
  });
  const siteIds = new Set(full.sites.map((s) => s.id));
  const sites = [...full.sites, ...TELESCOPE_SITES.filter((s) => !siteIds.has(s.id))];
  const siteOwner = new Map(sites.map((s) => [s.id, s.owner]));
  const base = { measurementNoiseKm: full.tracking.uncertaintyKmInitial, capacity: null, priority: [], marking };
  const optical: OpticalSensorModel[] = TELESCOPES.map((t) => ({
    ...base,
    id: t.id,
    kind: 'optical',
    owner: siteOwner.get(t.site)!,
    site: t.site,
    rangeKmMax: 50_000,
    detectionProbability: 0.9,
    elevationDegMin: 20,
    elevationDegMax: 90,
    azimuthDegMin: 0,
    azimuthDegMax: 360,
    sunElevationDegMax: -12,
    magnitudeMax: t.magnitudeMax,
  }));
  const byName = new Map(full.objects.map((o) => [o.name, o]));
  const space: SpaceSensorModel[] = SPACE_SENSORS.map((s) => {
    const host = byName.get(s.hostName);
    if (!host) throw new Error(`bench: host satellite '${s.hostName}' is not in the catalog scenario`);
    const owner = s.owner ?? host.owner;
    if (owner === null) throw new Error(`bench: host '${s.hostName}' has no owner: give the payload's`);
    return {
      ...base,
      id: s.id,
      kind: 'space',
      owner,
      host: host.id,
      rangeKmMax: 50_000,
      detectionProbability: 0.9,
      pointing: 'any',
      halfAngleDeg: 180,
      earthClearanceKm: 100,
      magnitudeMax: s.magnitudeMax,
      sunExclusionDeg: s.sunExclusionDeg,
    };
  });
  const sensors: SensorModel[] = [...withEquations, ...optical, ...space];
  return { ...full, sites, sensors };
}

/** Sun elevation at a site at a tick, degrees, computed as sense does (Sun in TEME rotated by GMST). */
function sunElevationDeg(model: ScenarioModel, site: SiteModel, tick: number): number {
  const utcMs = simTimeMs(model, tick);
  const s = new Float64Array(3);
  sunDirection(utcMs, s);
  const g = gmstRad(jdFromMs(utcMs));
  const c = Math.cos(g), n = Math.sin(g);
  const up = topocentre({ latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm }).up;
  const dot = up.x * (c * s[0] + n * s[1]) + up.y * (-n * s[0] + c * s[1]) + up.z * s[2];
  return Math.asin(Math.max(-1, Math.min(1, dot))) / DEG;
}

/** The first tick from `from` (within `span` ticks) with the most telescopes in darkness. */
function darkestTick(model: ScenarioModel, from: number, span: number): number {
  const telescopes = model.sensors.filter((s): s is OpticalSensorModel => s.kind === 'optical');
  const siteById = new Map(model.sites.map((s) => [s.id, s]));
  let best = from, bestDark = -1;
  for (let tick = from; tick < from + span; tick++) {
    const dark = telescopes.filter((t) => sunElevationDeg(model, siteById.get(t.site)!, tick) <= t.sunElevationDegMax).length;
    if (dark > bestDark) [best, bestDark] = [tick, dark];
    if (dark === telescopes.length) break;
  }
  return best;
}

/** A sink the optimiser cannot see through. */
let sink = 0;

/** The floor: per pair, the vector to the object and one dot product with the local vertical, counted. */
interface BareSensor {
  teme: boolean;
  ox: number;
  oy: number;
  oz: number;
  ux: number;
  uy: number;
  uz: number;
}

function bareLoop(sensors: readonly BareSensor[], ecef: Float64Array, teme: Float64Array): number {
  let count = 0;
  for (let s = 0; s < sensors.length; s++) {
    const b = sensors[s];
    const p = b.teme ? teme : ecef;
    const ox = b.ox, oy = b.oy, oz = b.oz, ux = b.ux, uy = b.uy, uz = b.uz;
    for (let k = 0; k < p.length; k += 3) {
      const up = (p[k] - ox) * ux + (p[k + 1] - oy) * uy + (p[k + 2] - oz) * uz;
      if (up >= 0) count++;
    }
  }
  return count;
}

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function measureSensors(full: ScenarioModel, config: SensorsConfig, log: (s: string) => void): Promise<SensorsResult> {
  const warnings: string[] = [];
  const model = twentySensorModel(full);
  const tick = darkestTick(model, 6, 360);
  log(`  setting up: 20-sensor model, sim stepped to tick ${tick} (${new Date(simTimeMs(model, tick)).toISOString()}, the most telescopes dark)...`);
  const sim: Sim = await createSim(model, { propagator: 'wasm' });
  while (sim.tick < tick) step(sim);
  const firstOutage = model.injects.find((i) => i.kind === 'sensor-outage');
  if (firstOutage && firstOutage.tick <= tick) warnings.push(`tick ${tick} is past the sensor outage at tick ${firstOutage.tick}: a sensor is down`);

  const { Sensor, Identity, GroundSite, Kinematics } = sim.c;
  const all = sim.order.sensors.slice();
  const idOf = (eid: number): string => sim.ids[Identity.stableIndex[eid]];
  const kindOf = (eid: number): (typeof SENSOR_KINDS)[number] => SENSOR_KINDS[Sensor.kindCode[eid]];
  if (all.length !== 20) throw new Error(`bench: expected 20 sensors in the sim, found ${all.length}`);
  sense(sim); // sets the Sun direction for this tick
  const sunDot = (eid: number): number => {
    const s3 = 3 * Sensor.platform[eid];
    return GroundSite.upEcef[s3] * sim.sunEcef[0] + GroundSite.upEcef[s3 + 1] * sim.sunEcef[1] + GroundSite.upEcef[s3 + 2] * sim.sunEcef[2];
  };
  const opticalEids = [...all].filter((e) => Sensor.kindCode[e] === OPTICAL);
  // The engine's own darkness test (sensors/ground.ts).
  const isDark = (eid: number): boolean => sunDot(eid) <= Sensor.sunElevationSinMax[eid];
  const telescopes = opticalEids.map((e) => ({
    id: idOf(e),
    site: sim.ids[Identity.stableIndex[Sensor.platform[e]]],
    sunElevationDeg: Math.asin(Math.max(-1, Math.min(1, sunDot(e)))) / DEG,
    dark: isDark(e),
  }));
  const darkCount = telescopes.filter((t) => t.dark).length;
  if (darkCount < 2) warnings.push(`only ${darkCount} telescope(s) in darkness at tick ${tick}: the optical figure is thin`);

  const subsets: Record<SenseVariant, Uint32Array> = {
    all,
    radar: all.filter((e) => Sensor.kindCode[e] === RADAR),
    'optical-dark': Uint32Array.from(opticalEids.filter(isDark)),
    space: all.filter((e) => Sensor.kindCode[e] === SPACE),
  };

  // Packed copies of this tick's positions, in the order sense reads them, for the bare loop.
  const orbiters = sim.order.orbiters;
  const objects = orbiters.length;
  const ecef = new Float64Array(3 * objects), teme = new Float64Array(3 * objects);
  for (let i = 0; i < objects; i++) {
    for (let a = 0; a < 3; a++) {
      ecef[3 * i + a] = Kinematics.posEcefKm[3 * orbiters[i] + a];
      teme[3 * i + a] = Kinematics.posTemeKm[3 * orbiters[i] + a];
    }
  }
  const bareOf = (eid: number): BareSensor => {
    if (Sensor.kindCode[eid] === SPACE) {
      const h = sim.eidById.get(sim.ids[Sensor.platform[eid]])!;
      const x = Kinematics.posTemeKm[3 * h], y = Kinematics.posTemeKm[3 * h + 1], z = Kinematics.posTemeKm[3 * h + 2];
      const r = Math.hypot(x, y, z);
      return { teme: true, ox: x, oy: y, oz: z, ux: x / r, uy: y / r, uz: z / r };
    }
    const s3 = 3 * Sensor.platform[eid];
    const g = GroundSite;
    return { teme: false, ox: g.posEcefKm[s3], oy: g.posEcefKm[s3 + 1], oz: g.posEcefKm[s3 + 2], ux: g.upEcef[s3], uy: g.upEcef[s3 + 1], uz: g.upEcef[s3 + 2] };
  };
  const bareSubsets = Object.fromEntries(SENSE_VARIANTS.map((v) => [v, [...subsets[v]].map(bareOf)])) as Record<SenseVariant, BareSensor[]>;

  const calls = Math.max(1, config.callsPerSample);
  const senseWith = (subset: Uint32Array): void => {
    sim.order.sensors = subset;
    try {
      for (let c = 0; c < calls; c++) sense(sim);
      sink += sim.observations.n;
    } finally {
      sim.order.sensors = all;
    }
  };
  const bareWith = (bs: readonly BareSensor[]): void => {
    for (let c = 0; c < calls; c++) sink += bareLoop(bs, ecef, teme);
  };
  interface Job { key: string; run(): void }
  const jobs: Job[] = SENSE_VARIANTS.flatMap((v) => [
    { key: `sense ${v}`, run: () => senseWith(subsets[v]) },
    { key: `bare ${v}`, run: () => bareWith(bareSubsets[v]) },
  ]);
  const samples = new Map<string, number[]>(jobs.map((j) => [j.key, []]));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const totalRounds = config.warmupRounds + config.rounds;
  for (let r = 0; r < totalRounds; r++) {
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[(j + r) % jobs.length];
      const ms = timeIt(job.run) / calls;
      if (r >= config.warmupRounds) samples.get(job.key)!.push(ms);
    }
    if ((r + 1) % 10 === 0 || r === totalRounds - 1) log(`  sensors round ${r + 1}/${totalRounds}${r < config.warmupRounds ? ' (warm-up)' : ''}`);
  }

  const countsOf = (subset: Uint32Array): { inView: number; observations: number } => {
    sim.order.sensors = subset;
    sense(sim);
    sim.order.sensors = all;
    let inView = 0;
    for (const e of subset) inView += Sensor.inViewCount[e];
    return { inView, observations: sim.observations.n };
  };
  const variants = {} as Record<SenseVariant, SenseVariantResult>;
  for (const v of SENSE_VARIANTS) {
    const pairs = subsets[v].length * objects;
    const ms = samples.get(`sense ${v}`)!;
    const bare = samples.get(`bare ${v}`)!;
    variants[v] = {
      label: SENSE_VARIANT_LABELS[v],
      sensors: [...subsets[v]].map(idOf),
      pairs,
      msPerCall: spread(ms),
      nsPerPair: spread(ms.map((x) => (x * 1e6) / pairs)),
      bareNsPerPair: spread(bare.map((x) => (x * 1e6) / pairs)),
      ratioToBare: spread(ratios(ms, bare)),
      ...countsOf(subsets[v]),
    };
  }
  const looking = all.length - (telescopes.length - darkCount);
  const allNsPerLookingPair = spread(samples.get('sense all')!.map((x) => (x * 1e6) / (looking * objects)));

  // Each sensor alone: where the time goes.
  log('  sensors: each sensor alone...');
  const single = [...all].map((e) => Uint32Array.of(e));
  const perSamples = single.map(() => [] as number[]);
  for (let r = 0; r < config.perSensorRounds; r++) {
    for (let j = 0; j < single.length; j++) {
      const i = (j + r) % single.length;
      perSamples[i].push(timeIt(() => senseWith(single[i])) / calls);
    }
  }
  const perSensor: PerSensorRow[] = single.map((sub, i) => {
    const e = sub[0];
    const ms = spread(perSamples[i]).median;
    const kind = kindOf(e);
    const note = kind === 'radar'
      ? [Sensor.snrConstant[e] > 0 ? 'radar eq.' : '', Sensor.azimuthRadMax[e] - Sensor.azimuthRadMin[e] < 2 * Math.PI - 1e-9 ? 'az. window' : ''].filter(Boolean).join(', ')
      : kind === 'optical' ? (isDark(e) ? 'dark' : 'daylight/twilight') : `host ${sim.model.objects[Sensor.platform[e]].name}`;
    return { id: idOf(e), kind, note, msPerCall: ms, nsPerPair: (ms * 1e6) / objects, ...countsOf(sub) };
  });

  sim.propagator.dispose();
  const allNs = variants.all.nsPerPair.median;
  return {
    config,
    objects,
    sensors: all.length,
    tick,
    utc: new Date(simTimeMs(model, tick)).toISOString(),
    telescopes,
    variants,
    allNsPerLookingPair,
    perSensor,
    targetNsPerPair: SENSE_TARGET_NS_PER_PAIR,
    targetMet: allNs < SENSE_TARGET_NS_PER_PAIR,
    warnings,
    sink,
  };
}

/**
 * measureSensors in a fresh node process (sensors-child.ts): the sim alone in its heap, as in a real run,
 * rather than after the stepping part's sims. Its progress lines go straight to this process's stderr.
 */
export function measureSensorsInChild(scenario: string, config: SensorsConfig): SensorsResult {
  const r = spawnSync(process.execPath, ['--expose-gc', SENSORS_CHILD, scenario, JSON.stringify(config)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`sensors child exited with ${r.status ?? r.signal}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SensorsResult;
}
