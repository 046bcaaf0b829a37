/**
 * SATCOM links, every tick: each terminal (highest priority first, then scenario order) takes the first
 * transponder of its preference list that it may use (its own nation's, or under an agreement in force
 * carrying `satcom.access` from the operator), that is above its elevation mask, has room
 * (`terminalsMax`) and closes the link; failing that it stays on the first usable one, down.
 *
 * The link budget of a transparent (bent-pipe) transponder, in dB (engine/physics/link-budget.ts):
 *   uplink    C/N0 = EIRP_terminal - Lfs(up) - L_atm - L_point + G/T_sat - L_beam(terminal) - k
 *   downlink  C/N0 = EIRP_sat - L_beam(terminal) - Lfs(down) - L_atm - L_point + G/T_terminal - k
 *   jamming   over the terminal's own carrier (its centre and occupied bandwidth in the transponder):
 *             uplink: every jammer in view of the satellite whose band overlaps the carrier adds
 *             J0/N0 = EIRP_jammer(toward sat)/B_j * (share of the carrier band it covers) - Lfs - L_atm
 *             + G/T_sat - L_beam(jammer) - k; downlink: every jammer the terminal sees whose band
 *             overlaps the carrier adds J0/N0 through the terminal's off-axis gain toward it (ITU-R S.465);
 *             each leg becomes C/(N0 + J0) = C/N0 - 10 log10(1 + J0/N0)
 *   combined  1/(C/N0) = 1/(C/N0)up + 1/(C/N0)down (linear); margin = combined - required (Eb/N0 + 10 log Rb)
 * The link is up while the margin is not negative. Atmospheric loss is clear-sky, by band, over
 * sin(elevation); the transponder's EIRP is what one carrier gets. The satellite operator notices an
 * uplink jammer once J0/N0 at the satellite exceeds 0 dB (a `jamming-detected` event), and geolocates it
 * after GEOLOCATION_TICKS of jamming (ew/status.ts).
 */
import type { Sim } from '../sim.js';
import { linkEffectsOf } from '../counterspace/non-kinetic.js';
import { DEG } from '../physics/frames.js';
import { earthHalfAngleDeg, earthStationGainDbi, globalBeamLossDb, spotBeamLossDb } from '../physics/antenna.js';
import {
  atmosphericLossDb, bandOverlapFraction, BOLTZMANN_DBW_PER_K_HZ, cOverN0PlusJ0DbHz, combineCn0DbHz, freeSpaceLossDb, fromDb, ZENITH_LOSS_DB_BY_BAND,
} from '../physics/link-budget.js';
import { jammerEirpTowardDbw, lineOfSight, updateJammers } from '../ew/jammers.js';
import { updatePlaces } from '../ew/platforms.js';
import { linkChanged, noticeUplinkJamming } from '../ew/status.js';
import { accessAllowed } from '../ew/access.js';
import type { EwState } from '../ew/state.js';

/** A jammer that costs a leg this much (J0 = N0) counts as jamming it, dB. */
export const JAMMED_J0_OVER_N0_DB = 0;

const satScratch = new Float64Array(3);
/** Per transponder, this tick: its satellite's position (3 each), whether it is in orbit, the Earth's half-angle from it. */
let satPos = new Float64Array(0);
let satPresent = new Uint8Array(0);
let earthHalf = new Float64Array(0);

export function satcomLinks(sim: Sim): void {
  const ew = sim.ew;
  updatePlaces(sim, ew.terminals);
  updatePlaces(sim, ew.jammers);
  updateJammers(sim, ew);
  placeSatellites(sim, ew);
  uplinkJamming(sim, ew);
  const t = ew.terminals;
  ew.transponders.served.fill(0);
  for (let o = 0; o < t.order.length; o++) {
    const i = t.order[o];
    const before = t.up[i];
    const beforeTransponder = t.transponder[i];
    serve(sim, ew, i);
    if (t.up[i] === 1) t.upTicks[i]++;
    else {
      t.downTicks[i]++;
      if (t.jammed[i] === 1) t.jammedDownTicks[i]++;
    }
    if (before !== t.up[i] || beforeTransponder !== t.transponder[i] || sim.tick === 0) linkChanged(sim, i);
  }
  noticeUplinkJamming(sim, ew);
}

