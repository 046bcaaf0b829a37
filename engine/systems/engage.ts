/**
 * Engagements and their consequences at this tick, once the orbits and the Earth-fixed frame are known:
 * burns (manoeuvre orders), co-orbital orders planned from this tick's positions, DA-ASAT intercepts, co-orbital arrivals, then every breakup due (intercepts, rams, collisions found by
 * screening, explosion injects), then the non-kinetic effects in force (before links, sensors and
 * missile-warning sensors read their state), then launch detection and warnings.
 *
 * Read next: engine/counterspace/ (one file per kind of engagement).
 */
import { arriveApproaches, orderCoOrbital } from '../counterspace/co-orbital.js';
import { resolveIntercepts } from '../counterspace/da-asat.js';
import { runBreakups } from '../counterspace/debris.js';
import { detectLaunches } from '../counterspace/missile-warning.js';
import { applyEffects } from '../counterspace/non-kinetic.js';
import { manoeuvre } from '../manoeuvre.js';
import type { Sim } from '../sim.js';

export function engage(sim: Sim): void {
  const cs = sim.counterspace;
  for (const m of cs.manoeuvres.splice(0)) manoeuvre(sim, m.object, m.radialMps, m.alongTrackMps, m.crossTrackMps);
  for (const o of cs.coOrbitalOrders.splice(0)) orderCoOrbital(sim, o.asat, o.target, o.effect, o.standoffKm);
  if (cs.flights.length > 0) resolveIntercepts(sim);
  if (cs.approaches.length > 0) arriveApproaches(sim);
  runBreakups(sim);
  if (cs.effects.length > 0) applyEffects(sim);
  if (cs.flights.length > 0 || cs.pendingWarnings.length > 0) detectLaunches(sim);
}
