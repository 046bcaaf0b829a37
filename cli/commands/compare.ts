/**
 * `vigil compare <a.yaml> <b.yaml> --runs N`: the same N runs of two scenarios with common random numbers
 * (run i of A and of B have the same seed and run index, so every stream, and every drawn parameter the
 * two share by path, is the same), then per metric the paired differences B - A: their mean, standard
 * deviation and 95% interval (Student t over the pairs), and a plain-language line for each. A metric is
 * compared where both scenarios name it; pairs where either run has no value, or failed, are left out.
 * Paired differences cancel what the runs share, so a small effect shows with few runs.
 *
 * Writes <out>/a/ and <out>/b/ (each a batch's outputs), compare.json and compare.csv (run, metric, a, b,
 * b - a), every file marked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preloadWasm, type ScenarioModel } from '../../engine/index.js';
import { metricsOf } from '../batch/metrics.js';
import { writeBatchOutputs, type BatchIdentity } from '../batch/outputs.js';
import { runPool } from '../batch/pool.js';
import { shareBase, type RunRow, type RunTask } from '../batch/run-one.js';
import { meanInterval } from '../batch/stats.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../errors.js';
import { banner, table } from '../format.js';
import { makeDirs } from '../make-dirs.js';
import { seedOption, untilOption, wholeNumber } from '../options.js';
import { loadOrReport } from '../scenario-input.js';
import { RUNS_MAX, sharedEphemeris, workerCount } from './batch.js';

export interface CompareArgs {
  a: string;
  b: string;
  runs?: number | string;
  seed?: number | string;
  workers?: string;
  until?: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
  cache?: boolean;
}

export interface PairedDifference {
  metric: string;
  pairs: number;
  meanA: number | null;
  meanB: number | null;
  /** Mean of B - A over the pairs. */
  diff: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  /** The interval excludes zero (or every pair differs by the same non-zero amount). */
  significant: boolean;
  says: string;
}

const f = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString());

