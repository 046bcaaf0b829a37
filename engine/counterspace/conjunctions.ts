/**
 * Conjunction screening, assessment and collisions.
 *
 * Every `every` (a whole number of steps) the screening at tick t covers [t, t + every): each object in
 * the sim is propagated (the run's own propagator) at t, t + h, ..., t + every, h = `sample`; each
 * interval [t_k, t_k+1] is screened with the grid screener (physics/screening.ts: exactly brute force's
 * pairs for straight-line motion over the interval) at the screening distance plus the curvature margin
 * for h (the most a pair's true relative motion departs from the straight line: no close approach is
 * missed between samples), each pair refined (cubic Hermite between the two samples), and a pair
 * whose refined miss distance is within the screening distance is a conjunction. Its TCA states come
 * from SGP4 at the TCA itself. Screening uses truth: what each nation makes of it is next.
 *
 * Per nation (its own picture): a nation assesses the conjunctions of its own satellites (an operator
 * knows its own to tracking.uncertaintyKmInitial), against objects it holds a track of; others' reach it
 * only as partners' warnings, under agreements;
 * its collision probability is the 2-D Foster integral for isotropic errors (pcIsotropicRice: the Rice
 * series of the same integral) with the combined sigma sqrt(sigma1^2 + sigma2^2) of its two tracks at
 * the TCA and the true miss distance (its tracks are taken as unbiased: what differs between nations is
 * their uncertainty), over the combined hard-body radius. At Pc >= warnPc the nation issues a
 * `conjunction.warning` item: its own, marked with the scenario's conjunction marking made at least as
 * strict as the markings of the two tracks it used, and shared by its agreements like any item.
 *
 * Truth: a pair whose true miss distance is within the sum of the two bodies' radii (sqrt(RCS / pi) each)
 * collides at its TCA tick; both
 * objects break up (debris.ts), each the other's impactor at the relative speed. Fragments of a collision
 * can collide again later (a cascade), bounded by the fragment caps.
 *
 * Read next: physics/screening.ts, physics/collision-probability.ts, scenarios/catalog/write-cdm.ts.
 */
import { sgp4 } from 'satellite.js';
import { WHITE_ONLY } from '../events.js';
import { publish } from '../ew/status.js';
import { logLimitOnce } from '../limits.js';
import { combinedSigmaKm, pcIsotropicRice } from '../physics/collision-probability.js';
import { curvatureMarginKm, refineTcaPair } from '../physics/screening.js';
import { satrecOf } from '../order.js';
import type { Sim } from '../sim.js';
import { POSITION_KM_MAX } from '../systems/propagate-orbits.js';
import { uctDesignation } from '../systems/track-events.js';
import { isoUtc, simTimeMs } from '../time.js';
import { sigmaAt } from '../tracks.js';
import { massOf } from './debris.js';
import { CONJUNCTION_RECORDS_MAX, type ConjunctionRecord } from './state.js';

/** Fastest relative speed of two Earth orbiters (head-on in LEO), km/s: bounds the curvature margin. */
const RELATIVE_SPEED_MAX_KMPS = 16;
/**
 * Pairs closer than this in relative speed are one vehicle or a formation (docked modules share one
 * element set; formation flyers stay together): not conjunctions, never collisions. km/s.
 */
export const CO_MOVING_KMPS = 0.01;
/** Lowest orbit radius screened for the curvature margin, km (~200 km altitude). */
const RADIUS_MIN_KM = 6578;

interface Buffers {
  pos0: Float64Array;
  vel0: Float64Array;
  pos1: Float64Array;
  vel1: Float64Array;
  eids: Uint32Array;
}

const buffers = new WeakMap<Sim, Buffers>();

function buffersFor(sim: Sim, n: number): Buffers {
  let b = buffers.get(sim);
  if (!b || b.eids.length < n) {
    const size = Math.max(n, 1024);
    b = { pos0: new Float64Array(3 * size), vel0: new Float64Array(3 * size), pos1: new Float64Array(3 * size), vel1: new Float64Array(3 * size), eids: new Uint32Array(size) };
    buffers.set(sim, b);
  }
  return b;
}

