/**
 * pictureFor: what one nation knows, computed inside the engine from its own tables (fog of war by
 * construction): the objects it holds tracks on, how each track was last updated (its own sensor, or
 * which agreement brought it, when it was produced and when it arrived), how uncertain it is now,
 * whether it holds custody, and the marking of what it holds; its uncorrelated tracks under its own
 * designations, with nothing that names the object. Nothing of truth is copied in except what its
 * reports carried. `whiteView` is the white cell's: truth counts and every nation's picture.
 */
import type { Item } from './policy/releasability.js';
import { markingOf } from './policy/releasability.js';
import type { Sim } from './sim.js';
import type { ConjunctionWarning, HeldStatus, JammerFix, LaunchWarning, LinkStatus, PntStatus } from './ew/status.js';
import { uctDesignation } from './systems/track-events.js';
import { isoUtc, simTimeMs } from './time.js';
import { inCustody, isUncorrelated, OWN, sigmaAt } from './tracks.js';
import { heldOrbit } from './orbit-history.js';

export interface TrackSource {
  /** `own`: the nation's own sensor; `agreement`: delivered under an agreement. */
  via: 'own' | 'agreement';
  /** The agreement and its provider (via `agreement`). */
  agreement?: string;
  provider?: string;
  /** The sensor that observed, when known and not withheld by the agreement. */
  sensor?: string;
  /** When the item was produced, and when this nation had it. */
  itemTick: number;
  receivedTick: number;
}

export interface TrackView {
  /** Scenario id of the object, or the nation's own designation for one it knows only by that. */
  objectId: string;
  name: string;
  noradId: number | null;
  firstTrackUtc: string;
  lastUpdateUtc: string;
  ageS: number;
  uncertaintyKm: number;
  custody: boolean;
  /** The header of the last item that updated the track, and its printed marking. */
  header: Item;
  marking: string;
  /** The highest level of any item that went into the track (what the track itself is classified). */
  classification: string;
  source: TrackSource;
}

export interface UncorrelatedView {
  /** The nation's own name for it, e.g. UCT-USA-0003. */
  designation: string;
  lastReportUtc: string;
  ageS: number;
  uncertaintyKm: number;
  reports: number;
  /** The highest level of the reports that built it. */
  classification: string;
}

export interface Picture {
  /** The exercise marking, on every output. */
  exerciseMarking: string;
  /** The highest level of anything in the picture, uncorrelated tracks included (the lowest when empty). */
  classification: string;
  nation: string;
  tick: number;
  timeUtc: string;
  tracks: TrackView[];
  uncorrelated: UncorrelatedView[];
  /** Link status of its terminals and of those partners report, PNT status, located jammers. */
  satcom: StatusView<LinkStatus>[];
  pnt: StatusView<PntStatus>[];
  emitters: StatusView<JammerFix>[];
  /** Launch warnings it holds: its own sensors' and those partners passed on. */
  launchWarnings: StatusView<LaunchWarning>[];
  /** Conjunction warnings it holds: its own assessments and partners'. */
  conjunctions: StatusView<ConjunctionWarning>[];
}

/** A status item as a nation holds it: what it says, whose it is, how it is marked, how it came. */
export interface StatusView<T> {
  status: T;
  owner: string;
  marking: string;
  asOfUtc: string;
  /** The agreement it came under; absent for the nation's own. */
  agreement?: string;
}

/** The picture of a declared nation at the current tick, tracks in stable scenario order. */
export function pictureFor(sim: Sim, nation: string): Picture {
  const t = sim.tracks.nations.indexOf(nation);
  if (t < 0) throw new Error(`vigil picture - '${nation}' keeps no tracks: nations with tracks are ${sim.tracks.nations.join(', ')}`);
  const { tracks } = sim;
  const table = tracks.tables[t];
  const levels = sim.model.classificationLevels;
  let level = 0;
  const out: TrackView[] = [];
  const uncorrelated: UncorrelatedView[] = [];
  const stableIndex = sim.c.Identity.stableIndex;
  const utc = (tick: number): string => isoUtc(simTimeMs(sim.time, tick));
  for (const eid of sim.order.orbiters) {
    const s = stableIndex[eid];
    if (s >= tracks.size) continue;
    const updated = table.updateTick[s];
    if (updated >= 0) level = Math.max(level, table.maxLevel[s]);
    if (isUncorrelated(table, s)) {
      uncorrelated.push({
        designation: uctDesignation(nation, table.uctNumber[s]),
        lastReportUtc: utc(updated),
        ageS: ((sim.tick - updated) * sim.time.stepMs) / 1000,
        uncertaintyKm: sigmaAt(tracks, table.sigmaKm[s], updated, sim.tick),
        reports: table.uctReports[s],
        classification: levels[table.maxLevel[s]],
      });
      continue;
    }
    if (updated < 0 || table.known[s] === 0) continue;
    const header = sim.markings.get(table.lastMarking[s]);
    const via = table.lastVia[s];
    const object = sim.objects[s]!;
    // An object known only by the nation's own designation (see tracks.ts realName).
    const named = table.realName[s] === 1;
    const designation = named ? object.id : uctDesignation(nation, table.uctNumber[s]);
    const source: TrackSource = via === OWN
      ? { via: 'own', itemTick: table.lastItemTick[s], receivedTick: updated }
      : { via: 'agreement', agreement: sim.model.agreements[via].id, provider: sim.model.agreements[via].provider, itemTick: table.lastItemTick[s], receivedTick: updated };
    if (table.lastSensor[s] >= 0) source.sensor = sim.ids[table.lastSensor[s]];
    out.push({
      objectId: designation,
      name: named ? object.name : designation,
      noradId: named ? object.noradId : null,
      firstTrackUtc: utc(table.firstTick[s]),
      lastUpdateUtc: utc(updated),
      ageS: ((sim.tick - updated) * sim.time.stepMs) / 1000,
      uncertaintyKm: sigmaAt(tracks, table.sigmaKm[s], updated, sim.tick),
      custody: inCustody(table, s, sim.tick),
      header,
      marking: markingOf(header),
      classification: levels[table.maxLevel[s]],
      source,
    });
  }
  const statuses = statusViews(sim, nation, (c) => (level = Math.max(level, levels.indexOf(c))));
  return {
    exerciseMarking: sim.model.marking,
    classification: levels[level],
    nation,
    tick: sim.tick,
    timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)),
    tracks: out,
    uncorrelated,
    ...statuses,
  };
}

