/**
 * The observations of one tick: which sensor detected which object, in the order the sensors ran
 * (stable order of sensors, then the order each one looked). Bounded by `limits.observationsPerStepMax`:
 * past it the rest are dropped and counted (a `limit-reached` event says so once per run).
 */
export interface ObservationBuffer {
  sensor: Uint32Array;
  eid: Uint32Array;
  n: number;
  readonly max: number;
  /** Observations dropped over the run because a step held more than `max`. */
  dropped: number;
}

export function createObservations(max: number): ObservationBuffer {
  const size = Math.min(max, 4096);
  return { sensor: new Uint32Array(size), eid: new Uint32Array(size), n: 0, max, dropped: 0 };
}

/** Append one observation; false when the step's limit is reached (the drop is counted). */
export function pushObservation(b: ObservationBuffer, sensorEid: number, eid: number): boolean {
  if (b.n >= b.max) {
    b.dropped++;
    return false;
  }
  if (b.n === b.sensor.length) {
    const size = Math.min(b.max, 2 * b.sensor.length);
    const sensor = new Uint32Array(size);
    sensor.set(b.sensor);
    const e = new Uint32Array(size);
    e.set(b.eid);
    b.sensor = sensor;
    b.eid = e;
  }
  b.sensor[b.n] = sensorEid;
  b.eid[b.n] = eid;
  b.n++;
  return true;
}
