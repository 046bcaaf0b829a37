/**
 * Custody per nation at the current tick. The counts are kept incrementally (engine/tracks.ts: an
 * update brings a track into custody and schedules when it leaves); this system applies the tracks
 * leaving custody at this tick and adds the counts to the running sum for the time-averaged metric.
 * Cost: the number of expiries, not the catalog size times the nations.
 */
import type { Sim } from '../sim.js';
import { expireCustody } from '../tracks.js';

export function scoreCustody(sim: Sim): void {
  const { tracks } = sim;
  expireCustody(tracks, sim.tick);
  for (const table of tracks.tables) table.custodyTickSum += table.custodyNow;
  tracks.interestTickSum += tracks.interestNow;
}
