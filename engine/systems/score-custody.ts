/**
 * Custody per nation at the current tick: objects whose track is young enough that its uncertainty is
 * within the custody threshold (engine/tracks.ts), and the running sum for the time-averaged metric.
 */
import type { Sim } from '../sim.js';

export function scoreCustody(sim: Sim): void {
  const { tracks } = sim;
  const orbiters = sim.order.orbiters;
  const oldest = sim.tick - tracks.custodyTicks;
  for (let t = 0; t < tracks.nations.length; t++) {
    const last = tracks.lastObsTick[t];
    let held = 0;
    // A nation that has never observed anything holds nothing: skip its loop over the catalog.
    if (tracks.custodyTicks >= 0 && tracks.updates[t] > 0) {
      for (let i = 0; i < orbiters.length; i++) {
        const seen = last[orbiters[i]];
        if (seen >= 0 && seen >= oldest) held++;
      }
    }
    tracks.custodyNow[t] = held;
    tracks.custodyTickSum[t] += held;
  }
}
