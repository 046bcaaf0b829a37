/**
 * Applies the master scenario events list: every inject due at the current tick becomes an `inject`
 * event, visible to the cells the inject names. Runs first in the tick, so effects later in the same
 * tick can see it. Effects: `sensor-outage` blinds a sensor, `jamming` switches a jammer, and
 * `constellation-outage` turns a GNSS signal off or weakens it (`agreement-change` acts through the
 * sharing policy, which reads the MSEL when the sim starts; one given during the run joins it at its
 * tick), `manoeuvre` burns once the orbits are propagated (engage), `sensor-tasking` replaces a sensor's
 * priority list. Commands given during the run (commands.ts) apply after the MSEL's, in the order given.
 */
import { isoUtc, simTimeMs } from '../time.js';
import type { Sim } from '../sim.js';
import { CONSTELLATIONS, type Constellation } from '../physics/gnss.js';
import { orderAsatLaunch } from '../counterspace/da-asat.js';
import { orderCyber, orderDazzle } from '../counterspace/non-kinetic.js';
import type { BreakupSpecModel } from '../model-counterspace.js';
import type { InjectModel } from '../model.js';
import type { ChangeAction } from '../policy/agreements.js';
import { createSharingPolicy } from '../policy/routes.js';

export function applyInjects(sim: Sim): void {
  const injects = sim.model.injects;
  while (sim.injectCursor < injects.length && injects[sim.injectCursor].tick <= sim.tick) apply(sim, injects[sim.injectCursor++], false);
  // Commands given during the run (commands.ts), after the MSEL's, in the order given.
  let n = 0;
  while (n < sim.liveInjects.length && sim.liveInjects[n].tick <= sim.tick) apply(sim, sim.liveInjects[n++], true);
  if (n > 0) sim.liveInjects.splice(0, n);
}

function apply(sim: Sim, inject: InjectModel, live: boolean): void {
  const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
  // What the event shows: an order names objects as its nation knows them (designations, not ids).
  const shown = inject.shown ?? inject.params;
  const subjects = Array.isArray(shown.subjects) ? (shown.subjects as string[]) : [];
  sim.events.push(sim.tick, timeUtc, 'inject', subjects, {
    injectId: inject.id,
    injectKind: inject.kind,
    title: inject.title,
    detail: inject.detail,
    params: shown,
    expect: inject.expect,
  }, inject.visibility);
  const p = inject.params;
  if (inject.kind === 'sensor-outage') startOutage(sim, p.sensor as string, p.durationMs as number);
  else if (inject.kind === 'jamming') switchJammer(sim, p.jammer as string, p.action as 'on' | 'off', p.durationMs as number | null);
  else if (inject.kind === 'constellation-outage') startConstellationOutage(sim, p);
  else if (inject.kind === 'manoeuvre') sim.counterspace.manoeuvres.push({ object: p.object as string, radialMps: p.radialMps as number, alongTrackMps: p.alongTrackMps as number, crossTrackMps: p.crossTrackMps as number });
  else if (inject.kind === 'sensor-tasking') taskSensor(sim, p.sensor as string, p.priority as string[], shown, inject.visibility);
  // The MSEL's agreement changes are in the policy from the start; a command's joins it now.
  else if (inject.kind === 'agreement-change') { if (live) changeAgreement(sim, p.agreement as string, p.action as ChangeAction); }
  else applyCounterspaceInject(sim, inject.kind, p);
}

/** A sensor's priority list replaced (objects that left the sim are skipped). */
function taskSensor(sim: Sim, sensorId: string, priority: readonly string[], shown: Readonly<Record<string, unknown>>, visibility: InjectModel['visibility']): void {
  const eid = sim.eidById.get(sensorId);
  if (eid === undefined) return;
  const ranks = new Map<number, number>();
  for (const id of priority) {
    const e = sim.eidById.get(id);
    if (e !== undefined && !ranks.has(sim.c.Identity.stableIndex[e])) ranks.set(sim.c.Identity.stableIndex[e], ranks.size);
  }
  if (ranks.size > 0) sim.sensorRanks.set(eid, ranks);
  else sim.sensorRanks.delete(eid);
  const names = Array.isArray(shown.priority) ? (shown.priority as string[]) : [...priority];
  sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'sensor-tasked', [sensorId], { sensor: sensorId, priority: names }, visibility);
}

