/**
 * EW and PNT cost: "links and PNT for 200 terminals, 500 receivers and 150 GNSS satellites per tick, with
 * per-pair cost". The model is built here (nothing new on disk) from the two EW scenarios:
 *
 * - scenarios/gnss-denial.yaml gives the four GNSS catalogs (GPS, Galileo, GLONASS, BeiDou, ~148
 *   satellites), its receivers (grids over the Baltic; thinned evenly if they hold over 393 points) and its
 *   two L1 jammers;
 * - scenarios/satcom-jamming.yaml gives its 2 transponders, 5 terminals, the X-band uplink jammer on
 *   WGS F9 and the airborne downlink jammer, and its access agreements; its catalog entry is widened to
 *   14 real GEO satellites (WGS F1-F9, SKYNET 5A-D, SYRACUSE 4A) with their operators as owners.
 *
 * The two documents are merged as data (every jammer radiating from the start, no MSEL) and loaded by the
 * real loader; then 18 more transponders (X-band global beams on WGS F1-F8, SKYNET 5A-C and SYRACUSE 4A;
 * Ka spot beams on the WGS satellites over the Atlantic, Europe and the Gulf, and on SYRACUSE 4A), 195 more
 * terminals (seeded, spread over Europe, the Atlantic and the Middle East, three equipment types, 1-3
 * transponder preferences among those they may use and see) and receiver points (a multi-GNSS grid over
 * the Gulf and Iran, 63; a single-mode Galileo-then-GPS grid over the Atlantic, the rest of 500) are added as model
 * objects with the defaults scenarios/resolve-ew.ts applies. AEHF is left out: its 44 GHz uplink and
 * 20 GHz downlink are not one band, which a transponder must be.
 *
 * Measured side by side in one fresh process, variants interleaved in rounds (order rotating), each
 * sample the mean of `callsPerSample` calls on a sim held at one tick:
 * - `satcomLinks(sim)` alone, and on the same model without jammers (the jamming paths' cost);
 * - a bare reference loop over the same terminal-transponder pairs satcomLinks considered: range and
 *   elevation (sqrt, dot product, asin, mask test) from each terminal to each of those satellites;
 * - `pntFixes(sim)` alone, and without jammers;
 * - a bare reference loop per receiver point: the elevation dot product (and mask test) against every
 *   GNSS satellite, over packed copies of the same positions;
 * - `step(sim)` of the whole model against `step` of the same model without any EW (no transponders,
 *   terminals, jammers or receivers), each sample `ticksPerRound` ticks on sims that advance.
 * Then pntFixes for each receiver alone (a sim per receiver), to show where its time goes.
 */
import { seededDraw } from '../engine/rng.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import {
  createSim, step, type BandName, type BeamModel, type ConstellationName, type ItemMarkingModel, type PlatformModel, type ReceiverModel,
  type ScenarioModel, type Sim, type TerminalModel, type TransponderModel,
} from '../engine/index.js';
import { DEG, topocentre } from '../engine/physics/frames.js';
import { frequencyInBand, requiredCn0DbHz } from '../engine/physics/link-budget.js';
import { pntFixes } from '../engine/systems/pnt-fixes.js';
import { satcomLinks } from '../engine/systems/satcom-links.js';
import { loadScenarioText } from '../scenarios/load.js';
import { EW_CHILD, GNSS_SCENARIO, SATCOM_SCENARIO, SCENARIOS_DIR } from './paths.js';
import { ratios, spread, type Spread } from './stats.js';

export const EW_TERMINALS = 200;
export const EW_RECEIVER_POINTS = 500;
/** The tick the isolated calls are measured at (5 min in: every jammer radiating, links settled). */
const MEASURE_TICK = 10;
const SEED = 20260319;
/** The bare SATCOM loop is ~5 us a call: it runs this many times per call, so a sample is not a timer tick. */
const BARE_SATCOM_REPEAT = 10;
/** Fewest Atlantic ship receiver points (the generated grids take 63 + this of the 500). */
const ATLANTIC_POINTS_MIN = 44;

export interface EwConfig {
  rounds: number;
  warmupRounds: number;
  /** satcomLinks / pntFixes calls per sample (one sample per variant per round). */
  callsPerSample: number;
  /** step() calls per sample of the stepping variants. */
  ticksPerRound: number;
  /** Rounds of the per-receiver phase. */
  perReceiverRounds: number;
}

export const EW_VARIANTS = ['satcom', 'satcom-nojam', 'bare-satcom', 'pnt', 'pnt-nojam', 'bare-pnt', 'step-ew', 'step-noew'] as const;
export type EwVariant = (typeof EW_VARIANTS)[number];

export const EW_VARIANT_LABELS: Record<EwVariant, string> = {
  satcom: 'satcomLinks',
  'satcom-nojam': 'satcomLinks, no jammers',
  'bare-satcom': 'bare: range + elevation per pair',
  pnt: 'pntFixes',
  'pnt-nojam': 'pntFixes, no jammers',
  'bare-pnt': 'bare: elevation test per pair',
  'step-ew': 'step, with EW',
  'step-noew': 'step, same sim without EW',
};

export interface EwCounts {
  terminals: number;
  transponders: number;
  jammers: number;
  receivers: number;
  receiverPoints: number;
  gnssSatellites: number;
  gnssByConstellation: Record<string, number>;
  geoSatellites: number;
  objects: number;
  /** Sum of the terminals' preference lists. */
  preferencePairs: number;
  /** Pairs satcomLinks looked at: up to and including the transponder a terminal got, all of them when down. */
  consideredPairs: number;
  /** Of those, pairs whose link budget was worked (access allowed, satellite above the terminal's mask). */
  budgetPairs: number;
  /** Receiver points x GNSS satellites. */
  pntPairs: number;
  /** gnss-denial's receivers thinned (evenly) to fit 500 points, if any. */
  thinned: { id: string; kept: number; of: number }[];
}

