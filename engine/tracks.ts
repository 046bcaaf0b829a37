/**
 * Each declared nation's catalog of tracks, built from reports: its own sensors' observations and the
 * items partners share with it (systems/share.ts). Tables are indexed by the object's stable index.
 *
 * The track model (documented for planners in docs/scenario-reference.md, `tracking:`):
 * - A track is a position uncertainty sigma, km, as of its last update. Between updates it grows
 *   linearly, `uncertaintyGrowthKmPerHour`. A report of uncertainty r (a sensor's measurement noise, or
 *   a shared item's sigma grown over its latency) updates it as two independent estimates combine:
 *   sigma' = (sigma^-2 + r^-2)^-1/2, so every report lowers the uncertainty and more reports never raise
 *   it (the ordering tests rely on it). A nation without a track takes sigma' = r.
 * - Custody is held while sigma is at most `custodyKmMax`; `expiryTick` is the first tick it is not,
 *   computed once per update, so the picture and the counts agree exactly.
 * - Uncorrelated tracks (UCTs): a nation holds one track state per object, whoever's reports built it,
 *   but it can only call it custody of an object it has identified. An object is identified when it is
 *   in the public catalog (a report of it is matched to the published catalog by its orbit) or the
 *   nation's own, when a partner's report names it (identity not withheld, and the partner had
 *   identified it), or after `correlationReports` reports of it (the nation's analysts catalogue it: a
 *   `track-correlated` event). Until then the track is a UCT under a local designation.
 *   One state per object, every report fused into it, and identification only ever gained: a nation
 *   with more reports never has a higher uncertainty nor a later identification, so more sharing never
 *   lowers its custody (test/engine/sharing.test.ts checks it over random agreements).
 * Every nation knows the public catalog from the start (objects with `catalogued`), and its own objects.
 * A nation's tracks from its own sensors alone (`ownSigmaKm`) are kept apart: they are what it may share
 * as `ssa.tracks` (a nation never re-releases what partners gave it) and what its sensors task by.
 *
 * Read next: systems/fuse-own.ts and systems/share.ts (the reports), picture.ts (what a nation sees).
 */
import { FRESH, type ArrayArena } from './arena.js';
import type { ScenarioModel } from './model.js';

/** `updateTick` of an object a nation has never had a report of. */
export const NEVER = -1;
/** `lastVia` of an update from the nation's own sensors (otherwise the agreement's index). */
export const OWN = -1;
const FOREVER = 2 ** 31 - 1;
/** `expiryTick` of an object that left the sim. */
const NEVER_AGAIN = -2;

/** One nation's tables, indexed by stable index. */
export interface TrackTable {
  readonly nation: string;
  /** 1 when the nation knows which object this is (public catalog, its own, or correlated). */
  known: Uint8Array;
  /**
   * 1 when it knows the object by its real name: the public catalog's, its own, or one its owner's items
   * gave it. An object outside the public catalog that a nation identified any other way (its own
   * correlation, a third nation's report) goes by the nation's own designation: identifying an object
   * never reveals what its owner calls it.
   */
  realName: Uint8Array;
  updateTick: Int32Array;
  sigmaKm: Float64Array;
  /** First tick the track is out of custody (<= updateTick when the update did not give custody). */
  expiryTick: Int32Array;
  /** The highest classification level (index) of any item that went into the track. */
  maxLevel: Uint8Array;
  /** Tick of the first track (correlated), NEVER before. */
  firstTick: Int32Array;
  /** Tick of the last update from the nation's own sensors. */
  ownTick: Int32Array;
  /**
   * The nation's tracks from its own sensors alone, one per marking of the observations that built it
   * (marking id -> update tick and sigma by stable index): what it may share as `ssa.tracks`, each under
   * its own marking, so a track never carries a NOFORN or higher-level sensor's precision under a lower
   * marking. Created on a marking's first observation.
   */
  readonly ownByMarking: Map<number, { tick: Int32Array; sigmaKm: Float64Array }>;
  /** When the nation's own sensors last looked at the object (detected or not): tasking reads it. */
  lookTick: Int32Array;
  /** The last update: OWN or the agreement index; the sensor's stable index (-1: unknown or withheld). */
  lastVia: Int16Array;
  lastSensor: Int32Array;
  /** Tick at which the last update's item was produced (== updateTick for own observations). */
  lastItemTick: Int32Array;
  /** Marking id of the last update's item. */
  lastMarking: Int32Array;
  /** Reports of the object before the nation identified it. */
  uctReports: Uint16Array;
  /** Local UCT designation number (1, 2, ...; 0: none yet). */
  uctNumber: Int32Array;
  nextUct: number;
  ownUpdates: number;
  sharedUpdates: number;
  /** Objects of interest in custody now, and summed over every tick so far. */
  custodyNow: number;
  custodyTickSum: number;
  /** Objects of interest leaving custody at each future tick: by tick below EXPIRY_NEAR_TICKS, then by map. */
  expiringNear: Int32Array;
  readonly expiringFar: Map<number, number>;
  /** Checksum of every update, for the state hash. */
  checksum: number;
  updates: number;
}

