/**
 * Ground radars look at every orbiting object: in the field of view when above the minimum elevation,
 * inside the maximum range and inside the azimuth window; detected with the radar's probability of
 * detection, drawn from the radar's own random stream. Counts feed the run's metrics; the coalition SSA
 * capability turns detections into observations and tracks.
 *
 * Hot loop: typed arrays only, no allocation, no library geodetic conversion. Elevation is tested as
 * `up . rho >= |rho| sin(elMin)` (squared for a mask above the horizon), so no asin or sqrt is taken.
 */
import type { Sim } from '../sim.js';
import { observe } from '../tracks.js';

const TWO_PI = 2 * Math.PI;

export function radarDetect(sim: Sim): void {
  const radars = sim.order.radars;
  for (let r = 0; r < radars.length; r++) detectWith(sim, radars[r]);
}

function detectWith(sim: Sim, radarEid: number): void {
  const { Radar, GroundSite, Kinematics, Identity } = sim.c;
  if (sim.tick < Radar.downUntilTick[radarEid]) {
    Radar.inViewCount[radarEid] = 0;
    return;
  }
  const siteEid = Radar.siteEid[radarEid];
  const s3 = 3 * siteEid;
  const sx = GroundSite.posEcefKm[s3], sy = GroundSite.posEcefKm[s3 + 1], sz = GroundSite.posEcefKm[s3 + 2];
  const ux = GroundSite.upEcef[s3], uy = GroundSite.upEcef[s3 + 1], uz = GroundSite.upEcef[s3 + 2];
  const ex = GroundSite.eastEcef[s3], ey = GroundSite.eastEcef[s3 + 1], ez = GroundSite.eastEcef[s3 + 2];
  const nx = GroundSite.northEcef[s3], ny = GroundSite.northEcef[s3 + 1], nz = GroundSite.northEcef[s3 + 2];
  const rangeMax = Radar.rangeKmMax[radarEid];
  const rangeMax2 = rangeMax * rangeMax;
  const sinElMin = Math.sin(Radar.elevationRadMin[radarEid]);
  const sin2ElMin = sinElMin * sinElMin;
  const maskAboveHorizon = sinElMin >= 0;
  const azMin = Radar.azimuthRadMin[radarEid];
  const azMax = Radar.azimuthRadMax[radarEid];
  const allRound = azMax - azMin >= TWO_PI - 1e-12;
  const pd = Radar.detectionProbability[radarEid];
  const ownerNation = sim.c.Ownership.nationIndex[radarEid];
  const table = ownerNation < 0 ? -1 : sim.tracks.tableOfNation[ownerNation];
  const stream = sim.rng.get(`radar:${sim.ids[Identity.stableIndex[radarEid]]}`);
  const seen = sim.radarSeen.get(radarEid)!;
  const pos = Kinematics.posEcefKm;
  const orbiters = sim.order.orbiters;
  let inView = 0;
  let detections = 0;
  for (let i = 0; i < orbiters.length; i++) {
    const eid = orbiters[i];
    const k = 3 * eid;
    const dx = pos[k] - sx, dy = pos[k + 1] - sy, dz = pos[k + 2] - sz;
    const up = dx * ux + dy * uy + dz * uz;
    // Most of the catalog is below a site's horizon: reject it before any other arithmetic.
    if (maskAboveHorizon && up < 0) continue;
    const range2 = dx * dx + dy * dy + dz * dz;
    if (range2 > rangeMax2) continue;
    // up >= |rho| sin(elMin), squared when both sides are non-negative (no sqrt per object).
    if (maskAboveHorizon ? up * up < range2 * sin2ElMin : up < Math.sqrt(range2) * sinElMin) continue;
    if (!allRound) {
      let az = Math.atan2(dx * ex + dy * ey + dz * ez, dx * nx + dy * ny + dz * nz);
      if (az < 0) az += TWO_PI;
      if (azMin <= azMax ? az < azMin || az > azMax : az < azMin && az > azMax) continue;
    }
    inView++;
    if (stream.next() < pd) {
      detections++;
      const stable = Identity.stableIndex[eid];
      if (table >= 0) observe(sim.tracks, table, eid, stable, sim.tick);
      if (seen[stable] === 0) {
        seen[stable] = 1;
        Radar.objectsDetected[radarEid]++;
      }
    }
  }
  Radar.inViewCount[radarEid] = inView;
  Radar.detectionsTotal[radarEid] += detections;
}
