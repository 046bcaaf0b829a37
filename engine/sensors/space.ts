/**
 * Field of view of a space-based sensor (its own satellite or a payload hosted on another nation's):
 * inside its range, the line of sight clear of the Earth by `earthClearanceKm`, inside its pointing cone
 * (`any`: steerable over the whole sky), and for an optical payload the target sunlit, outside the Sun
 * exclusion angle and bright enough. Works in TEME, where the Sun direction is computed.
 *
 * Hot loop: typed arrays, no allocation; the range test rejects first.
 */
import { WGS84_A_KM } from '../physics/frames.js';
import { isSunlit } from '../physics/optical.js';
import type { Components } from '../components/index.js';
import { brightEnough, faintRange2Factor, fluxLimit } from './brightness.js';
import type { Candidates } from './candidates.js';

const NADIR = 1;
const ZENITH = 2;

/** Fill `out` with what space sensor `sEid`, carried by `hostEid`, may see among `orbiters`. */
export function spaceInView(c: Components, sEid: number, hostEid: number, orbiters: Uint32Array, sunTeme: Float64Array, out: Candidates): number {
  const { Sensor, Target } = c;
  const pos = c.Kinematics.posTemeKm;
  const h3 = 3 * hostEid;
  const hx = pos[h3], hy = pos[h3 + 1], hz = pos[h3 + 2];
  const hostR = Math.sqrt(hx * hx + hy * hy + hz * hz);
  const rangeMax = Sensor.rangeKmMax[sEid];
  const rangeMax2 = rangeMax * rangeMax;
  const clear = WGS84_A_KM + Sensor.earthClearanceKm[sEid];
  const clear2 = clear * clear;
  const pointing = Sensor.pointingCode[sEid];
  const coneCos = Sensor.halfAngleCos[sEid];
  // Boresight: the local vertical, down for nadir, up for zenith.
  const bs = pointing === NADIR ? -1 / hostR : 1 / hostR;
  const bx = hx * bs, by = hy * bs, bz = hz * bs;
  const magMax = Sensor.magnitudeMax[sEid];
  const optical = !Number.isNaN(magMax);
  const sunX = sunTeme[0], sunY = sunTeme[1], sunZ = sunTeme[2];
  const sunCos = Sensor.sunExclusionCos[sEid];
  const pd0 = Sensor.detectionProbability[sEid];
  const hostDotHost = hx * hx + hy * hy + hz * hz;
  const faintRange2 = optical ? faintRange2Factor(magMax) : Infinity;
  const limit = optical ? fluxLimit(magMax) : 0;
  const brightness = Target.brightness;
  const oEid = out.eid, oPd = out.pd, oRange = out.rangeKm;
  let n = 0;
  for (let i = 0; i < orbiters.length; i++) {
    const eid = orbiters[i];
    if (eid === hostEid) continue;
    const k = 3 * eid;
    const px = pos[k], py = pos[k + 1], pz = pos[k + 2];
    const dx = px - hx, dy = py - hy, dz = pz - hz;
    const range2 = dx * dx + dy * dy + dz * dz;
    if (range2 > rangeMax2 || range2 === 0) continue;
    // Too faint even at full phase: no trigonometry for most of the catalog (brightness.ts).
    if (range2 > faintRange2 * brightness[eid]) continue;
    // Earth in the way: the closest point of the segment host -> target to the Earth's centre, compared
    // squared and multiplied out (no division): inside the segment when 0 < -h.d < |d|^2.
    const hd = hx * dx + hy * dy + hz * dz;
    if (hd < 0) {
      if (-hd < range2) {
        if ((hostDotHost - clear2) * range2 < hd * hd) continue;
      } else if (px * px + py * py + pz * pz < clear2) continue;
    } else if (hostDotHost < clear2) continue;
    if (optical && !isSunlit(px, py, pz, sunX, sunY, sunZ)) continue;
    const range = Math.sqrt(range2);
    if (pointing === NADIR || pointing === ZENITH) {
      if (dx * bx + dy * by + dz * bz < coneCos * range) continue;
    }
    if (optical) {
      const towardSun = (dx * sunX + dy * sunY + dz * sunZ) / range;
      if (towardSun > sunCos) continue;
      // Phase angle at the target between the Sun and the sensor (at -d from the target).
      if (!brightEnough(brightness[eid], range2, -towardSun, limit)) continue;
    }
    oEid[n] = eid;
    oPd[n] = pd0;
    oRange[n] = range;
    n++;
  }
  return (out.n = n);
}
