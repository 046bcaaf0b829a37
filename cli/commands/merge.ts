/**
 * `vigil merge <shard files or folders> --out dir`: the shards of one batch (batch/shards.ts) checked and
 * joined into the outputs a single machine's batch writes, byte for byte. Shards of different batches,
 * gaps, overlaps and unfinished shards are bad input (exit 2) naming the file.
 */
import { join } from 'node:path';
import { batchSummary, writeBatchOutputs, type BatchIdentity } from '../batch/outputs.js';
import { readShards, shardFiles } from '../batch/shards.js';
import { EXIT_OK, InputError } from '../errors.js';
import { banner } from '../format.js';
import { makeDirs } from '../make-dirs.js';

export interface MergeArgs {
  paths: readonly string[];
  out?: string;
}

export function mergeCommand(args: MergeArgs): Promise<number> {
  const files = shardFiles(args.paths);
  const { manifest, rows, warnings } = readShards(files);
  for (const w of warnings) process.stderr.write(`vigil: warning: ${w}\n`);
  const outDir = args.out ?? 'out/merged';
  try {
    makeDirs(outDir);
  } catch (e) {
    throw new InputError(`cannot create the output folder '${outDir}': ${(e as Error).message}; choose another with --out`);
  }
  const id: BatchIdentity = {
    marking: manifest.marking, scenario: manifest.scenario, contentHash: manifest.contentHash, seed: manifest.seed, runsRequested: manifest.runsRequested,
    untilMs: manifest.untilMs, withoutAgreements: manifest.withoutAgreements, metricIds: manifest.metricIds, paramPaths: manifest.paramPaths,
  };
  writeBatchOutputs(outDir, id, rows);
  const s = batchSummary(id, rows);
  process.stdout.write(`${banner(id.marking)}\nmerged ${files.length} shard${files.length === 1 ? '' : 's'} of '${id.scenario}': ${s.runsCompleted} runs${s.runsFailed > 0 ? `, ${s.runsFailed} failed` : ''}; wrote ${['runs.jsonl', 'runs.csv', 'summary.json', 'report.html'].map((n) => join(outDir, n)).join(', ')}\n${banner(id.marking)}\n`);
  return Promise.resolve(EXIT_OK);
}
