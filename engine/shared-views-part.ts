/**
 * One range of ticks of a batch's shared views (sensors/shared-views.ts), from a sim of the scenario (its
 * sensors and sites) with every object at its position in the filled shared ephemeris, the Earth-fixed
 * frame and the Sun exactly as a run's systems make them. A batch's workers each compute a range.
 *
 * Read next: sensors/shared-views.ts (the table and how runs read it), cli/batch/fill.ts.
 */
import type { ScenarioModel } from './model.js';
import type { Ephemeris } from './propagators/ephemeris.js';
import { computeViewsPart, groundSensors, type ViewsPart } from './sensors/shared-views.js';
import { earthFixed } from './systems/earth-fixed.js';
import { updateSun } from './systems/sense.js';
import { createSim } from './world.js';

export async function sharedViewsPart(model: ScenarioModel, eph: Ephemeris, from: number, to: number): Promise<ViewsPart> {
  if (groundSensors(model).length === 0) return { sensors: [], from, to, counts: new Int32Array(0), rows: new Int32Array(0), overLimit: false };
  // Without the MSEL: nothing moves or leaves by an event at tick 0 (the sim serves for its sensors and sites).
  const sim = await createSim({ ...model, injects: [] }, { ephemeris: eph });
  try {
    return computeViewsPart(sim, from, Math.min(to, eph.ticks), eph.pos, (s) => {
      earthFixed(s);
      updateSun(s);
    });
  } finally {
    sim.propagator.dispose();
  }
}