export interface NationTracks {
  /** Nations that keep tracks (declared ones, scenario order). */
  readonly nations: readonly string[];
  readonly tables: readonly TrackTable[];
  /** Ownership nation index -> table index, -1 for nations without tracks. */
  readonly tableOfNation: Int16Array;
  /** Objects covered (stable indices 0 .. size-1). */
  size: number;
  /** 1 for objects the custody metrics count (0 again once an object leaves the sim). */
  interest: Uint8Array;
  /** The objects of interest as the scenario defines them (and spawned ones), including those that left since. */
  interestAtStart: Uint8Array;
  /** Objects of interest at the start of the run. */
  readonly interestInitial: number;
  /** Objects of interest in the sim now, and summed over every tick so far (the custody fraction's denominator). */
  interestNow: number;
  interestTickSum: number;
  /** 1 for objects that left the sim. */
  gone: Uint8Array;
  /** Tick each object entered the sim (time-to-first-track). */
  bornTick: Int32Array;
  readonly growthKmPerTick: number;
  readonly custodyKmMax: number;
  readonly correlationReports: number;
  /** Where the tables' arrays come from (the sim's arena). */
  readonly arena: ArrayArena;
}

/** What `report` did: fused into a known track, built a UCT, identified the object (correlated it). */
export const FUSED = 0;
export const UNCORRELATED = 1;
export const CORRELATED = 2;
export type ReportResult = typeof FUSED | typeof UNCORRELATED | typeof CORRELATED;

/** Checksums stay exact integers in a double: wrap below 2^48. */
const CHECKSUM_MOD = 2 ** 48;

export function createNationTracks(model: ScenarioModel, arena: ArrayArena = FRESH): NationTracks {
  const nations = model.nations.filter((n) => n.declared).map((n) => n.id);
  const tableOfNation = new Int16Array(model.nations.length).fill(-1);
  model.nations.forEach((n, i) => (tableOfNation[i] = nations.indexOf(n.id)));
  const size = model.objects.length;
  const interestIds = model.tracking.interest === null ? null : new Set(model.tracking.interest);
  const interest = arena.take(Uint8Array, size);
  model.objects.forEach((o, i) => (interest[i] = interestIds === null || interestIds.has(o.id) ? 1 : 0));
  const tables = nations.map((nation) => {
    const t = newTable(nation, size, arena);
    model.objects.forEach((o, i) => (t.known[i] = t.realName[i] = o.catalogued || o.owner === nation ? 1 : 0));
    return t;
  });
  return {
    nations, tables, tableOfNation, size, interest, interestAtStart: interest.slice(),
    interestInitial: interest.reduce((a, b) => a + b, 0),
    interestNow: interest.reduce((a, b) => a + b, 0),
    interestTickSum: 0,
    gone: arena.take(Uint8Array, size),
    bornTick: arena.take(Int32Array, size),
    growthKmPerTick: (model.tracking.uncertaintyGrowthKmPerHour * model.stepMs) / 3_600_000,
    custodyKmMax: model.tracking.custodyKmMax,
    correlationReports: model.tracking.correlationReports,
    arena,
  };
}

