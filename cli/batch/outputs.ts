/**
 * What a batch writes, from its rows in run order (so the bytes never depend on which worker finished
 * first, or how many there were): runs.jsonl (one row a line), runs.csv (run, seed, each drawn
 * parameter, each metric, state hash, error), summary.json (per metric and per numeric parameter: count,
 * mean, sd, 95% interval, p5, p50, p95, min, max) and report.html (report.ts). Every file carries the
 * exercise marking. Nothing of the machine goes in (no times, no worker count): a batch on one worker,
 * on two, or merged from shards gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from './report.js';
import type { RunRow } from './run-one.js';
import { metricStats, type MetricStats } from './stats.js';

export interface BatchIdentity {
  marking: string;
  scenario: string;
  contentHash: string;
  seed: number;
  runsRequested: number;
  untilMs: number | null;
  withoutAgreements: readonly string[];
  /** The metrics each row carries and the drawn parameters, in scenario order. */
  metricIds: readonly string[];
  paramPaths: readonly string[];
}

export interface BatchSummary extends BatchIdentity {
  runsCompleted: number;
  runsFailed: number;
  complete: boolean;
  metrics: Record<string, MetricStats>;
  parameters: Record<string, MetricStats>;
}

/** A CSV field: numbers as JSON writes them (shortest exact), text quoted when it must be (RFC 4180). */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? JSON.stringify(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly RunRow[], metricIds: readonly string[], paramPaths: readonly string[], marking: string): string {
  const header = ['run', 'seed', ...paramPaths, ...metricIds, 'stateHash', 'error'];
  const lines = [`# ${marking}`, header.map(csvField).join(',')];
  for (const r of rows) lines.push([r.run, r.seed, ...paramPaths.map((p) => r.params[p]), ...metricIds.map((m) => r.metrics[m]), r.stateHash, r.error].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function batchSummary(id: BatchIdentity, rows: readonly RunRow[]): BatchSummary {
  const ok = rows.filter((r) => r.error === null);
  const metrics: Record<string, MetricStats> = {};
  for (const m of id.metricIds) metrics[m] = metricStats(ok.map((r) => r.metrics[m] ?? null));
  const parameters: Record<string, MetricStats> = {};
  for (const p of id.paramPaths) {
    const values = rows.map((r) => r.params[p]);
    if (values.every((v) => typeof v === 'number' || typeof v === 'boolean')) parameters[p] = metricStats(values.map((v) => Number(v)));
  }
  return { ...id, runsCompleted: ok.length, runsFailed: rows.length - ok.length, complete: rows.length === id.runsRequested, metrics, parameters };
}

/** Write every output of a batch into `dir`; returns the file names. */
export function writeBatchOutputs(dir: string, id: BatchIdentity, rows: readonly RunRow[]): string[] {
  const sorted = [...rows].sort((a, b) => a.run - b.run);
  const summary = batchSummary(id, sorted);
  writeFileSync(join(dir, 'runs.jsonl'), `${JSON.stringify({ type: 'header', marking: id.marking, scenario: id.scenario, contentHash: id.contentHash, seed: id.seed })}\n${sorted.map((r) => JSON.stringify(r)).join('\n')}${sorted.length > 0 ? '\n' : ''}`);
  writeFileSync(join(dir, 'runs.csv'), toCsv(sorted, id.metricIds, id.paramPaths, id.marking));
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeReport(join(dir, 'report.html'), summary, sorted, id.metricIds);
  return ['runs.jsonl', 'runs.csv', 'summary.json', 'report.html'];
}
