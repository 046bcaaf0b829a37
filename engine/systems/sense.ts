/**
 * Sense: every sensor looks at the whole catalog (stable order of sensors). Its field-of-view function
 * lists what it may see with each object's probability of detection (sensors/ground.ts, sensors/space.ts);
 * tasking picks what it looks at when its capacity is short (sensors/tasking.ts); one draw per object
 * looked at, from the sensor's own random stream, decides detection. Detections become the tick's
 * observations, owned by the sensor's nation (a hosted payload's owner, not its host's).
 *
 * Read next: fuse-own.ts (observations into the nation's own tracks), share.ts (to partners).
 */
import { SPACE } from '../components/index.js';
import { logLimitOnce } from '../limits.js';
import { pushObservation } from '../sensors/observations.js';
import { groundInView } from '../sensors/ground.js';
import { viewOrbiters } from '../sensors/shared-views.js';
import { spaceInView } from '../sensors/space.js';
import { taskCandidates } from '../sensors/tasking.js';
import { sunDirection } from '../physics/sun.js';
import { simTimeMs } from '../time.js';
import type { Sim } from '../sim.js';

export function sense(sim: Sim): void {
  sim.observations.n = 0;
  const sensors = sim.order.sensors;
  if (sensors.length === 0) return;
  updateSun(sim);
  const droppedBefore = sim.observations.dropped;
  for (let i = 0; i < sensors.length; i++) senseWith(sim, sensors[i]);
  if (sim.observations.dropped > droppedBefore) logLimitOnce(sim, 'observationsPerStepMax', sim.observations.max);
}

/** The Sun's unit direction at this tick, in TEME and in the Earth-fixed frame (after earthFixed: GMST). */
export function updateSun(sim: Sim): void {
  const s = sim.sunTeme;
  sunDirection(simTimeMs(sim.time, sim.tick), s);
  const c = Math.cos(sim.gmstRad), n = Math.sin(sim.gmstRad);
  sim.sunEcef[0] = c * s[0] + n * s[1];
  sim.sunEcef[1] = -n * s[0] + c * s[1];
  sim.sunEcef[2] = s[2];
}

function senseWith(sim: Sim, sEid: number): void {
  const { Sensor, Identity } = sim.c;
  const cand = sim.candidates;
  if (sim.tick < Sensor.downUntilTick[sEid]) {
    Sensor.inViewCount[sEid] = 0;
    return;
  }
  if (Sensor.kindCode[sEid] === SPACE) {
    // A payload whose host has left the sim sees nothing more.
    const hostEid = sim.eidById.get(sim.ids[Sensor.platform[sEid]]);
    if (hostEid === undefined) {
      Sensor.inViewCount[sEid] = 0;
      return;
    }
    spaceInView(sim.c, sEid, hostEid, sim.order.orbiters, sim.sunTeme, cand);
  } else {
    // A batch's shared views name the few objects worth testing; the test is the same (shared-views.ts).
    const orbiters = (sim.views && viewOrbiters(sim, sim.views, sEid)) ?? sim.order.orbiters;
    groundInView(sim.c, sEid, orbiters, sim.sunEcef, cand);
  }
  Sensor.inViewCount[sEid] = cand.n;
  const nation = sim.c.Ownership.nationIndex[sEid];
  const table = nation < 0 ? -1 : sim.tracks.tableOfNation[nation];
  const looks = table < 0 ? null : sim.tracks.tables[table].lookTick;
  taskCandidates(cand, Sensor.capacity[sEid], Identity.stableIndex, sim.sensorRanks.get(sEid), looks);
  const stream = sim.rng.get(`sensor:${sim.ids[Identity.stableIndex[sEid]]}`);
  const seen = sim.sensorSeen.get(sEid)!;
  let detections = 0;
  for (let j = 0; j < cand.n; j++) {
    const eid = cand.eid[j];
    if (looks !== null && Identity.stableIndex[eid] < looks.length) looks[Identity.stableIndex[eid]] = sim.tick;
    if (stream.next() >= cand.pd[j]) continue;
    if (!pushObservation(sim.observations, sEid, eid)) break;
    detections++;
    const stable = Identity.stableIndex[eid];
    if (stable < seen.length && seen[stable] === 0) {
      seen[stable] = 1;
      Sensor.objectsDetected[sEid]++;
    }
  }
  Sensor.detectionsTotal[sEid] += detections;
}
