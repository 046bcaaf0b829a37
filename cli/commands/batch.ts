/**
 * `vigil batch <scenario> --runs N [--seed S] [--workers auto|K] [--until T] [--out dir] [--resume]`:
 * N runs of a scenario under its `montecarlo:` uncertainty, in a pool of worker threads (piscina). Run i
 * has seed S and run index i, so its draws and its whole state depend on (S, i) alone: the outputs
 * (outputs.ts: runs.jsonl, runs.csv, summary.json, report.html) are the same bytes on one worker or many.
 *
 * Finished runs go to <out>/runs.partial.jsonl as they complete, behind a manifest (batch.json: scenario
 * content hash, seed, runs, until, agreements left out, Vigil and Node versions). Ctrl-C (or SIGTERM)
 * stops the pool, writes the outputs of the runs finished (summary.json says complete: false) and keeps
 * the partial file: `--resume` checks the manifest and runs only what is missing. A progress bar with ETA
 * shows on a terminal, nothing otherwise.
 *
 * Read next: batch/run-one.ts (one run), batch/outputs.ts, batch/shards.ts (--shard and `vigil merge`).
 */
import { availableParallelism, totalmem } from 'node:os';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allocateEphemeris, ephemerisBytes, EPHEMERIS_BYTES_MAX, preloadWasm, type Ephemeris, type ScenarioModel } from '../../engine/index.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../errors.js';
import { banner, fmtInt, table } from '../format.js';
import { makeDirs } from '../make-dirs.js';
import { seedOption, untilOption, wholeNumber } from '../options.js';
import { loadOrReport } from '../scenario-input.js';
import { writeBatchOutputs, batchSummary, type BatchIdentity } from '../batch/outputs.js';
import { metricsOf } from '../batch/metrics.js';
import { runPool } from '../batch/pool.js';
import { canShareEphemeris, shareBase, type RunRow, type RunTask } from '../batch/run-one.js';
import { shardRange, writeShard, type ShardSpec } from '../batch/shards.js';

/** Most runs one batch may hold (its outputs are written whole: 100,000 rows are ~75 MB of JSON). */
export const RUNS_MAX = 100_000;
/** Most worker threads (each holds a sim: memory bounds it before cores do). */
export const WORKERS_MAX = 64;

export interface BatchArgs {
  scenario: string;
  runs?: number | string;
  seed?: number | string;
  workers?: string;
  until?: string;
  out?: string;
  resume?: boolean;
  progress?: boolean;
  cache?: boolean;
  json?: boolean;
  withoutAgreement?: readonly string[];
  /** `i/N` (1-based), or from the environment (shards.ts). */
  shard?: ShardSpec | null;
  /** Propagate the scenario's objects once for all runs (default true; the results are the same bits). */
  shareEphemeris?: boolean;
}

/**
 * Room for the scenario's objects propagated once at every tick the runs will step, in shared memory, when
 * the draws leave every orbit alone and the table fits EPHEMERIS_BYTES_MAX and a quarter of the memory;
 * else undefined (each run then propagates for itself, with the same results). The pool fills it on its
 * workers before the runs (batch/pool.ts).
 */
export async function sharedEphemeris(model: ScenarioModel, untilMs: number | null, cache: boolean): Promise<Ephemeris | undefined> {
  if (!canShareEphemeris(model) || model.objects.length === 0) return undefined;
  const ticks = Math.floor((untilMs ?? model.durationMs) / model.stepMs) + 1;
  // At most a quarter of the memory this process may use: the workers' own sims need the rest.
  const memory = Math.min(totalmem(), process.constrainedMemory?.() || Infinity);
  if (ephemerisBytes(model.objects.length, ticks) > Math.min(EPHEMERIS_BYTES_MAX, memory / 4)) return undefined;
  const prepared = cache ? (await preparedOrbitsFor(model)).prepared : undefined;
  return allocateEphemeris(model, ticks, prepared);
}

export interface BatchManifest extends BatchIdentity {
  vigil: string;
  node: string;
}

export function vigilVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Worker count from --workers: 'auto' (the cores this process may use, at most the runs) or 1..WORKERS_MAX. */
export function workerCount(text: string | undefined, runs: number): number {
  if (text === undefined || text === 'auto') return Math.max(1, Math.min(availableParallelism(), runs, WORKERS_MAX));
  const n = wholeNumber(text, '--workers', WORKERS_MAX);
  if (n === undefined || n < 1) throw new InputError(`--workers must be 'auto' or a whole number from 1 to ${WORKERS_MAX}, got '${text}'`);
  return n;
}

