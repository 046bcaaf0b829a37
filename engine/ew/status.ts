/**
 * Status items: what nations know of links, PNT and jammers, as items of information like any other.
 * A terminal's link status (`satcom.status`) belongs to the terminal's nation, a receiver region's PNT
 * status (`pnt.status`) to the receiver's, a jammer's geolocation (`ew.geolocation`) to the operator who
 * located it, each with its producer's marking. The owner holds its items at once; agreements carry them
 * to partners by the same rules and latency as SSA items (engine/sharing.ts routesFor), and each nation
 * keeps the latest item per subject. Items are produced when something changes, so they are few.
 *
 * Read next: picture.ts (where a nation sees them), systems/satcom-links.ts and pnt-fixes.ts (producers).
 */
import { nationOnly, PUBLIC } from '../events.js';
import type { VisibilityModel } from '../model.js';
import { ecefToGeodetic } from '../physics/frames.js';
import { bandOverlapFraction } from '../physics/link-budget.js';
import type { Product } from '../policy/products.js';
import { countRefusals, routesFor, type SsaRoute } from '../sharing.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';
import type { EwState } from './state.js';

export interface LinkStatus {
  terminal: string;
  up: boolean;
  /** The transponder in use or tried, or null when none is usable. */
  transponder: string | null;
  marginDb: number | null;
  jammed: boolean;
}

export interface PntStatus {
  receiver: string;
  points: number;
  /** Share of its points with a usable fix, 0..1 (to 0.05). */
  fixFraction: number;
  /** Constellations jammed at some of its points. */
  jammed: string[];
}

export interface JammerFix {
  /** The locating nation's name for the emitter, e.g. EMITTER-USA-01. */
  designation: string;
  band: string;
  frequencyGHz: number;
  latDeg: number;
  lonDeg: number;
  uncertaintyKm: number;
  /** The transponder whose uplink it jams. */
  transponder: string;
}

/** A launch warning (`missile.warning`): what a missile-warning sensor saw of a launch. */
export interface LaunchWarning {
  /** The launch, as every nation names it (L-1, L-2...: an event seen by many is one event). */
  launch: string;
  /** The warning nation's sensor kind; the sensor's id unless the agreement strips the source. */
  sensorKind: 'infrared' | 'radar';
  sensor: string;
  launchUtc: string;
  detectedUtc: string;
  /** The launch point, to 0.1 degree (what a space-based infrared fix gives). */
  latDeg: number;
  lonDeg: number;
}

/** A conjunction warning (`conjunction.warning`): a nation's assessment of a close approach. */
export interface ConjunctionWarning {
  conjunction: string;
  object1: ConjunctionObject;
  object2: ConjunctionObject;
  tcaUtc: string;
  missKm: number;
  relativeSpeedKmps: number;
  /** Collision probability from the warning nation's own track uncertainties (Foster 2-D, isotropic). */
  pc: number;
  hardBodyRadiusM: number;
}

export interface ConjunctionObject {
  /** The warning nation's name for it: the object id when known, else its UCT designation. */
  designation: string;
  name: string;
  noradId: number | null;
  /** TEME state at TCA, km and km/s (velocity null when the agreement stripped it). */
  posTemeKm: [number, number, number];
  velTemeKmps: [number, number, number] | null;
  sigmaKm: number;
}

export type StatusPayload = LinkStatus | PntStatus | JammerFix | LaunchWarning | ConjunctionWarning;

export interface StatusItem {
  readonly product: Product;
  /** What it is about (terminal, receiver or emitter); a nation keeps the latest item per key. */
  readonly key: string;
  readonly owner: string;
  readonly marking: number;
  readonly tick: number;
  readonly payload: StatusPayload;
}

export interface HeldStatus {
  readonly item: StatusItem;
  readonly receivedTick: number;
  /** The agreement it came under, or null for the nation's own. */
  readonly agreement: string | null;
}

export interface StatusBoard {
  /** Per nation: the latest item per key. */
  readonly held: Map<string, Map<string, HeldStatus>>;
  /** Items in flight by delivery tick. */
  readonly queue: Map<number, { recipient: string; item: StatusItem; agreement: string }[]>;
  inFlight: number;
  /** The last tick whose items were delivered (-1: none yet). */
  deliveredTick: number;
  /** Each terminal's and receiver's last published payload (JSON), to publish changes only. */
  readonly last: Map<string, string>;
  /** Emitters located so far, by `operator|jammer index`: the locating nation's designation. */
  readonly located: Map<string, string>;
  /** Emitters each operator has located (its designation counter). */
  readonly locatedBy: Map<string, number>;
}

