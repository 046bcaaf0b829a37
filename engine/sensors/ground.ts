/**
 * Field of view of a ground sensor (radar or telescope) over the whole catalog: above its lowest
 * elevation and below its highest, inside its range and azimuth window; then, for a radar with a radar
 * equation, the probability of detection from the SNR (Swerling I); for a telescope, the site in
 * darkness, the target sunlit and bright enough.
 *
 * Hot loop: typed arrays only, no allocation, no library geodetic conversion. Elevation is tested as
 * `up . rho >= |rho| sin(el)` (squared when the mask is above the horizon), so no asin or sqrt is taken
 * for the objects rejected; most of the catalog is below the horizon and is rejected first.
 */
import { OPTICAL, type Components } from '../components/index.js';
import { isSunlit } from '../physics/optical.js';
import { brightEnough, faintRange2Factor, fluxLimit } from './brightness.js';
import type { Candidates } from './candidates.js';

const TWO_PI = 2 * Math.PI;

/** Unit Sun direction in the Earth-fixed frame at the current tick (systems/sense.ts computes it). */
export type SunEcef = Float64Array;

/** Fill `out` with what ground sensor `sEid` may see among `orbiters`; returns how many. */
export function groundInView(c: Components, sEid: number, orbiters: Uint32Array, sun: SunEcef, out: Candidates): number {
  const { Sensor, GroundSite, Target } = c;
  const siteEid = Sensor.platform[sEid];
  const s3 = 3 * siteEid;
  const sx = GroundSite.posEcefKm[s3], sy = GroundSite.posEcefKm[s3 + 1], sz = GroundSite.posEcefKm[s3 + 2];
  const ux = GroundSite.upEcef[s3], uy = GroundSite.upEcef[s3 + 1], uz = GroundSite.upEcef[s3 + 2];
  const ex = GroundSite.eastEcef[s3], ey = GroundSite.eastEcef[s3 + 1], ez = GroundSite.eastEcef[s3 + 2];
  const nx = GroundSite.northEcef[s3], ny = GroundSite.northEcef[s3 + 1], nz = GroundSite.northEcef[s3 + 2];
  const optical = Sensor.kindCode[sEid] === OPTICAL;
  const sunX = sun[0], sunY = sun[1], sunZ = sun[2];
  // A telescope sees nothing while its site is in daylight or twilight.
  if (optical && ux * sunX + uy * sunY + uz * sunZ > Sensor.sunElevationSinMax[sEid]) return (out.n = 0);
  const rangeMax = Sensor.rangeKmMax[sEid];
  const rangeMax2 = rangeMax * rangeMax;
  const sinElMin = Math.sin(Sensor.elevationRadMin[sEid]);
  const sin2ElMin = sinElMin * sinElMin;
  const maskAboveHorizon = sinElMin >= 0;
  const sinElMax = Math.sin(Sensor.elevationRadMax[sEid]);
  const capped = sinElMax < 1 - 1e-12;
  const azMin = Sensor.azimuthRadMin[sEid];
  const azMax = Sensor.azimuthRadMax[sEid];
  const allRound = azMax - azMin >= TWO_PI - 1e-12;
  const pd0 = Sensor.detectionProbability[sEid];
  const snrK = Sensor.snrConstant[sEid];
  const threshold = Sensor.thresholdLinear[sEid];
  const magMax = Sensor.magnitudeMax[sEid];
  const pos = c.Kinematics.posEcefKm;
  const faintRange2 = optical ? faintRange2Factor(magMax) : Infinity;
  const limit = optical ? fluxLimit(magMax) : 0;
  const brightness = Target.brightness;
  const { rcsM2 } = Target;
  const oEid = out.eid, oPd = out.pd, oRange = out.rangeKm;
  let n = 0;
  for (let i = 0; i < orbiters.length; i++) {
    const eid = orbiters[i];
    const k = 3 * eid;
    const px = pos[k], py = pos[k + 1], pz = pos[k + 2];
    const dx = px - sx, dy = py - sy, dz = pz - sz;
    const up = dx * ux + dy * uy + dz * uz;
    if (maskAboveHorizon && up < 0) continue;
    const range2 = dx * dx + dy * dy + dz * dz;
    if (range2 > rangeMax2) continue;
    if (maskAboveHorizon ? up * up < range2 * sin2ElMin : up < Math.sqrt(range2) * sinElMin) continue;
    if (capped && up > 0 && up * up > range2 * sinElMax * sinElMax) continue;
    if (!allRound) {
      let az = Math.atan2(dx * ex + dy * ey + dz * ez, dx * nx + dy * ny + dz * nz);
      if (az < 0) az += TWO_PI;
      if (azMin <= azMax ? az < azMin || az > azMax : az < azMin && az > azMax) continue;
    }
    let pd = pd0;
    if (optical && range2 > faintRange2 * brightness[eid]) continue;
    const range = Math.sqrt(range2);
    if (optical) {
      if (!isSunlit(px, py, pz, sunX, sunY, sunZ)) continue;
      // Phase angle at the object between the Sun and the observer (the observer is at -rho).
      if (!brightEnough(brightness[eid], range2, -(dx * sunX + dy * sunY + dz * sunZ) / range, limit)) continue;
    } else if (snrK > 0) {
      // Search radar equation (physics/radar-equation.ts): SNR = K sigma / R^4, then Swerling I.
      const snr = (snrK * rcsM2[eid]) / (range2 * range2);
      pd *= Math.exp(-threshold / (1 + snr));
    }
    oEid[n] = eid;
    oPd[n] = pd;
    oRange[n] = range;
    n++;
  }
  return (out.n = n);
}
