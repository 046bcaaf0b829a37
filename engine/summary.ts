/**
 * The run summary: counts and metrics at the current tick, plain data for summary.json, the CLI's human
 * summary and batch rows. Later capabilities add their metrics here.
 */
import { counterspaceSummary, type CounterspaceSummary } from './counterspace/summary.js';
import { query } from 'bitecs';
import { stateHash } from './hash.js';
import type { Sim } from './sim.js';
import { isoUtc, simTimeMs } from './time.js';
import { SENSOR_KINDS } from './components/index.js';
import { inCustody, isUncorrelated, OWN, type TrackTable } from './tracks.js';

export interface SensorSummary {
  id: string;
  kind: 'radar' | 'optical' | 'space';
  owner: string;
  /** Objects the sensor could see at the last tick (before its capacity). */
  inViewNow: number;
  detectionsTotal: number;
  /** Distinct objects detected at least once. */
  objectsDetected: number;
}

export interface NationSummary {
  id: string;
  /** Objects the nation holds a correlated track on, still in the sim. */
  tracks: number;
  /** Uncorrelated tracks it holds now. */
  uncorrelated: number;
  /** Objects of interest in custody at the last tick. */
  custodyNow: number;
  /** Custody of the objects of interest averaged over every tick so far (0..1). */
  custodyMeanFraction: number;
  /** Objects of interest at the start (the denominator). */
  interestObjects: number;
  /** From each object of interest's appearance to the nation's first track of it, seconds. */
  firstTrack: { tracked: number; untracked: number; meanS: number | null; medianS: number | null };
  /** Track updates over the run: from its own sensors, and from partners under agreements. */
  updates: { own: number; shared: number };
  /** Share of its track updates that came from partners (0..1). */
  sharedFraction: number;
  /** Objects of interest in custody now whose last update came from a partner. */
  custodyFromPartners: number;
  /** Tracks its own sensors never updated: known only through partners. */
  partnerOnlyTracks: number;
}

export interface TerminalSummary {
  id: string;
  owner: string;
  /** Share of ticks with the link up (0..1). */
  availability: number;
  minutesDown: number;
  /** Minutes down while a jammer cost the link at least 3 dB. */
  minutesDownJammed: number;
  upNow: boolean;
  transponderNow: string | null;
  marginDbNow: number | null;
  /** The link budget at the last tick, by part (null when no transponder was usable). */
  budgetNow: LinkBudgetParts | null;
}

export interface LinkBudgetParts {
  elevationDeg: number;
  cn0UpDbHz: number;
  cn0DownDbHz: number;
  /** Jamming over the carrier, J0/N0, dB (null: none). */
  j0OverN0UpDb: number | null;
  j0OverN0DownDb: number | null;
  requiredCn0DbHz: number;
}

export interface SatcomSummary {
  terminals: TerminalSummary[];
  /** Mean availability of each nation's terminals. */
  availabilityByNation: Record<string, number>;
}

export interface ReceiverSummary {
  id: string;
  owner: string;
  points: number;
  /** Share of point-ticks with a usable fix (0..1). */
  availability: number;
  /** Minutes without a fix, per point on average. */
  minutesDeniedPerPoint: number;
  /** Share of points with a fix at the last tick. */
  fixNow: number;
}

export interface PntSummary {
  receivers: ReceiverSummary[];
  /** Mean availability of each nation's receiver points. */
  availabilityByNation: Record<string, number>;
}

export interface JammerSummary {
  id: string;
  owner: string;
  minutesOn: number;
  onNow: boolean;
}

export interface AgreementSummary {
  id: string;
  provider: string;
  /** Items released under the agreement, and delivered (the rest are in flight). */
  sent: number;
  delivered: number;
  /** Items dropped at limits.sharedItemsInFlightMax (then more sharing is no longer sure to help). */
  dropped: number;
  /** Releases the rules refused, by reason (policy/releasability.ts). */
  refused: Record<string, number>;
}

