/**
 * Batch throughput (issue 6): runs per second of `vigil batch`-equivalent work on the 2026-03 catalog
 * scenario on 1 and 2 worker threads (the scaling ratio, target >= 1.7x on 2 cores), and the cost of N
 * runs in one batch against N times one run (target: 100 runs cost under 20x one run, which needs the
 * deterministic ephemeris of the catalog computed once per batch and shared).
 *
 * The scenario is scenarios/catalog-2026-03.yaml as it is: it has no `montecarlo:` section, so the runs of
 * a batch differ by their run index (the seed streams) only; each is cut at --until BATCH_UNTIL of sim time.
 * Every batch is a piscina pool on cli/batch/worker.js with minThreads = maxThreads = K, given the same
 * RunTask `vigil batch` builds (cache on: prepared orbits from a temporary VIGIL_CACHE_DIR primed by a
 * warm-up batch), timed from `new Piscina` to `pool.destroy()` resolved. One worker is a 1-thread pool
 * (`vigil batch --workers 1` runs in its own thread instead: the same code without a thread start-up),
 * so 1 and 2 workers pay the same overheads. "One run" is a batch of one run on a fresh 1-thread pool:
 * thread start, module imports, WASM, scenario load, orbit-cache read, createSim, the steps. Jobs
 * (one run, N runs on 1 worker, N runs on 2 workers, for each variant) are interleaved in rounds, the
 * order rotating every round; ratios are per round, their median reported.
 *
 * Where a run's time goes: runs in this thread replicate run-one.ts (same load, cache, createSim, steps,
 * summary) with each step's systems timed and the propagator backend's `run` (SGP4 of every object to the
 * tick: the ephemeris) timed inside propagateOrbits. That share is the most any ephemeris sharing could
 * save a run; the report projects 100 runs with and without it. The state hash of each replicated run is
 * checked against the pool's row for the same run index, and the pools' rows against each other (1 and 2
 * workers must give the same hashes).
 *
 * Variants: BATCH_VARIANTS lists the ways a batch can run: 'per-run' (each run propagates the catalog
 * itself) and 'shared' (`vigil batch`'s default: the catalog propagated once into shared memory by the
 * pool's workers, a range of ticks each, before the runs; that time counted in the batch's), every
 * figure measured for both, side by side.
 *
 * main.ts runs all this in a fresh process (measureBatchInChild, batch-child.ts). Standalone:
 * `tsc -p tsconfig.bench.json && node dist-bench/bench/batch.js` (BENCH_BATCH_RUNS, BENCH_BATCH_ROUNDS).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withTempCache } from './temp-cache.js';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { createSim, SCHEDULE, summarize, type ViewsPart } from '../engine/index.js';
import { refreshOrder } from '../engine/order.js';
import { removeObject } from '../engine/systems/propagate-orbits.js';
import { parseDurationMs } from '../scenarios/durations.js';
import { metricValues } from '../cli/batch/metrics.js';
import { baseModel, type RunRow, type RunTask } from '../cli/batch/run-one.js';
import { preparedOrbitsFor } from '../cli/orbit-cache.js';
import { sharedEphemeris } from '../cli/commands/batch.js';
import { fillShared, viewsShared, type PrepareTask } from '../cli/batch/fill.js';
// Type only, but it puts cli/batch/worker.ts in the bench's program, so tsc emits the worker the pools load.
import type runTaskInWorker from '../cli/batch/worker.js';
import { BATCH_CHILD, BATCH_WORKER, CATALOG_SCENARIO } from './paths.js';
import { fixed, median, ratios, spread, table, type Spread } from './stats.js';

export const SCALING_TARGET = 1.7;
export const COST_TARGET_RUNS = 100;
export const COST_TARGET_RATIO = 20;
/** Sim time of every run (60 ticks of the scenario's 10 s step). */
export const BATCH_UNTIL = '10m';

export interface BatchConfig {
  /** Runs per batch (N). */
  runs: number;
  /** Rounds: each gives one sample of every job of every variant. */
  rounds: number;
  /** Replicated runs in this thread for the breakdown (after one cold one, not counted). */
  breakdownRuns: number;
}

export interface BatchVariant {
  key: string;
  label: string;
  /** The pool's worker module (compiled .js path). */
  workerFile: string;
  /** The task of this variant from the one `vigil batch` would give. */
  task(base: RunTask): RunTask;
  /** Work a batch of `runs` does once before its pool starts (timed with the batch), giving fields of every task. */
  prepare?(base: RunTask, runs: number): Promise<Partial<RunTask>>;
}

