/**
 * Share: what each nation's sensors produced this tick goes to partners under the agreements in force
 * (engine/sharing.ts routes it by marking, product and tick), and the items due now are delivered into
 * the recipients' tracks. Latency 0 items arrive in the tick they were produced.
 *
 * Only a nation's own items travel: `ssa.observations` are its sensors' observations, `ssa.tracks` its
 * tracks from its own sensors alone (never what partners gave it), one per marking of the observations
 * that built them, each released under that marking. A delivered item's uncertainty has
 * grown over its latency like any track's.
 */
import { CORRELATED, report } from '../tracks.js';
import { logLimitOnce } from '../limits.js';
import { countRefusals, enqueue, OBSERVATIONS, recycle, routesFor, TRACKS, type SsaRoute } from '../sharing.js';
import type { Sim } from '../sim.js';
import { itemMarking } from './fuse-own.js';
import { logCorrelation } from './track-events.js';
import { deliverStatus, shareStandingStatus } from '../ew/status.js';

const IDENTIFIED = 1;
const SIGMA_WITHHELD = 2;

export function share(sim: Sim): void {
  const st = sim.sharing;
  const droppedBefore = st.dropped;
  if (st.agreements.length > 0) {
    releaseObservations(sim);
    releaseTracks(sim);
  } else for (const touched of st.touched) touched.n = 0;
  if (st.dropped > droppedBefore) logLimitOnce(sim, 'sharedItemsInFlightMax', st.inFlightMax);
  deliver(sim);
  shareStandingStatus(sim);
  deliverStatus(sim);
}

function releaseObservations(sim: Sim): void {
  const { observations: obs, tracks, c, sharing: st } = sim;
  const stableIndex = c.Identity.stableIndex;
  for (let j = 0; j < obs.n; j++) {
    const sEid = obs.sensor[j];
    const nation = c.Ownership.nationIndex[sEid];
    const t = nation < 0 ? -1 : tracks.tableOfNation[nation];
    const stable = stableIndex[obs.eid[j]];
    if (t < 0 || stable >= tracks.size) continue;
    const marking = itemMarking(sim, sEid, stable);
    const set = routesFor(st, sim.markings, tracks.nations, marking, OBSERVATIONS, sim.tick);
    countRefusals(st, set.refusals);
    const known = tracks.tables[t].known[stable] === 1;
    for (const route of set.routes) send(sim, route, stable, c.Sensor.measurementNoiseKm[sEid], stableIndex[sEid], marking, known);
  }
}

function releaseTracks(sim: Sim): void {
  const { tracks, sharing: st } = sim;
  for (let t = 0; t < st.touched.length; t++) {
    const touched = st.touched[t];
    const table = tracks.tables[t];
    for (let i = 0; i < touched.n; i++) {
      const stable = touched.stable[i];
      const marking = touched.marking[i];
      const own = table.ownByMarking.get(marking)!;
      const set = routesFor(st, sim.markings, tracks.nations, marking, TRACKS, sim.tick);
      countRefusals(st, set.refusals);
      for (const route of set.routes) send(sim, route, stable, own.sigmaKm[stable], -1, marking, table.known[stable] === 1);
    }
    touched.n = 0;
  }
}

function send(sim: Sim, route: SsaRoute, stable: number, sigmaKm: number, sensor: number, marking: number, providerKnows: boolean): void {
  const sigma = route.addVarianceKm2 > 0 ? Math.sqrt(sigmaKm * sigmaKm + route.addVarianceKm2) : sigmaKm;
  const flags = (route.identified && providerKnows ? IDENTIFIED : 0) | (route.stripUncertainty ? SIGMA_WITHHELD : 0);
  enqueue(sim.sharing, sim.tick + route.latencyTicks, route.recipientTable, stable, sigma, sim.tick, route.agreement, route.stripSource ? -1 : sensor, marking, flags);
}

/** Deliver the items due now into the recipients' tracks, in the order they were released. */
function deliver(sim: Sim): void {
  const st = sim.sharing;
  const batch = st.queue.get(sim.tick);
  if (!batch) return;
  st.queue.delete(sim.tick);
  st.inFlight -= batch.n;
  const { tracks, markings } = sim;
  const delivered = st.counters.delivered;
  for (let i = 0; i < batch.n; i++) {
    const stable = batch.stable[i];
    const t = batch.recipient[i];
    const agreement = batch.agreement[i];
    delivered[agreement]++;
    // An object that left the sim while the item was in flight: nothing to update.
    if (tracks.gone[stable] === 1) continue;
    const flags = batch.flags[i];
    const sigma = flags & SIGMA_WITHHELD ? tracks.custodyKmMax : batch.sigmaKm[i] + tracks.growthKmPerTick * (sim.tick - batch.itemTick[i]);
    const marking = batch.marking[i];
    const identified = (flags & IDENTIFIED) !== 0;
    // Whether the item comes from the object's owner matters only to a recipient without its real name.
    const fromOwner = identified && tracks.tables[t].realName[stable] === 0 && markings.get(marking).owner === sim.objects[stable]!.owner;
    const result = report(tracks, t, stable, sim.tick, sigma, identified, agreement, batch.sensor[i], batch.itemTick[i], marking, markings.levelOf(marking), fromOwner);
    if (result === CORRELATED) logCorrelation(sim, t, stable, marking);
  }
  recycle(st, batch);
}
