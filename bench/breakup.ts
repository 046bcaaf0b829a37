/**
 * Breakup with fragment creation: `breakUp` of the Cosmos 1408 preset (a 2,000 kg target, ~1,565
 * fragments of 10 cm or more) on a sim holding the 2026-03 catalog (14,710 objects), against issue 5's
 * target of 50 ms. What the call does: draw the fragments (NASA model), fit SGP4 mean elements to each
 * fragment's state (state-to-elements.ts), and add them with spawn.ts `addObjects`. The fragments enter
 * the propagator at the next tick: that step's extra cost over a plain step (refreshOrder appending their
 * slots) is reported beside it, since a breakup costs the engine both. The GC pauses inside the call are
 * reported too (PerformanceObserver 'gc' entries): mostly scavenges promoting the ~1,400 fragments' satrecs
 * (about a hundred boxed doubles each), a cost of keeping them that no fit speed-up removes.
 *
 * Each round breaks up a different LEO catalog object (between 400 and 1,000 km, in catalog order) at the
 * current tick, then steps once (timed: the step that loads the fragments), then steps once more (timed:
 * a plain step of the grown sim, the reference). The sim grows by ~1,500 objects a round; rounds are few.
 *
 * Standalone: `tsc -p tsconfig.bench.json && node dist-bench/bench/breakup.js`; bench/main.ts runs it in a
 * fresh process (`benchBreakupInChild`, breakup-child.ts) and prints `formatBreakup(result)`.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { breakUp } from '../engine/debris/break-up.js';
import { createSim, step, type ScenarioModel } from '../engine/index.js';
import { BREAKUP_PRESETS } from '../engine/physics/breakup.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { BREAKUP_CHILD, CATALOG_SCENARIO } from './paths.js';
import { fixed, median, spread, type Spread } from './stats.js';

export const BREAKUP_TARGET_MS = 50;

export interface BreakupBenchResult {
  objects: number;
  preset: string;
  targetMassKg: number;
  rounds: number;
  drawn: number;
  added: number;
  refused: number;
  /** breakUp() alone: draw, fit, addObjects. */
  msBreakUp: Spread;
  /** Garbage collection inside the breakUp() call (scavenges promoting the fragments' satrecs, mostly). */
  msGcInBreakUp: Spread;
  /** The step after the breakup (its refreshOrder loads the fragments into the propagator). */
  msStepAfter: Spread;
  /** A plain step of the same grown sim, the reference for the one above. */
  msStepPlain: Spread;
  /** breakUp + (step after - plain step): what the breakup costs the engine in all. */
  msTotal: Spread;
  /** msBreakUp / target, per round. */
  ratioToTarget: Spread;
  targetMs: number;
  targetMet: boolean;
}

/** LEO parents in catalog order: objects whose first-tick radius is 400-1,000 km above the surface. */
function leoParents(model: ScenarioModel, sim: Awaited<ReturnType<typeof createSim>>, count: number): string[] {
  const out: string[] = [];
  const r = sim.c.Kinematics.posTemeKm;
  for (const o of model.objects) {
    const eid = sim.eidById.get(o.id);
    if (eid === undefined) continue;
    const h = Math.hypot(r[3 * eid], r[3 * eid + 1], r[3 * eid + 2]) - 6378.135;
    if (h > 400 && h < 1000) out.push(o.id);
    if (out.length === count) break;
  }
  return out;
}