function newTable(nation: string, size: number, arena: ArrayArena): TrackTable {
  return {
    nation,
    known: arena.take(Uint8Array, size),
    realName: arena.take(Uint8Array, size),
    maxLevel: arena.take(Uint8Array, size),
    updateTick: arena.take(Int32Array, size, NEVER),
    sigmaKm: arena.take(Float64Array, size),
    expiryTick: arena.take(Int32Array, size, NEVER),
    firstTick: arena.take(Int32Array, size, NEVER),
    ownTick: arena.take(Int32Array, size, NEVER),
    ownByMarking: new Map(),
    lookTick: arena.take(Int32Array, size, NEVER),
    lastVia: arena.take(Int16Array, size, OWN),
    lastSensor: arena.take(Int32Array, size, -1),
    lastItemTick: arena.take(Int32Array, size, NEVER),
    lastMarking: arena.take(Int32Array, size, -1),
    uctReports: arena.take(Uint16Array, size),
    uctNumber: arena.take(Int32Array, size),
    nextUct: 1,
    ownUpdates: 0,
    sharedUpdates: 0,
    custodyNow: 0,
    custodyTickSum: 0,
    expiringNear: new Int32Array(1024),
    expiringFar: new Map(),
    checksum: 0,
    updates: 0,
  };
}

/** Uncertainty at `tick` of an estimate of `sigmaKm` made at `fromTick` (Infinity when never made). */
export function sigmaAt(tracks: NationTracks, sigmaKm: number, fromTick: number, tick: number): number {
  return fromTick < 0 ? Infinity : sigmaKm + tracks.growthKmPerTick * (tick - fromTick);
}

/** Two independent estimates combined (inverse-variance): never above either. */
export function fuseSigma(a: number, b: number): number {
  if (a === Infinity) return b;
  if (b === Infinity) return a;
  return 1 / Math.sqrt(1 / (a * a) + 1 / (b * b));
}

/** First tick a track of uncertainty `sigmaKm` at `tick` is out of custody. */
export function expiryOf(tracks: NationTracks, sigmaKm: number, tick: number): number {
  const headroom = tracks.custodyKmMax - sigmaKm;
  if (headroom < 0) return tick;
  if (tracks.growthKmPerTick === 0) return FOREVER;
  return Math.min(FOREVER, tick + Math.floor(headroom / tracks.growthKmPerTick) + 1);
}

/** True when the nation holds custody: an identified object, its uncertainty within the threshold. */
export function inCustody(table: TrackTable, stable: number, tick: number): boolean {
  return table.known[stable] === 1 && table.updateTick[stable] >= 0 && tick < table.expiryTick[stable];
}

/** True when the nation holds an uncorrelated track of the object (reports, not yet identified). */
export function isUncorrelated(table: TrackTable, stable: number): boolean {
  return table.known[stable] === 0 && table.updateTick[stable] >= 0 && table.expiryTick[stable] !== NEVER_AGAIN;
}

/**
 * One report to nation table `t` about object `stable` at `tick`: uncertainty `sigmaKm` as of `tick`,
 * `identified` when it says which object it is, `level` its classification level (index), `fromOwner`
 * when it comes from the object's owner.
 * `via` is OWN or an agreement index, `sensor` a stable index or -1, `itemTick` when the item was
 * produced, `marking` its marking id.
 */
export function report(
  tracks: NationTracks, t: number, stable: number, tick: number, sigmaKm: number, identified: boolean,
  via: number, sensor: number, itemTick: number, marking: number, level: number, fromOwner = false,
): ReportResult {
  // Small enough to be inlined where it is called: the uncertainty goes through memory, not as an
  // argument (a double passed to a call V8 does not inline is boxed: one allocation per report).
  reportSigma[0] = sigmaKm;
  return reportWithSigma(tracks, t, stable, tick, identified, via, sensor, itemTick, marking, level, fromOwner);
}

/** The uncertainty of the report `reportWithSigma` is making (see `report`). */
const reportSigma = new Float64Array(1);

