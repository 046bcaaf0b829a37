/**
 * report.html of a batch (cli/batch/report.ts) and the statistics under it (cli/batch/stats.ts). The
 * statistics are checked against values computed elsewhere: R 4.x `quantile(c(1,2,3,4,10), c(.05,.5,.95))`
 * (type 7) = 1.2, 3, 8.8; the Student t table t(0.975, 10) = 2.228; and by hand for 1..5: mean 3,
 * sd sqrt(2.5) = 1.5811, half-width 2.776 · 1.5811 / sqrt(5) = 1.963.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededDraw } from '../../engine/rng.js';
import type { BatchSummary } from '../../cli/batch/outputs.js';
import { reportHtml, runningIntervals, writeReport } from '../../cli/batch/report.js';
import type { RunRow } from '../../cli/batch/run-one.js';
import { meanInterval, metricStats, percentile, t975 } from '../../cli/batch/stats.js';
import { testSeed } from '../helpers.js';

/** Agreement of printed table values (3 to 4 significant digits). */
const TABLE_DIGITS = 3;
const MARKING = 'UNCLASSIFIED // EXERCISE';

function row(run: number, metrics: Record<string, number | null>, error: string | null = null): RunRow {
  return { run, seed: 7, params: { 'sensors.radar.pd': 0.5 + run / 100 }, metrics: error === null ? metrics : {}, stateHash: 'h', ticks: 10, error };
}

/** A summary built the way outputs.ts builds one: stats over the runs without error, in run order. */
function summaryOf(rows: readonly RunRow[], metricIds: readonly string[], scenario = 'coalition <SSA> & "friends"'): BatchSummary {
  const ok = rows.filter((r) => r.error === null);
  const metrics = Object.fromEntries(metricIds.map((id) => [id, metricStats(ok.map((r) => r.metrics[id] ?? null))]));
  return {
    marking: MARKING, scenario, contentHash: 'abc123', seed: 42, runsRequested: rows.length, untilMs: null, withoutAgreements: [], metricIds, paramPaths: ['sensors.radar.pd'],
    runsCompleted: ok.length, runsFailed: rows.length - ok.length, complete: true, metrics,
    parameters: { 'sensors.radar.pd': metricStats(rows.map((r) => Number(r.params['sensors.radar.pd']))) },
  };
}

/** The <svg> of one kind in one metric's section. */
function plotsOf(html: string, metric: string, kind: string): string[] {
  const section = html.split(`<section class="metric" data-metric="${metric}">`)[1].split('</section>')[0];
  return section.split('<svg ').slice(1).filter((s) => s.startsWith(`class="plot" data-kind="${kind}"`));
}

function attrs(svg: string, cls: string, name: string): number[] {
  return [...svg.matchAll(new RegExp(`class="${cls}"[^>]*?data-${name}="([^"]*)"`, 'g'))].map((m) => Number(m[1]));
}

describe('batch statistics (stats.ts) against independent values', () => {
  it('type-7 percentiles, the t table and the interval of the mean', () => {
    const v = [1, 2, 3, 4, 10];
    expect([0.05, 0.5, 0.95].map((q) => percentile(v, q))).toEqual([expect.closeTo(1.2, 12), 3, expect.closeTo(8.8, 12)]);
    expect(t975(10)).toBe(2.228);
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(1.5811, 4);
    expect(m.half).toBeCloseTo(1.963, TABLE_DIGITS);
  });
});

