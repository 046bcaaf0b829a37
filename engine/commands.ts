/**
 * Commands given during a run: the live server's published MSEL injects, the white cell's ad-hoc
 * injects and the nation cells' orders, each an InjectModel bound to a definite tick after the current
 * one. The events system applies them at their tick after the scenario's own injects, in the order they
 * were given, so a run with the same commands at the same ticks is the same run (vigil replay rebuilds a
 * game this way from its event log).
 *
 * Read next: systems/apply-injects.ts, viewer/server/game.ts (where commands come from).
 */
import type { InjectModel } from './model.js';
import type { Sim } from './sim.js';

/** Most commands waiting for their tick at once. */
export const LIVE_INJECTS_MAX = 10_000;

/**
 * Schedule an inject for `inject.tick`, which must come after the current tick (the next one at the
 * earliest) and not after the last tick of the scenario. Throws on a past tick: a caller binds ticks.
 */
export function scheduleInject(sim: Sim, inject: InjectModel): void {
  if (!Number.isInteger(inject.tick) || inject.tick <= sim.tick) throw new Error(`vigil command - inject '${inject.id}' is for tick ${inject.tick}, not after the current tick ${sim.tick}`);
  if (sim.liveInjects.length >= LIVE_INJECTS_MAX) throw new Error(`vigil command - ${LIVE_INJECTS_MAX} commands are already waiting for their tick`);
  // Stable: after every command already waiting for the same or an earlier tick.
  let i = sim.liveInjects.length;
  while (i > 0 && sim.liveInjects[i - 1].tick > inject.tick) i--;
  sim.liveInjects.splice(i, 0, inject);
}
