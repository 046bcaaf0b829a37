/**
 * Co-orbital ASAT engagements: an ASAT satellite with a delta-v budget closes on a target, then shadows
 * it (holds station `standoffKm` behind it along track) or rams it.
 *
 * The approach (orbit-geometry.ts planApproach): a Hohmann transfer from the ASAT's mean orbit radius to
 * the target's with the plane change between their current planes, then phasing revolutions to close the
 * phase angle left after the transfer (the target's lead now, plus what it gains while the ASAT
 * transfers half a revolution). The plan's delta-v comes out of the ASAT's remaining budget; an approach
 * beyond it is refused with the delta-v it would need. The ASAT keeps its own orbit until arrival (the
 * phasing burns are not flown one by one: what a nation sees of the approach is the arrival), then takes
 * the target's orbit: its state at arrival is the target's, moved standoffKm back along the velocity, fitted
 * to SGP4 mean elements (physics/state-to-elements.ts), effective at the next tick.
 *
 * Kinetic effect: modelled as the Soviet IS-A co-orbital interceptor worked, a fragmentation warhead
 * detonated beside the target: the ASAT breaks up as an explosion and the target as a collision with an
 * impactor of the ASAT's mass at RAM_FRAGMENT_SPEED_KMPS.
 *
 * Read next: orbit-geometry.ts (the phasing model), debris.ts.
 */
import type { OrbitalObjectModel } from '../model.js';
import { satrecFrom } from '../physics/orbit-sources.js';
import { meanElementsFromState } from '../physics/state-to-elements.js';
import { satrecOf } from '../order.js';
import { recordOrbitChange } from '../orbit-history.js';
import { nationOnly } from '../events.js';
import { knownAs } from '../glyphs.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';
import { massOf } from './debris.js';
import { MU_KM3_PER_S2, planApproach, planeAngleRad } from './orbit-geometry.js';

/** Speed of the warhead's fragments relative to the target in a kinetic co-orbital attack, km/s. */
export const RAM_FRAGMENT_SPEED_KMPS = 1;

/** Remaining delta-v of each co-orbital ASAT, m/s. */
const budgets = new WeakMap<Sim, Float64Array>();

export function deltaVLeftMps(sim: Sim): Float64Array {
  let b = budgets.get(sim);
  if (!b) budgets.set(sim, (b = Float64Array.from(sim.model.counterspace.coOrbital.map((c) => c.deltaVMps))));
  return b;
}