/** What the batch worker does with a task (cli/batch/worker.ts's default export). */
export type BatchWorkerFn = typeof runTaskInWorker;

export const BATCH_VARIANTS: readonly BatchVariant[] = [
  { key: 'per-run', label: 'each run propagates the catalog itself (--no-share-ephemeris)', workerFile: BATCH_WORKER, task: (t) => t },
  {
    key: 'shared',
    label: "the catalog's positions and the ground sensors' views computed once into shared memory by the pool's workers, every run reading them (vigil batch's default)",
    workerFile: BATCH_WORKER,
    task: (t) => t,
    // What `vigil batch` does before its pool: a batch of one does not share.
    prepare: async (base, runs) => (runs < 2 ? {} : { ephemeris: await sharedEphemeris(await baseModel(base.file, base.text), base.untilMs, true) }),
  },
];

export interface PoolSample {
  threads: number;
  runs: number;
  /** new Piscina to destroy() resolved. */
  wallMs: number;
  /** The first result. */
  firstMs: number;
  /** CPU time of this process (every thread) over the pool, ms. */
  cpuMs: number;
  /** Runs per second after each thread's first run (which carries the start-up): (runs - threads) / (last - threads-th result). */
  steadyRunsPerS: number | null;
  hashes: Record<number, string>;
}

export interface PoolStats {
  wallMs: Spread;
  runsPerS: Spread;
  steadyRunsPerS: Spread | null;
  firstMs: Spread;
  /** CPU time / wall time: the cores the batch got (2 workers on a quiet 2-core machine: near 2). */
  coresUsed: Spread;
  /** CPU time per run, ms (threads contending for memory or caches make it grow with the workers). */
  cpuMsPerRun: Spread;
}

export interface VariantBatchResult {
  key: string;
  label: string;
  /** One run: a batch of one on a fresh 1-thread pool. */
  oneRunMs: Spread;
  oneWorker: PoolStats;
  twoWorkers: PoolStats;
  /** runs/s on 2 workers / on 1, per round. */
  scaling: Spread;
  /** 2 x CPU per run on 1 worker / on 2, per round: the scaling two free cores would give (start-up included). */
  cpuBoundScaling: Spread;
  /** The same from the steady rates (start-up left out). */
  steadyScaling: Spread | null;
  /** N runs on 1 worker / one run, per round (N if nothing is shared or amortised). */
  costRatio: Spread;
  /** What one more run adds to a 1-worker batch: (N runs - one run) / (N - 1), ms. */
  marginalMs: Spread;
  /** 100 runs on 1 worker / one run, projected: (one + 99 x marginal) / one. */
  projected100: number;
  /** The same if a run's ephemeris (SGP4) share were computed once and shared, projected. */
  projected100SharedSgp4: number;
  /** ... and if createSim and earthFixed went too (the generous bound). */
  projected100SharedAll: number;
  /** Same state hashes for every run index on 1 and 2 workers (and the replicated runs). */
  hashesAgree: boolean;
  samples: { oneRunMs: number[]; oneWorker: PoolSample[]; twoWorkers: PoolSample[] };
}

export interface RunBreakdown {
  loadMs: number;
  cacheMs: number;
  createSimMs: number;
  stepsMs: number;
  summaryMs: number;
  /** load excluded: what a run pays once its worker holds the scenario. */
  runMs: number;
  /** Per system (and refreshOrder, removals), summed over the run's ticks. */
  systemsMs: Record<string, number>;
  /** The propagator backend's run() inside propagateOrbits: SGP4 of every object, summed over the ticks. */
  sgp4Ms: number;
  ticks: number;
  objects: number;
  stateHash: string;
}

export interface BatchResult {
  config: BatchConfig;
  scenario: string;
  until: string;
  ticks: number;
  objects: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  /** The first replicated run of this thread (cold: load, JIT). */
  coldRun: RunBreakdown;
  /** Medians over the warm replicated runs. */
  warmRun: RunBreakdown;
  /** Shares of a warm run (load excluded). */
  shares: { sgp4: number; propagateOrbits: number; earthFixed: number; createSim: number; generous: number };
  variants: VariantBatchResult[];
  scalingTarget: number;
  costTarget: { runs: number; ratio: number };
  wallSeconds: number;
}

