/**
 * Map overlays for a view, as JSON: sensor coverage, jammers, GNSS availability, SATCOM links, ASAT
 * fly-outs and launch warnings, conjunction alerts, and the few numbers the viewer charts. A nation's
 * overlays come from what it holds: its own sensors and terminals and receivers, and the status items
 * (link and PNT status, located jammers, launch and conjunction warnings) its picture holds, its own and
 * partners' (engine/picture.ts statusesFor). The white cell's truth view shows the scenario's truth.
 *
 * Sensor coverage is drawn as the ground circle within which an object at COVERAGE_ALT_KM is above the
 * sensor's elevation mask and within its range: an indication for the map, not the sensor model.
 */
import { ecefToGeodetic } from '../../engine/physics/frames.js';
import { isoUtc, simTimeMs, statusesFor, type Sim } from '../../engine/index.js';
import type { Overlays } from '../protocol.js';

export type { Overlays };

/** Altitude the coverage circles are drawn for (a typical low Earth orbit), km. */
export const COVERAGE_ALT_KM = 800;
const RE = 6378.137;
const DEG = Math.PI / 180;

function geo(ecef: ArrayLike<number>, k: number): [number, number] {
  const g = ecefToGeodetic({ x: ecef[k], y: ecef[k + 1], z: ecef[k + 2] });
  return [g.latRad / DEG, g.lonRad / DEG];
}

/** Ground radius, km, within which an object at `altKm` is above `elevationDeg` and within `rangeKm`. */
export function coverageRadiusKm(elevationDeg: number, rangeKm: number, altKm = COVERAGE_ALT_KM): number {
  const e = Math.max(0, elevationDeg) * DEG;
  // Earth-central angle to the point where the object is seen at elevation e.
  const lambdaMask = Math.acos((RE * Math.cos(e)) / (RE + altKm)) - e;
  // ... and where its slant range reaches rangeKm (law of cosines), if that is nearer.
  const r = RE + altKm;
  const cosRange = (RE * RE + r * r - rangeKm * rangeKm) / (2 * RE * r);
  const lambdaRange = cosRange >= 1 ? 0 : cosRange <= -1 ? Math.PI : Math.acos(cosRange);
  return RE * Math.max(0, Math.min(lambdaMask, lambdaRange));
}

