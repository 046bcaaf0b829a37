/**
 * Direct-ascent ASAT engagements.
 *
 * Order (an asat-launch inject now; a player order through the same function later): the launcher is
 * the one named, else the nation's first with an interceptor left whose class can reach the target. The
 * launching nation must hold a weapons-quality track: its own uncertainty of the target at most the
 * class's `trackKmMax` (custody alone is not enough). Fire control then searches the planning window
 * tick by tick, on the target's true orbit (a weapons-quality track is close to it; the track's error is
 * what trackKmMax bounds), for the earliest intercept tick T with the intercept point
 *   - at most altitudeKmMax high, within rangeKmMax slant range of the site and at least elevationDegMin
 *     above its horizon, and
 *   - reachable in time: the fly-out boostTime + range / speedKmPerS fits between the order and T.
 * The launch is then timed for the intercept: at T minus the fly-out (rounded down to a tick, never
 * before the order). No such tick: the order is refused (`no-solution`), the interceptor kept. Else one
 * interceptor is used and the flight recorded; at T the kill vehicle hits with the class's kill probability, drawn from the
 * flight's own stream (`asat:<launcher>:<n>`), and a hit breaks the target up (debris.ts) with the class's
 * breakup spec, the kill vehicle as impactor, and the closing speed |v_target - v_kv|, v_kv the mean
 * fly-out velocity (intercept point - site) / fly-out time, turned into the inertial frame.
 *
 * In flight the interceptor is on the straight chord from the site to the intercept point, at a fraction
 * (t - launch) / (T - launch) of the way (what ground radars can see of it: missile-warning.ts).
 *
 * Read next: missile-warning.ts (who hears of the launch), debris.ts (what the hit makes).
 */
import { eciToEcf, gstime, propagate } from 'satellite.js';
import { knownAs } from '../glyphs.js';
import { nationOnly, type EventPayloads } from '../events.js';
import type { LauncherModel } from '../model-counterspace.js';
import { DEG, geodeticToEcef, lookAngles, topocentre } from '../physics/frames.js';
import { satrecOf } from '../order.js';
import type { Sim } from '../sim.js';
import { sigmaAt } from '../tracks.js';
import { isoUtc, simTimeMs } from '../time.js';
import { EARTH_RADIUS_KM } from './orbit-geometry.js';
import type { Flight } from './state.js';

/** Most interceptors in flight at once (each a few hundred bytes; a scenario has a handful). */
export const FLIGHTS_MAX = 1000;

export interface InterceptPlan {
  tick: number;
  rangeKm: number;
  altitudeKm: number;
  flyOutS: number;
  interceptEcefKm: [number, number, number];
}

/** The launching nation's uncertainty of the target now, km (Infinity: no track; its own objects: tracking.uncertaintyKmInitial). */
export function trackSigmaKm(sim: Sim, nation: string, stable: number): number {
  // An operator knows its own satellite from its own ephemeris.
  if (sim.objects[stable]?.owner === nation) return sim.model.tracking.uncertaintyKmInitial;
  const t = sim.tracks.tableOfNation[sim.nations.findIndex((n) => n.id === nation)];
  if (t === undefined || t < 0) return Infinity;
  const table = sim.tracks.tables[t];
  if (stable >= table.updateTick.length || table.updateTick[stable] < 0) return Infinity;
  return sigmaAt(sim.tracks, table.sigmaKm[stable], table.updateTick[stable], sim.tick);
}