function reportWithSigma(
  tracks: NationTracks, t: number, stable: number, tick: number, identified: boolean,
  via: number, sensor: number, itemTick: number, marking: number, level: number, fromOwner: boolean,
): ReportResult {
  const sigmaKm = reportSigma[0];
  const table = tracks.tables[t];
  if (level > table.maxLevel[stable]) table.maxLevel[stable] = level;
  const wasHeld = inCustody(table, stable, tick);
  let result: ReportResult = FUSED;
  if (identified && fromOwner && via !== OWN) table.realName[stable] = 1;
  if (table.known[stable] === 0) {
    if (table.uctNumber[stable] === 0) table.uctNumber[stable] = table.nextUct++;
    if (identified && via !== OWN) {
      // The provider said which object this is (its own identification): the nation takes it.
      table.known[stable] = 1;
      result = CORRELATED;
    } else {
      if (++table.uctReports[stable] >= tracks.correlationReports) {
        table.known[stable] = 1;
        result = CORRELATED;
      } else result = UNCORRELATED;
    }
  }
  // The update, in the same function (a call would box the double again).
  const from = table.updateTick[stable];
  const before = from < 0 ? Infinity : table.sigmaKm[stable] + tracks.growthKmPerTick * (tick - from);
  // fuseSigma(before, sigmaKm), spelt out.
  const sigma = before === Infinity ? sigmaKm : sigmaKm === Infinity ? before : 1 / Math.sqrt(1 / (before * before) + 1 / (sigmaKm * sigmaKm));
  const oldExpiry = table.expiryTick[stable];
  const expiry = expiryOf(tracks, sigma, tick);
  table.updateTick[stable] = tick;
  table.sigmaKm[stable] = sigma;
  table.expiryTick[stable] = expiry;
  if (table.firstTick[stable] === NEVER && table.known[stable] === 1) table.firstTick[stable] = tick;
  table.lastVia[stable] = via;
  table.lastSensor[stable] = sensor;
  table.lastItemTick[stable] = itemTick;
  table.lastMarking[stable] = marking;
  if (via === OWN) table.ownTick[stable] = tick;
  count(table, stable, tick, sigmaKm, via);
  if (tracks.interest[stable] === 0) return result;
  // Custody of the objects of interest is counted incrementally: schedule when the track leaves it.
  const held = inCustody(table, stable, tick);
  if (wasHeld) unschedule(table, oldExpiry);
  if (held) schedule(table, expiry);
  table.custodyNow += (held ? 1 : 0) - (wasHeld ? 1 : 0);
  return result;
}

function count(table: TrackTable, stable: number, tick: number, sigmaKm: number, via: number): void {
  if (via === OWN) table.ownUpdates++;
  else table.sharedUpdates++;
  table.updates++;
  // A double's % is a library call: taken only when the sum reaches the modulus (the same value).
  let micro = Number.isFinite(sigmaKm) ? Math.round(sigmaKm * 1e6) : 0;
  if (micro >= CHECKSUM_MOD) micro %= CHECKSUM_MOD;
  const sum = table.checksum + (stable + 1) * (tick + 1) + micro + (via + 2);
  table.checksum = sum >= CHECKSUM_MOD ? sum % CHECKSUM_MOD : sum;
}

/**
 * Fuse an own observation of `marking` into the nation's own track of that marking; true when it is the
 * first of that marking for the object at this tick (the object then goes out as one `ssa.tracks` item).
 */
export function fuseOwnMarked(tracks: NationTracks, t: number, stable: number, tick: number, sigmaKm: number, marking: number): boolean {
  const table = tracks.tables[t];
  let own = table.ownByMarking.get(marking);
  if (!own) {
    own = { tick: tracks.arena.take(Int32Array, tracks.size, NEVER), sigmaKm: tracks.arena.take(Float64Array, tracks.size) };
    table.ownByMarking.set(marking, own);
  }
  const first = own.tick[stable] !== tick;
  own.sigmaKm[stable] = fuseSigma(sigmaAt(tracks, own.sigmaKm[stable], own.tick[stable], tick), sigmaKm);
  own.tick[stable] = tick;
  return first;
}

/** Forget an object that left the sim: it leaves every nation's custody and pictures. */
export function forget(tracks: NationTracks, stable: number, tick: number): void {
  if (stable >= tracks.size) return;
  for (const table of tracks.tables) {
    if (tracks.interest[stable] === 1 && inCustody(table, stable, tick)) {
      unschedule(table, table.expiryTick[stable]);
      table.custodyNow--;
    }
    table.expiryTick[stable] = NEVER_AGAIN;
  }
  if (tracks.interest[stable] === 1) tracks.interestNow--;
  tracks.interest[stable] = 0;
  tracks.gone[stable] = 1;
}

