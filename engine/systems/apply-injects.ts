/**
 * Applies the master scenario events list: every inject due at the current tick becomes an `inject`
 * event, visible to the cells the inject names. Runs first in the tick, so effects later in the same
 * tick can see it. Later capabilities give inject kinds effects (jammer on, constellation outage...).
 */
import { isoUtc, simTimeMs } from '../time.js';
import type { Sim } from '../sim.js';

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
