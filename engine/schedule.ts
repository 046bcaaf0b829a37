/**
 * SCHEDULE: the ordered list of systems that make one tick. The order is data, pinned by a test
 * (test/engine/schedule.test.ts). Data flow of a tick (ARCHITECTURE.md): events, truth, sense, know,
 * share, score. Later capabilities insert their systems at the named place.
 *
 * Read next: engine/systems/ (one plain function per file).
 */
import { refreshOrder } from './order.js';
import type { Sim } from './sim.js';
import { applyInjects } from './systems/apply-injects.js';
import { earthFixed } from './systems/earth-fixed.js';
import { engage } from './systems/engage.js';
import { conjunctions } from './systems/screen-conjunctions.js';
import { propagateOrbits, removeObject } from './systems/propagate-orbits.js';
import { pntFixes } from './systems/pnt-fixes.js';
import { satcomLinks } from './systems/satcom-links.js';
import { fuseOwn } from './systems/fuse-own.js';
import { scoreCustody } from './systems/score-custody.js';
import { sense } from './systems/sense.js';
import { share } from './systems/share.js';

export type System = (sim: Sim) => void;

export const SCHEDULE: readonly System[] = Object.freeze([
  // events: MSEL injects and orders due at this tick
  applyInjects,
  // truth: orbits, then the Earth-fixed frame every sensor works in
  propagateOrbits,
  earthFixed,
  // engagements: intercepts, arrivals, breakups, launch warnings, dazzle and cyber in force
  engage,
  // effects: jammers, SATCOM links, GNSS fixes
  satcomLinks,
  pntFixes,
  // sense: each sensor observes truth; observations belong to the sensor's (or payload's) nation
  sense,
  // know: each nation's tracks from its own observations
  fuseOwn,
  // share: agreements carry items to partners, due items update the recipients' tracks
  share,
  // score: metrics per nation
  scoreCustody,
  // conjunctions: screening, each nation's assessment and warnings, collisions ahead; fragment custody
  conjunctions,
]);

/** Run every system once for the current tick. */
export function runSchedule(sim: Sim): void {
  // Objects destroyed during the last tick leave now, before anything reads the stable lists.
  for (const eid of sim.order.pendingRemovals.splice(0)) removeObject(sim, eid);
  refreshOrder(sim);
  for (const system of SCHEDULE) system(sim);
}

/** Advance the sim by one tick and run the schedule for the new tick. */
export function step(sim: Sim): void {
  sim.tick++;
  runSchedule(sim);
}