export interface EwSnapshot {
  terminalsUp: number;
  terminalsDown: number;
  /** Terminals whose link a jammer costs at least J0 = N0 on some leg (up or down). */
  terminalsJammed: number;
  terminalsDownJammed: number;
  /** Transponders with uplink J0/N0 > 0 dB at the satellite, with the figure. */
  uplinkJammed: { transponder: string; j0OverN0Db: number }[];
  pointsWithFix: number;
  pointsJammed: number;
  /** Same counts on the model without jammers. */
  noJam: { terminalsUp: number; pointsWithFix: number };
}

export interface EwVariantResult {
  label: string;
  /** ms per call (per tick for the stepping variants). */
  msPerCall: Spread;
  /** ns per pair (considered terminal-transponder pairs, or point-satellite pairs); null for stepping. */
  nsPerPair: Spread | null;
  /** ns per terminal, or per receiver point; null for stepping. */
  nsPerUnit: Spread | null;
}

export interface PerReceiverRow {
  id: string;
  mode: 'single' | 'multi';
  constellations: string[];
  points: number;
  jammers: number;
  nsPerPair: number;
  bareNsPerPair: number;
  ratioToBare: number;
  msPerCall: number;
  pointsWithFix: number;
  pointsJammed: number;
}

export interface EwResult {
  config: EwConfig;
  tick: number;
  utc: string;
  counts: EwCounts;
  state: EwSnapshot;
  variants: Record<EwVariant, EwVariantResult>;
  ratios: {
    'satcom / bare-satcom': Spread;
    'pnt / bare-pnt': Spread;
    'satcom / satcom-nojam': Spread;
    'pnt / pnt-nojam': Spread;
    'step-ew / step-noew': Spread;
    /** (step-ew - step-noew) / step-ew: EW's share of a tick. */
    'ew share of step': Spread;
    /** (satcom + pnt) / step-ew, the isolated calls against the whole tick. */
    '(satcom + pnt) / step-ew': Spread;
  };
  perReceiver: PerReceiverRow[];
  warnings: string[];
  /** The measuring process's sink (keeps every measured loop observable). */
  sink: number;
}

/* ---------------------------------------------------------------- the model */

/** The GEO satellites (NORAD id, operator) the SATCOM catalog entry is widened to. */
const GEO_SATELLITES: readonly { norad: number; owner: string }[] = [
  { norad: 32258, owner: 'USA' }, // WGS F1, 42.5 W
  { norad: 34713, owner: 'USA' }, // WGS F2, 57.5 E
  { norad: 36108, owner: 'USA' }, // WGS F3, Pacific
  { norad: 38070, owner: 'USA' }, // WGS F4, 88.4 E
  { norad: 39168, owner: 'USA' }, // WGS F5, 52.5 W
  { norad: 39222, owner: 'USA' }, // WGS F6, Pacific
  { norad: 40746, owner: 'USA' }, // WGS F7, Pacific
  { norad: 41879, owner: 'USA' }, // WGS F8, Pacific
  { norad: 42075, owner: 'USA' }, // WGS F9, 11.9 W
  { norad: 30794, owner: 'GBR' }, // SKYNET 5A, 95 E
  { norad: 32294, owner: 'GBR' }, // SKYNET 5B, 25 E
  { norad: 33055, owner: 'GBR' }, // SKYNET 5C, 17.9 W
  { norad: 39034, owner: 'GBR' }, // SKYNET 5D, 52.8 E
  { norad: 49333, owner: 'FRA' }, // SYRACUSE 4A, 45.5 E
];

/** Access agreements added to satcom-jamming's (which give CAN and AUS WGS, CAN Skynet). */
const EXTRA_AGREEMENTS = [
  { id: 'wgs-nato', provider: 'USA', recipients: ['GBR', 'FRA', 'POL'], products: ['satcom.access'] },
  { id: 'skynet-france', provider: 'GBR', recipients: ['FRA'], products: ['satcom.access'] },
  { id: 'syracuse-uk', provider: 'FRA', recipients: ['GBR'], products: ['satcom.access'] },
];

const GLOBAL: BeamModel = { kind: 'global' };
const spot = (latDeg: number, lonDeg: number, halfAngleDeg: number): BeamModel => ({ kind: 'spot', latDeg, lonDeg, halfAngleDeg });

interface TransponderSpec {
  id: string;
  name: string;
  norad: number;
  band: BandName;
  uplinkGHz: number;
  downlinkGHz: number;
  bandwidthMHz: number;
  eirpDbw: number;
  gOverTDbPerK: number;
  beam: BeamModel;
  terminalsMax: number | null;
}

const WGS_X = { band: 'X', uplinkGHz: 7.975, downlinkGHz: 7.675, bandwidthMHz: 125, eirpDbw: 30, gOverTDbPerK: -10, beam: GLOBAL, terminalsMax: null } as const;
const WGS_KA = { band: 'Ka', uplinkGHz: 30.5, downlinkGHz: 20.45, bandwidthMHz: 125, eirpDbw: 50, gOverTDbPerK: 12, terminalsMax: null } as const;
const SKYNET_X = { band: 'X', uplinkGHz: 8.325, downlinkGHz: 7.525, bandwidthMHz: 60, eirpDbw: 32, gOverTDbPerK: -8, beam: GLOBAL, terminalsMax: 12 } as const;

