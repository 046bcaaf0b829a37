/**
 * Where moving platforms are at the current tick: a track's position interpolated linearly in time
 * between its waypoints (latitude, longitude and height; held before the first and after the last), an
 * object carrier's Earth-fixed position from the propagated orbit. Fixed platforms were placed once.
 * The local axes of an object carrier are those of the point below it (its radial direction as up).
 */
import type { Sim } from '../sim.js';
import { ecefToGeodetic } from '../physics/frames.js';
import { simTimeMs } from '../time.js';
import { place, type Places } from './state.js';

const RAD = 180 / Math.PI;

export function updatePlaces(sim: Sim, p: Places): void {
  if (!p.moving) return;
  const offsetMs = simTimeMs(sim.time, sim.tick) - sim.time.epochMs;
  for (let i = 0; i < p.n; i++) {
    const x = p.platforms[i];
    if (x.kind === 'track') {
      const w = x.waypoints;
      let j = 0;
      while (j < w.length - 1 && w[j + 1].atMs <= offsetMs) j++;
      if (offsetMs <= w[0].atMs || j === w.length - 1) place(p, i, offsetMs <= w[0].atMs ? w[0] : w[w.length - 1]);
      else {
        const f = (offsetMs - w[j].atMs) / (w[j + 1].atMs - w[j].atMs);
        const a = w[j], b = w[j + 1];
        // Longitude the short way round.
        let dLon = b.lonDeg - a.lonDeg;
        if (dLon > 180) dLon -= 360;
        if (dLon < -180) dLon += 360;
        place(p, i, { latDeg: a.latDeg + f * (b.latDeg - a.latDeg), lonDeg: a.lonDeg + f * dLon, altKm: a.altKm + f * (b.altKm - a.altKm) });
      }
    } else if (x.kind === 'object') {
      const eid = sim.eidById.get(x.object);
      if (eid === undefined) {
        p.present[i] = 0;
        continue;
      }
      const k = 3 * eid;
      const pos = sim.c.Kinematics.posEcefKm;
      const g = ecefToGeodetic({ x: pos[k], y: pos[k + 1], z: pos[k + 2] });
      place(p, i, { latDeg: g.latRad * RAD, lonDeg: g.lonRad * RAD, altKm: g.altKm });
    }
  }
}
