/**
 * Non-kinetic effects: laser dazzling and cyber.
 *
 * Laser dazzle: for its duration, each tick the target satellite is at least elevationDegMin above the
 * laser site's horizon and within rangeKmMax of it, every optical sensor it carries (a space sensor with a
 * magnitude limit) sees nothing that tick. Radar-like payloads are not affected. The effect shows in the
 * dazzled sensors' detections and in their nation's custody; the summary counts the ticks it acted.
 *
 * Cyber, on a target for a duration:
 *   - a sensor: `deny` takes it out of action; `degrade` multiplies its detection probability by `factor`;
 *   - a site: the same for every ground sensor on it, and every SATCOM terminal standing at it;
 *   - a transponder: `deny` makes it unusable, `degrade` costs every link through it marginLossDb;
 *   - a terminal: `deny` takes it off the air, `degrade` costs its links marginLossDb;
 *   - a satellite: the same for each transponder it carries and each sensor it hosts;
 *   - a missile-warning sensor (named, on the satellite, or through the radar or site hit): `deny` blinds
 *     it, `degrade` leaves it `factor` of its chance to detect a launch each tick.
 * Effects on one thing combine: denied while any denial holds, degradations multiply (losses add).
 *
 * Read next: systems/satcom-links.ts (reads the link losses), systems/sense.ts (reads sensor state).
 */
import { nationOnly, WHITE_ONLY } from '../events.js';
import { logLimitOnce } from '../limits.js';
import type { Sim } from '../sim.js';
import { DEG, lookAngles, topocentre } from '../physics/frames.js';
import { isoUtc, simTimeMs } from '../time.js';
import { EFFECTS_MAX, type TimedEffect } from './state.js';

/**
 * Per-tick cyber state: link loss per transponder and terminal, dB (Infinity: denied), and what remains
 * of each missile-warning sensor's chance to detect (1: whole, 0: denied).
 */
export interface LinkEffects {
  transponderLossDb: Float64Array;
  terminalLossDb: Float64Array;
  warningFactor: Float64Array;
}

const linkEffects = new WeakMap<Sim, LinkEffects>();

export function linkEffectsOf(sim: Sim): LinkEffects {
  let e = linkEffects.get(sim);
  if (!e) {
    const m = sim.model;
    e = { transponderLossDb: new Float64Array(m.transponders.length), terminalLossDb: new Float64Array(m.terminals.length), warningFactor: new Float64Array(m.counterspace.warningSensors.length).fill(1) };
    linkEffects.set(sim, e);
  }
  return e;
}

export function orderDazzle(sim: Sim, laser: string, target: string, durationMs: number): void {
  addEffect(sim, { kind: 'dazzle', source: laser, target, effect: 'deny', factor: 0, marginLossDb: 0, fromTick: sim.tick, untilTick: sim.tick + Math.ceil(durationMs / sim.time.stepMs), activeTicks: 0 });
}

export function orderCyber(sim: Sim, target: string, effect: 'deny' | 'degrade', factor: number, marginLossDb: number, durationMs: number): void {
  addEffect(sim, { kind: 'cyber', source: 'cyber', target, effect, factor, marginLossDb, fromTick: sim.tick, untilTick: sim.tick + Math.ceil(durationMs / sim.time.stepMs), activeTicks: 0 });
}

function addEffect(sim: Sim, e: TimedEffect): void {
  if (sim.counterspace.effects.length >= EFFECTS_MAX) {
    logLimitOnce(sim, 'effectsMax', EFFECTS_MAX);
    return;
  }
  sim.counterspace.effects.push(e);
}

/** Was each effect acting last tick (for on/off events)? */
const acting = new WeakMap<TimedEffect, boolean>();

/** Apply every effect in force this tick (after positions, before links and sensing). */
export function applyEffects(sim: Sim): void {
  const cs = sim.counterspace;
  const { Sensor } = sim.c;
  for (const [eid, pd] of cs.basePd) Sensor.detectionProbability[eid] = pd;
  const links = linkEffectsOf(sim);
  links.transponderLossDb.fill(0);
  links.terminalLossDb.fill(0);
  links.warningFactor.fill(1);
  for (const e of cs.effects) {
    const inForce = sim.tick >= e.fromTick && sim.tick < e.untilTick;
    const affected = inForce ? (e.kind === 'dazzle' ? dazzled(sim, e) : cyberTargets(sim, e)) : null;
    const now = affected !== null && affected.sensors.length + affected.transponders.length + affected.terminals.length + affected.warning.length > 0;
    if (now) {
      e.activeTicks++;
      for (const sEid of affected.sensors) {
        if (e.effect === 'deny') Sensor.downUntilTick[sEid] = Math.max(Sensor.downUntilTick[sEid], sim.tick + 1);
        else {
          if (!cs.basePd.has(sEid)) cs.basePd.set(sEid, Sensor.detectionProbability[sEid]);
          Sensor.detectionProbability[sEid] *= e.factor;
        }
      }
      const loss = e.effect === 'deny' ? Infinity : e.marginLossDb;
      for (const x of affected.transponders) links.transponderLossDb[x] += loss;
      for (const t of affected.terminals) links.terminalLossDb[t] += loss;
      for (const w of affected.warning) links.warningFactor[w] *= e.effect === 'deny' ? 0 : e.factor;
    }
    if (now !== (acting.get(e) ?? false)) {
      acting.set(e, now);
      const names = affected ? [...affected.sensors.map((s) => sim.ids[sim.c.Identity.stableIndex[s]]), ...affected.transponders.map((x) => sim.model.transponders[x].id), ...affected.terminals.map((t) => sim.model.terminals[t].id), ...affected.warning.map((w) => sim.model.counterspace.warningSensors[w].id)] : [];
      const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
      const owner = ownerOfTarget(sim, e.target);
      // The victim's cell learns what it lost, at the level of what it lost, not who did it: the white
      // cell's event names the laser, the owner's does not.
      const level = classificationOf(sim, names);
      const vis = owner === null ? WHITE_ONLY : nationOnly(owner, level);
      if (e.kind === 'dazzle') {
        sim.events.push(sim.tick, timeUtc, 'dazzle', [e.source, e.target], { laser: e.source, target: e.target, dazzling: now, sensors: names }, WHITE_ONLY);
        if (owner !== null) sim.events.push(sim.tick, timeUtc, 'dazzle', [e.target], { laser: null, target: e.target, dazzling: now, sensors: names }, vis);
      } else sim.events.push(sim.tick, timeUtc, 'cyber', [e.target], { target: e.target, effect: e.effect, active: now, affected: names }, vis);
    }
  }
}

