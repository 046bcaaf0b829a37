/**
 * The event log: typed entries saying what happened, at which tick, to which subjects, and who may see it.
 * The CLI writes it as JSONL; the live server streams each cell the entries its visibility allows.
 * The log is bounded (`limits.eventsMax`): past the limit one `limit-reached` event is kept and the rest
 * are counted, never silently lost.
 *
 * Read next: systems/injects.ts (MSEL entries become events), model.ts (VisibilityModel).
 */
import { createHash } from 'node:crypto';
import type { VisibilityModel } from './model.js';

/** Payloads by event kind. Adding a kind here is how a later capability adds to the log. */
export interface EventPayloads {
  'sim-start': { scenario: string; seed: number; runIndex: number; propagator: string; objects: number };
  inject: { injectId: string; injectKind: string; title: string; detail: string; params: Readonly<Record<string, unknown>>; expect: { response: string; withinMs: number } | null };
  'object-left': { reason: 'decayed' | 'propagation-failed' | 'destroyed'; errorCode: number; message: string };
  /** An object broke up: fragments drawn by the breakup model, added, refused by SGP4, cut by caps. */
  breakup: { object: string; regime: string; drawn: number; added: number; refused: number; cut: number };
  'limit-reached': { limit: 'eventsMax' | 'entitiesMax' | 'observationsPerStepMax' | 'sharedItemsInFlightMax' | 'fragmentsPerEventMax' | 'fragmentsTotalMax' | 'conjunctionPairsMax' | 'effectsMax'; value: number };
  /** A breakup could not be modelled (its inputs are out of the model's range): the object stays whole. */
  'breakup-refused': { object: string; reason: string };
  /** A DA-ASAT launch ordered and timed (white cell and the launching nation). */
  'asat-launch': { flight: string; launcher: string; nation: string; target: string; launchUtc: string; interceptUtc: string; flyOutS: number; rangeKm: number; altitudeKm: number };
  /** A launch order that could not be carried out, and why. */
  'asat-refused': { launcher: string | null; nation: string; target: string; reason: 'no-launcher' | 'no-inventory' | 'no-track' | 'no-solution' | 'target-gone' | 'flights-limit'; detail: string };
  /** The interceptor reached its intercept point: hit (the target breaks up) or miss. */
  'asat-intercept': { flight: string; target: string; hit: boolean; closingSpeedKmps: number };
  /** A nation's missile-warning sensor detected a launch (the warning item follows after its delay). */
  'launch-detected': { flight: string; sensor: string; nation: string; warningUtc: string };
  /** A co-orbital ASAT began its approach, or could not. */
  'co-orbital-approach': { asat: string; target: string; effect: string; deltaVMps: number; arrivalUtc: string | null; refused: string | null };
  /** A co-orbital ASAT arrived: shadowing the target, or rammed it. */
  'co-orbital-arrival': { asat: string; target: string; effect: string };
  /** A laser began (or stopped) dazzling a satellite's optical sensors (the owner's event: laser null). */
  dazzle: { laser: string | null; target: string; dazzling: boolean; sensors: string[] };
  /** A cyber effect took hold of (or released) its target. */
  cyber: { target: string; effect: 'deny' | 'degrade'; active: boolean; affected: string[] };
  /** Truth, logged when screening finds it: two objects will collide at tcaUtc (both break up then). */
  collision: { object1: string; object2: string; tcaUtc: string; missKm: number; relativeSpeedKmps: number };
  /** A terminal's link went up or down (visible to the terminal's nation). */
  'link-status': { terminal: string; up: boolean; transponder: string | null; marginDb: number | null; jammed: boolean };
  /** A receiver region crossed half its points without a fix, either way. */
  'pnt-status': { receiver: string; points: number; fixFraction: number; jammed: string[] };
  /** A satellite operator noticed jamming on a transponder's uplink. */
  'jamming-detected': { transponder: string; j0OverN0Db: number };
  /** A satellite operator located a jammer. */
  'jammer-geolocated': { designation: string; band: string; frequencyGHz: number; latDeg: number; lonDeg: number; uncertaintyKm: number; transponder: string };
  /** A satellite burned (or the burn was refused): its owner's cell and the white cell. */
  manoeuvre: { object: string; deltaVMps: number; radialMps: number; alongTrackMps: number; crossTrackMps: number; perigeeKm: number | null; apogeeKm: number | null; refused: string | null };
  /** A sensor's priority list was replaced by an order or inject. */
  'sensor-tasked': { sensor: string; priority: string[] };
  /** A nation catalogued an uncorrelated track: its designation now names a known object. */
  'track-correlated': { nation: string; designation: string; objectId: string };
}