/** Exercise figures of the same orders as satcom-jamming.yaml's, not performance data. */
const EXTRA_TRANSPONDERS: readonly TransponderSpec[] = [
  ...[32258, 34713, 36108, 38070, 39168, 39222, 40746, 41879].map((norad, i) => ({ id: `wgs${i + 1}-x`, name: `WGS F${i + 1} X-band earth coverage`, norad, ...WGS_X })),
  { id: 'wgs1-ka', name: 'WGS F1 Ka spot, mid-Atlantic', norad: 32258, ...WGS_KA, beam: spot(38, -35, 2) },
  { id: 'wgs5-ka', name: 'WGS F5 Ka spot, western Atlantic', norad: 39168, ...WGS_KA, beam: spot(45, -50, 2) },
  { id: 'wgs9-ka', name: 'WGS F9 Ka spot, central Europe', norad: 42075, ...WGS_KA, beam: spot(50, 10, 1.5) },
  { id: 'wgs2-ka', name: 'WGS F2 Ka spot, Gulf', norad: 34713, ...WGS_KA, beam: spot(27, 50, 1.5) },
  { id: 'wgs4-ka', name: 'WGS F4 Ka spot, Arabian Sea', norad: 38070, ...WGS_KA, beam: spot(20, 58, 1.5) },
  { id: 'skynet5a-x', name: 'Skynet 5A X-band', norad: 30794, ...SKYNET_X },
  { id: 'skynet5b-x', name: 'Skynet 5B X-band', norad: 32294, ...SKYNET_X },
  { id: 'skynet5c-x', name: 'Skynet 5C X-band', norad: 33055, ...SKYNET_X },
  { id: 'syracuse4a-x', name: 'Syracuse 4A X-band', norad: 49333, band: 'X', uplinkGHz: 8.1, downlinkGHz: 7.35, bandwidthMHz: 80, eirpDbw: 31, gOverTDbPerK: -9, beam: GLOBAL, terminalsMax: 16 },
  { id: 'syracuse4a-ka', name: 'Syracuse 4A Ka spot, Mediterranean', norad: 49333, band: 'Ka', uplinkGHz: 30.9, downlinkGHz: 20.9, bandwidthMHz: 100, eirpDbw: 52, gOverTDbPerK: 14, beam: spot(38, 15, 2), terminalsMax: null },
];

/** Terminal equipment: a 2.4 m X-band dish (satcom-jamming's), a 0.9 m X-band manpack/ship set, a 1.2 m Ka dish. */
const EQUIPMENT = {
  'x-large': { band: 'X', eirpDbw: 60, gainDbi: 44, gOverTDbPerK: 20, dataRateMbps: 2, requiredEbN0Db: 5, pointingLossDb: 0.5, elevationDegMin: 10 },
  'x-small': { band: 'X', eirpDbw: 50, gainDbi: 36, gOverTDbPerK: 12, dataRateMbps: 0.512, requiredEbN0Db: 4.5, pointingLossDb: 1, elevationDegMin: 5 },
  ka: { band: 'Ka', eirpDbw: 62, gainDbi: 49, gOverTDbPerK: 23, dataRateMbps: 8, requiredEbN0Db: 3, pointingLossDb: 0.5, elevationDegMin: 10 },
} as const;

/** Where the generated terminals are: [south, north] x [west, east], share of them, height, km. */
const REGIONS = [
  { name: 'eur', latDeg: [36, 70], lonDeg: [-10, 40], share: 0.49, altKm: [0, 0.6] },
  { name: 'atl', latDeg: [10, 60], lonDeg: [-60, -15], share: 0.255, altKm: [0.01, 0.03] },
  { name: 'mde', latDeg: [15, 38], lonDeg: [35, 60], share: 0.255, altKm: [0, 1] },
] as const;
const OWNERS: readonly (readonly [string, number])[] = [['USA', 0.35], ['GBR', 0.2], ['FRA', 0.15], ['CAN', 0.12], ['AUS', 0.06], ['POL', 0.12]];


interface YamlDoc {
  nations: { id: string }[];
  coalitions?: unknown[];
  catalogs: Record<string, unknown>[];
  jammers?: Record<string, unknown>[];
  agreements?: unknown[];
  [key: string]: unknown;
}

function readDoc(path: string): YamlDoc {
  return parse(readFileSync(path, 'utf8')) as YamlDoc;
}

