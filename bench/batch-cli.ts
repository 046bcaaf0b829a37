/**
 * `vigil batch` as an analyst runs it (issue 6's two targets, measured, not projected): the command on
 * the 2026-03 catalog scenario with --until BATCH_UNTIL, each a fresh process timed from spawn to exit.
 *
 * - One run: `vigil batch --runs 1 --workers 1` (process start, scenario load, orbit cache, the run with
 *   its own SGP4, the outputs), median of a few.
 * - 100 runs on 1 worker and on 2 (`--workers 1|2`, the shared ephemeris and views on, the default):
 *   cost = 100 runs on 1 worker / one run (target < 20x), and the two batches' runs.csv and summary.json
 *   compared byte for byte.
 * - 20 runs on 1 worker and on 2: runs per second once a batch runs are the 80 runs between the 20- and
 *   the 100-run batch over the difference of their times (what a batch pays once cancels: the process,
 *   the scenario, the shared tables, each worker's start and JIT warm-up); scaling = that rate on 2
 *   workers / on 1 (target >= 1.7x). The 100-run batches' own ratio, start-up included, is printed too.
 * - What sharing saves: runs of the same batch with --no-share-ephemeris, the cost of one more run.
 * - The machine's own ceiling, side by side: a loop of arithmetic and a loop of random memory reads on 1
 *   and 2 threads of this process (two vCPUs scale an arithmetic loop ~2x; memory-bound work less, as
 *   the threads share caches and memory with each other and with the host's other guests).
 *
 * CPU time of each command (user + system, every thread) is its shell's children time (/proc/<sh>/stat).
 * Standalone: `tsc -p tsconfig.bench.json && node dist-bench/bench/batch-cli.js`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withTempCache } from './temp-cache.js';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
// Type only, but it puts the CLI's entry in the bench's program, so tsc emits dist-bench/cli/main.js.
import type {} from '../cli/main.js';
import { BENCH_DIR, CATALOG_SCENARIO } from './paths.js';
import { fixed, median } from './stats.js';

export const BATCH_UNTIL = '10m';
export const CLI_RUNS = 100;
/** The shorter batch whose time, taken from the 100-run batch's, leaves the runs alone (start-up cancels). */
export const SHORT_RUNS = 20;
export const SCALING_TARGET = 1.7;
export const COST_TARGET_RATIO = 20;
const CLI_ENTRY = resolve(BENCH_DIR, '..', 'cli', 'main.js');

export interface CommandTime {
  wallS: number;
  cpuS: number | null;
}

export interface BatchCliResult {
  scenario: string;
  until: string;
  runs: number;
  loadAverageBefore: number[];
  oneRun: CommandTime[];
  oneRunMedianS: number;
  shared1: CommandTime;
  shared2: CommandTime;
  /** 100 runs on 1 worker / one run. */
  costRatio: number;
  costTarget: number;
  /** 100 runs end to end: runs/s on 2 workers / on 1 (start-up included). */
  scaling: number;
  /** The SHORT_RUNS-run batches, 1 and 2 workers (the mean of two each). */
  short1: CommandTime;
  short2: CommandTime;
  /**
   * Runs per second once a batch runs: (CLI_RUNS - SHORT_RUNS) / (its 100-run time - its 20-run time),
   * which cancels what each batch pays once (process, scenario, shared tables, the workers' start and
   * JIT warm-up), on 1 and 2 workers, and their ratio (the target's measure).
   */
  running: { one: number; two: number; scaling: number };
  scalingTarget: number;
  /** runs.csv and summary.json of the 1- and 2-worker batches are the same bytes. */
  outputsIdentical: boolean;
  /** The 100-run batches under `node --single-threaded` (no V8 helper threads), and their scaling. */
  singleThreaded: { one: CommandTime; two: CommandTime; scaling: number };
  /** --no-share-ephemeris: `perRunRuns` runs on 1 worker, and what one more run adds, s. */
  perRunRuns: number;
  perRun1: CommandTime;
  perRunMarginalS: number;
  /** One more run with the tables shared, s: (100 runs - one run) / 99. */
  sharedMarginalS: number;
  /** Reference loops, ms on 1 thread and per thread on 2 (median of the two), and 2-thread scaling. */
  reference: { alu: { one: number; two: number; scaling: number }; memory: { one: number; two: number; scaling: number } };
  wallSeconds: number;
}

