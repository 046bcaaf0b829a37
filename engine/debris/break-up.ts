/**
 * A breakup in the sim: an orbiting object is destroyed (an ASAT intercept, a collision, an explosion)
 * and its fragments enter the sim as objects with their own orbits. The NASA standard breakup model
 * (physics/breakup.ts) draws the fragments, from the event's own random stream; each fragment's state is
 * the parent's TEME state at the tick plus its delta-v, turned into SGP4 mean elements
 * (physics/state-to-elements.ts) with a B* from its area-to-mass ratio. Fragments are debris owned by
 * nobody and in nobody's catalog: every nation first sees them as uncorrelated tracks.
 *
 * Bounded: at most `fragmentsMax` per event and `limits.entitiesMax` in all; a fragment whose orbit SGP4
 * refuses, whose fit does not close, or whose perigee is under REENTRY_PERIGEE_KM is not added; a `breakup` event (white
 * cell) says how many were drawn, added, refused and cut, and a `limit-reached` event the first time a
 * cap cuts.
 *
 * B* from area-to-mass: B* = rho0 Cd (A/m) / 2, rho0 = 0.1570 kg/m^2/earth radius (the reference density
 * of the SGP4 definition, 2.461e-5 kg/m^3 x 6378.135 km), Cd = 2.2: the usual conversion (Vallado,
 * Fundamentals of Astrodynamics, eq. 9-42), good for the order of magnitude drag needs.
 *
 * Read next: spawn.ts (how objects enter), systems/ for what calls this (engagements, collisions).
 */
import type { SatRec } from 'satellite.js';
import type { MeanElementsModel, OrbitalObjectModel } from '../model.js';
import { sampleFragments, type BreakupInput } from '../physics/breakup.js';
import { meanElementsFromState } from '../physics/state-to-elements.js';
import { WHITE_ONLY } from '../events.js';
import { logLimitOnce } from '../limits.js';
import { addObjects } from '../spawn.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';

/** SGP4 reference density times Cd over 2, per unit area-to-mass: B* (1/earth radius) = this x A/m (m^2/kg). */
export const BSTAR_PER_AREA_TO_MASS = (0.1570 * 2.2) / 2;
/**
 * A fragment thrown onto an orbit with its perigee this low re-enters within hours: it is counted as
 * refused, not added (SGP4's drag terms are not made for it, and it would leave at once).
 */
export const REENTRY_PERIGEE_KM = 120;

/** Perigee height above the equatorial radius, km, from a mean motion (rev/day) and eccentricity. */
function perigeeAltitudeKm(meanMotionRevPerDay: number, eccentricity: number): number {
  const n = (meanMotionRevPerDay * 2 * Math.PI) / 86_400;
  return Math.cbrt(398_600.4418 / (n * n)) * (1 - eccentricity) - 6378.137;
}

/**
 * A fit's predicted elements (state-to-elements.ts `rejectCandidate`) this far under REENTRY_PERIGEE_KM are
 * refused before SGP4 confirms them: the confirmed elements differ from the prediction by less than the
 * fit's 1 m tolerance, far inside this margin, so the same fragments are refused as after a full fit.
 */
const REENTRY_SCREEN_MARGIN_KM = 1;
const reentering = (el: MeanElementsModel): boolean =>
  perigeeAltitudeKm(el.meanMotionRevPerDay, el.eccentricity) < REENTRY_PERIGEE_KM - REENTRY_SCREEN_MARGIN_KM;

/** Breakups so far per object (a cratered parent survives and may break up again). */
const breakupsOf = new WeakMap<Sim, Map<string, number>>();

/** Most fragments one breakup adds. */
export const FRAGMENTS_PER_EVENT_MAX = 20_000;

export interface BreakupResult {
  drawn: number;
  added: number;
  /** Fragments whose orbit SGP4 refused (re-entering at once, or no mean elements fit). */
  refused: number;
  /** Fragments the per-event cap or the entity limit cut. */
  cut: number;
  /** Ids of the fragments added, in the order they entered the sim. */
  ids: string[];
  /** Mass of each fragment added, kg, in the order of `ids` (what a collision of it would carry). */
  massKg: number[];
  /** catastrophic, non-catastrophic or explosion (physics/breakup.ts). */
  regime: string;
  /** True for a non-catastrophic collision: the cratered parent stays in orbit, only its ejecta are added. */
  parentSurvives: boolean;
}

/**
 * Break up the object `objectId` at the current tick with the breakup `input` (minus its draw and cap).
 * The parent leaves the sim at the next tick; its fragments enter then. A non-catastrophic collision
 * only craters the parent: the model's one remnant is the parent itself, which stays in orbit under its
 * own id (every nation keeps its track), and only the ejecta are added.
 */
