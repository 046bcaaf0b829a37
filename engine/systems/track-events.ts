/**
 * Events of a nation's tracks: `track-correlated` when an uncorrelated track becomes a catalogued one.
 * Visible to that nation alone (and the white cell), at the level of the report that correlated it.
 */
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';

export function logCorrelation(sim: Sim, t: number, stable: number, marking: number): void {
  const table = sim.tracks.tables[t];
  const level = sim.markings.get(marking).classification;
  sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'track-correlated', [sim.ids[stable]], {
    nation: table.nation,
    designation: uctDesignation(table.nation, table.uctNumber[stable]),
    objectId: sim.ids[stable],
  }, { owner: table.nation, classification: level, releasableTo: [], caveats: [] });
}

/** A nation's local name for an uncorrelated track: `UCT-USA-0007`. */
export function uctDesignation(nation: string, n: number): string {
  return `UCT-${nation}-${String(n).padStart(4, '0')}`;
}
