/**
 * Batches beyond one machine. `vigil batch --shard i/N` runs the i-th of N equal slices of the runs
 * (runs floor((i-1) R / N) to floor(i R / N) - 1) and writes one shard file: a manifest line (scenario
 * content hash, seed, runs, until, agreements left out, metrics and parameters, Vigil and Node versions,
 * the shard and its run range) and its rows in run order. Without --shard, i and N come from the job
 * system: a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based, with N from --shards or
 * VIGIL_SHARDS) or a Slurm job array numbered from 0 (SLURM_ARRAY_TASK_ID, with N from --shards, VIGIL_SHARDS
 * or SLURM_ARRAY_TASK_COUNT).
 *
 * `vigil merge <files or dirs> --out dir` reads the shards, checks that their manifests agree and that
 * their ranges cover 0..R-1 with no gap or overlap and every run present, and writes the same outputs as
 * one machine's batch (outputs.ts): the same bytes, since rows are written in run order.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { BatchIdentity } from './outputs.js';
import type { RunRow } from './run-one.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ShardManifest extends BatchIdentity {
  type: 'vigil-shard';
  vigil: string;
  node: string;
  shard: ShardSpec;
  range: { from: number; to: number };
}

/** Most shards one batch may be cut into. */
export const SHARDS_MAX = 100_000;

/** `i/N` as given on the command line (1 <= i <= N). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`--shard must be i/N, e.g. 3/8 (the third of eight slices), got '${text}'`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || count > SHARDS_MAX) throw new InputError(`--shard ${text}: N must be from 1 to ${SHARDS_MAX}`);
  if (index < 1 || index > count) throw new InputError(`--shard ${text}: i must be from 1 to N (${count}): shards are numbered 1/${count} to ${count}/${count}`);
  return { index, count };
}

/** The shard the job system says this process is, or null (env: the process environment). */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, shardsOption: number | undefined): ShardSpec | null {
  const whole = (name: string): number => {
    const v = env[name];
    if (v === undefined || !/^\d+$/.test(v.trim())) throw new InputError(`${name} must be a whole number, got '${v ?? ''}'`);
    return Number(v);
  };
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const count = shardsOption ?? (env.VIGIL_SHARDS !== undefined ? whole('VIGIL_SHARDS') : undefined);
    if (count === undefined) throw new InputError('JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the completions count with --shards N or VIGIL_SHARDS');
    return parseShard(`${whole('JOB_COMPLETION_INDEX') + 1}/${count}`);
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    // Arrays run 0..N-1 (--array=0-<N-1>): the task id is the shard's 0-based index, so a task submitted
    // again alone (--array=5) is still shard 6; N from --shards, VIGIL_SHARDS or the array's task count.
    if (shardsOption === undefined && env.VIGIL_SHARDS === undefined && env.SLURM_ARRAY_TASK_COUNT === undefined) {
      throw new InputError('SLURM_ARRAY_TASK_ID is set but not the number of shards: give --shards N (or VIGIL_SHARDS)');
    }
    const count = shardsOption ?? (env.VIGIL_SHARDS !== undefined ? whole('VIGIL_SHARDS') : whole('SLURM_ARRAY_TASK_COUNT'));
    const id = whole('SLURM_ARRAY_TASK_ID');
    if (id >= count) throw new InputError(`SLURM_ARRAY_TASK_ID ${id} with ${count} shards: number the array from 0 (--array=0-${count - 1}), or give --shard i/N`);
    return parseShard(`${id + 1}/${count}`);
  }
  if (shardsOption !== undefined) throw new InputError('--shards N is for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array; here give --shard i/N');
  return null;
}

/** Runs [from, to) of shard i of N over R runs. */
export function shardRange(s: ShardSpec, runs: number): { from: number; to: number } {
  return { from: Math.floor(((s.index - 1) * runs) / s.count), to: Math.floor((s.index * runs) / s.count) };
}

export function shardFileName(s: ShardSpec): string {
  return `shard-${String(s.index).padStart(String(s.count).length, '0')}-of-${s.count}.jsonl`;
}

