/**
 * `vigil run` on a scenario with GNSS receivers also writes pnt-points.csv: every receiver point with its
 * availability over the run and its minutes without a fix, the denial footprint a map can draw (the
 * white cell's truth, marked like every output). A moving receiver's point is given where it ended.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sim } from '../engine/index.js';

export function writePntFootprint(sim: Sim, outDir: string): string | null {
  const receivers = sim.model.receivers;
  if (receivers.length === 0) return null;
  const rs = sim.ew.receivers;
  const places = sim.ew.receiverPlaces;
  const lines = [`# ${sim.model.marking}`, 'receiver,owner,point,latDeg,lonDeg,altM,availability,minutesDenied'];
  receivers.forEach((m, r) => {
    for (let j = 0; j < rs.points[r]; j++) {
      const q = rs.firstPoint[r] + j;
      const p = places.platforms[q];
      const at = p.kind === 'fixed' ? p.point : null;
      const k = 3 * q;
      // A moving point: where it is now, from its local up (geodetic normal) and its height.
      const latDeg = at ? at.latDeg : (Math.asin(places.upEcef[k + 2]) * 180) / Math.PI;
      const lonDeg = at ? at.lonDeg : (Math.atan2(places.upEcef[k + 1], places.upEcef[k]) * 180) / Math.PI;
      const altM = (at ? at.altKm : places.altKm[q]) * 1000;
      const ticks = rs.pointTicks[q];
      const availability = ticks > 0 ? rs.pointFixTicks[q] / ticks : 0;
      const minutesDenied = ((ticks - rs.pointFixTicks[q]) * sim.time.stepMs) / 60_000;
      lines.push([m.id, m.owner, j, latDeg.toFixed(4), lonDeg.toFixed(4), altM.toFixed(0), availability.toFixed(4), minutesDenied.toFixed(1)].join(','));
    }
  });
  const file = join(outDir, 'pnt-points.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