/** `vigil <args>` in a fresh process: wall time, and CPU time from the shell that waited for it. */
function vigil(args: readonly string[], work: string, nodeFlags: readonly string[] = []): CommandTime {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const err = join(work, 'stderr.txt');
  const script = `${[process.execPath, ...nodeFlags, CLI_ENTRY, ...args].map(quote).join(' ')} >/dev/null 2>${quote(err)} || { cat ${quote(err)} >&2; exit 3; }; cat /proc/$$/stat; getconf CLK_TCK`;
  const t = performance.now();
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  const wallS = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`vigil ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [stat, tck] = r.stdout.trim().split('\n');
  // Fields after the command name (which ends with ')'): cutime and cstime are the 14th and 15th of them.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(tck);
  const cpuS = Number.isFinite(ticks) && ticks > 0 ? (Number(f[13]) + Number(f[14])) / ticks : null;
  return { wallS, cpuS: cpuS !== null && Number.isFinite(cpuS) ? cpuS : null };
}

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const t = performance.now();
let out = 0;
if (workerData === 'alu') { let x = 0; for (let i = 0; i < 1e8; i++) x = (x * 1.0000001 + i) % 1e9; out = x; }
else { const a = new Float64Array(8e6); for (let r = 0; r < 6; r++) for (let i = 0; i < a.length; i += 3) { const j = (i * 2654435761) % a.length; a[j] += 1; out += a[j]; } }
parentPort.postMessage([performance.now() - t, out]);
`;

async function reference(kind: 'alu' | 'memory', threads: number): Promise<number> {
  const times = await Promise.all(Array.from({ length: threads }, () => new Promise<number>((res, rej) => {
    const w = new Worker(WORKER_CODE, { eval: true, workerData: kind === 'alu' ? 'alu' : 'mem' });
    w.once('message', (m: [number, number]) => {
      res(m[0]);
      void w.terminate();
    });
    w.once('error', rej);
  })));
  return median(times);
}

export async function measureBatchCli(options: { oneRunSamples: number; perRunRuns: number }, log: (s: string) => void): Promise<BatchCliResult> {
  const t00 = performance.now();
  const load0 = loadavg();
  const common = ['--until', BATCH_UNTIL, '--no-progress'];
  return withTempCache('vigil-bench-cli-', async (work) => {
    // Warm-up: primes the orbit cache and the OS file cache (not counted).
    vigil(['batch', CATALOG_SCENARIO, '--runs', '1', '--workers', '1', ...common, '--out', join(work, 'warm')], work);
    const oneRun: CommandTime[] = [];
    for (let i = 0; i < options.oneRunSamples; i++) {
      log(`  vigil batch --runs 1 (${i + 1}/${options.oneRunSamples})...`);
      oneRun.push(vigil(['batch', CATALOG_SCENARIO, '--runs', '1', '--workers', '1', ...common, '--out', join(work, `one-${i}`)], work));
    }
    log(`  vigil batch --runs ${CLI_RUNS} --workers 1...`);
    const shared1 = vigil(['batch', CATALOG_SCENARIO, '--runs', String(CLI_RUNS), '--workers', '1', ...common, '--out', join(work, 'w1')], work);
    log(`    ${fixed(shared1.wallS, 1)} s`);
    log(`  vigil batch --runs ${CLI_RUNS} --workers 2...`);
    const shared2 = vigil(['batch', CATALOG_SCENARIO, '--runs', String(CLI_RUNS), '--workers', '2', ...common, '--out', join(work, 'w2')], work);
    log(`    ${fixed(shared2.wallS, 1)} s`);
    log(`  vigil batch --runs ${SHORT_RUNS} --workers 1 and 2, twice each...`);
    // The mean of two: the rate divides by a difference of times, which doubles the noise of one.
    const short = (w: number): CommandTime => {
      const s = [0, 1].map((i) => vigil(['batch', CATALOG_SCENARIO, '--runs', String(SHORT_RUNS), '--workers', String(w), ...common, '--out', join(work, `short${w}-${i}`)], work));
      return { wallS: (s[0].wallS + s[1].wallS) / 2, cpuS: s[0].cpuS === null || s[1].cpuS === null ? null : (s[0].cpuS + s[1].cpuS) / 2 };
    };
    const short1 = short(1), short2 = short(2);
    const same = (f: string) => readFileSync(join(work, 'w1', f)).equals(readFileSync(join(work, 'w2', f)));
    // The same two batches with V8's helper threads off (each isolate collects and compiles on its own
    // thread): one worker then gets no second core for free, which shows how the runs themselves scale.
    log(`  node --single-threaded: vigil batch --runs ${CLI_RUNS} --workers 1 and 2...`);
    const single1 = vigil(['batch', CATALOG_SCENARIO, '--runs', String(CLI_RUNS), '--workers', '1', ...common, '--out', join(work, 's1')], work, ['--single-threaded']);
    const single2 = vigil(['batch', CATALOG_SCENARIO, '--runs', String(CLI_RUNS), '--workers', '2', ...common, '--out', join(work, 's2')], work, ['--single-threaded']);
    log(`  vigil batch --runs ${options.perRunRuns} --workers 1 --no-share-ephemeris...`);
    const perRun1 = vigil(['batch', CATALOG_SCENARIO, '--runs', String(options.perRunRuns), '--workers', '1', '--no-share-ephemeris', ...common, '--out', join(work, 'per-run')], work);
    log('  reference loops on 1 and 2 threads...');
    const alu1 = await reference('alu', 1), alu2 = await reference('alu', 2);
    const mem1 = await reference('memory', 1), mem2 = await reference('memory', 2);
    const oneRunMedianS = median(oneRun.map((c) => c.wallS));
    return {
      scenario: 'scenarios/catalog-2026-03.yaml',
      until: BATCH_UNTIL,
      runs: CLI_RUNS,
      loadAverageBefore: load0,
      oneRun,
      oneRunMedianS,
      shared1,
      shared2,
      costRatio: shared1.wallS / oneRunMedianS,
      costTarget: COST_TARGET_RATIO,
      scaling: shared1.wallS / shared2.wallS,
      scalingTarget: SCALING_TARGET,
      short1,
      short2,
      running: {
        one: (CLI_RUNS - SHORT_RUNS) / (shared1.wallS - short1.wallS),
        two: (CLI_RUNS - SHORT_RUNS) / (shared2.wallS - short2.wallS),
        scaling: (shared1.wallS - short1.wallS) / (shared2.wallS - short2.wallS),
      },
      outputsIdentical: same('runs.csv') && same('summary.json'),
      singleThreaded: { one: single1, two: single2, scaling: single1.wallS / single2.wallS },
      perRunRuns: options.perRunRuns,
      perRun1,
      perRunMarginalS: (perRun1.wallS - oneRunMedianS) / (options.perRunRuns - 1),
      sharedMarginalS: (shared1.wallS - oneRunMedianS) / (CLI_RUNS - 1),
      reference: {
        alu: { one: alu1, two: alu2, scaling: (2 * alu1) / alu2 },
        memory: { one: mem1, two: mem2, scaling: (2 * mem1) / mem2 },
      },
      wallSeconds: (performance.now() - t00) / 1000,
    };
  });
}

export function formatBatchCli(x: BatchCliResult): string[] {
  const cpu = (c: CommandTime) => (c.cpuS === null ? '' : `, CPU ${fixed(c.cpuS, 1)} s (${fixed(c.cpuS / c.wallS, 2)} cores)`);
  const r = x.reference;
  return [
    `8a. VIGIL BATCH as run: ${x.scenario} --until ${x.until}, each command a fresh process (spawn to exit, outputs written); load average ${fixed(x.loadAverageBefore[0], 2)}`,
    `  one run (vigil batch --runs 1): ${fixed(x.oneRunMedianS, 2)} s (median of ${x.oneRun.length}: ${x.oneRun.map((c) => fixed(c.wallS, 2)).join(', ')})`,
    `  ${x.runs} runs, 1 worker: ${fixed(x.shared1.wallS, 1)} s${cpu(x.shared1)}, ${fixed(x.runs / x.shared1.wallS, 2)} runs/s; one more run adds ${fixed(1000 * x.sharedMarginalS, 0)} ms`,
    `  ${x.runs} runs, 2 workers: ${fixed(x.shared2.wallS, 1)} s${cpu(x.shared2)}, ${fixed(x.runs / x.shared2.wallS, 2)} runs/s; runs.csv and summary.json identical to 1 worker's: ${x.outputsIdentical ? 'yes' : 'NO'}`,
    `  cost of ${x.runs} runs / one run: ${fixed(x.costRatio, 1)}x  target < ${x.costTarget}x: ${x.costRatio < x.costTarget ? 'MET' : 'NOT MET'}` +
      ` (without sharing, --no-share-ephemeris: one more run adds ${fixed(1000 * x.perRunMarginalS, 0)} ms, ${x.runs} runs ~${fixed((x.oneRunMedianS + (x.runs - 1) * x.perRunMarginalS) / x.oneRunMedianS, 1)}x, from ${x.perRunRuns} runs in ${fixed(x.perRun1.wallS, 1)} s)`,
    `  runs per second once running (${x.runs} runs minus ${SHORT_RUNS}: ${fixed(x.short1.wallS, 1)} s on 1 worker, ${fixed(x.short2.wallS, 1)} s on 2, means of two, so what a batch pays once cancels): ` +
      `1 worker ${fixed(x.running.one, 2)}, 2 workers ${fixed(x.running.two, 2)}: scaling ${fixed(x.running.scaling, 2)}x  target >= ${x.scalingTarget}x: ${x.running.scaling >= x.scalingTarget ? 'MET' : 'NOT MET'}`,
    `  ${x.runs} runs end to end, 2 workers / 1: ${fixed(x.scaling, 2)}x (each worker's start, its share of the shared tables and its JIT warm-up included;` +
      ` one worker used ${x.shared1.cpuS === null ? '?' : fixed(x.shared1.cpuS / x.shared1.wallS, 2)} cores: V8 collects garbage and compiles on helper threads, so the second core is not idle with one worker)`,
    `  the same under node --single-threaded (no V8 helper threads): ${x.runs} runs on 1 worker ${fixed(x.singleThreaded.one.wallS, 1)} s${cpu(x.singleThreaded.one)}, ` +
      `on 2 ${fixed(x.singleThreaded.two.wallS, 1)} s${cpu(x.singleThreaded.two)}: ${fixed(x.singleThreaded.scaling, 2)}x`,
    `  this machine's ceiling, same process: an arithmetic loop scales ${fixed(r.alu.scaling, 2)}x on 2 threads (${fixed(r.alu.one, 0)} ms alone, ${fixed(r.alu.two, 0)} ms each side by side); ` +
      `a loop of random reads over 64 MB ${fixed(r.memory.scaling, 2)}x (${fixed(r.memory.one, 0)} / ${fixed(r.memory.two, 0)} ms)`,
    `  section wall time ${fixed(x.wallSeconds, 1)} s`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await measureBatchCli({ oneRunSamples: 3, perRunRuns: 12 }, (s) => void process.stderr.write(`${s}\n`));
  process.stdout.write(`${formatBatchCli(r).join('\n')}\n`);
}
