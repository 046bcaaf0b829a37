/**
 * Orbit changes during a run (a manoeuvre, a co-orbital ASAT taking station), kept so that a nation's
 * picture holds the orbit it last saw of an object, not the orbit the object flies now: a nation learns of
 * a burn only when its sensors or partners report the object again. Objects that never change orbit have
 * no history (the common case costs nothing).
 *
 * Read next: manoeuvre.ts, counterspace/co-orbital.ts (who changes orbits), glyphs.ts (who reads this).
 */
import type { OrbitSource } from './model.js';
import type { Sim } from './sim.js';

/** Most orbit changes kept per object (the oldest after the first are dropped). */
export const ORBIT_CHANGES_MAX = 100;

export interface OrbitChange {
  /** First tick the orbit is in force (-1: from the start). */
  readonly tick: number;
  readonly orbit: OrbitSource;
}

/** Record that the object at `stable` flies `orbit` from this tick on (it flew `previous` before). */
export function recordOrbitChange(sim: Sim, stable: number, previous: OrbitSource, orbit: OrbitSource): void {
  let h = sim.orbitHistory.get(stable);
  if (!h) {
    h = [{ tick: -1, orbit: previous }];
    sim.orbitHistory.set(stable, h);
  }
  h.push({ tick: sim.tick, orbit });
  if (h.length > ORBIT_CHANGES_MAX) h.splice(1, 1);
}

/**
 * The orbit `nation` holds of the object at `stable`: the one in force when the newest report it has was
 * made (its own sensors' last look, or the production time of the last partner item), or null when that is
 * the orbit the object flies now.
 */
export function heldOrbit(sim: Sim, nation: string, stable: number): OrbitSource | null {
  const h = sim.orbitHistory.get(stable);
  if (!h) return null;
  const t = sim.tracks.nations.indexOf(nation);
  if (t < 0) return null;
  const table = sim.tracks.tables[t];
  const seen = Math.max(table.ownTick[stable], table.lastItemTick[stable]);
  let k = 0;
  while (k + 1 < h.length && h[k + 1].tick <= seen) k++;
  return k === h.length - 1 ? null : h[k].orbit;
}
