/**
 * The state of electronic warfare and PNT in a run: SoA tables for transponders, terminals, jammers and
 * receiver points, indexed by their place in the scenario's lists (these things are fixed by the
 * scenario and never come or go, so they need no entity lifecycle; their order is the stable order).
 * Positions are Earth-fixed (ECEF/PEF, km) like the sensors' sites, so they meet the satellites'
 * `posEcefKm` without a frame change.
 *
 * Read next: platforms.ts (where things are each tick), systems/satcom-links.ts, systems/pnt-fixes.ts.
 */
import type { GeoPointModel, PlatformModel, ScenarioModel } from '../model.js';
import { createDopScratch, type DopScratch } from '../physics/dop.js';
import { CONSTELLATIONS, signalOverlapFraction } from '../physics/gnss.js';
import { topocentre } from '../physics/frames.js';
import { DEG } from '../physics/frames.js';

/** Positions and local axes of a set of platforms, 3 numbers each. */
export interface Places {
  readonly n: number;
  readonly platforms: readonly PlatformModel[];
  readonly posEcefKm: Float64Array;
  readonly upEcef: Float64Array;
  readonly eastEcef: Float64Array;
  readonly northEcef: Float64Array;
  /** Height above the ellipsoid, km (radio horizon). */
  readonly altKm: Float64Array;
  /** 1 when the platform was placed this tick (an object carrier still in orbit). */
  readonly present: Uint8Array;
  /** True when some platform moves (track or object): positions are refreshed every tick. */
  readonly moving: boolean;
}

export interface TerminalState {
  /** Transponder index in use, -1 for none. */
  readonly transponder: Int16Array;
  readonly up: Uint8Array;
  readonly marginDb: Float64Array;
  /** 1 when a jammer costs the link at least 3 dB this tick. */
  readonly jammed: Uint8Array;
  readonly upTicks: Float64Array;
  readonly downTicks: Float64Array;
  /** Ticks down while jammed. */
  readonly jammedDownTicks: Float64Array;
  /**
   * The last budget worked, 5 per terminal: elevation (deg), uplink and downlink C/N0 (dB-Hz), uplink and
   * downlink J0/N0 over its carrier (dB, -Infinity: none); NaN when no transponder was usable.
   */
  readonly budget: Float64Array;
  /** Transponders by preference, as indices. */
  readonly preferences: readonly Int16Array[];
  /** Terminal indices in service order: priority, then scenario order. */
  readonly order: Int32Array;
}

export interface JammerState {
  /** 1 while radiating. */
  readonly on: Uint8Array;
  /** An inject switched it on until this tick (exclusive; Infinity: until switched off; 0: no such inject). */
  readonly injectOnUntil: Float64Array;
  /** 1 after an inject switched it off, until an inject or the start of a later scenario window switches it on. */
  readonly injectOff: Uint8Array;
  /** The tick of the last `off` inject (-1: none). */
  readonly injectOffTick: Float64Array;
  readonly onTicks: Float64Array;
  /** Unit boresight, ECEF (3 per jammer); zero for an omnidirectional jammer. */
  readonly boresight: Float64Array;
}

export interface TransponderState {
  /** Uplink J0/N0 at the satellite from every jammer this tick, averaged over the transponder band, dB (-Infinity: none). */
  readonly uplinkJ0OverN0Db: Float64Array;
  /**
   * Per transponder and jammer (x * jammers + i): the jammer's density at the satellite's receiver over
   * the whole of the jammer's band, relative to the receiver's noise density, dB (-Infinity: it does not
   * reach). A carrier's J0/N0 is this plus 10 log10 of the share of the carrier band the jammer covers.
   */
  readonly uplinkJammerDb: Float64Array;
  /** Per transponder and jammer: consecutive ticks the jammer has been noticeable on its uplink (J0/N0 > 0 dB). */
  readonly noticedTicks: Float64Array;
  /** Terminals served this tick. */
  readonly served: Int32Array;
  /** Ticks since the operator first noticed jamming in this episode (-1: not jammed). */
  readonly jammedSince: Float64Array;
}

export interface ReceiverState {
  /** First point index of each receiver in the points table, and its count. */
  readonly firstPoint: Int32Array;
  readonly points: Int32Array;
  /** Receiver index of each point. */
  readonly receiverOfPoint: Int32Array;
  /** Per point: 1 with a usable fix this tick; its PDOP (NaN without); bitmask of constellations used. */
  readonly fix: Uint8Array;
  readonly pdop: Float64Array;
  readonly used: Uint8Array;
  /** Per point: bitmask of constellations jammed this tick (J/S above the receiver's tolerance). */
  readonly jammedMask: Uint8Array;
  /** Per point: ticks with a usable fix so far, and ticks counted (the denial footprint). */
  readonly pointFixTicks: Float64Array;
  readonly pointTicks: Float64Array;
  /** Per receiver: point-ticks with a fix, point-ticks without, so far. */
  readonly fixPointTicks: Float64Array;
  readonly deniedPointTicks: Float64Array;
  /** Per receiver: points with a fix at the current tick. */
  readonly fixNow: Int32Array;
  readonly dop: DopScratch;
}

/** Constellation outages and degradations from injects, each [fromTick, untilTick). */
export interface OutageState {
  readonly active: { constellation: number; untilTick: number; area: { latDeg: number; lonDeg: number; radiusKm: number } | null; signalLossDb: number | null }[];
}

export interface EwState {
  readonly terminals: Places & TerminalState;
  readonly jammers: Places & JammerState;
  readonly transponders: TransponderState & { readonly satellite: readonly string[]; readonly owner: Int16Array };
  readonly receivers: ReceiverState;
  readonly receiverPlaces: Places;
  readonly outages: OutageState;
  /** Constellation index (engine/physics/gnss.ts) by stable index of each GNSS satellite, -1 for others. */
  constellationOf: Int8Array;
  /** Per jammer and constellation (jammer * 4 + constellation): the share of its power in the signal band. */
  readonly jammerShare: Float64Array;
}

