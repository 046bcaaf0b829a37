/**
 * The counterspace part of a run's summary: launches and their outcomes, who was warned of each launch
 * and when (own sensor or which agreement), breakups and fragments, each nation's custody of the fragments
 * over time, conjunctions (screenings, found, warned, collisions) and those with blue nations' satellites
 * after the first breakup, co-orbital approaches and the non-kinetic effects with the time they acted.
 * Truth (white cell): the summary is an analyst's product, marked like every output.
 */
import type { LaunchWarning } from '../ew/status.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';

/** Conjunctions with blue satellites listed in full (the rest are counted). */
export const COALITION_CONJUNCTIONS_LISTED = 100;

export interface LaunchSummary {
  flight: string;
  launcher: string;
  nation: string;
  target: string;
  launchUtc: string;
  interceptUtc: string;
  outcome: string;
  /** Per nation that was warned: when it first held a warning, seconds after launch, and how. */
  warned: { nation: string; warningUtc: string; afterLaunchS: number; via: string }[];
  /** Declared nations never warned during the run. */
  notWarned: string[];
}

export interface CounterspaceSummary {
  launches: LaunchSummary[];
  breakups: { object: string; cause: string; timeUtc: string; regime: string; drawn: number; added: number; refused: number; cut: number }[];
  fragments: {
    added: number;
    inOrbitNow: number;
    /** Samples every 10 minutes from the first breakup: fragments in orbit, and per nation in custody / tracked at all. */
    custody: { timeUtc: string; inOrbit: number; custodyByNation: Record<string, number>; trackedByNation: Record<string, number> }[];
  };
  conjunctions: {
    screenings: number;
    found: number;
    collisions: number;
    warningsByNation: Record<string, number>;
    /** Close approaches after the first breakup involving a blue nation's object. */
    withCoalitionAfterBreakup: number;
    listed: { key: string; object1: string; object2: string; owner1: string; owner2: string; tcaUtc: string; missKm: number; relativeSpeedKmps: number; warned: { nation: string; pc: number }[]; collided: boolean }[];
    dropped: number;
  };
  approaches: { asat: string; target: string; effect: string; orderUtc: string; arrivalUtc: string; deltaVMps: number; arrived: boolean }[];
  effects: { kind: string; source: string; target: string; effect: string; fromUtc: string; untilUtc: string; minutesActing: number }[];
}

export function counterspaceSummary(sim: Sim): CounterspaceSummary {
  const cs = sim.counterspace;
  const model = sim.model.counterspace;
  const utc = (tick: number): string => isoUtc(simTimeMs(sim.time, tick));
  const minutes = (ticks: number): number => Math.round(((ticks * sim.time.stepMs) / 60_000) * 100) / 100;
  const nations = sim.tracks.nations;
  const launches = cs.flights.map((f) => {
    const warned: LaunchSummary['warned'] = [];
    for (const nation of nations) {
      let first: { tick: number; via: string } | null = null;
      for (const h of sim.status.held.get(nation)?.values() ?? []) {
        if (h.item.product !== 'missile.warning' || (h.item.payload as LaunchWarning).launch !== f.id) continue;
        const via = h.agreement === null ? `own sensor ${(h.item.payload as LaunchWarning).sensor}` : `agreement ${h.agreement}`;
        if (!first || h.receivedTick < first.tick || (h.receivedTick === first.tick && via < first.via)) first = { tick: h.receivedTick, via };
      }
      if (first) warned.push({ nation, warningUtc: utc(first.tick), afterLaunchS: ((first.tick - f.launchTick) * sim.time.stepMs) / 1000, via: first.via });
    }
    warned.sort((a, b) => a.afterLaunchS - b.afterLaunchS || (a.nation < b.nation ? -1 : 1));
    return {
      flight: f.id, launcher: model.launchers[f.launcher].id, nation: f.nation, target: f.target, launchUtc: utc(f.launchTick), interceptUtc: utc(f.interceptTick),
      outcome: f.outcome, warned, notWarned: nations.filter((n) => n !== f.nation && !warned.some((w) => w.nation === n)),
    };
  });
  let inOrbitNow = 0;
  for (const b of cs.breakups) for (let s = b.firstStable; s <= b.lastStable; s++) if (sim.eidById.has(sim.ids[s])) inOrbitNow++;
  const byNation = (counts: number[]): Record<string, number> => Object.fromEntries(nations.map((n, t) => [n, counts[t]]));
  const warningsByNation: Record<string, number> = Object.fromEntries(nations.map((n) => [n, 0]));
  for (const c of cs.conjunctions) for (const w of c.warned) warningsByNation[w.nation]++;
  const blue = new Set(sim.nations.filter((n) => n.side === 'blue' && n.declared).map((n) => n.id));
  const owners = new Map<string, string>();
  for (const o of sim.objects) if (o) owners.set(o.id, o.owner ?? 'none');
  const ownerOf = (id: string): string => owners.get(id) ?? 'none';
  const firstBreakup = cs.breakups.length > 0 ? cs.breakups[0].tick : Infinity;
  const coalition = cs.conjunctions.filter((c) => c.screenTick >= firstBreakup - model.conjunctions!.everyTicks && c.tcaMs >= simTimeMs(sim.time, firstBreakup) && (blue.has(ownerOf(c.object1)) || blue.has(ownerOf(c.object2))));
  return {
    launches,
    breakups: cs.breakups.map((b) => ({ object: b.object, cause: b.cause, timeUtc: utc(b.tick), regime: b.regime, drawn: b.drawn, added: b.added, refused: b.refused, cut: b.cut })),
    fragments: {
      added: cs.fragmentsAdded,
      inOrbitNow,
      custody: cs.fragmentCustody.map((x) => ({ timeUtc: utc(x.tick), inOrbit: x.fragments, custodyByNation: byNation(x.byTable), trackedByNation: byNation(x.trackedByTable) })),
    },
    conjunctions: {
      screenings: cs.screenings,
      found: cs.conjunctions.length,
      collisions: cs.conjunctions.filter((c) => c.collided).length,
      warningsByNation,
      withCoalitionAfterBreakup: coalition.length,
      listed: coalition.slice(0, COALITION_CONJUNCTIONS_LISTED).map((c) => ({
        key: c.key, object1: c.object1, object2: c.object2, owner1: ownerOf(c.object1), owner2: ownerOf(c.object2), tcaUtc: isoUtc(c.tcaMs),
        missKm: Math.round(c.missKm * 1000) / 1000, relativeSpeedKmps: Math.round(c.relativeSpeedKmps * 1000) / 1000, warned: c.warned, collided: c.collided,
      })),
      dropped: cs.conjunctionsDropped,
    },
    approaches: cs.approaches.map((a) => ({
      asat: model.coOrbital[a.asat].id, target: a.target, effect: a.effect, orderUtc: utc(a.orderTick), arrivalUtc: utc(a.arrivalTick), deltaVMps: Math.round(a.deltaVMps), arrived: a.done,
    })),
    effects: cs.effects.map((e) => ({ kind: e.kind, source: e.source, target: e.target, effect: e.effect, fromUtc: utc(e.fromTick), untilUtc: utc(e.untilTick), minutesActing: minutes(e.activeTicks) })),
  };
}
