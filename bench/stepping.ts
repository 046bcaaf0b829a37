/**
 * Stepping cost, side by side in one process. Every variant steps the same satrecs over the same ticks;
 * variants are interleaved in rounds (the order rotates every round) and each round gives one sample per
 * variant, so a noisy neighbour on this shared machine slows one round of every variant rather than one
 * variant. Ratios are taken per round and their median reported.
 *
 * No GC is forced between segments: measured here, a forced full GC leaves lazy sweeping that the next
 * few ms of the following segment pay for (stateHash went from ~0.9 ms to 5-30 ms right after `gc()`).
 * One GC is forced after set-up (when node runs with --expose-gc) and its after-effects land in the
 * warm-up rounds, which are discarded; the JS variants pay for their own young-generation garbage.
 *
 * Variants (one tick each = every object propagated once to the tick's time):
 * - bare-js:      satellite.js `sgp4(satrec, tsince)` in a plain loop: the floor for the JS backend.
 * - bulk-wasm:    satellite.js 7 BulkPropagator, one date per call: setDates([date]); run(); getRawOutput().
 * - engine-wasm:  `step(sim); stateHash(sim)`, catalog without sensors, propagator 'wasm' (the default).
 * - engine-js:    the same with propagator 'js': its ratio to bare-js is the engine's overhead.
 * - engine-radar: the full scenario with its radars (wasm): the difference to engine-wasm is detection.
 * - hash-only:    `stateHash(sim)` alone on the engine-wasm sim (no step).
 *
 * A second phase times each system of the SCHEDULE separately (breakdown), plus the propagator backend's
 * own `run` and the bare loop for reference.
 */
import { performance } from 'node:perf_hooks';
import { BulkPropagator, createSingleThreadRuntime, EciBaseCalculator, sgp4, type SatRec } from 'satellite.js';
import { createSim, satrecEpochMs, satrecFrom, SCHEDULE, simTimeMs, stateHash, step, type ScenarioModel, type Sim } from '../engine/index.js';
import { ratios, spread, type Spread } from './stats.js';
import type { OrbitSlots } from '../engine/propagators/propagator.js';
import { satrecOf } from '../engine/order.js';

export interface SteppingConfig {
  rounds: number;
  warmupRounds: number;
  ticksPerRound: number;
  breakdownRounds: number;
}

export const VARIANT_KEYS = ['bare-js', 'bulk-wasm', 'engine-wasm', 'engine-js', 'engine-radar', 'hash-only'] as const;
export type VariantKey = (typeof VARIANT_KEYS)[number];

export const VARIANT_LABELS: Record<VariantKey, string> = {
  'bare-js': 'bare satellite.js sgp4() loop (JS)',
  'bulk-wasm': 'satellite.js BulkPropagator (WASM), 1 date/call',
  'engine-wasm': "engine step+stateHash, propagator 'wasm'",
  'engine-js': "engine step+stateHash, propagator 'js'",
  'engine-radar': "engine step+stateHash, 'wasm' + radars",
  'hash-only': 'stateHash alone (no step)',
};

export interface VariantResult {
  label: string;
  /** Objects per tick (after the last tick of the run; objects that left are not counted). */
  objects: number;
  msPerTick: Spread;
  nsPerObjectStep: Spread;
  /** Per-round samples, ms per tick (for the JSON). */
  samplesMsPerTick: number[];
}

export interface BreakdownRow {
  sim: string;
  objects: number;
  radars: number;
  /** Median ms per tick of each part. */
  msPerTick: Record<string, number>;
}

export interface SteppingResult {
  config: SteppingConfig;
  objects: number;
  radars: number;
  stepMs: number;
  firstTick: number;
  lastTick: number;
  sgp4FailuresLastTick: number;
  variants: Record<VariantKey, VariantResult>;
  ratios: Record<string, Spread>;
  radar: { nsPerPairFromStepDiff: Spread; nsPerPairFromSystem: number };
  breakdown: BreakdownRow[];
  /** Re-uploading every satrec to the backend, as refreshOrder does whenever an object leaves the sim. */
  reloadMs: { wasm: Spread; js: Spread };
  warnings: string[];
}