export function writeShard(dir: string, manifest: Omit<ShardManifest, 'type' | 'shard' | 'range'>, shard: ShardSpec, range: { from: number; to: number }, rows: readonly RunRow[]): string {
  const head: ShardManifest = { type: 'vigil-shard', ...manifest, shard, range };
  const sorted = [...rows].sort((a, b) => a.run - b.run);
  const path = join(dir, shardFileName(shard));
  writeFileSync(path, `${JSON.stringify(head)}\n${sorted.map((r) => JSON.stringify(r)).join('\n')}${sorted.length > 0 ? '\n' : ''}`);
  return path;
}

/** Shard files named or found in the folders named (shard-*.jsonl), in name order. */
export function shardFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) out.push(...readdirSync(p).filter((n) => /^shard-\d+-of-\d+\.jsonl$/.test(n)).sort().map((n) => join(p, n)));
    else out.push(p);
  }
  if (out.length === 0) throw new InputError(`no shard files (shard-<i>-of-<N>.jsonl) in ${paths.join(', ')}`);
  return out;
}

/** Manifest fields that every shard of one batch must share. */
const MUST_AGREE = ['contentHash', 'seed', 'runsRequested', 'untilMs', 'withoutAgreements', 'metricIds', 'paramPaths', 'vigil', 'marking'] as const;

/** Read and check shards: their identity and their rows in run order (every run once). */
export function readShards(files: readonly string[]): { manifest: ShardManifest; rows: RunRow[]; warnings: string[] } {
  const shards = files.map((file) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    let head: ShardManifest;
    try {
      head = JSON.parse(lines[0] ?? '') as ShardManifest;
    } catch {
      throw new InputError(`${file}: not a Vigil shard (its first line is not a manifest)`);
    }
    if (head?.type !== 'vigil-shard' || typeof head.range?.from !== 'number' || typeof head.range?.to !== 'number') throw new InputError(`${file}: not a Vigil shard (its first line is not a manifest)`);
    const rows = lines.slice(1).map((l, k) => {
      try {
        return JSON.parse(l) as RunRow;
      } catch {
        throw new InputError(`${file}:${k + 2}: a row that is not JSON (a shard cut short?): run that shard again`);
      }
    });
    return { file, head, rows };
  });
  const first = shards[0];
  const warnings: string[] = [];
  for (const s of shards.slice(1)) {
    for (const k of MUST_AGREE) {
      if (JSON.stringify(s.head[k]) !== JSON.stringify(first.head[k])) {
        throw new InputError(`${s.file}: its ${k} (${JSON.stringify(s.head[k])}) differs from ${first.file}'s (${JSON.stringify(first.head[k])}): shards of different batches cannot be merged`);
      }
    }
    if (s.head.node !== first.head.node) warnings.push(`${s.file} ran on Node ${s.head.node}, ${first.file} on ${first.head.node}: results may differ in the last bits of their floating point`);
  }
  const runs = first.head.runsRequested;
  const sorted = [...shards].sort((a, b) => a.head.range.from - b.head.range.from);
  let next = 0;
  for (const s of sorted) {
    if (s.head.range.from > next) throw new InputError(`runs ${next} to ${s.head.range.from - 1} are in no shard (the next, ${s.file}, starts at ${s.head.range.from}): merge the missing shard too`);
    if (s.head.range.from < next) throw new InputError(`${s.file} (runs ${s.head.range.from} to ${s.head.range.to - 1}) overlaps another shard's runs before ${next}: merge each shard once`);
    const stray = s.rows.find((r) => !(r.run >= s.head.range.from && r.run < s.head.range.to));
    if (stray) throw new InputError(`${s.file}: holds run ${stray.run}, outside its range ${s.head.range.from} to ${s.head.range.to - 1}: not a shard vigil wrote`);
    const have = new Set(s.rows.map((r) => r.run));
    const missing = s.head.range.to - s.head.range.from - [...have].filter((r) => r >= s.head.range.from && r < s.head.range.to).length;
    if (missing > 0 || have.size !== s.rows.length) throw new InputError(`${s.file}: ${missing} of its runs ${s.head.range.from} to ${s.head.range.to - 1} are missing (an interrupted shard): run it again with --resume`);
    next = s.head.range.to;
  }
  if (next < runs) throw new InputError(`runs ${next} to ${runs - 1} are in no shard: merge the missing shard too`);
  return { manifest: first.head, rows: sorted.flatMap((s) => s.rows), warnings };
}
