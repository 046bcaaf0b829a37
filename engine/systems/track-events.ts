/**
 * Events of a nation's tracks: `track-correlated` when a nation identifies an object that is not in the
 * public catalog (a new launch, a fragment, another nation's unlisted satellite), from its uncorrelated
 * tracks or from a partner's report that names it. Matching a report to a public catalog entry is routine and logs nothing. Visible to that nation
 * alone (and the white cell), at the level of the report that correlated it.
 */
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';

export function logCorrelation(sim: Sim, t: number, stable: number, marking: number): void {
  if (sim.objects[stable]!.catalogued) return;
  const table = sim.tracks.tables[t];
  const level = sim.markings.get(marking).classification;
  const designation = uctDesignation(table.nation, table.uctNumber[stable]);
  // Only a nation that knows the object's real name sees it: others keep their own designation.
  const named = table.realName[stable] === 1;
  sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'track-correlated', named ? [sim.ids[stable]] : [], {
    nation: table.nation,
    designation,
    objectId: named ? sim.ids[stable] : designation,
  }, { owner: table.nation, classification: level, releasableTo: [], caveats: [] });
}

/** A nation's local name for an uncorrelated track: `UCT-USA-0007`. */
export function uctDesignation(nation: string, n: number): string {
  return `UCT-${nation}-${String(n).padStart(4, '0')}`;
}