export function createStatusBoard(): StatusBoard {
  return { held: new Map(), queue: new Map(), inFlight: 0, deliveredTick: -1, last: new Map(), located: new Map(), locatedBy: new Map() };
}

/** Publish an item: its owner holds it now; agreements carry it to partners. */
export function publish(sim: Sim, item: StatusItem): void {
  hold(sim.status, item.owner, { item, receivedTick: sim.tick, agreement: null });
  send(sim, item, -1);
}

/** Route an item under every agreement in force (or only agreement `only`, when >= 0). */
function send(sim: Sim, item: StatusItem, only: number): void {
  const board = sim.status;
  const set = routesFor(sim.sharing, sim.markings, sim.tracks.nations, item.marking, item.product, sim.tick);
  if (only < 0) countRefusals(sim.sharing, set.refusals);
  for (const r of set.routes) {
    if (only >= 0 && r.agreement !== only) continue;
    // An item made after this tick's delivery (a conjunction warning, at the end of the tick) goes with
    // the next tick's: a delivery tick already past would never come.
    const at = Math.max(sim.tick + r.latencyTicks, board.deliveredTick + 1);
    let list = board.queue.get(at);
    if (!list) board.queue.set(at, (list = []));
    list.push({ recipient: sim.tracks.nations[r.recipientTable], item: withFidelity(sim, item, r), agreement: sim.model.agreements[r.agreement].id });
    board.inFlight++;
    sim.sharing.counters.sent[r.agreement]++;
  }
}

/**
 * What a route passes on of a warning, by its agreement's fidelity, as for SSA items (sharing.ts): the
 * source stripped hides the sensor; identity `unknown` (or name and catalog number both stripped)
 * leaves the objects unidentified, and each stripped field goes on its own; velocity stripped leaves
 * positions only (no CDM can be made of it); uncertainty stripped leaves the recipient to assume the
 * worst it still calls custody; noise and rounding add to the uncertainty. Link, PNT and geolocation
 * items pass whole.
 */
function withFidelity(sim: Sim, item: StatusItem, r: SsaRoute): StatusItem {
  if (item.product === 'missile.warning') {
    return r.stripSource ? { ...item, payload: { ...(item.payload as LaunchWarning), sensor: 'withheld' } } : item;
  }
  if (item.product !== 'conjunction.warning') return item;
  const w = item.payload as ConjunctionWarning;
  const object = (o: ConjunctionObject, n: number): ConjunctionObject => {
    const unidentified = !r.identified;
    const designation = unidentified ? `UNIDENTIFIED-${n}` : o.designation;
    const sigma = r.stripUncertainty ? sim.model.tracking.custodyKmMax : Math.sqrt(o.sigmaKm * o.sigmaKm + r.addVarianceKm2);
    return {
      designation,
      name: unidentified || r.strip.has('name') ? designation : o.name,
      noradId: unidentified || r.strip.has('noradId') ? null : o.noradId,
      posTemeKm: o.posTemeKm,
      velTemeKmps: r.strip.has('velTemeKmPerS') ? null : o.velTemeKmps,
      sigmaKm: sigma,
    };
  };
  const o1 = object(w.object1, 1), o2 = object(w.object2, 2);
  const same = o1.designation === w.object1.designation && o2.designation === w.object2.designation;
  return { ...item, payload: { ...w, conjunction: same ? w.conjunction : `C-${o1.designation}-${o2.designation}-${w.tcaUtc}`, object1: o1, object2: o2 } };
}

function hold(board: StatusBoard, nation: string, h: HeldStatus): void {
  let m = board.held.get(nation);
  if (!m) board.held.set(nation, (m = new Map()));
  const old = m.get(h.item.key);
  // The newest item wins: a late delivery of an older one changes nothing.
  if (!old || old.item.tick <= h.item.tick) m.set(h.item.key, h);
}

/**
 * An agreement that takes force after the start (signed, resumed, or its `from`) carries the provider's
 * standing status at once: the latest of its own items of the agreement's products, as if just produced.
 */