/** Every transponder's satellite this tick (once per tick, not per terminal). */
function placeSatellites(sim: Sim, ew: EwState): void {
  const n = sim.model.transponders.length;
  if (satPresent.length < n) {
    satPos = new Float64Array(3 * n);
    satPresent = new Uint8Array(n);
    earthHalf = new Float64Array(n);
  }
  const pos = sim.c.Kinematics.posEcefKm;
  for (let x = 0; x < n; x++) {
    const eid = sim.eidById.get(ew.transponders.satellite[x]);
    satPresent[x] = eid === undefined ? 0 : 1;
    if (eid === undefined) continue;
    satPos[3 * x] = pos[3 * eid];
    satPos[3 * x + 1] = pos[3 * eid + 1];
    satPos[3 * x + 2] = pos[3 * eid + 2];
    earthHalf[x] = earthHalfAngleDeg(Math.sqrt(satPos[3 * x] ** 2 + satPos[3 * x + 1] ** 2 + satPos[3 * x + 2] ** 2));
  }
}

/** Put transponder `x`'s satellite in satScratch (ECEF, km); false when it left the sim. */
function satelliteAt(_sim: Sim, _ew: EwState, x: number): boolean {
  if (satPresent[x] === 0) return false;
  satScratch[0] = satPos[3 * x];
  satScratch[1] = satPos[3 * x + 1];
  satScratch[2] = satPos[3 * x + 2];
  return true;
}

/** Beam loss toward a point (ECEF) from the satellite at satScratch, dB. */
function beamLossDb(sim: Sim, x: number, px: number, py: number, pz: number): number {
  const beam = sim.model.transponders[x].beam;
  const sx = satScratch[0], sy = satScratch[1], sz = satScratch[2];
  const dx = px - sx, dy = py - sy, dz = pz - sz;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (beam.kind === 'global') {
    const r = Math.sqrt(sx * sx + sy * sy + sz * sz);
    const c = (-(dx * sx + dy * sy + dz * sz)) / (d * r);
    return globalBeamLossDb(Math.acos(Math.max(-1, Math.min(1, c))) / DEG, earthHalf[x]);
  }
  const centre = beamCentre(sim, x, beam.latDeg, beam.lonDeg);
  const cx = centre[0] - sx, cy = centre[1] - sy, cz = centre[2] - sz;
  const c = (dx * cx + dy * cy + dz * cz) / (d * Math.sqrt(cx * cx + cy * cy + cz * cz));
  return spotBeamLossDb(Math.acos(Math.max(-1, Math.min(1, c))) / DEG, beam.halfAngleDeg);
}

const centres = new WeakMap<Sim, Map<number, Float64Array>>();
function beamCentre(sim: Sim, x: number, latDeg: number, lonDeg: number): Float64Array {
  let m = centres.get(sim);
  if (!m) centres.set(sim, (m = new Map()));
  let v = m.get(x);
  if (!v) {
    const lat = latDeg * DEG, lon = lonDeg * DEG;
    // On the ellipsoid; the loss is an angle from the satellite, insensitive to metres.
    const a = 6378.137, e2 = 0.00669437999014;
    const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    v = Float64Array.of(n * Math.cos(lat) * Math.cos(lon), n * Math.cos(lat) * Math.sin(lon), n * (1 - e2) * Math.sin(lat));
    m.set(x, v);
  }
  return v;
}

/**
 * Every radiating jammer's density at each transponder's receiver (tr.uplinkJammerDb), and the J0/N0 the
 * operator sees averaged over the whole transponder band (the share of the band the jammer covers).
 */
function uplinkJamming(sim: Sim, ew: EwState): void {
  const j = ew.jammers;
  const trs = sim.model.transponders;
  const per = ew.transponders.uplinkJammerDb;
  for (let x = 0; x < trs.length; x++) {
    let sum = 0;
    const present = satelliteAt(sim, ew, x);
    const tr = trs[x];
    for (let i = 0; i < j.n; i++) {
      per[x * j.n + i] = Number.NEGATIVE_INFINITY;
      if (!present || j.on[i] === 0) continue;
      const m = sim.model.jammers[i];
      const overlap = bandOverlapFraction(m.frequencyGHz, m.bandwidthMHz, tr.uplinkGHz, tr.bandwidthMHz);
      if (overlap <= 0) continue;
      const k = 3 * i;
      const jx = j.posEcefKm[k], jy = j.posEcefKm[k + 1], jz = j.posEcefKm[k + 2];
      const dx = satScratch[0] - jx, dy = satScratch[1] - jy, dz = satScratch[2] - jz;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (!lineOfSight(jx, jy, jz, j.altKm[i], satScratch[0], satScratch[1], satScratch[2], 1e9)) continue;
      const el = Math.asin(Math.max(-1, Math.min(1, (dx * j.upEcef[k] + dy * j.upEcef[k + 1] + dz * j.upEcef[k + 2]) / d)));
      const atm = j.altKm[i] < 100 ? atmosphericLossDb(ZENITH_LOSS_DB_BY_BAND[tr.band], el) : 0;
      const level = jammerEirpTowardDbw(sim, ew, i, dx, dy, dz, d) - 10 * Math.log10(m.bandwidthMHz * 1e6)
        - freeSpaceLossDb(d, tr.uplinkGHz) - atm + tr.gOverTDbPerK - beamLossDb(sim, x, jx, jy, jz) - BOLTZMANN_DBW_PER_K_HZ;
      per[x * j.n + i] = level;
      sum += fromDb(level) * overlap;
    }
    ew.transponders.uplinkJ0OverN0Db[x] = sum > 0 ? 10 * Math.log10(sum) : Number.NEGATIVE_INFINITY;
  }
}

