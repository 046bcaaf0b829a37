/**
 * Meaning of the EW and PNT sections (`satcom`, `jammers`, `pnt`): every reference checked (satellites,
 * sites, transponders, jammer targets), frequencies checked against their band, platforms reduced to
 * fixed points, orbiting objects or waypoint tracks, grids expanded to their points, each problem at
 * its place. Read next: engine/model-ew.ts (what this builds), scenarios/schema-ew.ts (the YAML).
 */
import type { OrbitalObjectModel, SiteModel } from '../engine/model.js';
import type { ConstellationName, GeoPointModel, JammerModel, PlatformModel, ReceiverModel, TerminalModel, TransponderModel } from '../engine/model-ew.js';
import { beamwidthFromGainDeg } from '../engine/physics/antenna.js';
import { frequencyInBand, requiredCn0DbHz } from '../engine/physics/link-budget.js';
import type { Path } from './positions.js';
import { didYouMean } from './problems.js';
import type { Resolver } from './resolve.js';
import { markingOf } from './resolve-ssa.js';
import type { ScenarioDoc } from './schema.js';
import type { PlatformFields } from './schema-ew.js';

/** Most receiver points (grids expanded) a scenario may hold. */
export const RECEIVER_POINTS_MAX = 100_000;
/** Occupied bandwidth of a carrier per Mbit/s when the scenario gives none: QPSK rate 1/2, roll-off 0.2. */
export const CARRIER_BANDWIDTH_PER_MBPS = 1.2;
/** A jammer with a peak gain this low radiates alike in every direction. */
export const OMNI_GAIN_DBI = 3;

type PlatformInput = { [K in keyof typeof PlatformFields]?: unknown } & {
  site?: string; latDeg?: number; lonDeg?: number; altM?: number; object?: string;
  track?: { at: string; latDeg: number; lonDeg: number; altM: number }[];
};

export interface EwModels {
  transponders: TransponderModel[];
  terminals: TerminalModel[];
  jammers: JammerModel[];
  receivers: ReceiverModel[];
  /** Terminals, jammers and receiver points: what they add to the entity count. */
  entities: number;
}

export function resolveEw(r: Resolver, objects: readonly OrbitalObjectModel[], sites: readonly SiteModel[]): EwModels {
  const objectById = new Map(objects.map((o) => [o.id, o]));
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const ctx = { r, objectById, siteById };
  const transponders = resolveTransponders(ctx);
  const terminals = resolveTerminals(ctx, transponders);
  const jammers = resolveJammers(ctx);
  const receivers = resolveReceivers(ctx, objects);
  const points = receivers.reduce((n, x) => n + x.platforms.length, 0);
  return { transponders, terminals, jammers, receivers, entities: terminals.length + jammers.length + points };
}

interface Ctx {
  r: Resolver;
  objectById: ReadonlyMap<string, OrbitalObjectModel>;
  siteById: ReadonlyMap<string, SiteModel>;
}

function objectRef(ctx: Ctx, id: string, path: Path, what: string): OrbitalObjectModel | null {
  const o = ctx.objectById.get(id);
  if (!o && !ctx.r.catalogsIncomplete) ctx.r.add(path, 'UNKNOWN_REF', `${what} '${id}' is not an object of the scenario${didYouMean(id, ctx.objectById.keys())}`);
  return o ?? null;
}