export async function benchBreakup(options: { rounds?: number; model?: ScenarioModel } = {}): Promise<BreakupBenchResult> {
  const rounds = options.rounds ?? 7;
  let model = options.model;
  if (!model) {
    const loaded = loadScenarioFile(CATALOG_SCENARIO);
    if (!loaded.ok) throw new Error(`catalog scenario did not load: ${loaded.value.problems.map((p) => p.message).join('; ')}`);
    model = loaded.value.model;
  }
  // Orbits only: sensors would make the reference steps slow and noisy, and breakUp does not read them.
  const bare: ScenarioModel = { ...model, sites: [], sensors: [], injects: [] };
  const sim = await createSim(bare, { propagator: 'wasm' });
  step(sim);
  step(sim);
  const preset = BREAKUP_PRESETS['cosmos-1408'];
  // One warm-up breakup (JIT), not counted.
  const parents = leoParents(bare, sim, rounds + 1);
  const samples = { breakUp: [] as number[], after: [] as number[], plain: [] as number[], total: [] as number[] };
  // GC pauses (start, duration) as the VM reports them, to say how much of a breakUp call is collection.
  const pauses: [number, number][] = [];
  const windows: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  let drawn = 0, added = 0, refused = 0;
  for (let round = 0; round < parents.length; round++) {
    globalThis.gc?.();
    const t0 = performance.now();
    const r = breakUp(sim, parents[round], preset.input);
    const t1 = performance.now();
    if (round > 0) windows.push([t0, t1]);
    step(sim);
    const t2 = performance.now();
    step(sim);
    const t3 = performance.now();
    if (round === 0) continue;
    samples.breakUp.push(t1 - t0);
    samples.after.push(t2 - t1);
    samples.plain.push(t3 - t2);
    samples.total.push(t1 - t0 + (t2 - t1) - (t3 - t2));
    drawn = r.drawn; added = r.added; refused = r.refused;
  }
  const msBreakUp = spread(samples.breakUp);
  // GC entries are delivered asynchronously: let them arrive before reading them.
  await new Promise((done) => setTimeout(done, 10));
  observer.disconnect();
  const gcInBreakUp = windows.map(([t0, t1]) => pauses.filter(([start]) => start >= t0 && start < t1).reduce((sum, [, ms]) => sum + ms, 0));
  sim.propagator.dispose();
  return {
    objects: bare.objects.length,
    preset: 'cosmos-1408',
    targetMassKg: preset.input.targetMassKg,
    rounds: samples.breakUp.length,
    drawn, added, refused,
    msBreakUp,
    msGcInBreakUp: spread(gcInBreakUp),
    msStepAfter: spread(samples.after),
    msStepPlain: spread(samples.plain),
    msTotal: spread(samples.total),
    ratioToTarget: spread(samples.breakUp.map((x) => x / BREAKUP_TARGET_MS)),
    targetMs: BREAKUP_TARGET_MS,
    targetMet: median(samples.breakUp) < BREAKUP_TARGET_MS,
  };
}

/** Text report of a result, the way bench/main.ts prints its parts. */
export function formatBreakup(x: BreakupBenchResult): string[] {
  const r = x.ratioToTarget;
  return [
    `7. BREAKUP: breakUp() of the ${x.preset} preset (${x.targetMassKg} kg target) on a sim of ${x.objects.toLocaleString('en-US')} catalog objects, ` +
      `${x.rounds} rounds (a different LEO parent each, +1 warm-up), medians`,
    `fragments: ${x.drawn} drawn, ${x.added} added, ${x.refused} refused (re-entering) in the last round`,
    `breakUp (draw + mean-element fits + addObjects): ${fixed(x.msBreakUp.median, 1)} ms [IQR ${fixed(x.msBreakUp.p25, 1)}-${fixed(x.msBreakUp.p75, 1)}], ` +
      `${fixed(r.median, 2)}x the ${x.targetMs} ms target [${fixed(r.p25, 2)}-${fixed(r.p75, 2)}]: ${x.targetMet ? 'MET' : 'NOT MET'}; ` +
      `of which GC ${fixed(x.msGcInBreakUp.median, 1)} ms`,
    `next step (fragments enter the propagator) ${fixed(x.msStepAfter.median, 1)} ms vs a plain step ${fixed(x.msStepPlain.median, 1)} ms; ` +
      `breakUp + that difference ${fixed(x.msTotal.median, 1)} ms (${fixed(x.msTotal.median / x.targetMs, 2)}x the target)`,
  ];
}

/** benchBreakup in a fresh node process (breakup-child.ts): the sim alone in its heap, as in a real run. */
export function benchBreakupInChild(rounds: number): BreakupBenchResult {
  const r = spawnSync(process.execPath, ['--expose-gc', BREAKUP_CHILD, String(rounds)], { encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`breakup child exited with ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as BreakupBenchResult;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchBreakup();
  process.stdout.write(`${formatBreakup(r).join('\n')}\n`);
}