/** Order co-orbital ASAT `asatId` against `targetId`. */
export function orderCoOrbital(sim: Sim, asatId: string, targetId: string, effect: 'kinetic' | 'shadow', standoffKm: number): void {
  const i = sim.model.counterspace.coOrbital.findIndex((c) => c.id === asatId);
  if (i < 0) return;
  const asat = sim.model.counterspace.coOrbital[i];
  const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
  const named = knownAs(sim, asat.owner, targetId);
  const report = (dv: number, arrivalTick: number | null, refused: string | null): void => {
    sim.events.push(sim.tick, timeUtc, 'co-orbital-approach', [asat.object, named], {
      asat: asatId, target: named, effect, deltaVMps: Math.round(dv), arrivalUtc: arrivalTick === null ? null : isoUtc(simTimeMs(sim.time, arrivalTick)), refused,
    }, nationOnly(asat.owner));
  };
  const ce = sim.eidById.get(asat.object), te = sim.eidById.get(targetId);
  const cs = ce === undefined ? undefined : satrecOf(sim, ce);
  const ts = te === undefined ? undefined : satrecOf(sim, te);
  if (ce === undefined || te === undefined || !cs || !ts) return report(0, null, ce === undefined ? 'the ASAT is no longer in orbit' : 'the target is no longer in orbit');
  if (sim.counterspace.approaches.some((a) => a.asat === i && !a.done)) return report(0, null, 'the ASAT is already on an approach');
  const aOf = (no: number): number => Math.cbrt(MU_KM3_PER_S2 / (no / 60) ** 2);
  const r1 = aOf(cs.no), r2 = aOf(ts.no);
  const plane = planeAngleRad(cs.inclo, cs.nodeo, ts.inclo, ts.nodeo);
  // Phase: the target's lead over the ASAT in the target's plane now, plus its gain during the transfer.
  const p = sim.c.Kinematics.posTemeKm, v = sim.c.Kinematics.velTemeKmps;
  const rc = [p[3 * ce], p[3 * ce + 1], p[3 * ce + 2]], rt = [p[3 * te], p[3 * te + 1], p[3 * te + 2]], vt = [v[3 * te], v[3 * te + 1], v[3 * te + 2]];
  const h = [rt[1] * vt[2] - rt[2] * vt[1], rt[2] * vt[0] - rt[0] * vt[2], rt[0] * vt[1] - rt[1] * vt[0]];
  const cross = [rc[1] * rt[2] - rc[2] * rt[1], rc[2] * rt[0] - rc[0] * rt[2], rc[0] * rt[1] - rc[1] * rt[0]];
  const hn = Math.hypot(h[0], h[1], h[2]);
  const lead0 = Math.atan2((cross[0] * h[0] + cross[1] * h[1] + cross[2] * h[2]) / hn, rc[0] * rt[0] + rc[1] * rt[1] + rc[2] * rt[2]);
  const transferS = Math.PI * Math.sqrt(((r1 + r2) / 2) ** 3 / MU_KM3_PER_S2);
  const lead = lead0 + (ts.no / 60) * transferS - Math.PI;
  const phase = ((lead % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const left = deltaVLeftMps(sim);
  const plan = planApproach(r1, r2, plane, phase, left[i], asat.phasingRevsMin);
  if (!plan) {
    const need = planApproach(r1, r2, plane, phase, Infinity, asat.phasingRevsMin)?.deltaVMps ?? Infinity;
    return report(need, null, `needs ${Math.round(need)} m/s, ${Math.round(left[i])} m/s left`);
  }
  left[i] -= plan.deltaVMps;
  const arrivalTick = sim.tick + Math.max(1, Math.ceil((plan.durationS * 1000) / sim.time.stepMs));
  sim.counterspace.approaches.push({ asat: i, target: targetId, effect, standoffKm, orderTick: sim.tick, arrivalTick, deltaVMps: plan.deltaVMps, done: false });
  report(plan.deltaVMps, arrivalTick, null);
}

/** Approaches arriving now: take station behind the target, or ram it. */
export function arriveApproaches(sim: Sim): void {
  for (const a of sim.counterspace.approaches) {
    if (a.done || a.arrivalTick !== sim.tick) continue;
    a.done = true;
    const asat = sim.model.counterspace.coOrbital[a.asat];
    const ce = sim.eidById.get(asat.object), te = sim.eidById.get(a.target);
    if (ce === undefined || te === undefined) continue;
    const named = knownAs(sim, asat.owner, a.target);
    sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'co-orbital-arrival', [asat.object, named], { asat: asat.id, target: named, effect: a.effect }, nationOnly(asat.owner));
    if (a.effect === 'kinetic') {
      const mass = massOf(sim, sim.c.Identity.stableIndex[ce]);
      sim.counterspace.pendingBreakups.push({ tick: sim.tick, object: asat.object, cause: 'explosion', spec: null, projectileMassKg: null, impactSpeedKmPerS: null, by: asat.owner });
      sim.counterspace.pendingBreakups.push({ tick: sim.tick, object: a.target, cause: 'co-orbital', spec: null, projectileMassKg: mass, impactSpeedKmPerS: RAM_FRAGMENT_SPEED_KMPS, by: asat.owner });
      continue;
    }
    takeStation(sim, ce, te, a.standoffKm);
  }
}

/** Put the ASAT (entity ce) on the target's orbit, standoffKm behind it; effective at the next tick. */
function takeStation(sim: Sim, ce: number, te: number, standoffKm: number): void {
  const p = sim.c.Kinematics.posTemeKm, v = sim.c.Kinematics.velTemeKmps;
  const vt = [v[3 * te], v[3 * te + 1], v[3 * te + 2]];
  const speed = Math.hypot(vt[0], vt[1], vt[2]);
  const pos = [0, 1, 2].map((k) => p[3 * te + k] - (vt[k] / speed) * standoffKm);
  const fit = meanElementsFromState(pos, vt, simTimeMs(sim.time, sim.tick));
  if (!fit.converged) return;
  const stable = sim.c.Identity.stableIndex[ce];
  const old = sim.objects[stable]!;
  const orbit: OrbitalObjectModel['orbit'] = { kind: 'elements', elements: { ...fit.elements, noradId: old.noradId ?? 0 } };
  sim.objects[stable] = { ...old, orbit };
  recordOrbitChange(sim, stable, old.orbit, orbit);
  sim.c.Orbit.satrec[ce] = satrecFrom(orbit);
  sim.order.reload = true;
  sim.order.dirty = true;
}