/** Propagate every live slot to utcMs into pos/vel (compact, live-slot order); returns the count. */
function sample(sim: Sim, utcMs: number, pos: Float64Array, vel: Float64Array, eids: Uint32Array, fillEids: boolean): number {
  const out = sim.propagator.run(utcMs);
  const slots = sim.slots;
  let n = 0;
  for (let i = 0; i < slots.length; i++) {
    const eid = slots[i];
    if (eid === 0) continue;
    if (fillEids) eids[n] = eid;
    const j = 3 * i, k = 3 * n;
    // A failed propagation (decay mid-window), or a position no Earth orbit reaches (SGP4 far past an old
    // epoch can return finite nonsense), is parked beyond the Moon, 100 km from the next: it never pairs,
    // and the screening grid keeps cells sized for real orbits.
    const x = out.posTemeKm[j], y = out.posTemeKm[j + 1], z = out.posTemeKm[j + 2];
    const bad = out.error[i] !== 0 || !(Math.abs(x) < POSITION_KM_MAX && Math.abs(y) < POSITION_KM_MAX && Math.abs(z) < POSITION_KM_MAX);
    pos[k] = bad ? 500_000 + 100 * n : out.posTemeKm[j];
    pos[k + 1] = bad ? 0 : out.posTemeKm[j + 1];
    pos[k + 2] = bad ? 0 : out.posTemeKm[j + 2];
    vel[k] = bad ? 0 : out.velTemeKmps[j];
    vel[k + 1] = bad ? 0 : out.velTemeKmps[j + 1];
    vel[k + 2] = bad ? 0 : out.velTemeKmps[j + 2];
    n++;
  }
  return n;
}

/**
 * For this long after a breakup its fragments are not screened against each other: the cloud is one
 * expanding object, its fragments within a few km of each other and separating at tens to hundreds of
 * m/s (hundreds of thousands of pairs, none a hazard worth a warning); against everything else they are
 * screened from the first tick.
 */
export const FRESH_CLOUD_MS = 3_600_000;

/** True when stable indices s and t are fragments of one of these breakups. */
function sameFreshCloud(fresh: readonly { firstStable: number; lastStable: number }[], s: number, t: number): boolean {
  for (const x of fresh) if (s >= x.firstStable && s <= x.lastStable) return t >= x.firstStable && t <= x.lastStable;
  return false;
}

/** (r_j - r_i) . (v_j - v_i): negative while the pair closes, positive while it recedes. */
function radialRate(pos: Float64Array, vel: Float64Array, i3: number, j3: number): number {
  return (pos[j3] - pos[i3]) * (vel[j3] - vel[i3]) + (pos[j3 + 1] - pos[i3 + 1]) * (vel[j3 + 1] - vel[i3 + 1]) + (pos[j3 + 2] - pos[i3 + 2]) * (vel[j3 + 2] - vel[i3 + 2]);
}

interface Found {
  a: number;
  b: number;
  tcaMs: number;
  missKm: number;
}

