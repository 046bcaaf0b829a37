/**
 * Orders from nation cells: who may give which, and the inject each becomes. An order is checked against
 * the scenario (`live.orders`: which kinds; 'engage' only when listed), the cell (the nation it is given
 * for plays in the cell), the asset (the nation's own sensor, satellite, jammer, launcher, co-orbital
 * ASAT or laser; an agreement it provides) and the nation's picture (objects are named as the nation
 * knows them: an id it knows by name or its own UCT designation; it cannot task or engage what it holds
 * no track of). A refused order says why, in words a player can act on, and changes nothing.
 *
 * The inject an order becomes is visible to the ordering nation (and the white cell); its event shows the
 * nation's own names for objects (`shown`), so a UCT's real id never reaches the player through it.
 *
 * Read next: game.ts (when orders take effect: at once, or after the white cell approves).
 */
import { type InjectModel, type ScenarioModel, type Sim } from '../../engine/index.js';
import type { Order } from '../protocol.js';

export class OrderRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const DURATION_S_MAX = 7 * 86_400;
const PRIORITY_MAX = 1000;

/**
 * The scenario's object behind a name the cell uses: an id or UCT designation of any nation playing in
 * the cell (a regional centre's map shows each object as its best-informed member names it).
 */
function objectNamed(sim: Sim, nations: readonly string[], name: string): { id: string; stable: number } {
  for (const n of nations) {
    const found = objectNamedBy(sim, n, name);
    if (found) return found;
  }
  throw new OrderRefused('unknown-object', `${nations.join(', ')} know${nations.length === 1 ? 's' : ''} no object called '${name}': name it by an id or UCT designation from the cell's picture`);
}

function objectNamedBy(sim: Sim, nation: string, name: string): { id: string; stable: number } | null {
  const t = sim.tracks.nations.indexOf(nation);
  const table = sim.tracks.tables[t];
  const eid = sim.eidById.get(name);
  if (eid !== undefined) {
    const s = sim.c.Identity.stableIndex[eid];
    // An id is a name only for an object the nation knows by it.
    if (s < sim.tracks.size && table.known[s] === 1 && table.realName[s] === 1) return { id: name, stable: s };
  }
  const m = /^UCT-([A-Z]{3})-(\d{4,})$/.exec(name);
  if (m && m[1] === nation && Number(m[2]) > 0) {
    const n = Number(m[2]);
    for (let s = 0; s < sim.tracks.size; s++) {
      if (table.uctNumber[s] === n && sim.tracks.gone[s] === 0) return { id: sim.ids[s], stable: s };
    }
  }
  return null;
}

function held(sim: Sim, nation: string, stable: number): boolean {
  const table = sim.tracks.tables[sim.tracks.nations.indexOf(nation)];
  return table.updateTick[stable] >= 0;
}

function durationMs(seconds: number | undefined, what: string): number | null {
  if (seconds === undefined) return null;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > DURATION_S_MAX) throw new OrderRefused('bad-order', `${what}: durationS must be above 0 and at most ${DURATION_S_MAX} (7 days)`);
  return Math.round(seconds * 1000);
}

/**
 * The inject an order becomes at `tick`, or OrderRefused. `cellNations` are the nations playing in the
 * ordering cell; `id` names the inject.
 */