/** The task `vigil batch` would give for run 0, and how long the scenario's first load took here. */
async function baseTask(untilMs: number): Promise<{ task: RunTask; loadMs: number }> {
  const text = readFileSync(CATALOG_SCENARIO, 'utf8');
  const t = performance.now();
  const model = await baseModel(CATALOG_SCENARIO, text);
  const loadMs = performance.now() - t;
  return { task: { file: CATALOG_SCENARIO, text, seed: model.seed, run: 0, untilMs, withoutAgreements: [], cache: true }, loadMs };
}

async function timePool(v: BatchVariant, threads: number, runs: number, base: RunTask): Promise<PoolSample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const extra = v.prepare ? await v.prepare(base, runs) : {};
  const pool = new Piscina({ filename: pathToFileURL(v.workerFile).href, minThreads: threads, maxThreads: threads });
  const done: number[] = [];
  const hashes: Record<number, string> = {};
  try {
    // As runPool does: the ephemeris filled on every worker, then the views on all but one while the runs start.
    const exec = (t: PrepareTask) => pool.run(t) as Promise<ViewsPart | null>;
    await fillShared([{ ...base, ...extra }], threads, exec);
    const views = viewsShared([{ ...base, ...extra }], Math.max(1, threads - 1), exec);
    await Promise.all([views, ...Array.from({ length: runs }, async (_, run) => {
      const row = (await pool.run({ ...v.task({ ...base, run }), ...extra })) as RunRow;
      done.push(performance.now() - t0);
      if (row.error !== null) throw new Error(`run ${run} failed: ${row.error}`);
      hashes[run] = row.stateHash;
    })]);
  } finally {
    await pool.destroy();
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  done.sort((a, b) => a - b);
  const k = Math.min(threads, runs);
  const steadyRunsPerS = runs > k ? ((runs - k) * 1000) / (done[runs - 1] - done[k - 1]) : null;
  return { threads, runs, wallMs, cpuMs, firstMs: done[0], steadyRunsPerS, hashes };
}

/** run-one.ts's runOne for a model without draws, in this thread, each part timed. */
async function replicatedRun(base: RunTask, run: number): Promise<RunBreakdown> {
  let t = performance.now();
  const model = await baseModel(base.file, base.text);
  const loadMs = performance.now() - t;
  t = performance.now();
  const prepared = (await preparedOrbitsFor(model)).prepared;
  const cacheMs = performance.now() - t;
  t = performance.now();
  const sim = await createSim(model, { seed: base.seed, runIndex: run, prepared });
  const createSimMs = performance.now() - t;
  const ticks = Math.floor((base.untilMs ?? model.durationMs) / model.stepMs);
  const systemsMs: Record<string, number> = {};
  const add = (k: string, ms: number): void => void (systemsMs[k] = (systemsMs[k] ?? 0) + ms);
  const names = SCHEDULE.map((s) => s.name);
  let sgp4Ms = 0;
  const backend = sim.propagator;
  const run0 = backend.run.bind(backend);
  backend.run = (utcMs: number) => {
    const a = performance.now();
    const out = run0(utcMs);
    sgp4Ms += performance.now() - a;
    return out;
  };
  let stepsMs = 0, summaryMs = 0, stateHash = '';
  try {
    const s0 = performance.now();
    while (sim.tick < ticks) {
      // step(sim) = runSchedule of the next tick, spelt out to time each part.
      sim.tick++;
      let a = performance.now();
      for (const eid of sim.order.pendingRemovals.splice(0)) removeObject(sim, eid);
      refreshOrder(sim);
      add('refreshOrder', performance.now() - a);
      for (let i = 0; i < SCHEDULE.length; i++) {
        a = performance.now();
        SCHEDULE[i](sim);
        add(names[i], performance.now() - a);
      }
    }
    stepsMs = performance.now() - s0;
    t = performance.now();
    const summary = summarize(sim);
    metricValues(model, summary);
    stateHash = summary.stateHash;
    summaryMs = performance.now() - t;
  } finally {
    backend.run = run0;
    sim.propagator.dispose();
  }
  return {
    loadMs, cacheMs, createSimMs, stepsMs, summaryMs, runMs: cacheMs + createSimMs + stepsMs + summaryMs,
    systemsMs, sgp4Ms, ticks, objects: model.objects.length, stateHash,
  };
}

