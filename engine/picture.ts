/**
 * pictureFor: what one nation knows, computed inside the engine from its own tables (fog of war by
 * construction): the objects it has tracks on, when it last observed them, how uncertain the track is
 * now and whether it holds custody. Nothing of truth is copied in except what its sensors saw.
 */
import type { Sim } from './sim.js';
import { isoUtc, simTimeMs } from './time.js';
import { uncertaintyKm } from './tracks.js';

export interface TrackView {
  /** Scenario id of the object. */
  objectId: string;
  lastObservedUtc: string;
  ageS: number;
  uncertaintyKm: number;
  custody: boolean;
}

export interface Picture {
  nation: string;
  tick: number;
  timeUtc: string;
  tracks: TrackView[];
}

/** The picture of a declared nation at the current tick, tracks in stable scenario order. */
export function pictureFor(sim: Sim, nation: string): Picture {
  const table = sim.tracks.nations.indexOf(nation);
  if (table < 0) throw new Error(`vigil picture - '${nation}' keeps no tracks: nations with tracks are ${sim.tracks.nations.join(', ')}`);
  const last = sim.tracks.lastObsTick[table];
  const tracks: TrackView[] = [];
  for (const eid of sim.order.orbiters) {
    const seen = last[eid];
    if (seen < 0) continue;
    const age = sim.tick - seen;
    tracks.push({
      objectId: sim.ids[sim.c.Identity.stableIndex[eid]],
      lastObservedUtc: isoUtc(simTimeMs(sim.time, seen)),
      ageS: (age * sim.time.stepMs) / 1000,
      uncertaintyKm: uncertaintyKm(sim.model.tracking, age, sim.time.stepMs),
      custody: sim.tracks.custodyTicks >= 0 && age <= sim.tracks.custodyTicks,
    });
  }
  return { nation, tick: sim.tick, timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)), tracks };
}