export type EventKind = keyof EventPayloads;

export interface SimEvent<K extends EventKind = EventKind> {
  /** Sequence number in the run, from 0. */
  readonly seq: number;
  readonly tick: number;
  /** UTC time of the tick, ISO 8601. */
  readonly timeUtc: string;
  readonly kind: K;
  /** Ids of the entities the event is about (scenario ids), sorted. */
  readonly subjects: readonly string[];
  readonly payload: EventPayloads[K];
  readonly visibility: VisibilityModel;
}

/** Visible to the white cell only: ground truth nobody has observed. */
export const WHITE_ONLY: VisibilityModel = Object.freeze({ owner: null, classification: 'UNCLASSIFIED', releasableTo: [], caveats: [] });
/** Visible to one nation's cell (and the white cell), at a classification. */
export function nationOnly(nation: string, classification = 'UNCLASSIFIED'): VisibilityModel {
  return { owner: nation, classification, releasableTo: [], caveats: [] };
}

/** Visible to every cell. */
export const PUBLIC: VisibilityModel = Object.freeze({ owner: null, classification: 'UNCLASSIFIED', releasableTo: 'all', caveats: [] });

/**
 * True when `nation`'s cell may see an event of this visibility: its own, or released to it (REL TO or
 * public) and free of NOFORN and of caveats the engine does not know (the releasability rules of
 * policy/releasability.ts, read for events). The white cell sees every event.
 */
export function eventVisibleTo(v: VisibilityModel, nation: string): boolean {
  if (v.owner === nation) return true;
  if (v.caveats.length > 0) return false;
  return v.releasableTo === 'all' || v.releasableTo.includes(nation);
}

/** An append-only, bounded log. */
export class EventLog {
  readonly #events: SimEvent[] = [];
  #dropped = 0;
  #digest = '';
  constructor(readonly eventsMax: number) {}

  /** Append an event; returns it, or null when the limit has been reached (the drop is counted). */
  push<K extends EventKind>(tick: number, timeUtc: string, kind: K, subjects: readonly string[], payload: EventPayloads[K], visibility: VisibilityModel): SimEvent<K> | null {
    if (this.#events.length >= this.eventsMax) {
      this.#dropped++;
      return null;
    }
    if (this.#events.length === this.eventsMax - 1 && kind !== 'limit-reached') {
      this.#append({ seq: this.#events.length, tick, timeUtc, kind: 'limit-reached', subjects: [], payload: { limit: 'eventsMax', value: this.eventsMax }, visibility: WHITE_ONLY });
      this.#dropped++;
      return null;
    }
    const event: SimEvent<K> = { seq: this.#events.length, tick, timeUtc, kind, subjects: [...subjects].sort(), payload, visibility };
    this.#append(event);
    return event;
  }

  #append(event: SimEvent): void {
    this.#events.push(event);
    // A running digest lets the state hash cover the whole log without rehashing it every tick.
    this.#digest = createHash('sha256').update(this.#digest).update(JSON.stringify(event)).digest('hex');
  }

  /** Events with fromSeq <= seq < toSeq, in order. */
  slice(fromSeq: number, toSeq: number): readonly SimEvent[] {
    return this.#events.slice(fromSeq, toSeq);
  }

  /** Events with seq >= `fromSeq`, in order. */
  since(fromSeq: number): readonly SimEvent[] {
    return this.#events.slice(fromSeq);
  }

  get count(): number {
    return this.#events.length;
  }

  /** Events refused because the log was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** sha256 chained over every event logged so far ('' when empty). */
  get digest(): string {
    return this.#digest;
  }
}
