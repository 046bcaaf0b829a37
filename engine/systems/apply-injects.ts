/**
 * Applies the master scenario events list: every inject due at the current tick becomes an `inject`
 * event, visible to the cells the inject names. Runs first in the tick, so effects later in the same
 * tick can see it. Effects: `sensor-outage` blinds a sensor, `jamming` switches a jammer, and
 * `constellation-outage` turns a GNSS signal off or weakens it (`agreement-change` acts through the
 * sharing policy, which reads the MSEL when the sim starts).
 */
import { isoUtc, simTimeMs } from '../time.js';
import type { Sim } from '../sim.js';
import { CONSTELLATIONS, type Constellation } from '../physics/gnss.js';
import { orderAsatLaunch } from '../counterspace/da-asat.js';
import { orderCyber, orderDazzle } from '../counterspace/non-kinetic.js';
import type { BreakupSpecModel } from '../model-counterspace.js';

export function applyInjects(sim: Sim): void {
  const injects = sim.model.injects;
  const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
  while (sim.injectCursor < injects.length && injects[sim.injectCursor].tick <= sim.tick) {
    const inject = injects[sim.injectCursor++];
    const subjects = Array.isArray(inject.params.subjects) ? (inject.params.subjects as string[]) : [];
    sim.events.push(sim.tick, timeUtc, 'inject', subjects, {
      injectId: inject.id,
      injectKind: inject.kind,
      title: inject.title,
      detail: inject.detail,
      params: inject.params,
      expect: inject.expect,
    }, inject.visibility);
    if (inject.kind === 'sensor-outage') startOutage(sim, inject.params.sensor as string, inject.params.durationMs as number);
    else if (inject.kind === 'jamming') switchJammer(sim, inject.params.jammer as string, inject.params.action as 'on' | 'off', inject.params.durationMs as number | null);
    else if (inject.kind === 'constellation-outage') startConstellationOutage(sim, inject.params);
    else applyCounterspaceInject(sim, inject.kind, inject.params);
  }
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