export async function batchCommand(args: BatchArgs): Promise<number> {
  preloadWasm();
  const loaded = loadOrReport(args.scenario, args.json);
  if (!loaded) return EXIT_BAD_INPUT;
  const model = loaded.model;
  const runs = wholeNumber(args.runs ?? model.montecarlo?.runs ?? 100, '--runs', RUNS_MAX)!;
  if (runs < 1) throw new InputError(`--runs must be at least 1 (a batch of ${runs} runs has nothing to report)`);
  const seed = seedOption(args.seed, model);
  const untilMs = untilOption(args.until, model);
  const withoutAgreements = [...(args.withoutAgreement ?? [])].sort();
  for (const id of withoutAgreements) {
    if (id !== 'all' && !model.agreements.some((a) => a.id === id)) throw new InputError(`--without-agreement '${id}' is not an agreement of the scenario`);
  }
  const range = args.shard ? shardRange(args.shard, runs) : { from: 0, to: runs };
  const outDir = args.out ?? join('out', `${basename(args.scenario).replace(/\.ya?ml$/i, '')}-batch`);
  try {
    makeDirs(outDir);
  } catch (e) {
    throw new InputError(`cannot create the output folder '${outDir}': ${(e as Error).message}; choose another with --out`);
  }
  const id: BatchIdentity = {
    marking: model.marking, scenario: model.name, contentHash: model.contentHash, seed, runsRequested: runs, untilMs, withoutAgreements,
    metricIds: metricsOf(model).map((m) => m.id), paramPaths: (model.montecarlo?.parameters ?? []).map((p) => p.path),
  };
  const manifest: BatchManifest = { ...id, vigil: vigilVersion(), node: process.versions.node };
  const partialPath = join(outDir, args.shard ? `runs.shard-${args.shard.index}-of-${args.shard.count}.partial.jsonl` : 'runs.partial.jsonl');
  const done = prepareResume(outDir, partialPath, manifest, args.resume === true);
  const todo: number[] = [];
  for (let run = range.from; run < range.to; run++) if (!done.has(run)) todo.push(run);
  const workers = workerCount(args.workers, Math.max(1, todo.length));

  const { file, text, image } = shareBase(args.scenario, loaded);
  const ephemeris = args.shareEphemeris !== false && todo.length >= 2 ? await sharedEphemeris(model, untilMs, args.cache !== false) : undefined;
  const task = (run: number): RunTask => ({ file, text, image, seed, run, untilMs, withoutAgreements, cache: args.cache !== false, ephemeris });
  const rows = new Map<number, RunRow>(done);
  const t0 = performance.now();
  let ranNow = 0;
  const interrupted = await runPool(todo.map(task), workers, (row) => {
    ranNow++;
    rows.set(row.run, row);
    appendFileSync(partialPath, `${JSON.stringify(row)}\n`);
  }, args.progress !== false && process.stderr.isTTY);
  const wallS = (performance.now() - t0) / 1000;

  const inRange = [...rows.values()].filter((r) => r.run >= range.from && r.run < range.to);
  if (args.shard) {
    const path = writeShard(outDir, manifest, args.shard, range, inRange);
    process.stdout.write(`${banner(model.marking)}\nshard ${args.shard.index}/${args.shard.count}: runs ${range.from}-${range.to - 1}, ${inRange.length} done${interrupted ? ' (interrupted)' : ''}; wrote ${path}\n${banner(model.marking)}\n`);
  } else {
    writeBatchOutputs(outDir, id, inRange);
    printSummary(model, id, inRange, outDir, workers, wallS, ranNow, interrupted, args.json === true);
  }
  if (interrupted) return interrupted === 'SIGTERM' ? 143 : 130;
  // Every run failed: the drawn values never make a valid scenario, which is the scenario's fault.
  if (inRange.length > 0 && inRange.every((r) => r.error !== null)) {
    process.stderr.write(`vigil: every run failed; the first: ${inRange[0].error}\n`);
    return EXIT_BAD_INPUT;
  }
  // A finished batch (or shard) keeps no partial file: its outputs hold every run.
  if (existsSync(partialPath) && inRange.length === range.to - range.from) rmSync(partialPath);
  return EXIT_OK;
}