type Gc = () => void;
const gc: Gc | undefined = (globalThis as { gc?: Gc }).gc;

/** A sink the optimiser cannot see through, so no measured loop is dead code. */
let sink = 0;

interface Variant {
  key: VariantKey;
  objects(): number;
  /** Advance `count` ticks starting at tick `first` (hash-only: hash `count` times). */
  run(first: number, count: number): void;
}

function bareJs(model: ScenarioModel): { variant: Variant; failuresAt(tick: number): number } {
  const satrecs: SatRec[] = model.objects.map((o) => satrecFrom(o.orbit));
  const epochMs = Float64Array.from(satrecs, satrecEpochMs);
  const n = satrecs.length;
  const tsinceAt = (tick: number, i: number): number => (model.epochMs + tick * model.stepMs - epochMs[i]) / 60_000;
  return {
    variant: {
      key: 'bare-js',
      objects: () => n,
      run(first, count) {
        let acc = 0;
        for (let tick = first; tick < first + count; tick++) {
          const utcMs = model.epochMs + tick * model.stepMs;
          for (let i = 0; i < n; i++) {
            const pv = sgp4(satrecs[i], (utcMs - epochMs[i]) / 60_000);
            if (pv !== null) acc += pv.position.x;
          }
        }
        sink += acc;
      },
    },
    failuresAt(tick) {
      let failed = 0;
      for (let i = 0; i < n; i++) if (sgp4(satrecs[i], tsinceAt(tick, i)) === null) failed++;
      return failed;
    },
  };
}

async function bulkWasm(model: ScenarioModel): Promise<Variant> {
  const satrecs: SatRec[] = model.objects.map((o) => satrecFrom(o.orbit));
  const runtime = await createSingleThreadRuntime();
  const calculators = [new EciBaseCalculator()] as const;
  const bulk = new BulkPropagator({ runtime, calculators, satRecsCount: satrecs.length, datesCount: 1 });
  bulk.setSatRecs(satrecs);
  return {
    key: 'bulk-wasm',
    objects: () => satrecs.length,
    run(first, count) {
      for (let tick = first; tick < first + count; tick++) {
        bulk.setDates([new Date(model.epochMs + tick * model.stepMs)]);
        bulk.run();
        sink += bulk.getRawOutput().eci.position[0];
      }
    },
  };
}

function engine(key: VariantKey, sim: Sim): Variant {
  return {
    key,
    objects: () => sim.order.orbiters.length,
    run(first, count) {
      if (sim.tick !== first - 1) throw new Error(`bench: ${key} sim is at tick ${sim.tick}, expected ${first - 1}`);
      for (let i = 0; i < count; i++) {
        step(sim);
        sink += stateHash(sim).charCodeAt(0);
      }
    },
  };
}

function hashOnly(sim: Sim): Variant {
  return {
    key: 'hash-only',
    objects: () => sim.order.orbiters.length,
    run(_first, count) {
      for (let i = 0; i < count; i++) sink += stateHash(sim).charCodeAt(0);
    },
  };
}

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** The catalog model without sites and sensors: pure orbit stepping. */
export function withoutSensors(model: ScenarioModel): ScenarioModel {
  return { ...model, sites: [], sensors: [] };
}

