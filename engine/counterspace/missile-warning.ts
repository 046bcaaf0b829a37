/**
 * Launch detection and warning. A missile-warning sensor detects a launch:
 *   - space-based infrared (a host satellite, e.g. SBIRS GEO): during the boost phase, when the launch
 *     site is above the horizon seen from the host (the site in the host's view of the Earth: the plume
 *     climbs into view within seconds, Earth-limb clutter is not modelled);
 *   - ground radar (an existing radar sensor, e.g. an early-warning radar): the first tick the
 *     interceptor, on its chord from the site to the intercept point, is within the radar's range,
 *     elevation and azimuth limits, while the radar is not out of action.
 * A cyber effect on the sensor, its host, or its radar blinds it (deny) or leaves it a per-tick chance of
 * detecting (degrade, from the sensor's own stream `warning:<id>`; non-kinetic.ts).
 * Its nation's warning follows `delay` later (one per launch and nation: the first sensor's) (processing and reporting, rounded up to whole steps) as a
 * `missile.warning` item owned by the sensor's nation with the sensor's marking: the owner holds it then,
 * and agreements carry it to partners with their own latency (ew/status.ts publish), so who hears of a
 * launch, and how fast, is decided by sensors and agreements alone.
 *
 * Read next: da-asat.ts (the flights), ew/status.ts (how items travel).
 */
import { nationOnly } from '../events.js';
import { publish } from '../ew/status.js';
import { DEG, ecefToGeodetic, lookAngles, topocentre } from '../physics/frames.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';
import { interceptorEcefKm } from './da-asat.js';
import { linkEffectsOf } from './non-kinetic.js';
import type { Flight } from './state.js';

/** Marking ids of each warning sensor's items, interned once per sim. */
const markingIds = new WeakMap<Sim, Int32Array>();

function markingOf(sim: Sim, w: number): number {
  let ids = markingIds.get(sim);
  if (!ids) {
    ids = Int32Array.from(sim.model.counterspace.warningSensors.map((s) => sim.markings.intern(s.owner, s.marking)));
    markingIds.set(sim, ids);
  }
  return ids[w];
}

/** Detect flights in the air this tick; publish warnings whose delay is over. */
export function detectLaunches(sim: Sim): void {
  const cs = sim.counterspace;
  const sensors = sim.model.counterspace.warningSensors;
  if (sensors.length > 0) {
    const cyber = linkEffectsOf(sim);
    for (const f of cs.flights) {
      if (sim.tick < f.launchTick || sim.tick > f.interceptTick || f.seenBy.size === sensors.length) continue;
      for (let w = 0; w < sensors.length; w++) {
        if (f.seenBy.has(w) || !sees(sim, w, f)) continue;
        // Cyber: a degraded sensor detects with what is left of its chance, drawn from its own stream.
        const factor = cyber.warningFactor[w];
        if (factor < 1 && !(sim.rng.get(`warning:${sensors[w].id}`).next() < factor)) continue;
        f.seenBy.add(w);
        const s = sensors[w];
        const warnTick = sim.tick + Math.ceil(s.delayMs / sim.time.stepMs);
        cs.pendingWarnings.push({ tick: warnTick, flight: f.id, sensor: w, detectedTick: sim.tick });
        sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'launch-detected', [s.id], {
          flight: f.id, sensor: s.id, nation: s.owner, warningUtc: isoUtc(simTimeMs(sim.time, warnTick)),
        }, nationOnly(s.owner, sim.markings.get(markingOf(sim, w)).classification));
      }
    }
  }
  if (cs.pendingWarnings.length === 0) return;
  const due = cs.pendingWarnings.filter((p) => p.tick <= sim.tick);
  if (due.length === 0) return;
  const rest = cs.pendingWarnings.filter((p) => p.tick > sim.tick);
  cs.pendingWarnings.length = 0;
  cs.pendingWarnings.push(...rest);
  for (const p of due) {
    const s = sensors[p.sensor];
    const f = cs.flights.find((x) => x.id === p.flight)!;
    // A nation issues one warning per launch: its first sensor's (later detections are events only).
    const key = `launch:${f.id}:${s.owner}`;
    if (sim.status.held.get(s.owner)?.get(key)?.agreement === null) continue;
    const g = ecefToGeodetic({ x: f.siteEcefKm[0], y: f.siteEcefKm[1], z: f.siteEcefKm[2] });
    publish(sim, {
      product: 'missile.warning', key, owner: s.owner, marking: markingOf(sim, p.sensor), tick: sim.tick,
      payload: {
        launch: f.id, sensorKind: s.kind, sensor: s.id, launchUtc: isoUtc(simTimeMs(sim.time, f.launchTick)), detectedUtc: isoUtc(simTimeMs(sim.time, p.detectedTick)),
        latDeg: Math.round(g.latRad / DEG * 10) / 10, lonDeg: Math.round(g.lonRad / DEG * 10) / 10,
      },
    });
  }
}

/** True when warning sensor w sees flight f at this tick. */
function sees(sim: Sim, w: number, f: Flight): boolean {
  const s = sim.model.counterspace.warningSensors[w];
  if (s.kind === 'infrared') {
    const l = sim.model.counterspace.launchers[f.launcher];
    const boostTicks = Math.ceil((sim.model.counterspace.interceptors[l.interceptor].boostS * 1000) / sim.time.stepMs);
    if (sim.tick > f.launchTick + boostTicks) return false;
    const eid = sim.eidById.get(s.host!);
    if (eid === undefined) return false;
    const p = sim.c.Kinematics.posEcefKm;
    const site = topocentre({ latRad: l.latDeg * DEG, lonRad: l.lonDeg * DEG, altKm: l.altKm });
    return lookAngles(site, { x: p[3 * eid], y: p[3 * eid + 1], z: p[3 * eid + 2] }).elRad > 0;
  }
  const radar = sim.model.sensors.find((x) => x.id === s.radar);
  const reid = sim.eidById.get(s.radar!);
  if (!radar || radar.kind !== 'radar' || reid === undefined || sim.tick < sim.c.Sensor.downUntilTick[reid]) return false;
  const site = sim.model.sites.find((x) => x.id === radar.site)!;
  const topo = topocentre({ latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm });
  const [x, y, z] = interceptorEcefKm(f, sim.tick);
  const look = lookAngles(topo, { x, y, z });
  if (look.rangeKm > radar.rangeKmMax || look.elRad < radar.elevationDegMin * DEG || look.elRad > radar.elevationDegMax * DEG) return false;
  const az = look.azRad / DEG, lo = radar.azimuthDegMin, hi = radar.azimuthDegMax;
  return hi - lo >= 360 || (lo <= hi ? az >= lo && az <= hi : az >= lo || az <= hi);
}