/** J0/N0 over terminal i's uplink carrier on transponder x, from every jammer reaching the satellite, dB. */
function uplinkCarrierJamming(sim: Sim, ew: EwState, i: number, x: number): number {
  const j = ew.jammers;
  const m = sim.model.terminals[i];
  const tr = sim.model.transponders[x];
  const centreGHz = tr.uplinkGHz + m.carrierOffsetMHz / 1000;
  let sum = 0;
  for (let q = 0; q < j.n; q++) {
    const level = ew.transponders.uplinkJammerDb[x * j.n + q];
    if (level === Number.NEGATIVE_INFINITY) continue;
    const jm = sim.model.jammers[q];
    const overlap = bandOverlapFraction(jm.frequencyGHz, jm.bandwidthMHz, centreGHz, m.carrierBandwidthMHz);
    if (overlap > 0) sum += fromDb(level) * overlap;
  }
  return sum > 0 ? 10 * Math.log10(sum) : Number.NEGATIVE_INFINITY;
}

/** Choose terminal i's transponder and work its link for this tick. */
function serve(sim: Sim, ew: EwState, i: number): void {
  const t = ew.terminals;
  const m = sim.model.terminals[i];
  t.transponder[i] = -1;
  t.up[i] = 0;
  t.jammed[i] = 0;
  t.marginDb[i] = Number.NEGATIVE_INFINITY;
  const cyber = linkEffectsOf(sim);
  if (t.present[i] === 0 || cyber.terminalLossDb[i] === Infinity) return;
  let fallback = -1;
  let fallbackMargin = Number.NEGATIVE_INFINITY;
  let fallbackJammed = 0;
  for (const x of t.preferences[i]) {
    const tr = sim.model.transponders[x];
    if (!accessAllowed(sim, m.owner, tr.owner)) continue;
    if (cyber.transponderLossDb[x] === Infinity) continue;
    if (!satelliteAt(sim, ew, x)) continue;
    const link = budget(sim, ew, i, x);
    if (link === null) continue;
    const full = tr.terminalsMax !== null && ew.transponders.served[x] >= tr.terminalsMax;
    if (!full && link.margin >= 0) {
      t.transponder[i] = x;
      t.up[i] = 1;
      t.marginDb[i] = link.margin;
      t.jammed[i] = link.jammed ? 1 : 0;
      keepBudget(ew, i, link);
      ew.transponders.served[x]++;
      return;
    }
    if (fallback < 0) {
      fallback = x;
      fallbackMargin = link.margin;
      fallbackJammed = link.jammed ? 1 : 0;
      keepBudget(ew, i, link);
    }
  }
  if (fallback < 0) keepBudget(ew, i, null);
  t.transponder[i] = fallback;
  t.marginDb[i] = fallbackMargin;
  t.jammed[i] = fallbackJammed;
}

const linkResult = { margin: 0, jammed: false, elevationDeg: 0, up: 0, down: 0, upJ: 0, downJ: 0 };

/** Keep the budget's parts for terminal i (the analyst's breakdown in the summary). */
function keepBudget(ew: EwState, i: number, link: typeof linkResult | null): void {
  const b = ew.terminals.budget;
  const k = 5 * i;
  if (link === null) {
    b.fill(Number.NaN, k, k + 5);
    return;
  }
  b[k] = link.elevationDeg;
  b[k + 1] = link.up;
  b[k + 2] = link.down;
  b[k + 3] = link.upJ;
  b[k + 4] = link.downJ;
}