describe('report.html', () => {
  const seed = testSeed();
  console.log(`batch report seed ${seed} (reproduce: VIGIL_TEST_SEED=${seed})`);
  const draw = seededDraw(seed, 'batch-report');
  const N = 50;
  const rows = Array.from({ length: N }, (_, i) => row(i, { custodyFraction: draw(), 'detections.count': Math.floor(draw() * 1000) }));
  rows[13] = row(13, {}, 'run 13: the drawn values do not make a valid scenario (x = 2):\nline two');
  const ids = ['custodyFraction', 'detections.count'];
  const summary = summaryOf(rows, ids);
  const html = reportHtml(summary, rows, ids);

  it('is self-contained: no address, no script, no link', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  });

  it('carries the marking at top and bottom, and escapes every text', () => {
    expect(html.split(`<div class="banner" style="background:#007a33">UNCLASSIFIED // EXERCISE</div>`)).toHaveLength(3);
    expect(html).toContain('coalition &lt;SSA&gt; &amp; &quot;friends&quot;');
    expect(html).not.toContain('<SSA>');
    expect(html).toContain('49</b> completed of <b>50</b> requested, <b>1</b> failed');
    expect(html).toContain('<td>13</td><td>7</td><td>run 13: the drawn values do not make a valid scenario (x = 2):</td>');
    expect(html).not.toContain('line two');
    expect(html).toContain('<code>sensors.radar.pd</code>');
  });

  it('draws a histogram, a CDF and a convergence plot per metric, and their data match the summary', () => {
    expect(html.match(/<svg /g)).toHaveLength(3 * ids.length);
    for (const id of ids) {
      const s = summary.metrics[id];
      const [hist] = plotsOf(html, id, 'histogram');
      expect(plotsOf(html, id, 'cdf')).toHaveLength(1);
      const [conv] = plotsOf(html, id, 'convergence');
      expect(attrs(hist, 'bar', 'count').reduce((a, b) => a + b, 0)).toBe(s.n);
      expect(attrs(hist, 'mean', 'mean')).toEqual([s.mean]);
      expect(attrs(conv, 'final', 'mean')).toEqual([s.mean]);
      expect(attrs(conv, 'final', 'half')[0]).toBeCloseTo(s.ci95![1] - s.mean!, 12);
      expect(attrs(conv, 'final', 'k')).toEqual([s.n]);
      expect(attrs(conv, 'final', 'run')).toEqual([N - 1]);
    }
    // Visible numbers are formatted (tables: 5 significant digits; ticks: the step's decimals), never raw floats.
    expect(html).not.toMatch(/>[^<]*\d\.\d{6,}[^<]*</);
  });

  it('the running interval after k values agrees with meanInterval of the first k', () => {
    const values = rows.filter((r) => r.error === null).map((r) => r.metrics['detections.count']!);
    runningIntervals(values).forEach((r, i) => {
      const m = meanInterval(values.slice(0, i + 1));
      expect(r.mean).toBe(m.mean);
      if (m.half === null) expect(r.half).toBeNull();
      else expect(r.half).toBeCloseTo(m.half, 9);
    });
  });

  it('gives the same bytes for the same input, and writeReport writes them', () => {
    expect(reportHtml(summaryOf(rows, ids), rows.map((r) => ({ ...r })), [...ids])).toBe(html);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    try {
      writeReport(join(dir, 'report.html'), summary, rows, ids);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(html);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('degenerate inputs: all-equal values, one run, a metric never set, no run at all', () => {
    const flat = Array.from({ length: 5 }, (_, i) => row(i, { a: 2.5, none: null }));
    const flatHtml = reportHtml(summaryOf(flat, ['a', 'none']), flat, ['a', 'none']);
    expect(flatHtml).toContain('All 5 values equal 2.5.');
    expect(flatHtml).toContain('No run has a value for this metric');
    expect(attrs(plotsOf(flatHtml, 'a', 'histogram')[0], 'bar', 'count')).toEqual([5]);
    expect(flatHtml.match(/<svg /g)).toHaveLength(3);
    expect(flatHtml).not.toMatch(/NaN|Infinity|undefined/);

    const one = [row(0, { a: -3 })];
    const oneHtml = reportHtml(summaryOf(one, ['a']), one, ['a']);
    expect(oneHtml).toContain('One value only: no interval.');
    expect(attrs(plotsOf(oneHtml, 'a', 'convergence')[0], 'final', 'mean')).toEqual([-3]);
    expect(oneHtml).not.toMatch(/NaN|Infinity|undefined/);

    const noneHtml = reportHtml(summaryOf([], ['a']), [], ['a']);
    expect(noneHtml).toContain('No run has a value for this metric');
    expect(noneHtml).not.toMatch(/NaN|Infinity|undefined/);
  });
});