/** Paired differences of one metric (values by run; null: no value). */
export function pairedDifference(metric: string, a: readonly (number | null)[], b: readonly (number | null)[]): PairedDifference {
  const pa: number[] = [], pb: number[] = [], d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    pa.push(x);
    pb.push(y);
    d.push(y - x);
  }
  if (d.length === 0) return { metric, pairs: 0, meanA: null, meanB: null, diff: null, sd: null, ci95: null, significant: false, says: `${metric}: no run of both scenarios has a value` };
  const mA = meanInterval(pa).mean, mB = meanInterval(pb).mean;
  const { mean, sd, half } = meanInterval(d);
  const ci: [number, number] | null = half === null ? null : [mean - half, mean + half];
  const allZero = d.every((x) => x === 0);
  const significant = !allZero && ci !== null && (ci[0] > 0 || ci[1] < 0);
  let says: string;
  if (allZero) says = `${metric}: no difference (B equals A in all ${d.length} paired runs)`;
  else if (ci === null) says = `${metric}: B - A = ${f(mean)} from one paired run: too few to say`;
  else if (significant) says = `${metric}: B is ${f(Math.abs(mean))} ${mean > 0 ? 'higher' : 'lower'} than A (${f(mA)} -> ${f(mB)}; 95% CI of B - A ${f(ci[0])} .. ${f(ci[1])}, ${d.length} paired runs)`;
  else says = `${metric}: no significant difference (B - A = ${f(mean)}, 95% CI ${f(ci[0])} .. ${f(ci[1])} includes 0, ${d.length} paired runs)`;
  return { metric, pairs: d.length, meanA: mA, meanB: mB, diff: mean, sd, ci95: ci, significant, says };
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  preloadWasm();
  const la = loadOrReport(args.a, args.json);
  const lb = loadOrReport(args.b, args.json);
  if (!la || !lb) return EXIT_BAD_INPUT;
  const runs = wholeNumber(args.runs ?? la.model.montecarlo?.runs ?? 100, '--runs', RUNS_MAX)!;
  if (runs < 1) throw new InputError(`--runs must be at least 1 (a comparison of ${runs} runs has nothing to compare)`);
  const seed = seedOption(args.seed, la.model);
  const untilMs = untilOption(args.until, la.model, lb.model);
  const common = metricsOf(la.model).map((m) => m.id).filter((id) => metricsOf(lb.model).some((m) => m.id === id));
  if (common.length === 0) throw new InputError(`the two scenarios share no metric id (A: ${metricsOf(la.model).map((m) => m.id).join(', ')}; B: ${metricsOf(lb.model).map((m) => m.id).join(', ')}): give them the same metrics`);
  const outDir = args.out ?? join('out', 'compare');
  try {
    for (const d of [outDir, join(outDir, 'a'), join(outDir, 'b')]) makeDirs(d);
  } catch (e) {
    throw new InputError(`cannot create the output folder '${outDir}': ${(e as Error).message}; choose another with --out`);
  }
  const sides = [{ path: args.a, loaded: la, model: la.model }, { path: args.b, loaded: lb, model: lb.model }];
  const tasks: RunTask[] = [];
  for (const side of sides) {
    const { file, text, image } = shareBase(side.path, side.loaded);
    // Each scenario's own objects, propagated once for its runs (two scenarios may differ in orbits).
    const ephemeris = runs >= 2 ? await sharedEphemeris(side.model, untilMs, args.cache !== false) : undefined;
    for (let run = 0; run < runs; run++) tasks.push({ file, text, image, seed, run, untilMs, withoutAgreements: [], cache: args.cache !== false, ephemeris });
  }
  const rows: RunRow[][] = [[], []];
  const interrupted = await runPool(tasks, workerCount(args.workers, tasks.length), (row, k) => rows[k < runs ? 0 : 1].push(row), args.progress !== false && process.stderr.isTTY);
  sides.forEach((side, k) => writeBatchOutputs(join(outDir, k === 0 ? 'a' : 'b'), identity(side.model, seed, runs, untilMs), rows[k]));
  const byRun = (k: number, metric: string) => {
    const v: (number | null)[] = new Array<number | null>(runs).fill(null);
    for (const r of rows[k]) if (r.error === null) v[r.run] = r.metrics[metric] ?? null;
    return v;
  };
  const diffs = common.map((m) => pairedDifference(m, byRun(0, m), byRun(1, m)));
  const marking = la.model.marking;
  const result = { marking, a: { scenario: la.model.name, contentHash: la.model.contentHash }, b: { scenario: lb.model.name, contentHash: lb.model.contentHash }, seed, runs, untilMs, complete: !interrupted, metrics: diffs };
  writeFileSync(join(outDir, 'compare.json'), `${JSON.stringify(result, null, 2)}\n`);
  const csv = [`# ${marking}`, 'run,metric,a,b,b_minus_a'];
  for (const m of common) {
    const a = byRun(0, m), b = byRun(1, m);
    for (let i = 0; i < runs; i++) csv.push([i, m, a[i] ?? '', b[i] ?? '', typeof a[i] === 'number' && typeof b[i] === 'number' ? b[i]! - a[i]! : ''].join(','));
  }
  writeFileSync(join(outDir, 'compare.csv'), `${csv.join('\n')}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write([
      banner(marking),
      `A: ${la.model.name} (${args.a})`, `B: ${lb.model.name} (${args.b})`, `${runs} paired runs, seed ${seed} (run i of A and B share seed, run index and draws)`,
      table([['  metric', 'pairs', 'mean A', 'mean B', 'B - A', '95% CI of B - A'], ...diffs.map((d) => [
        `  ${d.metric}`, String(d.pairs), d.meanA === null ? '-' : f(d.meanA), d.meanB === null ? '-' : f(d.meanB), d.diff === null ? '-' : f(d.diff), d.ci95 ? `${f(d.ci95[0])} .. ${f(d.ci95[1])}` : '-',
      ])]),
      ...diffs.map((d) => `- ${d.says}`),
      `wrote ${join(outDir, 'compare.json')}, compare.csv, a/, b/`, banner(marking), '',
    ].join('\n'));
  }
  return interrupted ? (interrupted === 'SIGTERM' ? 143 : 130) : EXIT_OK;
}

function identity(model: ScenarioModel, seed: number, runs: number, untilMs: number | null): BatchIdentity {
  return {
    marking: model.marking, scenario: model.name, contentHash: model.contentHash, seed, runsRequested: runs, untilMs, withoutAgreements: [],
    metricIds: metricsOf(model).map((m) => m.id), paramPaths: (model.montecarlo?.parameters ?? []).map((p) => p.path),
  };
}