function medianBreakdown(xs: RunBreakdown[]): RunBreakdown {
  const m = (f: (b: RunBreakdown) => number): number => median(xs.map(f));
  const systemsMs: Record<string, number> = {};
  for (const k of Object.keys(xs[0].systemsMs)) systemsMs[k] = m((b) => b.systemsMs[k] ?? 0);
  return {
    loadMs: m((b) => b.loadMs), cacheMs: m((b) => b.cacheMs), createSimMs: m((b) => b.createSimMs), stepsMs: m((b) => b.stepsMs),
    summaryMs: m((b) => b.summaryMs), runMs: m((b) => b.runMs), systemsMs, sgp4Ms: m((b) => b.sgp4Ms),
    ticks: xs[0].ticks, objects: xs[0].objects, stateHash: xs[0].stateHash,
  };
}

const projection = (oneMs: number, marginalMs: number, keep: number): number => (oneMs + (COST_TARGET_RUNS - 1) * marginalMs * keep) / oneMs;

export async function measureBatch(config: BatchConfig, log: (s: string) => void): Promise<BatchResult> {
  const t00 = performance.now();
  const load0 = loadavg();
  const untilMs = parseDurationMs(BATCH_UNTIL)!;
  // The cache folder is read by preparedOrbitsFor here and in the pools' threads (a worker's env is a copy of this one's).
  return withTempCache('vigil-bench-batch-cache-', async () => {
    const { task: base, loadMs: firstLoadMs } = await baseTask(untilMs);
    const variants = BATCH_VARIANTS;

    // Where a run's time goes, in this thread (the first run also primes the orbit cache).
    log(`  one run replicated in this thread, each part timed (1 cold + ${config.breakdownRuns})...`);
    const coldRun = { ...(await replicatedRun(base, 0)), loadMs: firstLoadMs };
    const warm: RunBreakdown[] = [];
    for (let i = 0; i < Math.max(1, config.breakdownRuns); i++) warm.push(await replicatedRun(base, 1 + (i % Math.max(1, config.runs - 1))));
    const warmRun = medianBreakdown(warm);

    // Warm-up: one short pool per variant (the OS file cache, the orbit cache), not counted.
    for (const v of variants) await timePool(v, 1, 1, base);

    const N = Math.max(2, config.runs);
    type Job = { v: number; kind: 'one' | 'w1' | 'w2' };
    const jobs: Job[] = variants.flatMap((_, v) => (['one', 'w1', 'w2'] as const).map((kind) => ({ v, kind })));
    const samples = variants.map(() => ({ one: [] as number[], w1: [] as PoolSample[], w2: [] as PoolSample[] }));
    for (let r = 0; r < Math.max(1, config.rounds); r++) {
      for (let j = 0; j < jobs.length; j++) {
        const job = jobs[(j + r) % jobs.length];
        const v = variants[job.v];
        const s = samples[job.v];
        if (job.kind === 'one') {
          log(`  round ${r + 1}: ${v.key}, one run (fresh 1-thread pool)...`);
          s.one.push((await timePool(v, 1, 1, base)).wallMs);
        } else {
          const threads = job.kind === 'w1' ? 1 : 2;
          log(`  round ${r + 1}: ${v.key}, ${N} runs on ${threads} worker${threads === 1 ? '' : 's'}...`);
          const p = await timePool(v, threads, N, base);
          (job.kind === 'w1' ? s.w1 : s.w2).push(p);
          log(`    ${fixed(p.wallMs / 1000, 1)} s, ${fixed((N * 1000) / p.wallMs, 2)} runs/s`);
        }
      }
    }

    const sharesOf = (b: RunBreakdown) => {
      const sgp4 = b.sgp4Ms / b.runMs;
      const earthFixed = (b.systemsMs.earthFixed ?? 0) / b.runMs;
      const createSimShare = b.createSimMs / b.runMs;
      return { sgp4, propagateOrbits: (b.systemsMs.propagateOrbits ?? 0) / b.runMs, earthFixed, createSim: createSimShare, generous: sgp4 + earthFixed + createSimShare };
    };
    const shares = sharesOf(warmRun);

    const results: VariantBatchResult[] = variants.map((v, i) => {
      const s = samples[i];
      const w1 = s.w1.map((p) => p.wallMs);
      const w2 = s.w2.map((p) => p.wallMs);
      const rate = (ps: PoolSample[]) => ps.map((p) => (p.runs * 1000) / p.wallMs);
      const steady = (ps: PoolSample[]) => (ps.every((p) => p.steadyRunsPerS !== null) ? ps.map((p) => p.steadyRunsPerS!) : null);
      const st1 = steady(s.w1), st2 = steady(s.w2);
      const stats = (ps: PoolSample[], st: number[] | null): PoolStats => ({
        wallMs: spread(ps.map((p) => p.wallMs)),
        runsPerS: spread(rate(ps)),
        steadyRunsPerS: st ? spread(st) : null,
        firstMs: spread(ps.map((p) => p.firstMs)),
        coresUsed: spread(ps.map((p) => p.cpuMs / p.wallMs)),
        cpuMsPerRun: spread(ps.map((p) => p.cpuMs / p.runs)),
      });
      const marginal = w1.map((ms, r) => (ms - s.one[r]) / (N - 1));
      const oneMs = median(s.one);
      const marginalMs = median(marginal);
      const all = [...s.w1, ...s.w2];
      let hashesAgree = true;
      for (let run = 0; run < N; run++) {
        const hs = new Set(all.map((p) => p.hashes[run]));
        if (run === 0) hs.add(coldRun.stateHash);
        if (hs.size !== 1) hashesAgree = false;
      }
      for (let k = 0; k < warm.length; k++) {
        const run = 1 + (k % (config.runs - 1 || 1));
        if (run < N && all.some((p) => p.hashes[run] !== warm[k].stateHash)) hashesAgree = false;
      }
      return {
        key: v.key,
        label: v.label,
        oneRunMs: spread(s.one),
        oneWorker: stats(s.w1, st1),
        twoWorkers: stats(s.w2, st2),
        scaling: spread(ratios(w1, w2)),
        cpuBoundScaling: spread(s.w1.map((p, r) => (2 * p.cpuMs) / p.runs / (s.w2[r].cpuMs / s.w2[r].runs))),
        steadyScaling: st1 && st2 ? spread(ratios(st2, st1)) : null,
        costRatio: spread(ratios(w1, s.one)),
        marginalMs: spread(marginal),
        projected100: projection(oneMs, marginalMs, 1),
        projected100SharedSgp4: projection(oneMs, marginalMs, 1 - shares.sgp4),
        projected100SharedAll: projection(oneMs, marginalMs, 1 - shares.generous),
        hashesAgree,
        samples: { oneRunMs: s.one, oneWorker: s.w1, twoWorkers: s.w2 },
      };
    });

    return {
      config: { ...config, runs: N },
      scenario: 'scenarios/catalog-2026-03.yaml',
      until: BATCH_UNTIL,
      ticks: warmRun.ticks,
      objects: warmRun.objects,
      loadAverageBefore: load0,
      loadAverageAfter: loadavg(),
      coldRun,
      warmRun,
      shares,
      variants: results,
      scalingTarget: SCALING_TARGET,
      costTarget: { runs: COST_TARGET_RUNS, ratio: COST_TARGET_RATIO },
      wallSeconds: (performance.now() - t00) / 1000,
    };
  });
}