/** Earliest intercept of `targetId` from launcher `l`, launched at the current tick; null when none in the window. */
export function planIntercept(sim: Sim, l: LauncherModel, targetId: string): InterceptPlan | null {
  const eid = sim.eidById.get(targetId);
  if (eid === undefined) return null;
  const satrec = satrecOf(sim, eid);
  const k = sim.model.counterspace.interceptors[l.interceptor];
  const site = topocentre({ latRad: l.latDeg * DEG, lonRad: l.lonDeg * DEG, altKm: l.altKm });
  const stepS = sim.time.stepMs / 1000;
  const ticks = Math.floor(k.planningWindowMs / sim.time.stepMs);
  const lastTick = Math.floor(sim.model.durationMs / sim.time.stepMs);
  for (let dt = 1; dt <= ticks && sim.tick + dt <= lastTick; dt++) {
    const ms = simTimeMs(sim.time, sim.tick + dt);
    const date = new Date(ms);
    const pv = propagate(satrec, date);
    if (!pv || typeof pv.position !== 'object') continue;
    const ecf = eciToEcf(pv.position, gstime(date));
    const r = Math.hypot(ecf.x, ecf.y, ecf.z);
    // Altitude above the mean equatorial radius is precise enough for a ceiling.
    const altitudeKm = r - EARTH_RADIUS_KM;
    if (altitudeKm > k.altitudeKmMax) continue;
    const look = lookAngles(site, ecf);
    if (look.rangeKm > k.rangeKmMax || look.elRad < k.elevationDegMin * DEG) continue;
    const flyOutS = k.boostS + look.rangeKm / k.speedKmPerS;
    if (flyOutS > dt * stepS) continue;
    return { tick: sim.tick + dt, rangeKm: look.rangeKm, altitudeKm, flyOutS, interceptEcefKm: [ecf.x, ecf.y, ecf.z] };
  }
  return null;
}

/**
 * Order a DA-ASAT launch by `nation` at `targetId` (from launcher `launcherId`, or the nation's first
 * usable). Logs `asat-launch` or `asat-refused`; returns the flight or null.
 */
export function orderAsatLaunch(sim: Sim, nation: string, targetId: string, launcherId: string | null): Flight | null {
  const cs = sim.counterspace;
  const model = sim.model.counterspace;
  const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
  // The launching nation is told of its target by the name it knows it by.
  const named = knownAs(sim, nation, targetId);
  const refuse = (launcher: string | null, reason: EventPayloads['asat-refused']['reason'], detail: string): null => {
    sim.events.push(sim.tick, timeUtc, 'asat-refused', [named], { launcher, nation, target: named, reason, detail: detail.split(`'${targetId}'`).join(`'${named}'`) }, nationOnly(nation));
    return null;
  };
  const candidates = model.launchers.map((l, i) => ({ l, i })).filter(({ l }) => (launcherId === null ? l.owner === nation : l.id === launcherId && l.owner === nation));
  if (candidates.length === 0) return refuse(launcherId, 'no-launcher', launcherId === null ? `${nation} has no DA-ASAT launcher` : `launcher '${launcherId}' does not belong to ${nation}`);
  const eid = sim.eidById.get(targetId);
  if (eid === undefined) return refuse(launcherId, 'target-gone', `'${targetId}' is no longer in orbit`);
  const stable = sim.c.Identity.stableIndex[eid];
  const sigma = trackSigmaKm(sim, nation, stable);
  const withStock = candidates.filter(({ i }) => cs.inventory[i] > 0);
  if (withStock.length === 0) return refuse(candidates[0].l.id, 'no-inventory', `no interceptor left at ${candidates.map(({ l }) => l.id).join(', ')}`);
  const tracked = withStock.filter(({ l }) => sigma <= model.interceptors[l.interceptor].trackKmMax);
  if (tracked.length === 0) {
    const need = Math.max(...withStock.map(({ l }) => model.interceptors[l.interceptor].trackKmMax));
    return refuse(withStock[0].l.id, 'no-track', sigma === Infinity
      ? `${nation} holds no track of '${targetId}': a launch needs a weapons-quality track (uncertainty <= ${need} km)`
      : `${nation}'s track of '${targetId}' is uncertain to ${sigma.toFixed(1)} km, over the ${need} km a weapons-quality track needs`);
  }
  for (const { l, i } of tracked) {
    const plan = planIntercept(sim, l, targetId);
    if (!plan) continue;
    if (cs.flights.length >= FLIGHTS_MAX) return refuse(l.id, 'flights-limit', `${FLIGHTS_MAX} interceptors already flown in this run (the run's limit)`);
    cs.inventory[i]--;
    const site = geodeticToEcef({ latRad: l.latDeg * DEG, lonRad: l.lonDeg * DEG, altKm: l.altKm });
    const flight: Flight = {
      id: `L-${cs.flights.length + 1}`, launcher: i, nation, target: targetId, launchTick: Math.max(sim.tick, plan.tick - Math.ceil((plan.flyOutS * 1000) / sim.time.stepMs)), interceptTick: plan.tick,
      siteEcefKm: [site.x, site.y, site.z], interceptEcefKm: plan.interceptEcefKm, flyOutS: plan.flyOutS, seenBy: new Set(), outcome: 'in-flight',
    };
    cs.flights.push(flight);
    sim.events.push(sim.tick, timeUtc, 'asat-launch', [named, l.id], {
      flight: flight.id, launcher: l.id, nation, target: named, launchUtc: isoUtc(simTimeMs(sim.time, flight.launchTick)), interceptUtc: isoUtc(simTimeMs(sim.time, plan.tick)),
      flyOutS: Math.round(plan.flyOutS), rangeKm: Math.round(plan.rangeKm), altitudeKm: Math.round(plan.altitudeKm),
    }, nationOnly(nation));
    return flight;
  }
  const k = model.interceptors[tracked[0].l.interceptor];
  return refuse(tracked[0].l.id, 'no-solution', `no intercept of '${targetId}' within ${k.planningWindowMs / 3_600_000} h: it never passes below ${k.altitudeKmMax} km within ${k.rangeKmMax} km and ${k.elevationDegMin} deg of the site in time`);
}