/** Screen, assess and warn; schedule collisions. Runs at ticks that are multiples of `every`. */
export function screenConjunctions(sim: Sim): void {
  const conj = sim.model.counterspace.conjunctions;
  const screener = sim.counterspace.screener;
  if (!conj || !screener || sim.tick % conj.everyTicks !== 0) return;
  const lastTick = Math.floor(sim.model.durationMs / sim.time.stepMs);
  if (sim.tick >= lastTick) return;
  const t0 = simTimeMs(sim.time, sim.tick);
  const windowMs = conj.everyTicks * sim.time.stepMs;
  const samples = Math.round(windowMs / conj.sampleMs);
  const hS = conj.sampleMs / 1000;
  const dKm = conj.screeningKm + curvatureMarginKm(conj.screeningKm, hS, RELATIVE_SPEED_MAX_KMPS, RADIUS_MIN_KM);
  const b = buffersFor(sim, sim.slots.length);
  let { pos0, vel0, pos1, vel1 } = b;
  const n = sample(sim, t0, pos0, vel0, b.eids, true);
  const best = new Map<number, Found>();
  // Objects destroyed this tick leave before the next: nothing to warn about.
  const leaving = new Set(sim.order.pendingRemovals);
  const fresh = sim.counterspace.breakups.filter((x) => (sim.tick - x.tick) * sim.time.stepMs < FRESH_CLOUD_MS && x.lastStable >= x.firstStable);
  for (let k = 0; k < samples; k++) {
    sample(sim, t0 + (k + 1) * conj.sampleMs, pos1, vel1, b.eids, false);
    const count = screener.screen(pos0, vel0, n, dKm, hS);
    // Pairs come in (i, j) order, fragments last: a cut that only drops pairs within fresh clouds (not
    // screened anyway) is no loss; one that reaches older objects is.
    if (screener.truncated && !(fresh.length > 0 && count > 0 && sim.c.Identity.stableIndex[b.eids[screener.pairI[count - 1]]] >= fresh[0].firstStable)) {
      logLimitOnce(sim, 'conjunctionPairsMax', conj.pairsMax);
    }
    const I = screener.pairI, J = screener.pairJ;
    const refined = { tcaS: 0, missKm: 0 };
    for (let p = 0; p < count; p++) {
      // Docked and formation pairs move together: not conjunctions, and not worth the refinement.
      const i3 = 3 * I[p], j3 = 3 * J[p];
      if (Math.hypot(vel0[j3] - vel0[i3], vel0[j3 + 1] - vel0[i3 + 1], vel0[j3 + 2] - vel0[i3 + 2]) < CO_MOVING_KMPS) continue;
      refineTcaPair(pos0, vel0, pos1, vel1, I[p], J[p], hS, refined);
      if (refined.missKm > conj.screeningKm) continue;
      // A minimum on the window's edge is no closest approach: still closing at the end (the next
      // screening finds it), already receding at the start (the last one did).
      if (k === samples - 1 && refined.tcaS >= hS * (1 - 1e-9) && radialRate(pos1, vel1, i3, j3) <= 0) continue;
      if (k === 0 && refined.tcaS <= hS * 1e-9 && radialRate(pos0, vel0, i3, j3) > 0) continue;
      const a = b.eids[I[p]], c = b.eids[J[p]];
      if (leaving.size > 0 && (leaving.has(a) || leaving.has(c))) continue;
      if (fresh.length > 0 && sameFreshCloud(fresh, sim.c.Identity.stableIndex[a], sim.c.Identity.stableIndex[c])) continue;
      const sa = sim.c.Identity.stableIndex[a], sc = sim.c.Identity.stableIndex[c];
      const lo = Math.min(sa, sc), hi = Math.max(sa, sc);
      const key = lo * 4_294_967_296 + hi;
      const prev = best.get(key);
      if (!prev && best.size >= conj.pairsMax) {
        logLimitOnce(sim, 'conjunctionPairsMax', conj.pairsMax);
        continue;
      }
      if (!prev || refined.missKm < prev.missKm) best.set(key, { a: lo, b: hi, tcaMs: t0 + k * conj.sampleMs + refined.tcaS * 1000, missKm: refined.missKm });
    }
    [pos0, pos1] = [pos1, pos0];
    [vel0, vel1] = [vel1, vel0];
  }
  b.pos0 = pos0; b.vel0 = vel0; b.pos1 = pos1; b.vel1 = vel1;
  sim.counterspace.screenings++;
  const found = [...best.values()].sort((x, y) => x.tcaMs - y.tcaMs || x.a - y.a || x.b - y.b);
  for (const f of found) assess(sim, f);
}

/** The TEME state of object `stable` at utcMs from its own satrec, or null. */
function stateAt(sim: Sim, stable: number, utcMs: number): { r: [number, number, number]; v: [number, number, number] } | null {
  const eid = sim.eidById.get(sim.ids[stable]);
  if (eid === undefined) return null;
  const satrec = satrecOf(sim, eid);
  // SGP4 at the fractional TCA (minutes from the element epoch): a whole-millisecond date would move a
  // 15 km/s encounter by metres, more than the bodies' size.
  const pv = sgp4(satrec, (utcMs - (satrec.jdsatepoch - 2440587.5) * 86_400_000) / 60_000);
  if (!pv || typeof pv.position !== 'object' || typeof pv.velocity !== 'object') return null;
  return { r: [pv.position.x, pv.position.y, pv.position.z], v: [pv.velocity.x, pv.velocity.y, pv.velocity.z] };
}

