/** The JavaScript SGP4 backend: satellite.js `sgp4(satrec, minutesSinceEpoch)` in a typed-array loop. */
import { sgp4, type SatRec } from 'satellite.js';
import { MS_PER_MINUTE } from '../time.js';
import { satrecEpochMs } from '../physics/orbit-sources.js';
import type { PropagationOutput, Propagator } from './propagator.js';

export function createJsPropagator(): Propagator {
  let satrecs: readonly SatRec[] = [];
  let epochMs = new Float64Array(0);
  let out: PropagationOutput = { posTemeKm: new Float64Array(0), velTemeKmps: new Float64Array(0), error: new Int8Array(0) };
  return {
    name: 'js',
    load(slots) {
      satrecs = Array.from({ length: slots.count }, (_, i) => slots.satrec(i));
      epochMs = Float64Array.from(satrecs, satrecEpochMs);
      out = { posTemeKm: new Float64Array(3 * slots.count), velTemeKmps: new Float64Array(3 * slots.count), error: new Int8Array(slots.count) };
    },
    append(slots, from) {
      if (from !== satrecs.length) throw new Error(`vigil propagator - append from slot ${from}, but ${satrecs.length} are loaded`);
      const added = Array.from({ length: slots.count - from }, (_, i) => slots.satrec(from + i));
      satrecs = [...satrecs, ...added];
      const grown = new Float64Array(satrecs.length);
      grown.set(epochMs);
      grown.set(Float64Array.from(added, satrecEpochMs), from);
      epochMs = grown;
      out = { posTemeKm: new Float64Array(3 * slots.count), velTemeKmps: new Float64Array(3 * slots.count), error: new Int8Array(slots.count) };
    },
    run(utcMs) {
      const { posTemeKm, velTemeKmps, error } = out;
      for (let i = 0; i < satrecs.length; i++) {
        const satrec = satrecs[i];
        const pv = sgp4(satrec, (utcMs - epochMs[i]) / MS_PER_MINUTE);
        if (pv === null) {
          error[i] = satrec.error || 6;
          continue;
        }
        error[i] = 0;
        const j = 3 * i;
        posTemeKm[j] = pv.position.x;
        posTemeKm[j + 1] = pv.position.y;
        posTemeKm[j + 2] = pv.position.z;
        velTemeKmps[j] = pv.velocity.x;
        velTemeKmps[j + 1] = pv.velocity.y;
        velTemeKmps[j + 2] = pv.velocity.z;
      }
      return out;
    },
    dispose() {},
  };
}