export interface RunSummary {
  marking: string;
  scenario: string;
  contentHash: string;
  seed: number;
  runIndex: number;
  propagator: string;
  epochUtc: string;
  tick: number;
  timeUtc: string;
  stepMs: number;
  stateHash: string;
  objects: { initial: number; added: number; active: number; left: number; activeByOwner: Record<string, number> };
  events: { logged: number; dropped: number; byKind: Record<string, number> };
  sensors: SensorSummary[];
  /** Per declared nation: its tracks, custody and what partners gave it. */
  nations: NationSummary[];
  agreements: AgreementSummary[];
  /** SATCOM, PNT and jammers (engine/ew/). */
  satcom: SatcomSummary;
  pnt: PntSummary;
  jammers: JammerSummary[];
  /** Items dropped at limits: observations in one step, shared items in flight. */
  dropped: { observations: number; sharedItems: number };
  /** Launches, warnings, breakups, fragment custody, conjunctions, effects (engine/counterspace/summary.ts). */
  counterspace: CounterspaceSummary;
}

export function summarize(sim: Sim): RunSummary {
  const active = sim.order.orbiters;
  // Counted by nation index (the last slot for no owner), named after: a loop over the catalog writing
  // keys into a fresh object gave V8 a new map every run to deoptimize on.
  const counts = new Float64Array(sim.nations.length + 1);
  const nationIndex = sim.c.Ownership.nationIndex;
  for (let i = 0; i < active.length; i++) {
    const n = nationIndex[active[i]];
    counts[n < 0 ? sim.nations.length : n]++;
  }
  const activeByOwner: Record<string, number> = {};
  counts.forEach((count, n) => {
    if (count === 0) return;
    const owner = n === sim.nations.length ? 'none' : sim.nations[n].id;
    activeByOwner[owner] = (activeByOwner[owner] ?? 0) + count;
  });
  const byKind: Record<string, number> = {};
  for (const e of sim.events.since(0)) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const sensors = Array.from(sim.order.sensors, (eid) => {
    const nation = sim.c.Ownership.nationIndex[eid];
    return {
      id: sim.ids[sim.c.Identity.stableIndex[eid]],
      kind: SENSOR_KINDS[sim.c.Sensor.kindCode[eid]],
      owner: nation < 0 ? 'none' : sim.nations[nation].id,
      inViewNow: sim.c.Sensor.inViewCount[eid],
      detectionsTotal: sim.c.Sensor.detectionsTotal[eid],
      objectsDetected: sim.c.Sensor.objectsDetected[eid],
    };
  });
  return {
    marking: sim.model.marking,
    scenario: sim.model.name,
    contentHash: sim.model.contentHash,
    seed: sim.seed,
    runIndex: sim.runIndex,
    propagator: sim.propagator.name,
    epochUtc: isoUtc(sim.time.epochMs),
    tick: sim.tick,
    timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)),
    stepMs: sim.time.stepMs,
    stateHash: stateHash(sim),
    objects: { initial: sim.objectsInitial, added: sim.objectsAdded, active: active.length, left: sim.objectsInitial + sim.objectsAdded - query(sim.world, [sim.c.Orbit]).length, activeByOwner: sortKeys(activeByOwner) },
    events: { logged: sim.events.count, dropped: sim.events.dropped, byKind: sortKeys(byKind) },
    sensors,
    nations: sim.tracks.tables.map((table) => nationSummary(sim, table)),
    agreements: sim.sharing.agreements.map((a, i) => {
      const refused: Record<string, number> = {};
      for (const [reason, counts] of sim.sharing.counters.refused) if (counts[i] > 0) refused[reason] = counts[i];
      return { id: a.id, provider: a.provider, sent: sim.sharing.counters.sent[i], delivered: sim.sharing.counters.delivered[i], dropped: sim.sharing.counters.dropped[i], refused: sortKeys(refused) };
    }),
    dropped: { observations: sim.observations.dropped, sharedItems: sim.sharing.dropped },
    ...ewSummary(sim),
    counterspace: counterspaceSummary(sim),
  };
}

function budgetOf(b: Float64Array, i: number, requiredCn0DbHz: number): LinkBudgetParts | null {
  const k = 5 * i;
  if (Number.isNaN(b[k])) return null;
  const r = (x: number) => Math.round(x * 100) / 100;
  const j = (x: number) => (x === Number.NEGATIVE_INFINITY ? null : r(x));
  return { elevationDeg: r(b[k]), cn0UpDbHz: r(b[k + 1]), cn0DownDbHz: r(b[k + 2]), j0OverN0UpDb: j(b[k + 3]), j0OverN0DownDb: j(b[k + 4]), requiredCn0DbHz: r(requiredCn0DbHz) };
}