export function shareStandingStatus(sim: Sim): void {
  if (sim.tick === 0) return;
  sim.sharing.agreements.forEach((a, index) => {
    const prepared = sim.sharing.policy.byProvider.get(a.provider)?.find((p) => p.agreement.id === a.id);
    if (!prepared?.ranges.some((r) => r.fromTick === sim.tick)) return;
    const own = [...(sim.status.held.get(a.provider)?.values() ?? [])].filter((h) => h.agreement === null && a.products.includes(h.item.product));
    own.sort((x, y) => (x.item.key < y.item.key ? -1 : x.item.key > y.item.key ? 1 : 0));
    for (const h of own) send(sim, { ...h.item, tick: sim.tick }, index);
  });
}

/** Deliver the status items due at this tick. */
export function deliverStatus(sim: Sim): void {
  const board = sim.status;
  board.deliveredTick = sim.tick;
  const due = board.queue.get(sim.tick);
  if (!due) return;
  board.queue.delete(sim.tick);
  board.inFlight -= due.length;
  for (const d of due) {
    hold(board, d.recipient, { item: d.item, receivedTick: sim.tick, agreement: d.agreement });
    const index = sim.model.agreements.findIndex((a) => a.id === d.agreement);
    if (index >= 0) sim.sharing.counters.delivered[index]++;
  }
}

/** Terminal i's link changed (or the run starts): publish its status, log up/down changes. */
export function linkChanged(sim: Sim, i: number): void {
  const ew = sim.ew;
  const t = ew.terminals;
  const m = sim.model.terminals[i];
  const x = t.transponder[i];
  const payload: LinkStatus = {
    terminal: m.id,
    up: t.up[i] === 1,
    transponder: x < 0 ? null : sim.model.transponders[x].id,
    marginDb: Number.isFinite(t.marginDb[i]) ? Math.round(t.marginDb[i] * 10) / 10 : null,
    jammed: t.jammed[i] === 1,
  };
  const key = `satcom:${m.id}`;
  const lastText = sim.status.last.get(key);
  const last = lastText === undefined ? null : (JSON.parse(lastText) as LinkStatus);
  if (last !== null && last.up === payload.up && last.transponder === payload.transponder && last.jammed === payload.jammed) return;
  sim.status.last.set(key, JSON.stringify(payload));
  // The status names the transponder: it is marked at least as strictly as the transponder's operator marks it.
  const marking = x < 0 ? sim.ewMarkings.terminal[i] : sim.markings.derive(sim.ewMarkings.terminal[i], sim.ewMarkings.transponder[x]);
  publish(sim, { product: 'satcom.status', key, owner: m.owner, marking, tick: sim.tick, payload });
  if (last !== null && last.up !== payload.up) {
    sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'link-status', [m.id], payload, ownerOnly(sim, m.owner, marking));
  }
}

/** Publish receiver r's PNT status when its fix fraction (to 0.05) or its jammed constellations change. */
export function pntChanged(sim: Sim, r: number, fixFraction: number, jammed: string[]): void {
  const m = sim.model.receivers[r];
  const payload: PntStatus = { receiver: m.id, points: m.platforms.length, fixFraction: Math.round(fixFraction * 20) / 20, jammed };
  const key = `pnt:${m.id}`;
  const text = JSON.stringify(payload);
  const lastText = sim.status.last.get(key);
  if (lastText === text) return;
  const last = lastText === undefined ? null : (JSON.parse(lastText) as PntStatus);
  sim.status.last.set(key, text);
  publish(sim, { product: 'pnt.status', key, owner: m.owner, marking: sim.ewMarkings.receiver[r], tick: sim.tick, payload });
  // A region crossing half its points denied, either way, is an event for its owner.
  if (last !== null && (last.fixFraction >= 0.5) !== (payload.fixFraction >= 0.5)) {
    sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'pnt-status', [m.id], payload, ownerOnly(sim, m.owner, sim.ewMarkings.receiver[r]));
  }
}

/** Ticks of continuous uplink jamming before the operator has located the jammer. */
export const GEOLOCATION_TICKS_MS = 10 * 60_000;
/** 1-sigma error of a geolocation, km (an exercise value for an operator's TDOA/FDOA fix). */
export const GEOLOCATION_SIGMA_KM = 10;