export function orderInject(sim: Sim, model: ScenarioModel, cellNations: readonly string[], order: Order, id: string, tick: number): InjectModel {
  const nation = order.nation;
  if (!cellNations.includes(nation)) throw new OrderRefused('not-your-nation', `this cell plays ${cellNations.join(', ')}, not ${nation}`);
  if (!model.live.orders.includes(order.kind)) {
    throw new OrderRefused('not-authorised', order.kind === 'engage'
      ? 'the scenario does not authorise engagements (live.orders has no engage): ask the white cell'
      : `the scenario does not let nation cells give '${order.kind}' orders (live.orders)`);
  }
  const visibility = { owner: nation, classification: model.classificationLevels[0], releasableTo: [] as string[], caveats: [] as string[] };
  const base = { id, tick, detail: '', visibility, expect: null };
  if (order.kind === 'task-sensor') {
    const sensor = model.sensors.find((s) => s.id === order.sensor);
    if (!sensor || sensor.owner !== nation) throw new OrderRefused('not-your-asset', `'${order.sensor}' is not a sensor of ${nation}`);
    if (!Array.isArray(order.priority) || order.priority.length > PRIORITY_MAX) throw new OrderRefused('bad-order', `priority: a list of at most ${PRIORITY_MAX} objects`);
    const ids = order.priority.map((p) => objectNamed(sim, cellNations, String(p)).id);
    return { ...base, kind: 'sensor-tasking', title: `${nation} tasks ${sensor.id}`, params: { sensor: sensor.id, priority: ids, subjects: [sensor.id] }, shown: { sensor: sensor.id, priority: [...order.priority], subjects: [sensor.id] } };
  }
  if (order.kind === 'manoeuvre') {
    const { id: object, stable } = objectNamed(sim, cellNations, order.object);
    const o = sim.objects[stable]!;
    if (o.owner !== nation) throw new OrderRefused('not-your-asset', `'${order.object}' is not a satellite of ${nation}`);
    const dv = order.deltaV ?? {};
    const parts = [dv.radialMps ?? 0, dv.alongTrackMps ?? 0, dv.crossTrackMps ?? 0];
    if (parts.some((x) => typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > 5000)) throw new OrderRefused('bad-order', 'deltaV: radialMps, alongTrackMps, crossTrackMps in m/s, each within +-5000');
    if (parts.every((x) => x === 0)) throw new OrderRefused('bad-order', 'deltaV: a burn of zero changes nothing');
    const params = { object, radialMps: parts[0], alongTrackMps: parts[1], crossTrackMps: parts[2], subjects: [object] };
    return { ...base, kind: 'manoeuvre', title: `${nation} manoeuvres ${order.object}`, params, shown: { ...params, object: order.object, subjects: [order.object] } };
  }
  if (order.kind === 'jammer') {
    const j = model.jammers.find((x) => x.id === order.jammer);
    if (!j || j.owner !== nation) throw new OrderRefused('not-your-asset', `'${order.jammer}' is not a jammer of ${nation}`);
    if (order.action !== 'on' && order.action !== 'off') throw new OrderRefused('bad-order', "action: 'on' or 'off'");
    const params = { jammer: j.id, action: order.action, durationMs: order.action === 'on' ? durationMs(order.durationS, 'jammer') : null, subjects: [j.id] };
    return { ...base, kind: 'jamming', title: `${nation} switches ${j.id} ${order.action}`, params };
  }
  if (order.kind === 'engage') return engageInject(sim, model, cellNations, nation, order, base);
  if (order.kind === 'agreement') {
    const a = model.agreements.find((x) => x.id === order.agreement);
    if (!a) throw new OrderRefused('unknown-agreement', `no agreement '${order.agreement}' in the scenario (a nation can sign the drafts it provides, and suspend, resume or revoke its own)`);
    if (a.provider !== nation) throw new OrderRefused('not-your-asset', `agreement '${a.id}' is ${a.provider}'s to give: only the providing nation signs, suspends, resumes or revokes it`);
    if (!['sign', 'suspend', 'resume', 'revoke'].includes(order.action)) throw new OrderRefused('bad-order', "action: 'sign', 'suspend', 'resume' or 'revoke'");
    return { ...base, kind: 'agreement-change', title: `${nation}: ${order.action} ${a.id}`, params: { agreement: a.id, action: order.action, subjects: [a.id] } };
  }
  throw new OrderRefused('bad-order', `unknown order kind '${(order as { kind: unknown }).kind as string}'`);
}

type Base = Pick<InjectModel, 'id' | 'tick' | 'detail' | 'visibility' | 'expect'>;

/** An engagement: a DA-ASAT launcher, a co-orbital ASAT or a laser of the nation, at a target it tracks. */
function engageInject(sim: Sim, model: ScenarioModel, cellNations: readonly string[], nation: string, order: Extract<Order, { kind: 'engage' }>, base: Base): InjectModel {
  const cs = model.counterspace;
  const { id: target, stable } = objectNamed(sim, cellNations, order.target);
  if (!held(sim, nation, stable)) throw new OrderRefused('no-track', `${nation} holds no track of '${order.target}'`);
  const shownSubjects = [order.weapon, order.target];
  const launcher = cs.launchers.find((l) => l.id === order.weapon);
  if (launcher) {
    if (launcher.owner !== nation) throw new OrderRefused('not-your-asset', `launcher '${launcher.id}' is not ${nation}'s`);
    const params = { by: nation, target, launcher: launcher.id, subjects: [target] };
    return { ...base, kind: 'asat-launch', title: `${nation} launches from ${launcher.id}`, params, shown: { ...params, target: order.target, subjects: shownSubjects } };
  }
  const asat = cs.coOrbital.find((c) => c.id === order.weapon);
  if (asat) {
    if (asat.owner !== nation) throw new OrderRefused('not-your-asset', `co-orbital ASAT '${asat.id}' is not ${nation}'s`);
    const params = { asat: asat.id, target, effect: 'shadow', standoffKm: 5, subjects: [asat.id, target] };
    return { ...base, kind: 'co-orbital-attack', title: `${nation}: ${asat.id} closes on ${order.target}`, params, shown: { ...params, target: order.target, subjects: shownSubjects } };
  }
  const laser = cs.lasers.find((l) => l.id === order.weapon);
  if (laser) {
    if (laser.owner !== nation) throw new OrderRefused('not-your-asset', `laser '${laser.id}' is not ${nation}'s`);
    const ms = durationMs(order.durationS ?? 600, 'engage');
    const params = { laser: laser.id, target, durationMs: ms, subjects: [laser.id, target] };
    return { ...base, kind: 'laser-dazzle', title: `${nation}: ${laser.id} dazzles ${order.target}`, params, shown: { ...params, target: order.target, subjects: shownSubjects } };
  }
  throw new OrderRefused('not-your-asset', `'${order.weapon}' is not a launcher, co-orbital ASAT or laser of ${nation}`);
}