/** Exactly one of site, fixed point, object or track. */
function platformOf(ctx: Ctx, x: PlatformInput, path: Path, what: string, allowObject: boolean): PlatformModel | null {
  const { r } = ctx;
  const given = [x.site !== undefined && 'site', (x.latDeg !== undefined || x.lonDeg !== undefined) && 'latDeg/lonDeg', x.object !== undefined && 'object', x.track !== undefined && 'track'].filter((k): k is string => typeof k === 'string');
  if (given.length !== 1) {
    r.add(path, 'INVALID_VALUE', given.length === 0
      ? `${what} needs a place: one of site, latDeg and lonDeg (with altM), ${allowObject ? 'object, ' : ''}or track`
      : `${what} gives ${given.join(' and ')}: give exactly one place`);
    return null;
  }
  if (x.site !== undefined) {
    const site = ctx.siteById.get(x.site);
    if (!site) {
      r.add([...path, 'site'], 'UNKNOWN_REF', `site '${x.site}' is not declared under sites:${didYouMean(x.site, ctx.siteById.keys())}`);
      return null;
    }
    return { kind: 'fixed', point: { latDeg: site.latDeg, lonDeg: site.lonDeg, altKm: site.altKm } };
  }
  if (x.latDeg !== undefined || x.lonDeg !== undefined) {
    if (x.latDeg === undefined || x.lonDeg === undefined) {
      r.add([...path, x.latDeg === undefined ? 'lonDeg' : 'latDeg'], 'INVALID_VALUE', `${what} gives ${x.latDeg === undefined ? 'lonDeg without latDeg' : 'latDeg without lonDeg'}: give both`);
      return null;
    }
    return { kind: 'fixed', point: { latDeg: x.latDeg, lonDeg: x.lonDeg, altKm: (x.altM ?? 0) / 1000 } };
  }
  if (x.object !== undefined) {
    if (!allowObject) {
      r.add([...path, 'object'], 'INVALID_VALUE', `${what} cannot ride an orbiting object: give a site, a point or a track`);
      return null;
    }
    return objectRef(ctx, x.object, [...path, 'object'], 'object') ? { kind: 'object', object: x.object } : null;
  }
  const waypoints: (GeoPointModel & { atMs: number })[] = [];
  x.track!.forEach((w, i) => {
    const at = r.when(w.at, [...path, 'track', i, 'at']);
    if (at === null) return;
    if (waypoints.length > 0 && at <= waypoints[waypoints.length - 1].atMs) {
      r.add([...path, 'track', i, 'at'], 'OUT_OF_RANGE', `waypoint ${i + 1} of ${what} is not later than the one before: list waypoints in time order`);
    }
    waypoints.push({ atMs: at, latDeg: w.latDeg, lonDeg: w.lonDeg, altKm: w.altM / 1000 });
  });
  return { kind: 'track', waypoints };
}

function checkBand(r: Resolver, band: string, ghz: number, path: Path, what: string): void {
  if (!frequencyInBand(band as never, ghz)) r.add(path, 'OUT_OF_RANGE', `${what} ${ghz} GHz is not in ${band} band: check the frequency or the band`);
}

function resolveTransponders(ctx: Ctx): TransponderModel[] {
  const { r } = ctx;
  const out: TransponderModel[] = [];
  r.s.satcom.transponders.forEach((t, i) => {
    const path: Path = ['satcom', 'transponders', i];
    r.claimId(t.id, [...path, 'id']);
    const sat = objectRef(ctx, t.satellite, [...path, 'satellite'], 'satellite');
    if (t.owner !== undefined) r.nationRef(t.owner, [...path, 'owner']);
    checkBand(r, t.band, t.uplinkGHz, [...path, 'uplinkGHz'], 'uplink');
    checkBand(r, t.band, t.downlinkGHz, [...path, 'downlinkGHz'], 'downlink');
    const owner = t.owner ?? sat?.owner ?? null;
    if (sat && owner === null) r.add([...path, 'owner'], 'INVALID_VALUE', `satellite '${t.satellite}' has no owner: give the transponder's operator`);
    if (!sat || owner === null) return;
    out.push({
      id: t.id, name: t.name ?? t.id, satellite: sat.id, owner, band: t.band, uplinkGHz: t.uplinkGHz, downlinkGHz: t.downlinkGHz,
      bandwidthMHz: t.bandwidthMHz, eirpDbw: t.eirpDbw, gOverTDbPerK: t.gOverTDbPerK, beam: t.beam, terminalsMax: t.terminalsMax ?? null,
      marking: markingOf(r, t.marking, [...path, 'marking']),
    });
  });
  return out;
}