/** The fields a resumed batch must share with the one it carries on. */
const RESUME_KEYS = ['contentHash', 'seed', 'runsRequested', 'untilMs', 'withoutAgreements', 'vigil'] as const;

/**
 * Rows already finished in `partialPath` (with --resume); else a fresh partial file. The partial file's
 * first line is its own batch's manifest: a resume checks it against this batch (batch.json is shared by
 * shards in one folder and says only who wrote last), and keeps only rows of this seed.
 */
function prepareResume(outDir: string, partialPath: string, manifest: BatchManifest, resume: boolean): Map<number, RunRow> {
  const done = new Map<number, RunRow>();
  const head = JSON.stringify({ type: 'vigil-partial', ...Object.fromEntries(RESUME_KEYS.map((k) => [k, manifest[k]])) });
  if (resume) {
    if (!existsSync(partialPath)) throw new InputError(`--resume: nothing to resume in ${outDir} (no ${basename(partialPath)}: the batch finished, or never started there); leave out --resume`);
    const lines = readFileSync(partialPath, 'utf8').split('\n');
    let old: Record<string, unknown> = {};
    try {
      old = JSON.parse(lines[0]) as Record<string, unknown>;
    } catch {
      // Reported below as a partial file of another batch.
    }
    const differs = RESUME_KEYS.filter((k) => JSON.stringify(old[k]) !== JSON.stringify(manifest[k]));
    if (old.type !== 'vigil-partial' || differs.length > 0) {
      throw new InputError(`--resume: ${partialPath} belongs to another batch (its ${differs.join(', ') || 'first line'} differ${differs.length === 1 ? 's' : ''}); use another --out, or leave out --resume to start afresh`);
    }
    for (const line of lines.slice(1)) {
      if (line.trim() === '') continue;
      try {
        const row = JSON.parse(line) as RunRow;
        if (Number.isInteger(row.run) && row.seed === manifest.seed) done.set(row.run, row);
      } catch {
        // A line cut by the interruption: that run is simply run again.
      }
    }
  } else writeFileSync(partialPath, `${head}\n`);
  // Shards of one batch may share the folder: write the manifest whole or not at all (rename is atomic).
  const manifestPath = join(outDir, 'batch.json');
  const tmp = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, manifestPath);
  return done;
}

function printSummary(model: ScenarioModel, id: BatchIdentity, rows: readonly RunRow[], outDir: string, workers: number, wallS: number, ran: number, interrupted: string | null, json: boolean): void {
  const s = batchSummary(id, rows);
  if (json) {
    process.stdout.write(`${JSON.stringify(s)}\n`);
    return;
  }
  const f = (x: number | null) => (x === null ? '-' : Math.abs(x) >= 1000 ? fmtInt(Math.round(x)) : x.toPrecision(4));
  const lines = [banner(model.marking), `batch of '${model.name}': ${s.runsCompleted} of ${s.runsRequested} runs done${s.runsFailed > 0 ? `, ${s.runsFailed} failed` : ''}${interrupted ? ` (interrupted by ${interrupted}; --resume carries on)` : ''}; seed ${id.seed}`];
  lines.push(`${ran} run this time on ${workers} worker${workers === 1 ? '' : 's'} in ${wallS.toFixed(1)} s (${ran > 0 ? (ran / wallS).toFixed(2) : '0'} runs/s)`);
  lines.push(table([['  metric', 'n', 'mean', '95% CI', 'sd', 'p5', 'p50', 'p95'], ...id.metricIds.map((m) => {
    const x = s.metrics[m];
    return [`  ${m}`, String(x.n), f(x.mean), x.ci95 ? `${f(x.ci95[0])} .. ${f(x.ci95[1])}` : '-', f(x.sd), f(x.p5), f(x.p50), f(x.p95)];
  })]));
  const failed = rows.filter((r) => r.error !== null);
  if (failed.length > 0) lines.push(`first failed run: ${failed[0].error!.split('\n')[0]}`);
  lines.push(`wrote ${['runs.jsonl', 'runs.csv', 'summary.json', 'report.html'].map((n) => join(outDir, n)).join(', ')}`, banner(model.marking), '');
  process.stdout.write(lines.join('\n'));
}