/** satcom-jamming.yaml and gnss-denial.yaml merged, through the real loader. */
function loadBase(): ScenarioModel {
  const s = readDoc(SATCOM_SCENARIO);
  const g = readDoc(GNSS_SCENARIO);
  const nations = [...s.nations];
  for (const n of [...g.nations, { id: 'FRA', name: 'France' }]) if (!nations.some((x) => x.id === n.id)) nations.push(n);
  const satcomCatalog = s.catalogs[0];
  if (satcomCatalog.file !== 'data/active-2026-03.tle') throw new Error(`bench ew: satcom-jamming.yaml's first catalog is ${String(satcomCatalog.file)}, expected data/active-2026-03.tle`);
  const doc = {
    ...s,
    name: 'bench: EW and PNT at scale (satcom-jamming + gnss-denial)',
    duration: '24h',
    step: '30s',
    nations,
    coalitions: [...(s.coalitions ?? []), ...(g.coalitions ?? [])],
    catalogs: [
      {
        ...satcomCatalog,
        select: { noradIds: GEO_SATELLITES.map((x) => x.norad) },
        owners: { default: 'none', overrides: Object.fromEntries(GEO_SATELLITES.map((x) => [String(x.norad), x.owner])) },
      },
      ...g.catalogs,
    ],
    // Every jammer radiates from the start (the scenarios switch some on by MSEL or windows).
    jammers: [...(s.jammers ?? []), ...(g.jammers ?? [])].map((j) => ({ ...j, on: [{ from: '0s' }] })),
    pnt: g.pnt,
    agreements: [...(s.agreements ?? []), ...(g.agreements ?? []), ...EXTRA_AGREEMENTS],
    msel: [],
  };
  // JSON is YAML: the loader checks the merged document like any scenario.
  const loaded = loadScenarioText(JSON.stringify(doc), 'bench/ew (satcom-jamming.yaml + gnss-denial.yaml)', SCENARIOS_DIR);
  if (!loaded.ok) throw new Error(`bench ew: merged scenario did not load: ${loaded.value.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
  return loaded.value.model;
}

/** Satellite positions (ECEF, km) at tick 0 of a sim of the model, by object id. */
async function positionsAtStart(model: ScenarioModel, ids: readonly string[]): Promise<Map<string, [number, number, number]>> {
  const sim = await createSim(model, { propagator: 'wasm' });
  const pos = sim.c.Kinematics.posEcefKm;
  const out = new Map<string, [number, number, number]>();
  for (const id of ids) {
    const e = sim.eidById.get(id);
    if (e !== undefined) out.set(id, [pos[3 * e], pos[3 * e + 1], pos[3 * e + 2]]);
  }
  sim.propagator.dispose();
  return out;
}

function mayUse(model: ScenarioModel, owner: string, operator: string): boolean {
  if (owner === operator) return true;
  return model.agreements.some((a) => a.provider === operator && a.signed && a.fromTick <= MEASURE_TICK && (a.untilTick === null || a.untilTick > MEASURE_TICK) &&
    a.products.includes('satcom.access') && a.recipients.includes(owner));
}

function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = lat1 * DEG, b = lat2 * DEG;
  const c = Math.sin(a) * Math.sin(b) + Math.cos(a) * Math.cos(b) * Math.cos((lon2 - lon1) * DEG);
  return Math.acos(Math.max(-1, Math.min(1, c))) * 6371;
}

function elevationDeg(latDeg: number, lonDeg: number, altKm: number, sat: readonly number[]): number {
  const t = topocentre({ latRad: latDeg * DEG, lonRad: lonDeg * DEG, altKm });
  const dx = sat[0] - t.posEcefKm.x, dy = sat[1] - t.posEcefKm.y, dz = sat[2] - t.posEcefKm.z;
  return Math.asin((dx * t.up.x + dy * t.up.y + dz * t.up.z) / Math.hypot(dx, dy, dz)) / DEG;
}

export interface EwModels {
  /** gnss-denial's receivers thinned to make room (none while they hold at most 393 points). */
  thinned: { id: string; kept: number; of: number }[];
  full: ScenarioModel;
  /** The same without jammers. */
  noJam: ScenarioModel;
  /** The same without any EW (no transponders, terminals, jammers or receivers). */
  noEw: ScenarioModel;
}

/** The 200-terminal, 500-point model (and its variants without jammers, without EW). */
export async function buildEwModels(): Promise<EwModels> {
  const base = loadBase();
  const marking: ItemMarkingModel = { classification: base.classificationLevels[0], releasableTo: 'all', caveats: [] };
  const objectByNorad = new Map(base.objects.map((o) => [o.noradId, o]));
  const transponders: TransponderModel[] = [...base.transponders];
  for (const t of EXTRA_TRANSPONDERS) {
    if (transponders.some((x) => x.id === t.id)) continue; // the scenario has one of that name: keep the scenario's
    const sat = objectByNorad.get(t.norad);
    if (!sat || sat.owner === null) throw new Error(`bench ew: satellite NORAD ${t.norad} is not in the merged scenario with an owner`);
    if (!frequencyInBand(t.band, t.uplinkGHz) || !frequencyInBand(t.band, t.downlinkGHz)) throw new Error(`bench ew: transponder ${t.id} frequencies are not in ${t.band} band`);
    transponders.push({
      id: t.id, name: t.name, satellite: sat.id, owner: sat.owner, band: t.band, uplinkGHz: t.uplinkGHz, downlinkGHz: t.downlinkGHz, bandwidthMHz: t.bandwidthMHz,
      eirpDbw: t.eirpDbw, gOverTDbPerK: t.gOverTDbPerK, beam: t.beam, terminalsMax: t.terminalsMax, marking,
    });
  }
  const satPos = await positionsAtStart(base, [...new Set(transponders.map((t) => t.satellite))]);

  // Terminals: seeded positions per region, equipment, owner, 1-3 preferences among the transponders of
  // its band that it may use and sees (above its mask + 3 deg; for a spot beam, within 1500 km of the
  // beam centre), its own nation's first, then by elevation; a terminal with none keeps its nation's first
  // transponder of its band (a link that stays down).
  const rnd = seededDraw(SEED, 'bench-ew');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ownerOf = (): string => {
    let u = rnd();
    for (const [o, w] of OWNERS) if ((u -= w) < 0) return o;
    return OWNERS[0][0];
  };
  const toGenerate = EW_TERMINALS - base.terminals.length;
  const terminals: TerminalModel[] = [...base.terminals];
  let made = 0;
  for (const [ri, region] of REGIONS.entries()) {
    const n = ri === REGIONS.length - 1 ? toGenerate - made : Math.round(toGenerate * region.share);
    for (let k = 0; k < n; k++) {
      const latDeg = region.latDeg[0] + rnd() * (region.latDeg[1] - region.latDeg[0]);
      const lonDeg = region.lonDeg[0] + rnd() * (region.lonDeg[1] - region.lonDeg[0]);
      const altKm = region.altKm[0] + rnd() * (region.altKm[1] - region.altKm[0]);
      const owner = ownerOf();
      const u = rnd();
      const kind = u < 0.3 ? 'ka' : u < 0.6 ? 'x-small' : 'x-large';
      const eq = EQUIPMENT[kind];
      const candidates = transponders
        .filter((x) => x.band === eq.band && mayUse(base, owner, x.owner))
        .map((x) => ({ x, el: elevationDeg(latDeg, lonDeg, altKm, satPos.get(x.satellite)!), jitter: rnd() * 15 }))
        .filter((c) => c.el >= eq.elevationDegMin + 3 && (c.x.beam.kind === 'global' || greatCircleKm(latDeg, lonDeg, c.x.beam.latDeg, c.x.beam.lonDeg) < 1500))
        .sort((a, b) => Number(b.x.owner === owner) - Number(a.x.owner === owner) || b.el + b.jitter - (a.el + a.jitter));
      const count = 1 + Math.floor(rnd() * 3);
      let prefs = candidates.slice(0, count).map((c) => c.x.id);
      if (prefs.length === 0) prefs = [transponders.find((x) => x.band === eq.band && x.owner === owner)?.id ?? pick(transponders.filter((x) => x.band === eq.band)).id];
      const id = `${region.name}-${owner.toLowerCase()}-${String(made + k + 1).padStart(3, '0')}`;
      terminals.push({
        id, name: id, owner, platform: { kind: 'fixed', point: { latDeg, lonDeg, altKm } },
        eirpDbw: eq.eirpDbw, gainDbi: eq.gainDbi, gOverTDbPerK: eq.gOverTDbPerK, dataRateMbps: eq.dataRateMbps, requiredEbN0Db: eq.requiredEbN0Db,
        requiredCn0DbHz: requiredCn0DbHz(eq.requiredEbN0Db, eq.dataRateMbps * 1e6), carrierBandwidthMHz: 1.2 * eq.dataRateMbps, carrierOffsetMHz: 0, pointingLossDb: eq.pointingLossDb, elevationDegMin: eq.elevationDegMin,
        transponders: prefs, priority: Math.floor(rnd() * 3), marking,
      });
    }
    made += n;
  }

  // Receivers: gnss-denial's, a multi-GNSS grid over the Gulf and Iran (63 points), and Atlantic ship
  // receivers (Galileo, falling back to GPS; at least 44 points) to make up 500 points. When gnss-denial's
  // receivers hold more than 500 - 63 - 44 points, each is thinned evenly (every k-th point, at least one)
  // to fit, so every receiver type stays in the mix.
  const grid = (latDeg: readonly [number, number], lonDeg: readonly [number, number], stepDeg: number, altKm: number, max = Infinity): PlatformModel[] => {
    const out: PlatformModel[] = [];
    for (let lat = latDeg[0]; lat <= latDeg[1] + 1e-9; lat += stepDeg) {
      for (let lon = lonDeg[0]; lon <= lonDeg[1] + 1e-9 && out.length < max; lon += stepDeg) out.push({ kind: 'fixed', point: { latDeg: lat, lonDeg: lon, altKm } });
    }
    return out;
  };
  const receiver = (id: string, name: string, owner: string, platforms: PlatformModel[], constellations: ConstellationName[], mode: 'single' | 'multi'): ReceiverModel => ({
    id, name, owner, platforms, constellations, mode, elevationDegMin: 10, pdopMax: 6, jammingToleranceDb: 24, antennaGainDbi: 0, marking,
  });
  const gulf = receiver('gulf-multi', 'GPS + Galileo + BeiDou users, Gulf and Iran', 'USA', grid([24, 36], [44, 60], 2, 0.01), ['GPS', 'GALILEO', 'BEIDOU'], 'multi');
  const basePoints = base.receivers.reduce((n, r) => n + r.platforms.length, 0);
  const scale = Math.min(1, (EW_RECEIVER_POINTS - gulf.platforms.length - ATLANTIC_POINTS_MIN) / basePoints);
  const thinned: { id: string; kept: number; of: number }[] = [];
  const kept = base.receivers.map((r) => {
    const n = r.platforms.length;
    const keep = Math.max(1, Math.floor(n * scale));
    if (keep === n) return r;
    thinned.push({ id: r.id, kept: keep, of: n });
    return { ...r, platforms: Array.from({ length: keep }, (_, i) => r.platforms[Math.floor((i * n) / keep)]) };
  });
  const need = EW_RECEIVER_POINTS - kept.reduce((n, r) => n + r.platforms.length, 0) - gulf.platforms.length;
  const atlantic = receiver('atlantic-ships', 'Galileo then GPS ship receivers, Atlantic', 'GBR', grid([36, 60], [-42, -10], 3, 0.02, need), ['GALILEO', 'GPS'], 'single');
  if (need < ATLANTIC_POINTS_MIN || atlantic.platforms.length !== need) throw new Error(`bench ew: the Atlantic grid holds ${atlantic.platforms.length} points, ${need} wanted`);
  const receivers = [...kept, gulf, atlantic];

  const full: ScenarioModel = { ...base, transponders, terminals, receivers };
  return {
    thinned,
    full,
    noJam: { ...full, jammers: [] },
    noEw: { ...full, transponders: [], terminals: [], jammers: [], receivers: [] },
  };
}

/* ---------------------------------------------------------------- measuring */

let sink = 0;

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function simAt(model: ScenarioModel, tick: number): Promise<Sim> {
  const sim = await createSim(model, { propagator: 'wasm' });
  while (sim.tick < tick) step(sim);
  return sim;
}

/** The GNSS satellites in orbit, in the order pntFixes visits them: entity ids. */
function gnssEids(sim: Sim): number[] {
  const stable = sim.c.Identity.stableIndex;
  return [...sim.order.orbiters].filter((e) => {
    const s = stable[e];
    return s < sim.ew.constellationOf.length && sim.ew.constellationOf[s] >= 0;
  });
}

/** Packed copies for the bare PNT loop: point positions and up vectors, sin^2 of each mask, satellite positions. */
interface BarePnt {
  pos: Float64Array;
  up: Float64Array;
  sin2Mask: Float64Array;
  sats: Float64Array;
}

function barePntOf(sim: Sim, points: readonly number[]): BarePnt {
  const places = sim.ew.receiverPlaces;
  const pos = new Float64Array(3 * points.length), up = new Float64Array(3 * points.length), sin2Mask = new Float64Array(points.length);
  points.forEach((q, i) => {
    for (let a = 0; a < 3; a++) {
      pos[3 * i + a] = places.posEcefKm[3 * q + a];
      up[3 * i + a] = places.upEcef[3 * q + a];
    }
    sin2Mask[i] = Math.sin(sim.model.receivers[sim.ew.receivers.receiverOfPoint[q]].elevationDegMin * DEG) ** 2;
  });
  const eids = gnssEids(sim);
  const sats = new Float64Array(3 * eids.length);
  const p = sim.c.Kinematics.posEcefKm;
  eids.forEach((e, i) => {
    for (let a = 0; a < 3; a++) sats[3 * i + a] = p[3 * e + a];
  });
  return { pos, up, sin2Mask, sats };
}

/** The floor of a fix: per point, per satellite, the vector, the dot product with the local up, the mask test. */
function barePnt(b: BarePnt): number {
  let count = 0;
  const { pos, up, sin2Mask, sats } = b;
  for (let q = 0; q < sin2Mask.length; q++) {
    const k = 3 * q;
    const px = pos[k], py = pos[k + 1], pz = pos[k + 2], ux = up[k], uy = up[k + 1], uz = up[k + 2], s2 = sin2Mask[q];
    for (let i = 0; i < sats.length; i += 3) {
      const dx = sats[i] - px, dy = sats[i + 1] - py, dz = sats[i + 2] - pz;
      const u = dx * ux + dy * uy + dz * uz;
      if (u > 0 && u * u >= (dx * dx + dy * dy + dz * dz) * s2) count++;
    }
  }
  return count;
}

/** Packed copies for the bare SATCOM loop: the considered pairs (terminal, satellite) with what they need. */
interface BareSatcom {
  /** Per pair: terminal position, terminal up, mask (rad), satellite position: 10 numbers. */
  pairs: Float64Array;
  n: number;
}

/** The floor of a link budget: per pair, the range and the elevation (asin), the mask test. */
function bareSatcom(b: BareSatcom): number {
  let count = 0;
  const p = b.pairs;
  for (let k = 0; k < p.length; k += 10) {
    const dx = p[k + 7] - p[k], dy = p[k + 8] - p[k + 1], dz = p[k + 9] - p[k + 2];
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const s = (dx * p[k + 3] + dy * p[k + 4] + dz * p[k + 5]) / d;
    const el = Math.asin(s > 1 ? 1 : s < -1 ? -1 : s);
    if (el >= p[k + 6]) count++;
  }
  return count;
}

/** The pairs satcomLinks looked at in its last call, and how many of them had their budget worked. */
function consideredPairs(sim: Sim): { considered: [number, number][]; budgets: number; preferences: number } {
  const t = sim.ew.terminals;
  const pos = sim.c.Kinematics.posEcefKm;
  const considered: [number, number][] = [];
  let budgets = 0, preferences = 0;
  for (let i = 0; i < sim.model.terminals.length; i++) {
    const prefs = t.preferences[i];
    preferences += prefs.length;
    if (t.present[i] === 0) continue;
    const m = sim.model.terminals[i];
    const upTo = t.up[i] === 1 ? prefs.indexOf(t.transponder[i]) + 1 : prefs.length;
    for (let j = 0; j < upTo; j++) {
      const x = prefs[j];
      considered.push([i, x]);
      const e = sim.eidById.get(sim.model.transponders[x].satellite);
      if (e === undefined || !mayUse(sim.model, m.owner, sim.model.transponders[x].owner)) continue;
      const k = 3 * i;
      const dx = pos[3 * e] - t.posEcefKm[k], dy = pos[3 * e + 1] - t.posEcefKm[k + 1], dz = pos[3 * e + 2] - t.posEcefKm[k + 2];
      const s = (dx * t.upEcef[k] + dy * t.upEcef[k + 1] + dz * t.upEcef[k + 2]) / Math.hypot(dx, dy, dz);
      if (Math.asin(Math.max(-1, Math.min(1, s))) >= m.elevationDegMin * DEG) budgets++;
    }
  }
  return { considered, budgets, preferences };
}

function bareSatcomOf(sim: Sim, considered: readonly [number, number][]): BareSatcom {
  const t = sim.ew.terminals;
  const pos = sim.c.Kinematics.posEcefKm;
  const pairs = new Float64Array(10 * considered.length);
  considered.forEach(([i, x], n) => {
    const k = 10 * n;
    const e = sim.eidById.get(sim.model.transponders[x].satellite) ?? 0;
    for (let a = 0; a < 3; a++) {
      pairs[k + a] = t.posEcefKm[3 * i + a];
      pairs[k + 3 + a] = t.upEcef[3 * i + a];
      pairs[k + 7 + a] = pos[3 * e + a];
    }
    pairs[k + 6] = sim.model.terminals[i].elevationDegMin * DEG;
  });
  return { pairs, n: considered.length };
}

function pointsJammedAndFixed(sim: Sim, from = 0, to = sim.ew.receivers.fix.length): { fix: number; jammed: number } {
  let fix = 0, jammed = 0;
  for (let q = from; q < to; q++) {
    fix += sim.ew.receivers.fix[q];
    if (sim.ew.receivers.jammedMask[q] !== 0) jammed++;
  }
  return { fix, jammed };
}

export async function measureEw(config: EwConfig, log: (s: string) => void): Promise<EwResult> {
  const warnings: string[] = [];
  log('  building the model (satcom-jamming.yaml + gnss-denial.yaml, generated terminals and receivers)...');
  const models = await buildEwModels();
  const tick = MEASURE_TICK;
  log(`  sims: full and without jammers at tick ${tick}, and two stepping sims (with and without EW)...`);
  const sim = await simAt(models.full, tick);
  const noJam = await simAt(models.noJam, tick);
  const stepEw = await simAt(models.full, 0);
  const stepNoEw = await simAt(models.noEw, 0);

  // What one call sees (the calls are idempotent at a tick but for counters).
  satcomLinks(sim);
  pntFixes(sim);
  satcomLinks(noJam);
  pntFixes(noJam);
  const t = sim.ew.terminals;
  const { considered, budgets, preferences } = consideredPairs(sim);
  const eids = gnssEids(sim);
  const nSats = eids.length;
  const nPoints = sim.ew.receivers.fix.length;
  const allPoints = Array.from({ length: nPoints }, (_, q) => q);
  const bareP = barePntOf(sim, allPoints);
  const bareS = bareSatcomOf(sim, considered);
  const byConstellation: Record<string, number> = {};
  for (const e of eids) {
    const c = sim.model.objects[sim.c.Identity.stableIndex[e]].constellation ?? '?';
    byConstellation[c] = (byConstellation[c] ?? 0) + 1;
  }
  const counts: EwCounts = {
    terminals: sim.model.terminals.length,
    transponders: sim.model.transponders.length,
    jammers: sim.model.jammers.length,
    receivers: sim.model.receivers.length,
    receiverPoints: nPoints,
    gnssSatellites: nSats,
    gnssByConstellation: byConstellation,
    geoSatellites: new Set(sim.model.transponders.map((x) => x.satellite)).size,
    objects: sim.order.orbiters.length,
    preferencePairs: preferences,
    consideredPairs: considered.length,
    budgetPairs: budgets,
    pntPairs: nPoints * nSats,
    thinned: models.thinned,
  };
  let up = 0, jammedT = 0, downJammed = 0;
  for (let i = 0; i < counts.terminals; i++) {
    up += t.up[i];
    jammedT += t.jammed[i];
    if (t.up[i] === 0 && t.jammed[i] === 1) downJammed++;
  }
  const pj = pointsJammedAndFixed(sim);
  let noJamUp = 0;
  for (let i = 0; i < counts.terminals; i++) noJamUp += noJam.ew.terminals.up[i];
  const state: EwSnapshot = {
    terminalsUp: up,
    terminalsDown: counts.terminals - up,
    terminalsJammed: jammedT,
    terminalsDownJammed: downJammed,
    uplinkJammed: sim.model.transponders
      .map((x, i) => ({ transponder: x.id, j0OverN0Db: Math.round(sim.ew.transponders.uplinkJ0OverN0Db[i] * 10) / 10 }))
      .filter((x) => x.j0OverN0Db > 0),
    pointsWithFix: pj.fix,
    pointsJammed: pj.jammed,
    noJam: { terminalsUp: noJamUp, pointsWithFix: pointsJammedAndFixed(noJam).fix },
  };
  if (state.terminalsJammed === 0) warnings.push('no terminal is jammed at the measured tick: the SATCOM jamming paths only run their loops');
  if (state.pointsJammed === 0) warnings.push('no receiver point is jammed at the measured tick: the GNSS jamming path only runs its loops');
  if (state.uplinkJammed.length === 0) warnings.push('no transponder uplink is jammed at the measured tick');
  log(`  ${counts.terminals} terminals (${up} up, ${jammedT} jammed), ${counts.transponders} transponders on ${counts.geoSatellites} GEO satellites, ` +
    `${nPoints} receiver points (${pj.fix} with a fix, ${pj.jammed} jammed), ${nSats} GNSS satellites, ${counts.jammers} jammers`);

  const calls = Math.max(1, config.callsPerSample);
  const ticks = Math.max(1, config.ticksPerRound);
  const run: Record<EwVariant, () => void> = {
    satcom: () => {
      for (let c = 0; c < calls; c++) satcomLinks(sim);
      sink += sim.ew.terminals.up[0];
    },
    'satcom-nojam': () => {
      for (let c = 0; c < calls; c++) satcomLinks(noJam);
      sink += noJam.ew.terminals.up[0];
    },
    'bare-satcom': () => {
      for (let c = 0; c < calls * BARE_SATCOM_REPEAT; c++) sink += bareSatcom(bareS);
    },
    pnt: () => {
      for (let c = 0; c < calls; c++) pntFixes(sim);
      sink += sim.ew.receivers.fixNow[0];
    },
    'pnt-nojam': () => {
      for (let c = 0; c < calls; c++) pntFixes(noJam);
      sink += noJam.ew.receivers.fixNow[0];
    },
    'bare-pnt': () => {
      for (let c = 0; c < calls; c++) sink += barePnt(bareP);
    },
    'step-ew': () => {
      for (let c = 0; c < ticks; c++) step(stepEw);
    },
    'step-noew': () => {
      for (let c = 0; c < ticks; c++) step(stepNoEw);
    },
  };
  const per: Record<EwVariant, number> = Object.fromEntries(EW_VARIANTS.map((v) => [v, v.startsWith('step') ? ticks : v === 'bare-satcom' ? calls * BARE_SATCOM_REPEAT : calls])) as Record<EwVariant, number>;
  const samples = Object.fromEntries(EW_VARIANTS.map((v) => [v, [] as number[]])) as Record<EwVariant, number[]>;
  (globalThis as { gc?: () => void }).gc?.();
  const totalRounds = config.warmupRounds + config.rounds;
  for (let r = 0; r < totalRounds; r++) {
    for (let j = 0; j < EW_VARIANTS.length; j++) {
      const v = EW_VARIANTS[(j + r) % EW_VARIANTS.length];
      const ms = timeIt(run[v]) / per[v];
      if (r >= config.warmupRounds) samples[v].push(ms);
    }
    if ((r + 1) % 10 === 0 || r === totalRounds - 1) log(`  ew round ${r + 1}/${totalRounds}${r < config.warmupRounds ? ' (warm-up)' : ''}`);
  }

  const pairsOf: Record<EwVariant, number> = {
    satcom: considered.length, 'satcom-nojam': considered.length, 'bare-satcom': considered.length,
    pnt: nPoints * nSats, 'pnt-nojam': nPoints * nSats, 'bare-pnt': nPoints * nSats, 'step-ew': Number.NaN, 'step-noew': Number.NaN,
  };
  const unitsOf: Record<EwVariant, number> = {
    satcom: counts.terminals, 'satcom-nojam': counts.terminals, 'bare-satcom': counts.terminals,
    pnt: nPoints, 'pnt-nojam': nPoints, 'bare-pnt': nPoints, 'step-ew': Number.NaN, 'step-noew': Number.NaN,
  };
  const variants = Object.fromEntries(EW_VARIANTS.map((v) => [v, {
    label: EW_VARIANT_LABELS[v],
    msPerCall: spread(samples[v]),
    nsPerPair: v.startsWith('step') ? null : spread(samples[v].map((x) => (x * 1e6) / pairsOf[v])),
    nsPerUnit: v.startsWith('step') ? null : spread(samples[v].map((x) => (x * 1e6) / unitsOf[v])),
  }])) as Record<EwVariant, EwVariantResult>;
  const s = samples;
  const result: EwResult['ratios'] = {
    'satcom / bare-satcom': spread(ratios(s.satcom, s['bare-satcom'])),
    'pnt / bare-pnt': spread(ratios(s.pnt, s['bare-pnt'])),
    'satcom / satcom-nojam': spread(ratios(s.satcom, s['satcom-nojam'])),
    'pnt / pnt-nojam': spread(ratios(s.pnt, s['pnt-nojam'])),
    'step-ew / step-noew': spread(ratios(s['step-ew'], s['step-noew'])),
    'ew share of step': spread(s['step-ew'].map((x, i) => (x - s['step-noew'][i]) / x)),
    '(satcom + pnt) / step-ew': spread(s['step-ew'].map((x, i) => (s.satcom[i] + s.pnt[i]) / x)),
  };

  // Each receiver alone: a sim whose model holds that receiver only (jammers and transponders kept, no terminals).
  log('  ew: pntFixes for each receiver alone...');
  const perSims: { sim: Sim; bare: BarePnt; points: number }[] = [];
  for (const r of models.full.receivers) {
    const one = await simAt({ ...models.full, terminals: [], receivers: [r] }, tick);
    pntFixes(one);
    perSims.push({ sim: one, bare: barePntOf(one, Array.from({ length: r.platforms.length }, (_, q) => q)), points: r.platforms.length });
  }
  const perPnt = perSims.map(() => [] as number[]);
  const perBare = perSims.map(() => [] as number[]);
  for (let r = 0; r < config.perReceiverRounds; r++) {
    for (let j = 0; j < perSims.length; j++) {
      const i = (j + r) % perSims.length;
      const x = perSims[i];
      perPnt[i].push(timeIt(() => {
        for (let c = 0; c < calls; c++) pntFixes(x.sim);
      }) / calls);
      perBare[i].push(timeIt(() => {
        for (let c = 0; c < calls; c++) sink += barePnt(x.bare);
      }) / calls);
    }
  }
  const perReceiver: PerReceiverRow[] = perSims.map((x, i) => {
    const m = x.sim.model.receivers[0];
    const pairs = x.points * gnssEids(x.sim).length;
    const ms = spread(perPnt[i]).median;
    const bare = spread(perBare[i]).median;
    const fj = pointsJammedAndFixed(x.sim);
    return {
      id: m.id, mode: m.mode, constellations: [...m.constellations], points: x.points, jammers: x.sim.model.jammers.length,
      nsPerPair: (ms * 1e6) / pairs, bareNsPerPair: (bare * 1e6) / pairs, ratioToBare: spread(ratios(perPnt[i], perBare[i])).median,
      msPerCall: ms, pointsWithFix: fj.fix, pointsJammed: fj.jammed,
    };
  });

  for (const x of [sim, noJam, stepEw, stepNoEw, ...perSims.map((p) => p.sim)]) x.propagator.dispose();
  return {
    config,
    tick,
    utc: new Date(models.full.epochMs + tick * models.full.stepMs).toISOString(),
    counts,
    state,
    variants,
    ratios: result,
    perReceiver,
    warnings,
    sink,
  };
}

/**
 * measureEw in a fresh node process (ew-child.ts), as sensors.ts does: the sims alone in their heap.
 * Its progress lines go straight to this process's stderr.
 */
export function measureEwInChild(config: EwConfig): EwResult {
  const r = spawnSync(process.execPath, ['--expose-gc', EW_CHILD, JSON.stringify(config)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`ew child exited with ${r.status ?? r.signal}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as EwResult;
}
