/**
 * Tasking: when more objects are in a sensor's view than its capacity, which ones it looks at. First
 * the scenario's priority list (highest first), then the objects its nation's own sensors have gone
 * longest without looking at (never first; a look counts whether or not it detected), then stable
 * order. Sensors run in stable order within a tick and record their looks at once, so a second sensor
 * of a nation skips what the first just looked at. Own looks only, so a sensor does the same whatever
 * partners share: sharing can only add to a nation's picture (the ordering tests rely on it). Orders
 * from player cells will write the priority at run time.
 *
 * Read next: systems/sense.ts (draws detections over the chosen candidates).
 */
import type { Candidates } from './candidates.js';

/** Ranks by stable index for one sensor's priority list: lower is observed first. */
export type PriorityRanks = ReadonlyMap<number, number>;

/**
 * Order `c` so that its first `capacity` entries are the ones the sensor observes, and cut it there.
 * `lookTick` is when the sensor nation's own sensors last looked at each object, by stable index (-1: never).
 */
export function taskCandidates(c: Candidates, capacity: number, stableIndex: Uint32Array, ranks: PriorityRanks | undefined, lookTick: Int32Array | null): void {
  if (capacity === 0 || c.n <= capacity) return;
  const n = c.n;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const unranked = ranks?.size ?? 0;
  const rank = (i: number): number => ranks?.get(stableIndex[c.eid[i]]) ?? unranked;
  const last = (i: number): number => (lookTick === null ? -1 : lookTick[stableIndex[c.eid[i]]]);
  order.sort((a, b) => rank(a) - rank(b) || last(a) - last(b) || stableIndex[c.eid[a]] - stableIndex[c.eid[b]]);
  const eid = c.eid.slice(0, n), pd = c.pd.slice(0, n), range = c.rangeKm.slice(0, n);
  for (let j = 0; j < capacity; j++) {
    const i = order[j];
    c.eid[j] = eid[i];
    c.pd[j] = pd[i];
    c.rangeKm[j] = range[i];
  }
  c.n = capacity;
}