/** An agreement change given during the run: it joins the policy's changes and governs this tick's items. */
function changeAgreement(sim: Sim, agreement: string, action: ChangeAction): void {
  const st = sim.sharing;
  st.changes.push({ tick: sim.tick, agreement, action });
  st.policy = createSharingPolicy(sim.model, st.changes);
  st.memoTick = -1;
}

/** A sensor outage: the sensor sees nothing for the duration (rounded up to whole ticks). */
function startOutage(sim: Sim, sensorId: string, durationMs: number): void {
  const eid = sim.eidById.get(sensorId);
  if (eid === undefined) return;
  // Outages overlap rather than replace: the sensor is back when the last of them ends.
  const until = sim.tick + Math.ceil(durationMs / sim.time.stepMs);
  sim.c.Sensor.downUntilTick[eid] = Math.max(sim.c.Sensor.downUntilTick[eid], until);
}

/** A `jamming` inject: on for a duration (or until switched off), or off until an inject or a window. */
function switchJammer(sim: Sim, jammerId: string, action: 'on' | 'off', durationMs: number | null): void {
  const i = sim.model.jammers.findIndex((j) => j.id === jammerId);
  if (i < 0) return;
  const j = sim.ew.jammers;
  if (action === 'on') {
    j.injectOff[i] = 0;
    j.injectOnUntil[i] = durationMs === null ? Infinity : sim.tick + Math.ceil(durationMs / sim.time.stepMs);
  } else {
    j.injectOnUntil[i] = 0;
    j.injectOff[i] = 1;
    j.injectOffTick[i] = sim.tick;
  }
}

/** A `constellation-outage` inject: the signal off (or weaker by signalLossDb) for a duration, anywhere or in an area. */
function startConstellationOutage(sim: Sim, p: Readonly<Record<string, unknown>>): void {
  sim.ew.outages.active.push({
    constellation: CONSTELLATIONS.indexOf(p.constellation as Constellation),
    untilTick: sim.tick + Math.ceil((p.durationMs as number) / sim.time.stepMs),
    area: (p.area as { latDeg: number; lonDeg: number; radiusKm: number } | null) ?? null,
    signalLossDb: (p.signalLossDb as number | null) ?? null,
  });
}

/** Counterspace injects: orders carried out as a player's would be, and breakups at this tick. */
function applyCounterspaceInject(sim: Sim, kind: string, p: Readonly<Record<string, unknown>>): void {
  if (kind === 'asat-launch') orderAsatLaunch(sim, p.by as string, p.target as string, (p.launcher as string | null) ?? null);
  else if (kind === 'breakup') {
    const b = p.breakup as { preset?: BreakupSpecModel['preset']; massKg?: number; projectileMassKg?: number; impactSpeedKmPerS?: number; scale?: number } | null;
    const spec: BreakupSpecModel | null = b ? { preset: b.preset ?? null, massKg: b.massKg ?? null, projectileMassKg: b.projectileMassKg ?? null, impactSpeedKmPerS: b.impactSpeedKmPerS ?? null, scale: b.scale ?? null } : null;
    sim.counterspace.pendingBreakups.push({ tick: sim.tick, object: p.object as string, cause: p.cause as 'explosion' | 'collision', spec, projectileMassKg: null, impactSpeedKmPerS: null, by: null });
  } else if (kind === 'co-orbital-attack') {
    // Planned from this tick's positions, once propagated (engage).
    sim.counterspace.coOrbitalOrders.push({ asat: p.asat as string, target: p.target as string, effect: p.effect as 'kinetic' | 'shadow', standoffKm: p.standoffKm as number });
  }
  else if (kind === 'laser-dazzle') orderDazzle(sim, p.laser as string, p.target as string, p.durationMs as number);
  else if (kind === 'cyber') orderCyber(sim, p.target as string, p.effect as 'deny' | 'degrade', p.factor as number, p.marginLossDb as number, p.durationMs as number);
}
