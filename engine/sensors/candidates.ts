/**
 * The objects one sensor may observe at the current tick, with each one's probability of detection:
 * filled by a field-of-view function (ground.ts, space.ts), ordered by tasking.ts when the sensor's
 * capacity is short, then drawn against by systems/sense.ts. One buffer per sim, reused by every sensor
 * and tick: no allocation in the loops.
 */
export interface Candidates {
  /** Entity ids, in stable order as filled. */
  eid: Uint32Array;
  /** Probability of detection on this look. */
  pd: Float64Array;
  /** Range from the sensor, km (tasking and measurement use it). */
  rangeKm: Float64Array;
  n: number;
}

export function createCandidates(size: number): Candidates {
  return { eid: new Uint32Array(size), pd: new Float64Array(size), rangeKm: new Float64Array(size), n: 0 };
}

/** Make room for `size` candidates (objects can be added during a run). */
export function ensureCandidates(c: Candidates, size: number): Candidates {
  return c.eid.length >= size ? c : createCandidates(Math.max(size, 2 * c.eid.length));
}
