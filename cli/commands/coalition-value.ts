/**
 * `vigil coalition-value <scenario> --metric M --runs N`: what each nation's assets and agreements add to
 * metric M (a metric of the scenario, about a chosen nation or coalition).
 *
 * The players are the nations that contribute: those with sensors, missile-warning sensors, or agreements
 * they provide. v(S) is metric M when only the players in S contribute (the others' sensors and provided
 * agreements left out: run-one.ts withoutContributions; their satellites still fly). Every coalition is
 * run with the same seeds (run i of every coalition shares seed, run index and draws), so differences
 * between coalitions are paired and their intervals narrow.
 *
 *   leave-one-out   v(all) - v(all but k): what the coalition loses without k;
 *   Shapley value   phi_k = sum over S not holding k of |S|! (n - |S| - 1)! / n! (v(S + k) - v(S)): k's
 *                   average marginal contribution over every order in which the players could join. The
 *                   values add up to v(all) - v(none) (efficiency), which the output checks.
 *
 * Exact Shapley values need v of all 2^n coalitions: up to EXACT_PLAYERS_MAX players. Beyond, each run
 * draws `--permutations` random orders of the players (from its own stream) and averages the marginal
 * contributions along them (Castro, Gomez and Tejada 2009): unbiased, and the 95% interval over runs
 * holds the sampling of orders as well as of runs. Every value is computed run by run, and its interval
 * is Student's t over the runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preloadWasm, type ScenarioModel } from '../../engine/index.js';
import { createStream } from '../../engine/rng.js';
import { didYouMean } from '../../scenarios/problems.js';
import { metricsOf } from '../batch/metrics.js';
import { runPool } from '../batch/pool.js';
import { shareBase, type RunTask } from '../batch/run-one.js';
import { meanInterval } from '../batch/stats.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../errors.js';
import { banner, table } from '../format.js';
import { makeDirs } from '../make-dirs.js';
import { seedOption, untilOption, wholeNumber } from '../options.js';
import { loadOrReport } from '../scenario-input.js';
import { RUNS_MAX, sharedEphemeris, workerCount } from './batch.js';

/** Most players for exact Shapley values (2^8 = 256 coalitions per run). */
export const EXACT_PLAYERS_MAX = 8;
/** Most players at all (coalitions are bit masks). */
export const PLAYERS_MAX = 30;
/** Most simulation runs one coalition-value job may ask for. */
export const TASKS_MAX = 200_000;

export interface CoalitionValueArgs {
  scenario: string;
  metric: string;
  runs?: number | string;
  seed?: number | string;
  permutations?: number | string;
  workers?: string;
  until?: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
  cache?: boolean;
}

/** Nations that contribute something a coalition could go without, in id order. */
export function players(model: ScenarioModel): string[] {
  const p = new Set<string>();
  for (const s of model.sensors) p.add(s.owner);
  for (const w of model.counterspace.warningSensors) p.add(w.owner);
  for (const a of model.agreements) p.add(a.provider);
  return [...p].filter((n) => model.nations.some((x) => x.id === n && x.declared)).sort();
}

/** The Shapley weight |S|! (n - |S| - 1)! / n! of a coalition of size s among n players. */
export function shapleyWeight(s: number, n: number): number {
  // |S|! (n-1-|S|)! / n! = 1 / (n C(n-1, |S|))
  let c = 1;
  for (let k = 1; k <= s; k++) c = (c * (n - 1 - s + k)) / k;
  return 1 / (n * c);
}

