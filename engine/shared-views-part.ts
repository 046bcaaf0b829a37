/**
 * One range of ticks of a batch's shared views (sensors/shared-views.ts), from a sim of the scenario over
 * the filled shared ephemeris: at each tick the positions, Earth-fixed frame and Sun exactly as a run's
 * systems make them, then every ground sensor's field of view. A batch's workers each compute a range.
 *
 * Read next: sensors/shared-views.ts (the table and how runs read it), cli/batch/fill.ts.
 */
import type { ScenarioModel } from './model.js';
import type { Ephemeris } from './propagators/ephemeris.js';
import { computeViewsPart, groundSensors, type ViewsPart } from './sensors/shared-views.js';
import { earthFixed } from './systems/earth-fixed.js';
import { propagateOrbits } from './systems/propagate-orbits.js';
import { updateSun } from './systems/sense.js';
import { createSim } from './world.js';

export async function sharedViewsPart(model: ScenarioModel, eph: Ephemeris, from: number, to: number): Promise<ViewsPart> {
  if (groundSensors(model).length === 0) return { sensors: [], from, to, counts: new Int32Array(0), rows: new Int32Array(0) };
  const sim = await createSim(model, { ephemeris: eph });
  try {
    return computeViewsPart(sim, from, Math.min(to, eph.ticks), (s) => {
      propagateOrbits(s);
      earthFixed(s);
      updateSun(s);
    });
  } finally {
    sim.propagator.dispose();
  }
}