/** The link budget of terminal i through transponder x (satellite at satScratch), or null when below the mask. */
function budget(sim: Sim, ew: EwState, i: number, x: number): typeof linkResult | null {
  const t = ew.terminals;
  const m = sim.model.terminals[i];
  const tr = sim.model.transponders[x];
  const k = 3 * i;
  const px = t.posEcefKm[k], py = t.posEcefKm[k + 1], pz = t.posEcefKm[k + 2];
  const dx = satScratch[0] - px, dy = satScratch[1] - py, dz = satScratch[2] - pz;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const sinEl = (dx * t.upEcef[k] + dy * t.upEcef[k + 1] + dz * t.upEcef[k + 2]) / d;
  const el = Math.asin(Math.max(-1, Math.min(1, sinEl)));
  if (el < m.elevationDegMin * DEG) return null;
  const beamLoss = beamLossDb(sim, x, px, py, pz);
  const atmUp = atmosphericLossDb(ZENITH_LOSS_DB_BY_BAND[tr.band], el);
  const up = m.eirpDbw - freeSpaceLossDb(d, tr.uplinkGHz) - atmUp - m.pointingLossDb + tr.gOverTDbPerK - beamLoss - BOLTZMANN_DBW_PER_K_HZ;
  const down = tr.eirpDbw - beamLoss - freeSpaceLossDb(d, tr.downlinkGHz) - atmUp - m.pointingLossDb + m.gOverTDbPerK - BOLTZMANN_DBW_PER_K_HZ;
  const upJ = uplinkCarrierJamming(sim, ew, i, x);
  const downJ = downlinkJamming(sim, ew, i, tr.downlinkGHz + m.carrierOffsetMHz / 1000, m.carrierBandwidthMHz, dx / d, dy / d, dz / d);
  const upEff = upJ === Number.NEGATIVE_INFINITY ? up : cOverN0PlusJ0DbHz(up, upJ);
  const downEff = downJ === Number.NEGATIVE_INFINITY ? down : cOverN0PlusJ0DbHz(down, downJ);
  const cyber = linkEffectsOf(sim);
  linkResult.margin = combineCn0DbHz(upEff, downEff) - m.requiredCn0DbHz - cyber.transponderLossDb[x] - cyber.terminalLossDb[i];
  linkResult.jammed = upJ > JAMMED_J0_OVER_N0_DB || downJ > JAMMED_J0_OVER_N0_DB;
  linkResult.elevationDeg = el / DEG;
  linkResult.up = up;
  linkResult.down = down;
  linkResult.upJ = upJ;
  linkResult.downJ = downJ;
  return linkResult;
}

/** J0/N0 over terminal i's downlink carrier (its antenna pointing along ux,uy,uz), from every jammer it sees, dB. */
function downlinkJamming(sim: Sim, ew: EwState, i: number, fGHz: number, bandwidthMHz: number, ux: number, uy: number, uz: number): number {
  const t = ew.terminals;
  const j = ew.jammers;
  const m = sim.model.terminals[i];
  const k = 3 * i;
  const px = t.posEcefKm[k], py = t.posEcefKm[k + 1], pz = t.posEcefKm[k + 2];
  let sum = 0;
  for (let q = 0; q < j.n; q++) {
    if (j.on[q] === 0) continue;
    const jm = sim.model.jammers[q];
    const overlap = bandOverlapFraction(jm.frequencyGHz, jm.bandwidthMHz, fGHz, bandwidthMHz);
    if (overlap <= 0) continue;
    const kq = 3 * q;
    const jx = j.posEcefKm[kq], jy = j.posEcefKm[kq + 1], jz = j.posEcefKm[kq + 2];
    if (!lineOfSight(jx, jy, jz, j.altKm[q], px, py, pz, t.altKm[i])) continue;
    const dx = px - jx, dy = py - jy, dz = pz - jz;
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    // The terminal looks at its satellite; the jammer arrives off that axis.
    const c = -(dx * ux + dy * uy + dz * uz) / d;
    const offAxisDeg = Math.acos(Math.max(-1, Math.min(1, c))) / DEG;
    const relativeGain = earthStationGainDbi(m.gainDbi, offAxisDeg) - m.gainDbi;
    const j0OverN0 = jammerEirpTowardDbw(sim, ew, q, dx, dy, dz, d) - 10 * Math.log10(jm.bandwidthMHz * 1e6) + 10 * Math.log10(overlap)
      - freeSpaceLossDb(d, fGHz) + relativeGain + m.gOverTDbPerK - BOLTZMANN_DBW_PER_K_HZ;
    sum += fromDb(j0OverN0);
  }
  return sum > 0 ? 10 * Math.log10(sum) : Number.NEGATIVE_INFINITY;
}