/** Age the custody counts to `tick`: tracks whose custody ends at it leave. */
export function expireCustody(tracks: NationTracks, tick: number): void {
  for (const table of tracks.tables) {
    const near = table.expiringNear;
    if (tick < near.length) {
      table.custodyNow -= near[tick];
      near[tick] = 0;
    }
    const far = table.expiringFar.get(tick);
    if (far === undefined) continue;
    table.custodyNow -= far;
    table.expiringFar.delete(tick);
  }
}

/**
 * Ticks whose custody counts are kept in an array (grown as needed, 256 kB a nation at most); a track
 * leaving custody later (a slow growth rate) is counted in a map. A report schedules and unschedules
 * one, so this is on the hot path of every shared item.
 */
const EXPIRY_NEAR_TICKS = 1 << 16;

function schedule(table: TrackTable, at: number): void {
  if (at === FOREVER) return;
  if (at < EXPIRY_NEAR_TICKS) {
    if (at >= table.expiringNear.length) table.expiringNear = grown(table.expiringNear, Math.min(EXPIRY_NEAR_TICKS, Math.max(at + 1, 2 * table.expiringNear.length)), 0);
    table.expiringNear[at]++;
  } else table.expiringFar.set(at, (table.expiringFar.get(at) ?? 0) + 1);
}

function unschedule(table: TrackTable, at: number): void {
  if (at === FOREVER) return;
  if (at < EXPIRY_NEAR_TICKS) {
    table.expiringNear[at]--;
    return;
  }
  const n = (table.expiringFar.get(at) ?? 0) - 1;
  if (n > 0) table.expiringFar.set(at, n);
  else table.expiringFar.delete(at);
}

/**
 * A typed array holding at least `n` entries, the new ones `fill`. It grows by half again at least, so a
 * run of breakups copies the tables a few times, not once each (every reader bounds by `tracks.size`).
 */
function grown<T extends Int32Array | Float64Array | Uint8Array | Int16Array | Uint16Array>(a: T, n: number, fill: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length + (a.length >> 1)));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * Make room for stable indices up to `size` (objects added during a run: fragments, new launches).
 * Stable indices of sites and sensors in between stay unused.
 */
export function growTracks(tracks: NationTracks, size: number): void {
  if (size <= tracks.size) return;
  tracks.interest = grown(tracks.interest, size, 0);
  tracks.interestAtStart = grown(tracks.interestAtStart, size, 0);
  tracks.gone = grown(tracks.gone, size, 0);
  tracks.bornTick = grown(tracks.bornTick, size, 0);
  for (const t of tracks.tables) {
    t.known = grown(t.known, size, 0);
    t.realName = grown(t.realName, size, 0);
    t.maxLevel = grown(t.maxLevel, size, 0);
    t.updateTick = grown(t.updateTick, size, NEVER);
    t.sigmaKm = grown(t.sigmaKm, size, 0);
    t.expiryTick = grown(t.expiryTick, size, NEVER);
    t.firstTick = grown(t.firstTick, size, NEVER);
    t.ownTick = grown(t.ownTick, size, NEVER);
    t.lookTick = grown(t.lookTick, size, NEVER);
    t.lastVia = grown(t.lastVia, size, OWN);
    t.lastSensor = grown(t.lastSensor, size, -1);
    t.lastItemTick = grown(t.lastItemTick, size, NEVER);
    t.lastMarking = grown(t.lastMarking, size, -1);
    t.uctReports = grown(t.uctReports, size, 0);
    t.uctNumber = grown(t.uctNumber, size, 0);
    for (const own of t.ownByMarking.values()) {
      own.tick = grown(own.tick, size, NEVER);
      own.sigmaKm = grown(own.sigmaKm, size, 0);
    }
  }
  tracks.size = size;
}

/** An object entering the sim at `tick`: its track rows as a new object's (nobody knows it but as said). */
export function admit(tracks: NationTracks, stable: number, tick: number, interesting: boolean, knownBy: (nation: string) => boolean): void {
  tracks.bornTick[stable] = tick;
  tracks.gone[stable] = 0;
  tracks.interest[stable] = interesting ? 1 : 0;
  tracks.interestAtStart[stable] = interesting ? 1 : 0;
  if (interesting) tracks.interestNow++;
  for (const t of tracks.tables) t.known[stable] = t.realName[stable] = knownBy(t.nation) ? 1 : 0;
}