/** The status items a nation holds (SATCOM, PNT, located jammers, launch and conjunction warnings), without its tracks. */
export function statusesFor(sim: Sim, nation: string): Pick<Picture, 'satcom' | 'pnt' | 'emitters' | 'launchWarnings' | 'conjunctions'> {
  return statusViews(sim, nation, () => undefined);
}

function statusViews(sim: Sim, nation: string, seen: (classification: string) => void): Pick<Picture, 'satcom' | 'pnt' | 'emitters' | 'launchWarnings' | 'conjunctions'> {
  const held = [...(sim.status.held.get(nation)?.values() ?? [])].sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  const view = <T>(h: HeldStatus): StatusView<T> => {
    const header = sim.markings.get(h.item.marking);
    seen(header.classification);
    const v: StatusView<T> = { status: h.item.payload as T, owner: h.item.owner, marking: markingOf(header), asOfUtc: isoUtc(simTimeMs(sim.time, h.item.tick)) };
    if (h.agreement !== null) v.agreement = h.agreement;
    return v;
  };
  return {
    satcom: held.filter((h) => h.item.product === 'satcom.status').map((h) => view<LinkStatus>(h)),
    pnt: held.filter((h) => h.item.product === 'pnt.status').map((h) => view<PntStatus>(h)),
    emitters: held.filter((h) => h.item.product === 'ew.geolocation').map((h) => view<JammerFix>(h)),
    launchWarnings: held.filter((h) => h.item.product === 'missile.warning').map((h) => view<LaunchWarning>(h)),
    conjunctions: held.filter((h) => h.item.product === 'conjunction.warning').map((h) => view<ConjunctionWarning>(h)),
  };
}

export interface WhiteView {
  exerciseMarking: string;
  tick: number;
  timeUtc: string;
  /** Truth: objects in orbit now. */
  objects: number;
  /** Every nation's picture, in scenario order. */
  pictures: Picture[];
}

/** The white cell's view: truth and every picture. */
export function whiteView(sim: Sim): WhiteView {
  return {
    exerciseMarking: sim.model.marking,
    tick: sim.tick,
    timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)),
    objects: sim.order.orbiters.length,
    pictures: sim.tracks.nations.map((n) => pictureFor(sim, n)),
  };
}

/** One entry of a nation's picture with the orbit it holds for it, for export (OMM, TLE). */
export interface PictureOrbit {
  /** The object's id, or the nation's UCT designation. */
  designation: string;
  /** The object's name and catalog number; null for an uncorrelated track. */
  name: string | null;
  noradId: number | null;
  /** 1.. for an uncorrelated track (its local number), 0 for a correlated one. */
  uctNumber: number;
  /** The element set the nation holds. Vigil models a track's quality as its uncertainty, not as an
   *  orbit error: the element set is the object's own as of the newest report the nation has (a
   *  manoeuvre it has not seen since is not in it), what its analysts would have fitted. */
  orbit: import('./model.js').OrbitSource;
  uncertaintyKm: number;
  ageS: number;
  custody: boolean;
  marking: string;
  /** The highest level of anything that went into it. */
  classification: string;
}

/** Every track and uncorrelated track of `nation` with its orbit, in stable order (tracks, then UCTs). */
export function pictureOrbits(sim: Sim, nation: string): PictureOrbit[] {
  const picture = pictureFor(sim, nation);
  const t = sim.tracks.nations.indexOf(nation);
  const table = sim.tracks.tables[t];
  const tracks: PictureOrbit[] = [];
  const ucts: PictureOrbit[] = [];
  const levels = sim.model.classificationLevels;
  let k = 0;
  for (const eid of sim.order.orbiters) {
    const s = sim.c.Identity.stableIndex[eid];
    if (s >= sim.tracks.size) continue;
    const updated = table.updateTick[s];
    if (updated < 0) continue;
    // The element set the nation holds: the object's own as of the newest report it has (a burn it has
    // not seen since is not in it).
    const orbit = heldOrbit(sim, nation, s) ?? sim.objects[s]!.orbit;
    const uncertaintyKm = sigmaAt(sim.tracks, table.sigmaKm[s], updated, sim.tick);
    const ageS = ((sim.tick - updated) * sim.time.stepMs) / 1000;
    const level = levels[table.maxLevel[s]];
    if (isUncorrelated(table, s)) {
      ucts.push({ designation: uctDesignation(nation, table.uctNumber[s]), name: null, noradId: null, uctNumber: table.uctNumber[s], orbit, uncertaintyKm, ageS, custody: false, marking: level, classification: level });
      continue;
    }
    if (table.known[s] === 0) continue;
    const view = picture.tracks[k++];
    // The picture lists the same tracks in the same stable order.
    tracks.push({
      designation: view.objectId, name: view.name, noradId: view.noradId, uctNumber: table.realName[s] === 1 ? 0 : table.uctNumber[s], orbit,
      uncertaintyKm, ageS, custody: view.custody, marking: view.marking, classification: level,
    });
  }
  return [...tracks, ...ucts];
}