export function breakUp(
  sim: Sim, objectId: string, input: Omit<BreakupInput, 'draw' | 'countMax'>, fragmentsMax = FRAGMENTS_PER_EVENT_MAX,
  /** The limit the cap stands for, as a `limit-reached` event names it (a run's total when that is what is left). */
  capLimit: { name: 'fragmentsPerEventMax' | 'fragmentsTotalMax'; value: number } = { name: 'fragmentsPerEventMax', value: fragmentsMax },
): BreakupResult {
  const eid = sim.eidById.get(objectId);
  const result: BreakupResult = { drawn: 0, added: 0, refused: 0, cut: 0, ids: [], massKg: [], regime: '', parentSurvives: false };
  if (eid === undefined) return result;
  const stream = sim.rng.get(`breakup:${objectId}:${sim.tick}`);
  const countMax = Math.min(fragmentsMax, FRAGMENTS_PER_EVENT_MAX);
  const fragments = sampleFragments({ ...input, countMax, draw: () => stream.next() });
  result.regime = fragments.regime;
  result.parentSurvives = fragments.regime === 'non-catastrophic';
  // The cratered parent is the non-catastrophic model's remnant (the last row): it is not a new object.
  const rows = result.parentSurvives ? fragments.count - fragments.remnantCount : fragments.count;
  result.drawn = rows;
  if (fragments.truncated) {
    result.cut = Math.round(fragments.expectedCount) - fragments.count;
    logLimitOnce(sim, capLimit.name, capLimit.value);
  }
  const k = 3 * eid;
  const r = sim.c.Kinematics.posTemeKm, v = sim.c.Kinematics.velTemeKmps;
  const epochMs = simTimeMs(sim.time, sim.tick);
  const parent = sim.objects[sim.c.Identity.stableIndex[eid]]!;
  const objects: OrbitalObjectModel[] = [];
  const satrecs: SatRec[] = [];
  const masses: number[] = [];
  const pos = [r[k], r[k + 1], r[k + 2]];
  // The parent's own fit gives every fragment's fit its first guess (mean minus osculating elements of a
  // nearby state): the fit's near-earth predictor then closes in two replica passes, and SGP4 confirms
  // its candidate at the first evaluation for ~99% of fragments; the same 1 m tolerance.
  const parentFit = meanElementsFromState(pos, [v[k], v[k + 1], v[k + 2]], epochMs);
  const guess = parentFit.converged ? parentFit.meanMinusOsculating : undefined;
  const vel = [0, 0, 0];
  // A cratered parent can break up again: its later fragments carry the breakup's number.
  const nth = (breakupsOf.get(sim)?.get(objectId) ?? 0) + 1;
  if (!breakupsOf.has(sim)) breakupsOf.set(sim, new Map());
  breakupsOf.get(sim)!.set(objectId, nth);
  const prefix = nth === 1 ? `${objectId}-F` : `${objectId}-B${nth}-F`;
  for (let f = 0; f < rows; f++) {
    vel[0] = v[k] + fragments.deltaVxMps[f] / 1000;
    vel[1] = v[k + 1] + fragments.deltaVyMps[f] / 1000;
    vel[2] = v[k + 2] + fragments.deltaVzMps[f] / 1000;
    const fit = meanElementsFromState(pos, vel, epochMs, {
      bstarPerEarthRadius: BSTAR_PER_AREA_TO_MASS * fragments.areaToMassM2PerKg[f], meanMinusOsculatingGuess: guess, rejectCandidate: reentering,
    });
    if (!fit.converged || !fit.satrec || perigeeAltitudeKm(fit.elements.meanMotionRevPerDay, fit.elements.eccentricity) < REENTRY_PERIGEE_KM) {
      result.refused++;
      continue;
    }
    satrecs.push(fit.satrec);
    masses.push(fragments.massKg[f]);
    const id = `${prefix}${String(f + 1).padStart(5, '0')}`;
    objects.push({
      id, name: `${parent.name} DEB ${f + 1}`, noradId: null, owner: null, kind: 'debris',
      orbit: { kind: 'elements', elements: fit.elements },
      rcsM2: fragments.areaM2[f], standardMagnitude: null, catalogued: false, marking: null, constellation: null,
      origin: `breakup of ${objectId} at tick ${sim.tick}`,
    });
  }
  const spawned = addObjects(sim, objects);
  result.added = spawned.eids.length;
  for (let a = 0; a < spawned.eids.length; a++) {
    // The fit's satrec is the one satrecFrom would build from these elements: keep it, not build it twice.
    sim.c.Orbit.satrec[spawned.eids[a]] = satrecs[a];
    result.ids.push(objects[a].id);
    result.massKg.push(masses[a]);
  }
  result.cut += spawned.refused;
  sim.events.push(sim.tick, isoUtc(epochMs), 'breakup', [objectId], {
    object: objectId, regime: fragments.regime, drawn: result.drawn, added: result.added, refused: result.refused, cut: result.cut,
  }, WHITE_ONLY);
  if (result.parentSurvives) return result;
  sim.events.push(sim.tick, isoUtc(epochMs), 'object-left', [objectId], { reason: 'destroyed', errorCode: 0, message: `broke up (${fragments.regime})` }, WHITE_ONLY);
  // The parent leaves at the end of the tick, with its fragments entering at the next.
  sim.order.pendingRemovals.push(eid);
  return result;
}