export function overlaysFor(sim: Sim, nations: readonly string[]): Overlays {
  const truth = nations.length === 0;
  const m = sim.model;
  const sites = new Map(m.sites.map((s) => [s.id, s]));
  const sensors: Overlays['sensors'] = [];
  for (const s of m.sensors) {
    if (!truth && !nations.includes(s.owner)) continue;
    if (s.kind === 'space') continue;
    const site = sites.get(s.site);
    if (!site) continue;
    const eid = sim.eidById.get(s.id);
    const down = eid === undefined || sim.c.Sensor.downUntilTick[eid] > sim.tick;
    sensors.push({ id: s.id, kind: s.kind, owner: s.owner, latDeg: site.latDeg, lonDeg: site.lonDeg, radiusKm: Math.round(coverageRadiusKm(s.elevationDegMin, s.rangeKmMax)), down });
  }
  const ew = sim.ew;
  const held = truth ? null : nations.map((n) => statusesFor(sim, n));
  const jammers: Overlays['jammers'] = [];
  if (truth) {
    m.jammers.forEach((j, i) => {
      if (!ew.jammers.present[i]) return;
      const [latDeg, lonDeg] = geo(ew.jammers.posEcefKm, 3 * i);
      jammers.push({ id: j.id, latDeg, lonDeg, on: ew.jammers.on[i] === 1, uncertaintyKm: null, band: j.band });
    });
  } else {
    const seen = new Set<string>();
    for (const h of held!) for (const f of h.emitters) {
      if (seen.has(f.status.designation)) continue;
      seen.add(f.status.designation);
      jammers.push({ id: f.status.designation, latDeg: f.status.latDeg, lonDeg: f.status.lonDeg, on: true, uncertaintyKm: f.status.uncertaintyKm, band: f.status.band });
    }
  }
  const pnt: Overlays['pnt'] = [];
  const rx = ew.receivers;
  const fixByReceiver = new Map<string, number>();
  if (!truth) for (const h of held!) for (const p of h.pnt) fixByReceiver.set(p.status.receiver, p.status.fixFraction);
  m.receivers.forEach((r, i) => {
    if (!truth && !fixByReceiver.has(r.id)) return;
    const first = rx.firstPoint[i], count = rx.points[i];
    const points: [number, number, number][] = [];
    let fixes = 0;
    for (let k = first; k < first + count; k++) {
      const [lat, lon] = geo(ew.receiverPlaces.posEcefKm, 3 * k);
      const fix = rx.fix[k];
      fixes += fix;
      points.push([Math.round(lat * 100) / 100, Math.round(lon * 100) / 100, truth ? fix : -1]);
    }
    pnt.push({ receiver: r.id, fixFraction: truth ? (count > 0 ? fixes / count : 0) : fixByReceiver.get(r.id)!, points });
  });
  const satcom: Overlays['satcom'] = [];
  const linkOf = new Map<string, { up: boolean; jammed: boolean; transponder: string | null }>();
  if (!truth) for (const h of held!) for (const l of h.satcom) linkOf.set(l.status.terminal, l.status);
  m.terminals.forEach((t, i) => {
    const status = truth ? { up: ew.terminals.up[i] === 1, jammed: ew.terminals.jammed[i] === 1, transponder: ew.terminals.transponder[i] >= 0 ? m.transponders[ew.terminals.transponder[i]].id : null } : linkOf.get(t.id);
    if (!status || !ew.terminals.present[i]) return;
    const [latDeg, lonDeg] = geo(ew.terminals.posEcefKm, 3 * i);
    const tp = status.transponder === null ? undefined : m.transponders.find((x) => x.id === status.transponder);
    satcom.push({ terminal: t.id, latDeg, lonDeg, satellite: tp ? tp.satellite : null, up: status.up, jammed: status.jammed });
  });
  const asat: Overlays['asat'] = [];
  if (truth) {
    for (const f of sim.counterspace.flights) {
      const g = (e: readonly [number, number, number]): [number, number] => {
        const d = ecefToGeodetic({ x: e[0], y: e[1], z: e[2] });
        return [d.latRad / DEG, d.lonRad / DEG];
      };
      const utc = (tick: number): string => isoUtc(simTimeMs(sim.time, tick));
      asat.push({ id: f.id, from: g(f.siteEcefKm), to: g(f.interceptEcefKm), launchUtc: utc(f.launchTick), interceptUtc: utc(f.interceptTick), outcome: f.outcome });
    }
  } else {
    const seen = new Set<string>();
    for (const h of held!) for (const w of h.launchWarnings) {
      if (seen.has(w.status.launch)) continue;
      seen.add(w.status.launch);
      asat.push({ id: w.status.launch, from: [w.status.latDeg, w.status.lonDeg], to: null, launchUtc: w.status.launchUtc, interceptUtc: null, outcome: 'warned' });
    }
  }
  const conjunctions: Overlays['conjunctions'] = [];
  const seenC = new Set<string>();
  for (const n of truth ? sim.tracks.nations : nations) {
    for (const c of statusesFor(sim, n).conjunctions) {
      const key = `${c.owner}:${c.status.conjunction}`;
      if (seenC.has(key)) continue;
      seenC.add(key);
      const s = c.status;
      conjunctions.push({ id: s.conjunction, object1: s.object1.designation, object2: s.object2.designation, tcaUtc: s.tcaUtc, missKm: s.missKm, pc: s.pc, by: c.owner });
    }
  }
  const levels = m.classificationLevels;
  let level = truth ? levels.length - 1 : 0;
  if (!truth) {
    for (const n of nations) {
      const table = sim.tracks.tables[sim.tracks.nations.indexOf(n)];
      for (let s = 0; s < sim.tracks.size; s++) if (table.updateTick[s] >= 0 && table.maxLevel[s] > level) level = table.maxLevel[s];
    }
    for (const h of held!) for (const list of [h.satcom, h.pnt, h.emitters, h.launchWarnings, h.conjunctions]) for (const v of list as { marking: string }[]) {
      const k = levels.findIndex((l) => v.marking.startsWith(l));
      if (k > level) level = k;
    }
  }
  return { classification: levels[level], sensors, jammers, pnt, satcom, asat, conjunctions };
}
