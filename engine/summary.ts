/**
 * The run summary: counts and metrics at the current tick, plain data for summary.json, the CLI's human
 * summary and batch rows. Later capabilities add their metrics here.
 */
import { query } from 'bitecs';
import { stateHash } from './hash.js';
import type { Sim } from './sim.js';
import { isoUtc, simTimeMs } from './time.js';

export interface RadarSummary {
  id: string;
  owner: string;
  /** Objects in the field of view at the last tick. */
  inViewNow: number;
  detectionsTotal: number;
  /** Distinct objects detected at least once. */
  objectsDetected: number;
}

export interface NationSummary {
  id: string;
  /** Objects the nation has ever observed and still in the sim. */
  tracks: number;
  /** Objects in custody at the last tick. */
  custodyNow: number;
  /** Custody averaged over every tick so far, as a fraction of the objects at start. */
  custodyMeanFraction: number;
}

export interface RunSummary {
  marking: string;
  scenario: string;
  contentHash: string;
  seed: number;
  runIndex: number;
  propagator: string;
  epochUtc: string;
  tick: number;
  timeUtc: string;
  stepMs: number;
  stateHash: string;
  objects: { initial: number; active: number; left: number; activeByOwner: Record<string, number> };
  events: { logged: number; dropped: number; byKind: Record<string, number> };
  radars: RadarSummary[];
  /** Per declared nation, from its own sensors (sharing comes with the coalition SSA capability). */
  nations: NationSummary[];
}

export function summarize(sim: Sim): RunSummary {
  const active = sim.order.orbiters;
  const activeByOwner: Record<string, number> = {};
  for (let i = 0; i < active.length; i++) {
    const n = sim.c.Ownership.nationIndex[active[i]];
    const owner = n < 0 ? 'none' : sim.nations[n].id;
    activeByOwner[owner] = (activeByOwner[owner] ?? 0) + 1;
  }
  const byKind: Record<string, number> = {};
  for (const e of sim.events.since(0)) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const radars = Array.from(sim.order.radars, (eid) => {
    const nation = sim.c.Ownership.nationIndex[eid];
    return {
      id: sim.ids[sim.c.Identity.stableIndex[eid]],
      owner: nation < 0 ? 'none' : sim.nations[nation].id,
      inViewNow: sim.c.Radar.inViewCount[eid],
      detectionsTotal: sim.c.Radar.detectionsTotal[eid],
      objectsDetected: sim.c.Radar.objectsDetected[eid],
    };
  });
  return {
    marking: sim.model.marking,
    scenario: sim.model.name,
    contentHash: sim.model.contentHash,
    seed: sim.seed,
    runIndex: sim.runIndex,
    propagator: sim.propagator.name,
    epochUtc: isoUtc(sim.time.epochMs),
    tick: sim.tick,
    timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)),
    stepMs: sim.time.stepMs,
    stateHash: stateHash(sim),
    objects: { initial: sim.objectsInitial, active: active.length, left: sim.objectsInitial - query(sim.world, [sim.c.Orbit]).length, activeByOwner: sortKeys(activeByOwner) },
    events: { logged: sim.events.count, dropped: sim.events.dropped, byKind: sortKeys(byKind) },
    radars,
    nations: sim.tracks.nations.map((id, t) => {
      const last = sim.tracks.lastObsTick[t];
      let tracks = 0;
      for (let i = 0; i < active.length; i++) if (last[active[i]] >= 0) tracks++;
      const denominator = (sim.tick + 1) * sim.objectsInitial;
      return { id, tracks, custodyNow: sim.tracks.custodyNow[t], custodyMeanFraction: denominator > 0 ? sim.tracks.custodyTickSum[t] / denominator : 0 };
    }),
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