function ewSummary(sim: Sim): { satcom: SatcomSummary; pnt: PntSummary; jammers: JammerSummary[] } {
  const ew = sim.ew;
  const ticks = sim.tick + 1;
  const minutes = (n: number) => Math.round(((n * sim.time.stepMs) / 60_000) * 100) / 100;
  const t = ew.terminals;
  const terminals = sim.model.terminals.map((m, i) => ({
    id: m.id,
    owner: m.owner,
    availability: t.upTicks[i] / ticks,
    minutesDown: minutes(t.downTicks[i]),
    minutesDownJammed: minutes(t.jammedDownTicks[i]),
    upNow: t.up[i] === 1,
    transponderNow: t.transponder[i] < 0 ? null : sim.model.transponders[t.transponder[i]].id,
    marginDbNow: Number.isFinite(t.marginDb[i]) ? Math.round(t.marginDb[i] * 100) / 100 : null,
    budgetNow: budgetOf(t.budget, i, m.requiredCn0DbHz),
  }));
  const r = ew.receivers;
  const receivers = sim.model.receivers.map((m, i) => {
    const pointTicks = r.fixPointTicks[i] + r.deniedPointTicks[i];
    return {
      id: m.id,
      owner: m.owner,
      points: r.points[i],
      availability: pointTicks > 0 ? r.fixPointTicks[i] / pointTicks : 0,
      minutesDeniedPerPoint: r.points[i] > 0 ? minutes(r.deniedPointTicks[i] / r.points[i]) : 0,
      fixNow: r.points[i] > 0 ? r.fixNow[i] / r.points[i] : 0,
    };
  });
  const mean = (rows: { owner: string; availability: number }[], weight: (i: number) => number) => {
    const sums: Record<string, [number, number]> = {};
    rows.forEach((x, i) => {
      const s = (sums[x.owner] ??= [0, 0]);
      s[0] += x.availability * weight(i);
      s[1] += weight(i);
    });
    return sortKeys(Object.fromEntries(Object.entries(sums).map(([k, [a, w]]) => [k, w > 0 ? a / w : 0])));
  };
  return {
    satcom: { terminals, availabilityByNation: mean(terminals, () => 1) },
    pnt: { receivers, availabilityByNation: mean(receivers, (i) => r.points[i]) },
    jammers: sim.model.jammers.map((m, i) => ({ id: m.id, owner: m.owner, minutesOn: minutes(ew.jammers.onTicks[i]), onNow: ew.jammers.on[i] === 1 })),
  };
}

function nationSummary(sim: Sim, table: TrackTable): NationSummary {
  const { tracks } = sim;
  const stableIndex = sim.c.Identity.stableIndex;
  let held = 0, uncorrelated = 0, fromPartners = 0, partnerOnly = 0;
  for (const eid of sim.order.orbiters) {
    const s = stableIndex[eid];
    if (s >= tracks.size) continue;
    if (isUncorrelated(table, s)) uncorrelated++;
    if (table.updateTick[s] < 0 || table.known[s] === 0) continue;
    held++;
    if (table.ownTick[s] < 0) partnerOnly++;
    if (tracks.interest[s] === 1 && inCustody(table, s, sim.tick) && table.lastVia[s] !== OWN) fromPartners++;
  }
  const delays: number[] = [];
  let untracked = 0;
  for (let s = 0; s < tracks.size; s++) {
    if (tracks.interestAtStart[s] === 0) continue;
    if (table.firstTick[s] < 0) untracked++;
    else delays.push(((table.firstTick[s] - tracks.bornTick[s]) * sim.time.stepMs) / 1000);
  }
  delays.sort((a, b) => a - b);
  const updates = table.ownUpdates + table.sharedUpdates;
  // Objects of interest present at each tick, summed: objects that leave or arrive count while present.
  const denominator = tracks.interestTickSum;
  return {
    id: table.nation,
    tracks: held,
    uncorrelated,
    custodyNow: table.custodyNow,
    custodyMeanFraction: denominator > 0 ? table.custodyTickSum / denominator : 0,
    interestObjects: tracks.interestInitial,
    firstTrack: {
      tracked: delays.length,
      untracked,
      meanS: delays.length > 0 ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
      medianS: delays.length > 0 ? median(delays) : null,
    },
    updates: { own: table.ownUpdates, shared: table.sharedUpdates },
    sharedFraction: updates > 0 ? table.sharedUpdates / updates : 0,
    custodyFromPartners: fromPartners,
    partnerOnlyTracks: partnerOnly,
  };
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