/** Text report, the way bench/main.ts prints its parts. */
export function formatBatch(x: BatchResult): string[] {
  const c = x.config;
  const out: string[] = [];
  const pct = (f: number): string => `${fixed(100 * f, 0)}%`;
  out.push(`8b. BATCH IN ONE PROCESS: ${x.scenario} (${x.objects.toLocaleString('en-US')} objects, no montecarlo section: runs differ by run index only), ` +
    `--until ${x.until} (${x.ticks} ticks) per run, N = ${c.runs} runs per batch, ${c.rounds} round(s), jobs interleaved, medians; ` +
    `load average ${fixed(x.loadAverageBefore[0], 2)} -> ${fixed(x.loadAverageAfter[0], 2)}`);
  out.push('piscina pools on cli/batch/worker.js as `vigil batch` builds its tasks (orbit cache on); 1 worker = a 1-thread pool; ' +
    "'one run' = a batch of one on a fresh 1-thread pool (thread start, imports, scenario load, cache read, createSim, steps)");
  out.push('');
  const w = x.warmRun;
  const sys = Object.entries(w.systemsMs).sort((a, b) => b[1] - a[1]);
  out.push(`ONE RUN, replicated in this thread (run-one.ts's steps, each timed; median of ${c.breakdownRuns} after a cold one):`);
  out.push(`  scenario load (YAML, TLEs, checks) ${fixed(x.coldRun.loadMs, 0)} ms, once per worker (its first run pays it; later runs reuse the model); then per run ` +
    `${fixed(w.runMs, 0)} ms: cache read ${fixed(w.cacheMs, 0)}, createSim ${fixed(w.createSimMs, 0)}, ${w.ticks} steps ${fixed(w.stepsMs, 0)}, summary ${fixed(w.summaryMs, 0)}`);
  out.push(`  steps by system (ms per run): ${sys.filter(([, ms]) => ms >= 0.5).map(([k, ms]) => `${k} ${fixed(ms, 0)}`).join(', ')}`);
  out.push(`  SGP4 (propagator backend run, the ephemeris): ${fixed(w.sgp4Ms, 0)} ms = ${pct(x.shares.sgp4)} of a run; propagateOrbits ${pct(x.shares.propagateOrbits)}, ` +
    `earthFixed ${pct(x.shares.earthFixed)}, createSim ${pct(x.shares.createSim)}: sharing the ephemeris could save at most ${pct(x.shares.sgp4)} ` +
    `(${pct(x.shares.generous)} if the Earth-fixed positions and the sim's orbit set-up were shared too)`);
  out.push('');
  for (const v of x.variants) {
    out.push(`variant '${v.key}': ${v.label}`);
    const rows = [
      ['one run (fresh pool)', fixed(v.oneRunMs.median / 1000, 2), '', '', '', '', ''],
      ...([[1, v.oneWorker], [2, v.twoWorkers]] as const).map(([k, p]) => [`${c.runs} runs, ${k} worker${k === 1 ? '' : 's'}`, fixed(p.wallMs.median / 1000, 2),
        fixed(p.runsPerS.median, 3), p.steadyRunsPerS ? fixed(p.steadyRunsPerS.median, 3) : '-', fixed(p.firstMs.median / 1000, 2),
        fixed(p.coresUsed.median, 2), fixed(p.cpuMsPerRun.median, 0)]),
    ];
    out.push(...table(['', 'wall s', 'runs/s', 'steady runs/s', 'first result s', 'cores used', 'CPU ms/run'], rows).split('\n').map((l) => `  ${l}`));
    const sc = v.scaling;
    out.push(`  scaling 2 workers / 1 at ${c.runs} runs: ${fixed(sc.median, 2)}x [${fixed(sc.p25, 2)}-${fixed(sc.p75, 2)}] (each thread's start-up weighs on a dozen runs; the target is measured at 100 in 8a)` +
      (v.steadyScaling ? `; steady (each thread's first run left out) ${fixed(v.steadyScaling.median, 2)}x` : ''));
    out.push(`  the 2-worker batches got ${fixed(v.twoWorkers.coresUsed.median, 2)} cores, 1 worker ${fixed(v.oneWorker.coresUsed.median, 2)} (CPU time / wall, V8's GC and compiler threads ` +
      'included; short of 2 means other load took the rest); ' +
      `CPU per run on 2 workers / on 1: ${fixed(v.twoWorkers.cpuMsPerRun.median / v.oneWorker.cpuMsPerRun.median, 2)}x, so two free cores would give about ` +
      `${fixed(v.cpuBoundScaling.median, 2)}x (an estimate from CPU time, not a measurement)`);
    out.push(`  ${c.runs} runs on 1 worker cost ${fixed(v.costRatio.median, 2)}x one run [${fixed(v.costRatio.p25, 2)}-${fixed(v.costRatio.p75, 2)}] (${c.runs}x if nothing were amortised); ` +
      `one more run adds ${fixed(v.marginalMs.median, 0)} ms (${fixed(v.marginalMs.median / v.oneRunMs.median, 2)} of one run)`);
    out.push(`  ${x.costTarget.runs} runs projected (one + 99 x that, which charges every run a share of the batch's fixed costs; 8a measures them): ${fixed(v.projected100, 1)}x one run; ` +
      `with the ephemeris shared (SGP4 share gone): ${fixed(v.projected100SharedSgp4, 1)}x, also earthFixed + createSim: ${fixed(v.projected100SharedAll, 1)}x`);
    out.push(`  state hashes per run index equal on 1 and 2 workers (and the replicated runs): ${v.hashesAgree ? 'yes' : 'NO'}`);
  }
  out.push(`  section wall time ${fixed(x.wallSeconds, 1)} s`);
  return out;
}

/** measureBatch in a fresh node process (batch-child.ts): the pools and the runs alone in their heaps. */
export function measureBatchInChild(config: BatchConfig): BatchResult {
  const r = spawnSync(process.execPath, ['--expose-gc', BATCH_CHILD, JSON.stringify(config)], { encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`batch child exited with ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as BatchResult;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await measureBatch({ runs: Number(process.env.BENCH_BATCH_RUNS ?? 12), rounds: Number(process.env.BENCH_BATCH_ROUNDS ?? 2), breakdownRuns: 3 },
    (s) => void process.stderr.write(`${s}\n`));
  process.stdout.write(`${formatBatch(r).join('\n')}\n`);
}