function resolveTerminals(ctx: Ctx, transponders: readonly TransponderModel[]): TerminalModel[] {
  const { r } = ctx;
  const ids = r.s.satcom.transponders.map((t) => t.id);
  const out: TerminalModel[] = [];
  r.s.satcom.terminals.forEach((t, i) => {
    const path: Path = ['satcom', 'terminals', i];
    r.claimId(t.id, [...path, 'id']);
    r.nationRef(t.owner, [...path, 'owner']);
    t.transponders.forEach((id, j) => {
      if (!ids.includes(id)) r.add([...path, 'transponders', j], 'UNKNOWN_REF', `transponder '${id}' is not declared under satcom.transponders${didYouMean(id, ids)}`);
    });
    const platform = platformOf(ctx, t as PlatformInput, path, `terminal '${t.id}'`, false);
    if (!platform) return;
    out.push({
      id: t.id, name: t.name ?? t.id, owner: t.owner, platform, eirpDbw: t.eirpDbw, gainDbi: t.gainDbi, gOverTDbPerK: t.gOverTDbPerK,
      dataRateMbps: t.dataRateMbps, requiredEbN0Db: t.requiredEbN0Db, requiredCn0DbHz: requiredCn0DbHz(t.requiredEbN0Db, t.dataRateMbps * 1e6),
      carrierBandwidthMHz: t.carrierBandwidthMHz ?? CARRIER_BANDWIDTH_PER_MBPS * t.dataRateMbps, carrierOffsetMHz: t.carrierOffsetMHz,
      pointingLossDb: t.pointingLossDb, elevationDegMin: t.elevationDegMin, transponders: t.transponders.filter((id) => transponders.some((x) => x.id === id)),
      priority: t.priority, marking: markingOf(r, t.marking, [...path, 'marking']),
    });
  });
  return out;
}

function resolveJammers(ctx: Ctx): JammerModel[] {
  const { r } = ctx;
  const out: JammerModel[] = [];
  r.s.jammers.forEach((j, i) => {
    const path: Path = ['jammers', i];
    r.claimId(j.id, [...path, 'id']);
    r.nationRef(j.owner, [...path, 'owner']);
    checkBand(r, j.band, j.frequencyGHz, [...path, 'frequencyGHz'], 'jammer frequency');
    const platform = platformOf(ctx, j as PlatformInput, path, `jammer '${j.id}'`, true);
    const t = j.target;
    let target: JammerModel['target'] | null = null;
    const ground = t.latDeg !== undefined || t.lonDeg !== undefined;
    if ((t.satellite !== undefined) === ground) {
      r.add([...path, 'target'], 'INVALID_VALUE', `jammer '${j.id}' must point at a satellite (target.satellite) or at a point on the ground (target.latDeg and target.lonDeg), not ${ground ? 'both' : 'neither'}`);
    } else if (t.satellite !== undefined) {
      if (objectRef(ctx, t.satellite, [...path, 'target', 'satellite'], 'target satellite')) target = { kind: 'satellite', object: t.satellite };
    } else if (t.latDeg === undefined || t.lonDeg === undefined) {
      r.add([...path, 'target'], 'INVALID_VALUE', `jammer '${j.id}' target needs both latDeg and lonDeg`);
    } else target = { kind: 'ground', latDeg: t.latDeg, lonDeg: t.lonDeg };
    const windows = j.on.map((w, k) => {
      const from = r.when(w.from, [...path, 'on', k, 'from']) ?? 0;
      const until = w.until === undefined ? null : r.when(w.until, [...path, 'on', k, 'until']);
      r.inside(from, [...path, 'on', k, 'from'], `jammer '${j.id}' window start`);
      if (until !== null) r.inside(until, [...path, 'on', k, 'until'], `jammer '${j.id}' window end`);
      if (until !== null && until <= from) r.add([...path, 'on', k, 'until'], 'OUT_OF_RANGE', `jammer '${j.id}' window ends before it starts`);
      return { fromTick: Math.ceil(from / Math.max(1, r.stepMs)), untilTick: until === null ? null : Math.ceil(until / Math.max(1, r.stepMs)) };
    });
    if (!platform || !target) return;
    const omni = j.gainDbi <= OMNI_GAIN_DBI && j.beamwidthDeg === undefined;
    out.push({
      id: j.id, name: j.name ?? j.id, owner: j.owner, platform, band: j.band, frequencyGHz: j.frequencyGHz, bandwidthMHz: j.bandwidthMHz,
      eirpDbw: j.eirpDbw, gainDbi: j.gainDbi, beamwidthDeg: omni ? null : (j.beamwidthDeg ?? beamwidthFromGainDeg(j.gainDbi)), target, windows,
      marking: markingOf(r, j.marking, [...path, 'marking']),
    });
  });
  return out;
}

