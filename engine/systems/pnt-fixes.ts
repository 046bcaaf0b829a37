/**
 * PNT, every tick, for every receiver point: which constellations it may use (not out by an inject,
 * not jammed), how many of their satellites are above its mask, the DOP of their geometry, and whether
 * it has a usable fix (engine/physics/dop.ts, gnss.ts).
 *
 * - Jamming: J/S per constellation = sum over radiating jammers in line of sight of
 *   EIRP(toward the point) + 10 log10(share of the jammer's power inside the signal band)
 *   - Lfs(distance, signal frequency) + G_antenna(toward the jammer) - S, with S the signal's minimum
 *   received power (the interface documents') less any degradation inject. The constellation is jammed
 *   at the point while J/S exceeds the receiver's `jammingToleranceDb`.
 * - Fix: in `multi` mode, every usable constellation together, one clock bias each; in `single` mode,
 *   the first constellation of its list that gives a fix (the fallback order). A fix needs at least as
 *   many satellites as unknowns (3 + one clock per constellation) and PDOP at most `pdopMax`.
 *
 * Hot loop: receiver points against GNSS satellites over typed arrays; the elevation test comes first.
 */
import type { Sim } from '../sim.js';
import { DEG } from '../physics/frames.js';
import { accumulateDop, resetDop, solveDop } from '../physics/dop.js';
import { CONSTELLATIONS, SIGNALS } from '../physics/gnss.js';
import { freeSpaceLossDb, fromDb } from '../physics/link-budget.js';
import { jammerEirpTowardDbw, lineOfSight } from '../ew/jammers.js';
import { updatePlaces } from '../ew/platforms.js';
import { pntChanged } from '../ew/status.js';
import type { EwState } from '../ew/state.js';

const NC = CONSTELLATIONS.length;
/** Per constellation: received signal loss from degradation injects at the current point (dB; Infinity: off). */
const signalLoss = new Float64Array(NC);
/** GNSS satellites this tick, grouped by constellation (stable order within), rebuilt at every call. */
let satEids = new Uint32Array(0);
/** Where each constellation's satellites start in satEids, and end (NC + 1 entries). */
const satStart = new Int32Array(NC + 1);
/** Per jammer this tick at the current point: 1 when it reaches it; its EIRP toward it (dBW) less path loss at 1 GHz. */
let jammerReaches = new Uint8Array(0);
let jammerLevelDb = new Float64Array(0);

export function pntFixes(sim: Sim): void {
  const ew = sim.ew;
  if (sim.model.receivers.length === 0) return;
  updatePlaces(sim, ew.receiverPlaces);
  expireOutages(sim, ew);
  gnssSatellites(sim, ew);
  const rs = ew.receivers;
  const places = ew.receiverPlaces;
  rs.fixNow.fill(0);
  for (let r = 0; r < sim.model.receivers.length; r++) {
    const m = sim.model.receivers[r];
    let usableMask = 0;
    for (const c of m.constellations) usableMask |= 1 << CONSTELLATIONS.indexOf(c);
    const sinMask = Math.sin(m.elevationDegMin * DEG);
    let jammedAny = 0;
    const first = rs.firstPoint[r];
    for (let q = first; q < first + rs.points[r]; q++) {
      if (places.present[q] === 0) {
        rs.fix[q] = 0;
        rs.pointTicks[q]++;
        continue;
      }
      const k = 3 * q;
      outageLosses(ew, places.upEcef[k], places.upEcef[k + 1], places.upEcef[k + 2]);
      const jammed = jammedConstellations(sim, ew, q, m.antennaGainDbi, m.jammingToleranceDb, usableMask);
      rs.jammedMask[q] = jammed;
      jammedAny |= jammed;
      let available = 0;
      for (let c = 0; c < NC; c++) if ((usableMask >> c) & 1 && !(jammed >> c & 1) && signalLoss[c] !== Infinity) available |= 1 << c;
      let used = 0;
      if (m.mode === 'multi') {
        if (solveFor(ew, places, q, available, sinMask, sim.c.Kinematics.posEcefKm) && rs.dop.pdop <= m.pdopMax) used = available;
      } else {
        for (const name of m.constellations) {
          const c = CONSTELLATIONS.indexOf(name);
          if (!((available >> c) & 1)) continue;
          if (solveFor(ew, places, q, 1 << c, sinMask, sim.c.Kinematics.posEcefKm) && rs.dop.pdop <= m.pdopMax) {
            used = 1 << c;
            break;
          }
        }
      }
      rs.used[q] = used;
      rs.fix[q] = used === 0 ? 0 : 1;
      rs.pointFixTicks[q] += rs.fix[q];
      rs.pointTicks[q]++;
      rs.pdop[q] = used === 0 ? Number.NaN : rs.dop.pdop;
      if (used !== 0) rs.fixNow[r]++;
    }
    const n = rs.points[r];
    rs.fixPointTicks[r] += rs.fixNow[r];
    rs.deniedPointTicks[r] += n - rs.fixNow[r];
    const jammedNames = CONSTELLATIONS.filter((_, c) => (jammedAny >> c) & 1);
    pntChanged(sim, r, n > 0 ? rs.fixNow[r] / n : 0, jammedNames);
  }
}

/** The GNSS satellites in orbit now, grouped by constellation, in stable order within each. */
function gnssSatellites(sim: Sim, ew: EwState): number {
  const orbiters = sim.order.orbiters;
  if (satEids.length < orbiters.length) satEids = new Uint32Array(orbiters.length);
  const stable = sim.c.Identity.stableIndex;
  let n = 0;
  for (let c = 0; c < NC; c++) {
    satStart[c] = n;
    for (let i = 0; i < orbiters.length; i++) {
      const s = stable[orbiters[i]];
      if (s < ew.constellationOf.length && ew.constellationOf[s] === c) satEids[n++] = orbiters[i];
    }
  }
  satStart[NC] = n;
  return n;
}