export async function measureStepping(full: ScenarioModel, config: SteppingConfig, log: (s: string) => void): Promise<SteppingResult> {
  const bare = withoutSensors(full);
  const warnings: string[] = [];

  log('  setting up: bare satrecs, BulkPropagator, 3 sims (wasm, js, wasm + radars)...');
  const bareVariant = bareJs(bare);
  const simWasm = await createSim(bare, { propagator: 'wasm' });
  const simJs = await createSim(bare, { propagator: 'js' });
  const simRadar = await createSim(full, { propagator: 'wasm' });
  const variants: Variant[] = [
    bareVariant.variant,
    await bulkWasm(bare),
    engine('engine-wasm', simWasm),
    engine('engine-js', simJs),
    engine('engine-radar', simRadar),
    hashOnly(simWasm),
  ];

  // Settle the heap after set-up (hundreds of MB of satrecs and YAML garbage) before the warm-up rounds.
  gc?.();
  const { rounds, warmupRounds, ticksPerRound: T, breakdownRounds } = config;
  const totalRounds = warmupRounds + rounds;
  const lastTick = (totalRounds + breakdownRounds) * T;
  const firstOutage = full.injects.find((i) => i.kind === 'sensor-outage');
  if (firstOutage && firstOutage.tick <= lastTick) {
    warnings.push(`the bench steps to tick ${lastTick}, past the sensor outage at tick ${firstOutage.tick}: radar cost is measured with a radar down`);
  }

  const samples = new Map<VariantKey, number[]>(VARIANT_KEYS.map((k) => [k, []]));
  for (let r = 0; r < totalRounds; r++) {
    const first = 1 + r * T;
    for (let j = 0; j < variants.length; j++) {
      const v = variants[(j + r) % variants.length];
      const ms = timeIt(() => v.run(first, T));
      if (r >= warmupRounds) samples.get(v.key)!.push(ms / T);
    }
    if ((r + 1) % 5 === 0 || r === totalRounds - 1) log(`  stepping round ${r + 1}/${totalRounds}${r < warmupRounds ? ' (warm-up)' : ''}`);
  }

  const results = {} as Record<VariantKey, VariantResult>;
  for (const v of variants) {
    const ms = samples.get(v.key)!;
    const objects = v.objects();
    results[v.key] = {
      label: VARIANT_LABELS[v.key],
      objects,
      msPerTick: spread(ms),
      nsPerObjectStep: spread(ms.map((x) => (x * 1e6) / objects)),
      samplesMsPerTick: ms,
    };
  }
  const perObj = (k: VariantKey): number[] => samples.get(k)!.map((x) => x / results[k].objects);
  const radars = simRadar.order.sensors.length;
  const radarObjects = results['engine-radar'].objects;
  const ratioSet: Record<string, Spread> = {
    'engine-js / bare-js': spread(ratios(perObj('engine-js'), perObj('bare-js'))),
    'engine-wasm / bare-js': spread(ratios(perObj('engine-wasm'), perObj('bare-js'))),
    'bulk-wasm / bare-js': spread(ratios(perObj('bulk-wasm'), perObj('bare-js'))),
    'engine-wasm / bulk-wasm': spread(ratios(perObj('engine-wasm'), perObj('bulk-wasm'))),
    'engine-js / engine-wasm': spread(ratios(perObj('engine-js'), perObj('engine-wasm'))),
    'engine-radar / engine-wasm': spread(ratios(samples.get('engine-radar')!, samples.get('engine-wasm')!)),
    'hash-only / engine-wasm': spread(ratios(samples.get('hash-only')!, samples.get('engine-wasm')!)),
  };
  const stepDiffNs = samples.get('engine-radar')!.map((x, i) => ((x - samples.get('engine-wasm')![i]) * 1e6) / (radars * radarObjects));

  // Phase 2: per-system breakdown on the same sims, continuing from where phase 1 left them.
  log('  breakdown: each system of the schedule timed on its own...');
  const parts = ['applyInjects', 'propagateOrbits', 'earthFixed', 'sense', 'fuseOwn', 'share'];
  const bdSims: [string, Sim][] = [
    ["engine, 'js'", simJs],
    ["engine, 'wasm'", simWasm],
    ["engine, 'wasm' + radars", simRadar],
  ];
  const bd = new Map<string, Map<string, number[]>>(bdSims.map(([name]) => [name, new Map()]));
  const bareBd: number[] = [];
  const push = (name: string, part: string, ms: number): void => {
    const m = bd.get(name)!;
    if (!m.has(part)) m.set(part, []);
    m.get(part)!.push(ms / T);
  };
  const schedNames = SCHEDULE.map((s) => s.name);
  for (const name of schedNames) if (!parts.includes(name)) parts.push(name);
  for (let r = 0; r < breakdownRounds; r++) {
    const first = 1 + (totalRounds + r) * T;
    const jobs: (() => void)[] = [
      () => bareBd.push(timeIt(() => bareVariant.variant.run(first, T)) / T),
      ...bdSims.map(([name, sim]) => () => {
        const acc = new Map<string, number>();
        const add = (k: string, ms: number): void => void acc.set(k, (acc.get(k) ?? 0) + ms);
        for (let i = 0; i < T; i++) {
          sim.tick++;
          for (let s = 0; s < SCHEDULE.length; s++) {
            const t = performance.now();
            SCHEDULE[s](sim);
            add(schedNames[s], performance.now() - t);
          }
          let t = performance.now();
          sink += stateHash(sim).charCodeAt(0);
          add('stateHash', performance.now() - t);
          // The backend alone, again for the same tick (idempotent): propagateOrbits minus this is the
          // engine's own work in that system (copy into components, error scan).
          const utcMs = simTimeMs(sim.time, sim.tick);
          t = performance.now();
          sink += sim.propagator.run(utcMs).posTemeKm[0];
          add('backend run', performance.now() - t);
        }
        for (const [k, ms] of acc) push(name, k, ms);
      }),
    ];
    for (let j = 0; j < jobs.length; j++) jobs[(j + r) % jobs.length]();
  }
  const breakdown: BreakdownRow[] = [
    { sim: 'bare sgp4 loop (reference)', objects: bareVariant.variant.objects(), radars: 0, msPerTick: { 'bare loop': spread(bareBd).median } },
  ];
  for (const [name, sim] of bdSims) {
    const m = bd.get(name)!;
    const row: Record<string, number> = {};
    for (const [k, xs] of m) row[k] = spread(xs).median;
    breakdown.push({ sim: name, objects: sim.order.orbiters.length, radars: sim.order.sensors.length, msPerTick: row });
  }
  const radarRow = breakdown.find((b) => b.radars > 0)!;
  const nsPerPairFromSystem = ((radarRow.msPerTick.sense ?? Number.NaN) * 1e6) / (radarRow.radars * radarRow.objects);

  // Reload cost: what refreshOrder pays (propagator.load of every orbit) when objects are added, or when
  // half the slots have died (removals alone only mask their slot).
  log('  backend reload (what adding objects costs)...');
  const reload = { wasm: [] as number[], js: [] as number[] };
  const slotsOf = (sim: Sim): OrbitSlots => ({ count: sim.slots.length, satrec: (i) => satrecOf(sim, sim.slots[i]), prepared: () => undefined });
  for (let r = 0; r < 5; r++) {
    for (const [k, sim] of [['wasm', simWasm], ['js', simJs]] as const) {
      const slots = slotsOf(sim);
      reload[k].push(timeIt(() => sim.propagator.load(slots)));
    }
  }

  for (const sim of [simWasm, simJs, simRadar]) sim.propagator.dispose();
  return {
    config,
    objects: results['engine-wasm'].objects,
    radars,
    stepMs: full.stepMs,
    firstTick: 1,
    lastTick,
    sgp4FailuresLastTick: bareVariant.failuresAt(lastTick),
    variants: results,
    ratios: ratioSet,
    radar: { nsPerPairFromStepDiff: spread(stepDiffNs), nsPerPairFromSystem },
    breakdown,
    reloadMs: { wasm: spread(reload.wasm), js: spread(reload.js) },
    warnings,
  };
}

/** Keeps the sink observable (printed in the JSON) so no measured loop can be optimised away. */
export function sinkValue(): number {
  return sink;
}