function resolveReceivers(ctx: Ctx, objects: readonly OrbitalObjectModel[]): ReceiverModel[] {
  const { r } = ctx;
  const out: ReceiverModel[] = [];
  const present = new Set(objects.map((o) => o.constellation).filter((c): c is ConstellationName => c !== null));
  let points = 0;
  r.s.pnt.receivers.forEach((x, i) => {
    const path: Path = ['pnt', 'receivers', i];
    r.claimId(x.id, [...path, 'id']);
    r.nationRef(x.owner, [...path, 'owner']);
    if (new Set(x.constellations).size !== x.constellations.length) r.add([...path, 'constellations'], 'INVALID_VALUE', `receiver '${x.id}' lists a constellation twice`);
    x.constellations.forEach((c, j) => {
      if (!present.has(c) && !r.catalogsIncomplete) {
        r.add([...path, 'constellations', j], 'INVALID_VALUE', `no object of the scenario belongs to ${c}: tag its catalog with 'constellation: ${c}' (e.g. data/gnss-2026-03)`, 'warning');
      }
    });
    let platforms: PlatformModel[] | null = null;
    if (x.grid !== undefined) {
      const hasPlace = x.site !== undefined || x.latDeg !== undefined || x.lonDeg !== undefined || x.object !== undefined || x.track !== undefined;
      if (hasPlace) r.add([...path, 'grid'], 'INVALID_VALUE', `receiver '${x.id}' gives a grid and a place: give one`);
      else platforms = gridPoints(r, x.grid, [...path, 'grid'], x.id);
    } else {
      const p = platformOf(ctx, x as PlatformInput, path, `receiver '${x.id}'`, false);
      platforms = p ? [p] : null;
    }
    if (!platforms) return;
    points += platforms.length;
    if (points > RECEIVER_POINTS_MAX) {
      r.add(path, 'LIMIT', `receivers hold ${points} points, over the limit of ${RECEIVER_POINTS_MAX}: use a coarser grid (stepDeg)`);
      return;
    }
    out.push({
      id: x.id, name: x.name ?? x.id, owner: x.owner, platforms, constellations: [...x.constellations], mode: x.mode, elevationDegMin: x.elevationDegMin,
      pdopMax: x.pdopMax, jammingToleranceDb: x.jammingToleranceDb, antennaGainDbi: x.antennaGainDbi, marking: markingOf(r, x.marking, [...path, 'marking']),
    });
  });
  return out;
}

function gridPoints(r: Resolver, g: NonNullable<ScenarioDoc['pnt']['receivers'][number]['grid']>, path: Path, id: string): PlatformModel[] | null {
  const [south, north] = g.latDeg;
  const [west, east] = g.lonDeg;
  if (north < south) r.add([...path, 'latDeg'], 'OUT_OF_RANGE', `receiver '${id}' grid: north edge ${north} is south of ${south}`);
  if (east < west) r.add([...path, 'lonDeg'], 'OUT_OF_RANGE', `receiver '${id}' grid: east edge ${east} is west of ${west}`);
  if (north < south || east < west) return null;
  const rows = Math.floor((north - south) / g.stepDeg + 1e-9) + 1;
  const cols = Math.floor((east - west) / g.stepDeg + 1e-9) + 1;
  if (rows * cols === 1 && (north > south || east > west)) {
    r.add([...path, 'stepDeg'], 'INVALID_VALUE', `receiver '${id}' grid step ${g.stepDeg} deg is larger than the region: it holds one point, its south-west corner; use a smaller stepDeg`, 'warning');
  }
  if (rows * cols > RECEIVER_POINTS_MAX) {
    r.add([...path, 'stepDeg'], 'LIMIT', `receiver '${id}' grid has ${rows * cols} points, over the limit of ${RECEIVER_POINTS_MAX}: use a larger stepDeg`);
    return null;
  }
  const out: PlatformModel[] = [];
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < cols; b++) out.push({ kind: 'fixed', point: { latDeg: south + a * g.stepDeg, lonDeg: west + b * g.stepDeg, altKm: g.altM / 1000 } });
  }
  return out;
}
