/**
 * Breakups in a run: every destroyed object (an ASAT hit, a co-orbital ram, a collision, an explosion
 * inject) goes through here at its tick, after the orbits are propagated. Each breakup input comes from
 * the first of: the spec's explicit field, its preset (physics/breakup.ts BREAKUP_PRESETS: a calibrated
 * event stays calibrated), the event (kill-vehicle mass and closing speed, or the collision partner's
 * mass and the relative speed), then defaults: the object's mass by kind (`counterspace.debris.massKg`),
 * an impactor of DEFAULT_IMPACTOR_KG at DEFAULT_IMPACT_SPEED_KMPS. The scenario's fragment cut-off is
 * the smallest fragment generated.
 *
 * Caps: at most `fragmentsPerEventMax` per breakup and `fragmentsTotalMax` over the run; the first cut by
 * the run's cap logs a `limit-reached` event (fragmentsTotalMax), and every breakup says what was cut.
 *
 * Read next: debris/break-up.ts (fragments into the sim).
 */
import { breakUp } from '../debris/break-up.js';
import { WHITE_ONLY } from '../events.js';
import { BREAKUP_PRESETS, breakupInputProblem, type BreakupCountInput } from '../physics/breakup.js';
import type { Sim } from '../sim.js';
import { isoUtc, simTimeMs } from '../time.js';
import type { PendingBreakup } from './state.js';

/** The fragments' masses, by stable index, for later collisions (fragments are light: a debris default would be wrong). */
const fragmentMass = new WeakMap<Sim, Map<number, number>>();

/** Mass of an object for a breakup, kg: a fragment's own, else by kind. */
export function massOf(sim: Sim, stable: number): number {
  const m = fragmentMass.get(sim)?.get(stable);
  if (m !== undefined) return m;
  const o = sim.objects[stable];
  return sim.model.counterspace.debris.massKgByKind[o?.kind ?? 'unknown'];
}

/** A collision inject that names no impactor: an untracked object of this mass at this closing speed. */
export const DEFAULT_IMPACTOR_KG = 100;
export const DEFAULT_IMPACT_SPEED_KMPS = 10;

/** Breakup inputs for `p` on object `stable` (precedence in the file comment). */
export function breakupInputFor(sim: Sim, p: PendingBreakup, stable: number): BreakupCountInput {
  const spec = p.spec;
  const preset = spec?.preset ? BREAKUP_PRESETS[spec.preset].input : null;
  const o = sim.objects[stable];
  const collision = p.cause !== 'explosion';
  const massKg = spec?.massKg ?? preset?.targetMassKg ?? massOf(sim, stable);
  const input: BreakupCountInput = {
    kind: collision ? 'collision' : 'explosion',
    targetMassKg: massKg,
    targetKind: o?.kind === 'rocket-body' ? 'rocket-body' : 'spacecraft',
    lcMinM: sim.model.counterspace.debris.fragmentCutoffM,
    scale: spec?.scale ?? preset?.scale ?? 1,
  };
  if (collision) {
    input.projectileMassKg = spec?.projectileMassKg ?? preset?.projectileMassKg ?? p.projectileMassKg ?? DEFAULT_IMPACTOR_KG;
    input.impactSpeedKmPerS = spec?.impactSpeedKmPerS ?? preset?.impactSpeedKmPerS ?? p.impactSpeedKmPerS ?? DEFAULT_IMPACT_SPEED_KMPS;
  }
  if ((input.lcMaxM ?? 1) <= input.lcMinM!) input.lcMaxM = 10 * input.lcMinM!;
  return input;
}

/** Carry out the breakups due at this tick (in the order they were scheduled). */
export function runBreakups(sim: Sim): void {
  const cs = sim.counterspace;
  if (cs.pendingBreakups.length === 0) return;
  const due = cs.pendingBreakups.filter((p) => p.tick <= sim.tick);
  if (due.length === 0) return;
  const rest = cs.pendingBreakups.filter((p) => p.tick > sim.tick);
  cs.pendingBreakups.length = 0;
  cs.pendingBreakups.push(...rest);
  const debris = sim.model.counterspace.debris;
  const broken = new Set<string>();
  for (const p of due) {
    const eid = sim.eidById.get(p.object);
    // An object already broken up this tick (two collisions at once) leaves once.
    if (eid === undefined || broken.has(p.object)) continue;
    broken.add(p.object);
    const stable = sim.c.Identity.stableIndex[eid];
    const input = breakupInputFor(sim, p, stable);
    const problem = breakupInputProblem(input);
    const timeUtc = isoUtc(simTimeMs(sim.time, sim.tick));
    if (problem !== undefined) {
      sim.events.push(sim.tick, timeUtc, 'breakup-refused', [p.object], { object: p.object, reason: problem }, WHITE_ONLY);
      continue;
    }
    const left = debris.fragmentsTotalMax - cs.fragmentsAdded;
    const cap = Math.min(debris.fragmentsPerEventMax, Math.max(0, left));
    const firstStable = sim.ids.length;
    const result = breakUp(sim, p.object, input, Math.max(cap, 0), cap < debris.fragmentsPerEventMax
      ? { name: 'fragmentsTotalMax', value: debris.fragmentsTotalMax }
      : { name: 'fragmentsPerEventMax', value: debris.fragmentsPerEventMax });
    cs.fragmentsAdded += result.added;
    let masses = fragmentMass.get(sim);
    if (!masses) fragmentMass.set(sim, (masses = new Map()));
    // Fragments take the next stable indices, in order.
    result.massKg.forEach((m, k) => masses!.set(firstStable + k, m));
    cs.breakups.push({
      tick: sim.tick, object: p.object, cause: p.cause, regime: result.regime, drawn: result.drawn, added: result.added,
      refused: result.refused, cut: result.cut, firstStable, lastStable: sim.objects.length - 1,
    });
  }
}