/** Exact Shapley values from v over every coalition mask of n players. */
export function exactShapley(v: (mask: number) => number, n: number): number[] {
  const phi = new Array<number>(n).fill(0);
  const full = (1 << n) - 1;
  for (let mask = 0; mask <= full; mask++) {
    const size = popcount(mask);
    for (let k = 0; k < n; k++) {
      if (mask & (1 << k)) continue;
      phi[k] += shapleyWeight(size, n) * (v(mask | (1 << k)) - v(mask));
    }
  }
  return phi;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** A random order of 0..n-1 (Fisher-Yates on uniform draws u). */
export function permutation(n: number, u: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

export async function coalitionValueCommand(args: CoalitionValueArgs): Promise<number> {
  preloadWasm();
  const loaded = loadOrReport(args.scenario, args.json);
  if (!loaded) return EXIT_BAD_INPUT;
  const model = loaded.model;
  const metrics = metricsOf(model).map((m) => m.id);
  if (!metrics.includes(args.metric)) throw new InputError(`--metric '${args.metric}' is not a metric of the scenario (${metrics.join(', ')})${didYouMean(args.metric, metrics)}`);
  const runs = wholeNumber(args.runs ?? model.montecarlo?.runs ?? 20, '--runs', RUNS_MAX)!;
  if (runs < 2) throw new InputError(`--runs must be at least 2 (intervals need two runs), got ${runs}`);
  const seed = seedOption(args.seed, model);
  const untilMs = untilOption(args.until, model);
  const names = players(model);
  const n = names.length;
  if (n === 0) throw new InputError('no nation contributes sensors or agreements: there is nothing to value');
  if (n > PLAYERS_MAX) throw new InputError(`${n} contributing nations, over ${PLAYERS_MAX}: group them into fewer players`);
  const exact = n <= EXACT_PLAYERS_MAX;
  const perms = wholeNumber(args.permutations ?? 16, '--permutations', 10_000)!;
  if (!exact && perms < 1) throw new InputError('--permutations must be at least 1');
  const full = 2 ** n - 1;
  // Count before building anything: every run needs all coalitions (exact), or at most its orders'
  // prefixes plus all, none and all-but-each.
  const perRun = exact ? 2 ** n : Math.min(2 ** n, perms * n + n + 2);
  if (runs * perRun > TASKS_MAX) throw new InputError(`up to ${(runs * perRun).toLocaleString('en-US')} simulation runs needed (${runs} runs x ${exact ? `2^${n}` : `${perms} orders of ${n}`} coalitions), over ${TASKS_MAX.toLocaleString('en-US')}: fewer --runs or --permutations`);

  // The coalitions each run needs: all of them (exact), or the prefixes of its orders, and always all,
  // none, and all but each player (leave-one-out).
  const orders: number[][][] = [];
  const needed: Set<number>[] = [];
  for (let run = 0; run < runs; run++) {
    const s = new Set<number>([full, 0, ...names.map((_, k) => full & ~(1 << k))]);
    const runOrders: number[][] = [];
    if (exact) for (let m = 0; m <= full; m++) s.add(m);
    else {
      const stream = createStream(seed, run, 'coalition-value:orders');
      for (let p = 0; p < perms; p++) {
        const order = permutation(n, () => stream.next());
        runOrders.push(order);
        let mask = 0;
        for (const k of order) s.add((mask |= 1 << k));
      }
    }
    orders.push(runOrders);
    needed.push(s);
  }
  const taskCount = needed.reduce((a, s) => a + s.size, 0);
  if (taskCount > TASKS_MAX) throw new InputError(`${taskCount} simulation runs needed (${runs} runs x ${exact ? `2^${n}` : `${perms} orders of ${n}`} coalitions), over ${TASKS_MAX}: fewer --runs or --permutations`);

  const { file, text, image } = shareBase(args.scenario, loaded);
  // Leaving nations' sensors and agreements out never moves an orbit: every coalition reads one ephemeris.
  const ephemeris = await sharedEphemeris(model, untilMs, args.cache !== false);
  const tasks: RunTask[] = [];
  const keys: { run: number; mask: number }[] = [];
  for (let run = 0; run < runs; run++) {
    for (const mask of [...needed[run]].sort((a, b) => a - b)) {
      tasks.push({ file, text, image, seed, run, untilMs, withoutAgreements: [], withoutNations: names.filter((_, k) => !(mask & (1 << k))), cache: args.cache !== false, ephemeris });
      keys.push({ run, mask });
    }
  }
  const values = new Map<string, number | null>();
  const interrupted = await runPool(tasks, workerCount(args.workers, tasks.length), (row, k) => {
    values.set(`${keys[k].run}:${keys[k].mask}`, row.error === null ? (row.metrics[args.metric] ?? null) : null);
  }, args.progress !== false && process.stderr.isTTY);
  if (interrupted) throw new InputError(`interrupted (${interrupted}) before every coalition was run: coalition values need them all`);

  // Per run: leave-one-out and Shapley values; runs where any needed value is missing are left out.
  const loo: number[][] = names.map(() => []), phi: number[][] = names.map(() => []);
  const vAll: number[] = [], vNone: number[] = [];
  let incomplete = 0;
  for (let run = 0; run < runs; run++) {
    const v = (mask: number): number => {
      const x = values.get(`${run}:${mask}`);
      if (typeof x !== 'number') throw new Error('missing');
      return x;
    };
    try {
      const p = exact ? exactShapley(v, n) : sampledShapley(v, orders[run], n);
      names.forEach((_, k) => {
        loo[k].push(v(full) - v(full & ~(1 << k)));
        phi[k].push(p[k]);
      });
      vAll.push(v(full));
      vNone.push(v(0));
    } catch {
      incomplete++;
    }
  }
  if (vAll.length < 2) throw new InputError(`the metric '${args.metric}' has a value in ${vAll.length} run(s) of every coalition: too few for an interval`);
  const interval = (xs: number[]) => {
    const m = meanInterval(xs);
    return { mean: m.mean, ci95: m.half === null ? null : ([m.mean - m.half, m.mean + m.half] as [number, number]) };
  };
  const result = {
    marking: model.marking, scenario: model.name, contentHash: model.contentHash, metric: args.metric, seed, runs: vAll.length, runsIncomplete: incomplete, untilMs,
    method: exact ? `exact Shapley values over all ${2 ** n} coalitions` : `Shapley values sampled over ${perms} random orders per run`,
    players: names,
    all: interval(vAll), none: interval(vNone),
    nations: names.map((nation, k) => ({ nation, leaveOneOut: interval(loo[k]), shapley: interval(phi[k]) })),
    /** Sum of the Shapley values against v(all) - v(none), mean over runs (exact: equal up to rounding). */
    efficiencyGap: meanInterval(vAll.map((x, i) => x - vNone[i] - names.reduce((s, _, k) => s + phi[k][i], 0))).mean,
  };
  const outDir = args.out ?? join('out', 'coalition-value');
  makeDirs(outDir);
  writeFileSync(join(outDir, 'coalition-value.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const f = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString());
    const ci = (x: { mean: number; ci95: [number, number] | null }) => `${f(x.mean)}${x.ci95 ? ` (${f(x.ci95[0])} .. ${f(x.ci95[1])})` : ''}`;
    process.stdout.write([
      banner(model.marking),
      `coalition value of '${args.metric}' in '${model.name}': ${result.method}, ${result.runs} runs`,
      `with every nation: ${ci(result.all)}; with none contributing: ${ci(result.none)}`,
      table([['  nation', 'leave-one-out (95% CI)', 'Shapley value (95% CI)'], ...result.nations.map((x) => [`  ${x.nation}`, ci(x.leaveOneOut), ci(x.shapley)])]),
      `wrote ${join(outDir, 'coalition-value.json')}`, banner(model.marking), '',
    ].join('\n'));
  }
  return EXIT_OK;
}

/** Shapley values of one run from its orders: each player's marginal contribution averaged over them. */
export function sampledShapley(v: (mask: number) => number, orders: readonly number[][], n: number): number[] {
  const phi = new Array<number>(n).fill(0);
  for (const order of orders) {
    let mask = 0;
    let before = v(0);
    for (const k of order) {
      mask |= 1 << k;
      const after = v(mask);
      phi[k] += after - before;
      before = after;
    }
  }
  return phi.map((x) => x / orders.length);
}