function assess(sim: Sim, f: Found): void {
  const conj = sim.model.counterspace.conjunctions!;
  const cs = sim.counterspace;
  const s1 = stateAt(sim, f.a, f.tcaMs), s2 = stateAt(sim, f.b, f.tcaMs);
  if (!s1 || !s2) return;
  const missKm = Math.hypot(s1.r[0] - s2.r[0], s1.r[1] - s2.r[1], s1.r[2] - s2.r[2]);
  const relativeSpeedKmps = Math.hypot(s1.v[0] - s2.v[0], s1.v[1] - s2.v[1], s1.v[2] - s2.v[2]);
  if (relativeSpeedKmps < CO_MOVING_KMPS || missKm > conj.screeningKm) return;
  const id1 = sim.ids[f.a], id2 = sim.ids[f.b];
  const tcaTick = Math.ceil((f.tcaMs - sim.time.epochMs) / sim.time.stepMs);
  const key = `C-${id1}-${id2}-${tcaTick}`;
  const record: ConjunctionRecord = { key, object1: id1, object2: id2, screenTick: sim.tick, tcaMs: f.tcaMs, missKm, relativeSpeedKmps, warned: [], collided: false };
  const hbrKm = conj.hardBodyRadiusM / 1000;
  const tracks = sim.tracks;
  for (let t = 0; t < tracks.tables.length; t++) {
    const table = tracks.tables[t];
    const nation = table.nation;
    const tcaTickClamped = Math.max(sim.tick, tcaTick);
    const sigmaOf = (stable: number): number => {
      if (sim.objects[stable]?.owner === nation) return sim.model.tracking.uncertaintyKmInitial;
      if (stable >= table.updateTick.length || table.updateTick[stable] < 0) return Infinity;
      return sigmaAt(tracks, table.sigmaKm[stable], table.updateTick[stable], tcaTickClamped);
    };
    // A nation screens for its own satellites (as an operator, or its space command for its own assets);
    // others' conjunctions reach it only through agreements.
    if (sim.objects[f.a]?.owner !== nation && sim.objects[f.b]?.owner !== nation) continue;
    const sg1 = sigmaOf(f.a), sg2 = sigmaOf(f.b);
    if (sg1 === Infinity || sg2 === Infinity) continue;
    const pc = pcIsotropicRice(missKm, combinedSigmaKm(sg1, sg2), hbrKm);
    if (!(pc >= conj.warnPc)) continue;
    record.warned.push({ nation, pc });
    // The warning is marked at least as strictly as what it is built on: the nation's tracks of the two
    // objects, and for its own objects, its own marking of them (a NOFORN satellite's warning is NOFORN).
    let marking = sim.markings.intern(nation, conj.marking);
    for (const s of [f.a, f.b]) {
      if (sim.objects[s]?.owner === nation && s < sim.objectMarking.length && sim.objectMarking[s] >= 0) marking = sim.markings.derive(marking, sim.objectMarking[s]);
      if (s < table.lastMarking.length && table.updateTick[s] >= 0 && table.lastMarking[s] >= 0) marking = sim.markings.derive(marking, table.lastMarking[s]);
    }
    const named = (s: number): boolean => sim.objects[s]?.owner === nation || (table.known[s] === 1 && table.realName[s] === 1);
    const object = (s: number, st: typeof s1, sigmaKm: number) => {
      const o = sim.objects[s]!;
      const designation = named(s) ? o.id : uctDesignation(nation, table.uctNumber[s]);
      return { designation, name: named(s) ? o.name : designation, noradId: named(s) ? o.noradId : null, posTemeKm: st!.r, velTemeKmps: st!.v, sigmaKm };
    };
    const o1 = object(f.a, s1, sg1), o2 = object(f.b, s2, sg2);
    // Named as the nation names the objects: never by an id it does not know.
    const name = `C-${o1.designation}-${o2.designation}-${tcaTick}`;
    publish(sim, {
      product: 'conjunction.warning', key: `conj:${nation}:${name}`, owner: nation, marking, tick: sim.tick,
      payload: {
        conjunction: name, object1: o1, object2: o2, tcaUtc: isoUtc(Math.round(f.tcaMs)),
        missKm: Math.round(missKm * 1000) / 1000, relativeSpeedKmps: Math.round(relativeSpeedKmps * 1000) / 1000, pc, hardBodyRadiusM: conj.hardBodyRadiusM,
      },
    });
  }
  // Truth collides on physical size: each body's radius from its radar cross-section, sqrt(RCS / pi)
  // (the warning's hard-body radius is the analyst's conservative envelope, not the bodies).
  const eid1 = sim.eidById.get(id1), eid2 = sim.eidById.get(id2);
  const radiusKm = (eid: number | undefined): number => (eid === undefined ? 0 : Math.sqrt(sim.c.Target.rcsM2[eid] / Math.PI) / 1000);
  if (conj.collisions && missKm <= radiusKm(eid1) + radiusKm(eid2)) {
    record.collided = true;
    const at = Math.max(sim.tick + 1, tcaTick);
    cs.pendingBreakups.push({ tick: at, object: id1, cause: 'collision', spec: null, projectileMassKg: massOf(sim, f.b), impactSpeedKmPerS: relativeSpeedKmps, by: null });
    cs.pendingBreakups.push({ tick: at, object: id2, cause: 'collision', spec: null, projectileMassKg: massOf(sim, f.a), impactSpeedKmPerS: relativeSpeedKmps, by: null });
    sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'collision', [id1, id2], { object1: id1, object2: id2, tcaUtc: isoUtc(Math.round(f.tcaMs)), missKm, relativeSpeedKmps }, WHITE_ONLY);
  }
  if (cs.conjunctions.length < CONJUNCTION_RECORDS_MAX) cs.conjunctions.push(record);
  else cs.conjunctionsDropped++;
}
