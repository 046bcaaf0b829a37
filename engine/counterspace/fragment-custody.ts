/**
 * Each nation's hold on the fragments of the run's breakups, sampled every FRAGMENT_SAMPLE_MS: fragments
 * in orbit, those each nation holds in custody (identified, within custodyKmMax), and those it tracks at
 * all (custody or an uncorrelated track). Fragments are nobody's and in no catalog: a nation learns of
 * them only through its own sensors and its partners'.
 */
import type { Sim } from '../sim.js';
import { inCustody, isUncorrelated } from '../tracks.js';

/** How often the fragment custody is sampled, ms of sim time. */
export const FRAGMENT_SAMPLE_MS = 10 * 60_000;
/** Most samples kept (the first ones, then every sample at the end). */
export const FRAGMENT_SAMPLES_MAX = 10_000;

export function sampleFragmentCustody(sim: Sim): void {
  const cs = sim.counterspace;
  if (cs.breakups.length === 0) return;
  const every = Math.max(1, Math.round(FRAGMENT_SAMPLE_MS / sim.time.stepMs));
  const last = Math.floor(sim.model.durationMs / sim.time.stepMs);
  const since = sim.tick - cs.breakups[0].tick;
  if (since < 0 || (since % every !== 0 && sim.tick !== last)) return;
  if (cs.fragmentCustody.length >= FRAGMENT_SAMPLES_MAX) return;
  const tables = sim.tracks.tables;
  const custody = new Array<number>(tables.length).fill(0);
  const tracked = new Array<number>(tables.length).fill(0);
  let fragments = 0;
  for (const b of cs.breakups) {
    for (let s = b.firstStable; s <= b.lastStable; s++) {
      if (!sim.eidById.has(sim.ids[s])) continue;
      fragments++;
      for (let t = 0; t < tables.length; t++) {
        if (s >= tables[t].updateTick.length) continue;
        if (inCustody(tables[t], s, sim.tick)) {
          custody[t]++;
          tracked[t]++;
        } else if (isUncorrelated(tables[t], s)) tracked[t]++;
      }
    }
  }
  cs.fragmentCustody.push({ tick: sim.tick, fragments, byTable: custody, trackedByTable: tracked });
}