/** The interceptor's Earth-fixed position at `tick` (on the chord), km. */
export function interceptorEcefKm(f: Flight, tick: number): [number, number, number] {
  const s = Math.min(1, Math.max(0, (tick - f.launchTick) / (f.interceptTick - f.launchTick)));
  return [
    f.siteEcefKm[0] + (f.interceptEcefKm[0] - f.siteEcefKm[0]) * s,
    f.siteEcefKm[1] + (f.interceptEcefKm[1] - f.siteEcefKm[1]) * s,
    f.siteEcefKm[2] + (f.interceptEcefKm[2] - f.siteEcefKm[2]) * s,
  ];
}

/** Flights whose intercept tick is now: draw hit or miss, schedule the breakup of a hit target. */
export function resolveIntercepts(sim: Sim): void {
  const cs = sim.counterspace;
  for (const f of cs.flights) {
    if (f.outcome !== 'in-flight' || f.interceptTick !== sim.tick) continue;
    const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
    const eid = sim.eidById.get(f.target);
    if (eid === undefined) {
      f.outcome = 'target-gone';
      const named = knownAs(sim, f.nation, f.target);
      sim.events.push(sim.tick, timeUtc, 'asat-intercept', [named], { flight: f.id, target: named, hit: false, closingSpeedKmps: 0 }, nationOnly(f.nation));
      continue;
    }
    const l = sim.model.counterspace.launchers[f.launcher];
    const k = sim.model.counterspace.interceptors[l.interceptor];
    const closing = closingSpeedKmps(sim, f, eid);
    const hit = sim.rng.get(`asat:${l.id}:${f.id}`).next() < k.killProbability;
    f.outcome = hit ? 'hit' : 'miss';
    const named = knownAs(sim, f.nation, f.target);
    sim.events.push(sim.tick, timeUtc, 'asat-intercept', [named], { flight: f.id, target: named, hit, closingSpeedKmps: Math.round(closing * 100) / 100 }, nationOnly(f.nation));
    if (hit) {
      cs.pendingBreakups.push({ tick: sim.tick, object: f.target, cause: 'asat', spec: k.breakup, projectileMassKg: k.killVehicleMassKg, impactSpeedKmPerS: closing, by: f.nation });
    }
  }
}

/** |v_target - v_kv| at the intercept, km/s, v_kv the mean fly-out velocity in the inertial frame. */
function closingSpeedKmps(sim: Sim, f: Flight, eid: number): number {
  const c = Math.cos(sim.gmstRad), s = Math.sin(sim.gmstRad);
  const dx = (f.interceptEcefKm[0] - f.siteEcefKm[0]) / f.flyOutS, dy = (f.interceptEcefKm[1] - f.siteEcefKm[1]) / f.flyOutS, dz = (f.interceptEcefKm[2] - f.siteEcefKm[2]) / f.flyOutS;
  // Earth-fixed to TEME: rotate by +GMST.
  const kx = c * dx - s * dy, ky = s * dx + c * dy, kz = dz;
  const v = sim.c.Kinematics.velTemeKmps;
  return Math.hypot(v[3 * eid] - kx, v[3 * eid + 1] - ky, v[3 * eid + 2] - kz);
}