interface Affected {
  sensors: number[];
  transponders: number[];
  terminals: number[];
  /** Missile-warning sensors (indices into counterspace.warningSensors). */
  warning: number[];
}

/** Optical sensors on the target while the laser reaches it. */
function dazzled(sim: Sim, e: TimedEffect): Affected | null {
  const laser = sim.model.counterspace.lasers.find((l) => l.id === e.source);
  const eid = sim.eidById.get(e.target);
  if (!laser || eid === undefined) return null;
  const p = sim.c.Kinematics.posEcefKm;
  const look = lookAngles(topocentre({ latRad: laser.latDeg * DEG, lonRad: laser.lonDeg * DEG, altKm: laser.altKm }), { x: p[3 * eid], y: p[3 * eid + 1], z: p[3 * eid + 2] });
  if (look.elRad < laser.elevationDegMin * DEG || look.rangeKm > laser.rangeKmMax) return null;
  const sensors = sim.model.sensors.filter((s) => s.kind === 'space' && s.host === e.target && s.magnitudeMax !== null).map((s) => sim.eidById.get(s.id)).filter((x): x is number => x !== undefined);
  return { sensors, transponders: [], terminals: [], warning: [] };
}

/** What a cyber effect's target stands for. */
function cyberTargets(sim: Sim, e: TimedEffect): Affected {
  const m = sim.model;
  const out: Affected = { sensors: [], transponders: [], terminals: [], warning: [] };
  const sensorEid = (id: string): void => {
    const eid = sim.eidById.get(id);
    if (eid !== undefined) out.sensors.push(eid);
  };
  const site = m.sites.find((s) => s.id === e.target);
  if (m.sensors.some((s) => s.id === e.target)) sensorEid(e.target);
  else if (site) {
    for (const s of m.sensors) if (s.kind !== 'space' && s.site === site.id) sensorEid(s.id);
    m.terminals.forEach((t, i) => {
      if (t.platform.kind === 'fixed' && Math.abs(t.platform.point.latDeg - site.latDeg) < 1e-9 && Math.abs(t.platform.point.lonDeg - site.lonDeg) < 1e-9) out.terminals.push(i);
    });
  } else if (m.transponders.some((t) => t.id === e.target)) out.transponders.push(m.transponders.findIndex((t) => t.id === e.target));
  else if (m.terminals.some((t) => t.id === e.target)) out.terminals.push(m.terminals.findIndex((t) => t.id === e.target));
  else if (sim.eidById.has(e.target)) {
    m.transponders.forEach((t, i) => {
      if (t.satellite === e.target) out.transponders.push(i);
    });
    for (const s of m.sensors) if (s.kind === 'space' && s.host === e.target) sensorEid(s.id);
  }
  // Missile-warning sensors: named, on the satellite hit, or working through a radar (or at a site) hit.
  const radarsHit = new Set(out.sensors.map((eid) => sim.ids[sim.c.Identity.stableIndex[eid]]));
  m.counterspace.warningSensors.forEach((w, i) => {
    if (w.id === e.target || w.host === e.target || (w.radar !== null && radarsHit.has(w.radar))) out.warning.push(i);
  });
  return out;
}

/** The highest classification among the markings of the sensors named (the lowest level when none). */
function classificationOf(sim: Sim, ids: readonly string[]): string {
  const levels = sim.model.classificationLevels;
  let level = 0;
  for (const id of ids) {
    const marking = sim.model.sensors.find((s) => s.id === id)?.marking ?? sim.model.counterspace.warningSensors.find((w) => w.id === id)?.marking;
    if (marking) level = Math.max(level, levels.indexOf(marking.classification));
  }
  return levels[level];
}

/** The nation whose thing the target is (its cell sees the effect), or null. */
function ownerOfTarget(sim: Sim, id: string): string | null {
  const m = sim.model;
  return m.sensors.find((s) => s.id === id)?.owner ?? m.counterspace.warningSensors.find((w) => w.id === id)?.owner ?? m.sites.find((s) => s.id === id)?.owner ?? m.transponders.find((t) => t.id === id)?.owner
    ?? m.terminals.find((t) => t.id === id)?.owner ?? sim.objects.find((o) => o?.id === id)?.owner ?? null;
}