/** Accumulate the satellites of the constellations in `mask` that point q sees, and solve the DOP. */
function solveFor(ew: EwState, places: EwState['receiverPlaces'], q: number, mask: number, sinMask: number, pos: Float64Array): boolean {
  if (mask === 0) return false;
  const dop = ew.receivers.dop;
  resetDop(dop);
  const k = 3 * q;
  const px = places.posEcefKm[k], py = places.posEcefKm[k + 1], pz = places.posEcefKm[k + 2];
  const ux = places.upEcef[k], uy = places.upEcef[k + 1], uz = places.upEcef[k + 2];
  const ex = places.eastEcef[k], ey = places.eastEcef[k + 1], ez = places.eastEcef[k + 2];
  const nx = places.northEcef[k], ny = places.northEcef[k + 1], nz = places.northEcef[k + 2];
  for (let c = 0; c < NC; c++) {
    if (!((mask >> c) & 1)) continue;
    for (let i = satStart[c]; i < satStart[c + 1]; i++) {
      const e3 = 3 * satEids[i];
      const dx = pos[e3] - px, dy = pos[e3 + 1] - py, dz = pos[e3 + 2] - pz;
      const up = dx * ux + dy * uy + dz * uz;
      if (up <= 0) continue;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (up * up < d2 * sinMask * sinMask) continue;
      const d = Math.sqrt(d2);
      accumulateDop(dop, (dx * ex + dy * ey + dz * ez) / d, (dx * nx + dy * ny + dz * nz) / d, up / d, c);
    }
  }
  return solveDop(dop);
}

/** Bitmask of the constellations in `mask` jammed at point q (J/S above the tolerance). */
function jammedConstellations(sim: Sim, ew: EwState, q: number, gainDbi: number, toleranceDb: number, mask: number): number {
  const j = ew.jammers;
  if (jammerReaches.length < j.n) {
    jammerReaches = new Uint8Array(j.n);
    jammerLevelDb = new Float64Array(j.n);
  }
  const places = ew.receiverPlaces;
  const k = 3 * q;
  const px = places.posEcefKm[k], py = places.posEcefKm[k + 1], pz = places.posEcefKm[k + 2];
  // Geometry once per jammer: line of sight, and EIRP toward the point less the path loss at 1 GHz
  // (the loss at f GHz is that plus 20 log10 f).
  let any = false;
  for (let i = 0; i < j.n; i++) {
    jammerReaches[i] = 0;
    if (j.on[i] === 0) continue;
    const kj = 3 * i;
    const jx = j.posEcefKm[kj], jy = j.posEcefKm[kj + 1], jz = j.posEcefKm[kj + 2];
    if (!lineOfSight(jx, jy, jz, j.altKm[i], px, py, pz, places.altKm[q])) continue;
    const dx = px - jx, dy = py - jy, dz = pz - jz;
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    jammerReaches[i] = 1;
    jammerLevelDb[i] = jammerEirpTowardDbw(sim, ew, i, dx, dy, dz, d) - freeSpaceLossDb(d, 1) + gainDbi;
    any = true;
  }
  if (!any) return 0;
  let jammed = 0;
  for (let c = 0; c < NC; c++) {
    if (!((mask >> c) & 1) || signalLoss[c] === Infinity) continue;
    const signal = SIGNALS[CONSTELLATIONS[c]];
    const frequencyTermDb = 20 * Math.log10(signal.centreFrequencyMHz / 1000);
    let sum = 0;
    for (let i = 0; i < j.n; i++) {
      if (jammerReaches[i] === 0) continue;
      const share = ew.jammerShare[i * NC + c];
      if (share <= 0) continue;
      sum += fromDb(jammerLevelDb[i] - frequencyTermDb) * share;
    }
    if (sum === 0) continue;
    const jOverS = 10 * Math.log10(sum) - (signal.minReceivedPowerDbw - signalLoss[c]);
    if (jOverS > toleranceDb) jammed |= 1 << c;
  }
  return jammed;
}

/** Signal losses at a point (its local up, ECEF) from the constellation outages and degradations in force. */
function outageLosses(ew: EwState, ux: number, uy: number, uz: number): void {
  signalLoss.fill(0);
  for (const o of ew.outages.active) {
    if (o.area !== null && !inArea(ux, uy, uz, o.area)) continue;
    signalLoss[o.constellation] = o.signalLossDb === null ? Infinity : Math.max(signalLoss[o.constellation], o.signalLossDb);
  }
}

/**
 * Within the area: the great-circle distance between the point and the area centre, both by geodetic
 * latitude and longitude (the point's local up is its geodetic normal), on a 6371 km sphere.
 */
function inArea(ux: number, uy: number, uz: number, a: { latDeg: number; lonDeg: number; radiusKm: number }): boolean {
  const lat = a.latDeg * DEG, lon = a.lonDeg * DEG;
  const cx = Math.cos(lat) * Math.cos(lon), cy = Math.cos(lat) * Math.sin(lon), cz = Math.sin(lat);
  const cosAngle = ux * cx + uy * cy + uz * cz;
  return Math.acos(Math.max(-1, Math.min(1, cosAngle))) * 6371 <= a.radiusKm;
}

function expireOutages(sim: Sim, ew: EwState): void {
  const active = ew.outages.active;
  for (let i = active.length - 1; i >= 0; i--) if (sim.tick >= active[i].untilTick) active.splice(i, 1);
}