export function createPlaces(platforms: readonly PlatformModel[]): Places {
  const n = platforms.length;
  const p: Places = {
    n,
    platforms,
    posEcefKm: new Float64Array(3 * n),
    upEcef: new Float64Array(3 * n),
    eastEcef: new Float64Array(3 * n),
    northEcef: new Float64Array(3 * n),
    altKm: new Float64Array(n),
    present: new Uint8Array(n),
    moving: platforms.some((x) => x.kind !== 'fixed'),
  };
  platforms.forEach((x, i) => {
    if (x.kind === 'fixed') place(p, i, x.point);
  });
  return p;
}

/** Put platform `i` at a geodetic point (position and local axes). */
export function place(p: Places, i: number, g: GeoPointModel): void {
  const t = topocentre({ latRad: g.latDeg * DEG, lonRad: g.lonDeg * DEG, altKm: g.altKm });
  const k = 3 * i;
  p.posEcefKm[k] = t.posEcefKm.x;
  p.posEcefKm[k + 1] = t.posEcefKm.y;
  p.posEcefKm[k + 2] = t.posEcefKm.z;
  p.upEcef[k] = t.up.x;
  p.upEcef[k + 1] = t.up.y;
  p.upEcef[k + 2] = t.up.z;
  p.eastEcef[k] = t.east.x;
  p.eastEcef[k + 1] = t.east.y;
  p.eastEcef[k + 2] = t.east.z;
  p.northEcef[k] = t.north.x;
  p.northEcef[k + 1] = t.north.y;
  p.northEcef[k + 2] = t.north.z;
  p.altKm[i] = g.altKm;
  p.present[i] = 1;
}

export function createEwState(model: ScenarioModel): EwState {
  const transponderIndex = new Map(model.transponders.map((t, i) => [t.id, i]));
  const nationIndex = new Map(model.nations.map((n, i) => [n.id, i]));
  const nt = model.terminals.length;
  const order = Int32Array.from(model.terminals.map((_, i) => i)).sort((a, b) => model.terminals[b].priority - model.terminals[a].priority || a - b);
  const terminals = {
    ...createPlaces(model.terminals.map((t) => t.platform)),
    transponder: new Int16Array(nt).fill(-1),
    up: new Uint8Array(nt),
    marginDb: new Float64Array(nt).fill(Number.NEGATIVE_INFINITY),
    jammed: new Uint8Array(nt),
    upTicks: new Float64Array(nt),
    downTicks: new Float64Array(nt),
    jammedDownTicks: new Float64Array(nt),
    budget: new Float64Array(5 * nt).fill(Number.NaN),
    preferences: model.terminals.map((t) => Int16Array.from(t.transponders.map((id) => transponderIndex.get(id)!))),
    order,
  };
  const nj = model.jammers.length;
  const jammers = {
    ...createPlaces(model.jammers.map((j) => j.platform)),
    on: new Uint8Array(nj),
    injectOnUntil: new Float64Array(nj),
    injectOff: new Uint8Array(nj),
    injectOffTick: new Float64Array(nj).fill(-1),
    onTicks: new Float64Array(nj),
    boresight: new Float64Array(3 * nj),
  };
  const ntr = model.transponders.length;
  const transponders = {
    satellite: model.transponders.map((t) => t.satellite),
    owner: Int16Array.from(model.transponders.map((t) => nationIndex.get(t.owner) ?? -1)),
    uplinkJ0OverN0Db: new Float64Array(ntr).fill(Number.NEGATIVE_INFINITY),
    uplinkJammerDb: new Float64Array(ntr * nj).fill(Number.NEGATIVE_INFINITY),
    noticedTicks: new Float64Array(ntr * nj),
    served: new Int32Array(ntr),
    jammedSince: new Float64Array(ntr).fill(-1),
  };
  const points = model.receivers.flatMap((r) => r.platforms);
  const nr = model.receivers.length;
  const firstPoint = new Int32Array(nr);
  const counts = new Int32Array(nr);
  const receiverOfPoint = new Int32Array(points.length);
  let k = 0;
  model.receivers.forEach((r, i) => {
    firstPoint[i] = k;
    counts[i] = r.platforms.length;
    for (let j = 0; j < r.platforms.length; j++) receiverOfPoint[k++] = i;
  });
  const np = points.length;
  const constellationOf = new Int8Array(model.objects.length).fill(-1);
  model.objects.forEach((o, i) => {
    if (o.constellation !== null) constellationOf[i] = CONSTELLATIONS.indexOf(o.constellation);
  });
  return {
    terminals,
    jammers,
    transponders,
    receivers: {
      firstPoint,
      points: counts,
      receiverOfPoint,
      fix: new Uint8Array(np),
      pdop: new Float64Array(np).fill(Number.NaN),
      used: new Uint8Array(np),
      jammedMask: new Uint8Array(np),
      fixPointTicks: new Float64Array(nr),
      pointFixTicks: new Float64Array(np),
      pointTicks: new Float64Array(np),
      deniedPointTicks: new Float64Array(nr),
      fixNow: new Int32Array(nr),
      dop: createDopScratch(CONSTELLATIONS.length),
    },
    receiverPlaces: createPlaces(points),
    outages: { active: [] },
    constellationOf,
    jammerShare: Float64Array.from(model.jammers.flatMap((j) => CONSTELLATIONS.map((c) => signalOverlapFraction(j.frequencyGHz * 1000, j.bandwidthMHz, c)))),
  };
}
