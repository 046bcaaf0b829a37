/**
 * Propagates every orbiting object to the current tick with SGP4 (through the propagator backend) and
 * writes TEME position and velocity. An object whose SGP4 fails (decayed, or elements that went out of
 * range) leaves the sim with an `object-left` event: never an exception.
 */
import { removeEntity } from 'bitecs';
import { WHITE_ONLY } from '../events.js';
import { refreshOrder } from '../order.js';
import { satrecErrorText } from '../physics/orbit-sources.js';
import { isoUtc, simTimeMs } from '../time.js';
import { forget } from '../tracks.js';
import type { Sim } from '../sim.js';

/** Positions beyond this on any axis, km, are no Earth orbit (the Moon is at ~400,000 km). */
export const POSITION_KM_MAX = 2_000_000;

export function propagateOrbits(sim: Sim): void {
  refreshOrder(sim);
  const utcMs = simTimeMs(sim.time, sim.tick);
  const out = sim.propagator.run(utcMs);
  const { posTemeKm, velTemeKmps } = sim.c.Kinematics;
  const slots = sim.slots;
  let failed = 0;
  const nonFinite = scratchFor(sim, slots.length);
  for (let i = 0; i < slots.length; i++) {
    const eid = slots[i];
    if (eid === 0) continue;
    if (out.error[i] !== 0) {
      failed++;
      continue;
    }
    const j = 3 * i;
    const k = 3 * eid;
    // SGP4 can return NaN without an error code for elements it accepted (e.g. a NaN drag term), and
    // finite nonsense far past an old epoch: both leave the sim.
    const x = out.posTemeKm[j], y = out.posTemeKm[j + 1], z = out.posTemeKm[j + 2];
    if (!(Math.abs(x) < POSITION_KM_MAX && Math.abs(y) < POSITION_KM_MAX && Math.abs(z) < POSITION_KM_MAX)) {
      nonFinite[i] = 1;
      failed++;
      continue;
    }
    posTemeKm[k] = out.posTemeKm[j];
    posTemeKm[k + 1] = out.posTemeKm[j + 1];
    posTemeKm[k + 2] = out.posTemeKm[j + 2];
    velTemeKmps[k] = out.velTemeKmps[j];
    velTemeKmps[k + 1] = out.velTemeKmps[j + 1];
    velTemeKmps[k + 2] = out.velTemeKmps[j + 2];
  }
  if (failed > 0) removeFailed(sim, out.error, nonFinite, utcMs);
}

/** A per-sim flag array for slots with non-finite output, reused (no allocation per tick). */
const scratch = new WeakMap<Sim, Uint8Array>();
function scratchFor(sim: Sim, n: number): Uint8Array {
  let a = scratch.get(sim);
  if (!a || a.length < n) {
    a = new Uint8Array(Math.max(n, 16));
    scratch.set(sim, a);
  }
  return a;
}

/** Log and remove every object whose propagation failed, in stable order. */
function removeFailed(sim: Sim, error: Int8Array, nonFinite: Uint8Array, utcMs: number): void {
  const timeUtc = isoUtc(utcMs);
  const slots = sim.slots;
  for (let i = 0; i < slots.length; i++) {
    const code = error[i];
    const eid = slots[i];
    const bad = nonFinite[i] === 1;
    nonFinite[i] = 0;
    if ((code === 0 && !bad) || eid === 0) continue;
    const id = sim.ids[sim.c.Identity.stableIndex[eid]];
    sim.events.push(sim.tick, timeUtc, 'object-left', [id], {
      reason: code === 6 ? 'decayed' : 'propagation-failed',
      errorCode: code,
      message: code === 0 ? `SGP4 returned a non-finite position or one beyond ${POSITION_KM_MAX.toLocaleString('en-US')} km` : satrecErrorText(code),
    }, WHITE_ONLY);
    removeObject(sim, eid, i);
  }
  sim.order.dirty = true;
  refreshOrder(sim);
}

/**
 * Take an orbiting object out of the sim: its satrec, every nation's track of it, its id, its entity and
 * its propagator slot (`slot`, or found). The caller logs why and rebuilds the stable lists.
 */
export function removeObject(sim: Sim, eid: number, slot = sim.slots.indexOf(eid)): void {
  const id = sim.ids[sim.c.Identity.stableIndex[eid]];
  sim.c.Orbit.satrec[eid] = undefined;
  forget(sim.tracks, sim.c.Identity.stableIndex[eid], sim.tick);
  sim.eidById.delete(id);
  removeEntity(sim.world, eid);
  if (slot >= 0) {
    sim.slots[slot] = 0;
    sim.deadSlots++;
  }
  sim.order.dirty = true;
}