/**
 * Satellite operators notice uplink jamming: a `jamming-detected` event for the operator when the
 * transponder's J0/N0 (over its whole band) first exceeds 0 dB in an episode. Each jammer that itself
 * raises the transponder's noise by that much (whatever it was aimed at) for GEOLOCATION_TICKS_MS in a
 * row is located by the operator once: an `ew.geolocation` item under the operator's own designation,
 * the position with a seeded error.
 */
export function noticeUplinkJamming(sim: Sim, ew: EwState): void {
  const trs = sim.model.transponders;
  const nj = ew.jammers.n;
  const needTicks = Math.ceil(GEOLOCATION_TICKS_MS / sim.time.stepMs);
  for (let x = 0; x < trs.length; x++) {
    const tr = trs[x];
    const jammed = ew.transponders.uplinkJ0OverN0Db[x] > 0;
    if (!jammed) ew.transponders.jammedSince[x] = -1;
    else if (ew.transponders.jammedSince[x] < 0) {
      ew.transponders.jammedSince[x] = sim.tick;
      sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'jamming-detected', [tr.id], {
        transponder: tr.id, j0OverN0Db: Math.round(ew.transponders.uplinkJ0OverN0Db[x] * 10) / 10,
      }, ownerOnly(sim, tr.owner, sim.ewMarkings.transponder[x]));
    }
    for (let i = 0; i < nj; i++) {
      const jm = sim.model.jammers[i];
      const level = ew.transponders.uplinkJammerDb[x * nj + i];
      const overlap = level === Number.NEGATIVE_INFINITY ? 0 : bandOverlapFraction(jm.frequencyGHz, jm.bandwidthMHz, tr.uplinkGHz, tr.bandwidthMHz);
      const noticeable = overlap > 0 && level + 10 * Math.log10(overlap) > 0;
      const counter = x * nj + i;
      ew.transponders.noticedTicks[counter] = noticeable ? ew.transponders.noticedTicks[counter] + 1 : 0;
      if (ew.transponders.noticedTicks[counter] === needTicks + 1 && !sim.status.located.has(`${tr.owner}|${i}`)) locate(sim, ew, x, i);
    }
  }
}

function locate(sim: Sim, ew: EwState, x: number, i: number): void {
  const tr = sim.model.transponders[x];
  const jm = sim.model.jammers[i];
  // The operator's own numbering of the emitters it has located.
  const count = (sim.status.locatedBy.get(tr.owner) ?? 0) + 1;
  sim.status.locatedBy.set(tr.owner, count);
  const designation = `EMITTER-${tr.owner}-${String(count).padStart(2, '0')}`;
  sim.status.located.set(`${tr.owner}|${i}`, designation);
  const stream = sim.rng.get(`geolocation:${tr.owner}:${jm.id}`);
  // Gaussian error, GEOLOCATION_SIGMA_KM on each ground axis (Box-Muller from the stream), about the
  // jammer's geodetic position.
  const u1 = stream.next(), u2 = stream.next();
  const radius = Math.sqrt(-2 * Math.log(1 - u1)) * GEOLOCATION_SIGMA_KM;
  const k = 3 * i;
  const p = ew.jammers.posEcefKm;
  const g = ecefToGeodetic({ x: p[k], y: p[k + 1], z: p[k + 2] });
  const dNorth = radius * Math.cos(2 * Math.PI * u2), dEast = radius * Math.sin(2 * Math.PI * u2);
  const payload: JammerFix = {
    designation, band: jm.band, frequencyGHz: jm.frequencyGHz,
    latDeg: Math.round(((g.latRad + dNorth / 6371) * 180 / Math.PI) * 1e4) / 1e4,
    lonDeg: Math.round(((g.lonRad + dEast / (6371 * Math.max(1e-6, Math.cos(g.latRad)))) * 180 / Math.PI) * 1e4) / 1e4,
    uncertaintyKm: GEOLOCATION_SIGMA_KM, transponder: tr.id,
  };
  publish(sim, { product: 'ew.geolocation', key: `emitter:${designation}`, owner: tr.owner, marking: sim.ewMarkings.transponder[x], tick: sim.tick, payload });
  sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'jammer-geolocated', [tr.id], payload, ownerOnly(sim, tr.owner, sim.ewMarkings.transponder[x]));
}

/** Visible to `owner` (and the white cell) at the level of its marking. */
function ownerOnly(sim: Sim, owner: string, marking: number): VisibilityModel {
  return nationOnly(owner, sim.markings.get(marking)?.classification ?? PUBLIC.classification);
}
