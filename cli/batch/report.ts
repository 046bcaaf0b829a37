/**
 * report.html of a batch: one self-contained page (inline CSS and SVG drawn here; no script, no font, no
 * link, and a Content-Security-Policy that forbids loading anything) that opens from disk. It shows the
 * exercise marking as a banner at top and bottom, what was run, a table of the metrics and of the drawn
 * numeric parameters, the failed runs, and per metric a histogram with the mean and its 95% interval, the
 * empirical CDF, and the convergence of the running mean with its running 95% interval over the runs.
 * The bytes depend on the inputs only (no date, no random id, fixed number formatting).
 *
 * Read next: outputs.ts (what calls this), stats.ts (the numbers), svg.ts (the plots).
 */
import { writeFileSync } from 'node:fs';
import type { BatchSummary } from './outputs.js';
import type { RunRow } from './run-one.js';
import { metricStats, percentile, t975, type MetricStats } from './stats.js';
import { c, esc, fmt, frame, niceAxis, plotSvg } from './svg.js';

/** Limits: bins of a histogram, points drawn per curve (the file stays small at 100k runs), failed runs listed. */
const BINS_MAX = 60;
const POINTS_MAX = 500;
const FAILED_LISTED_MAX = 50;
const BAND_FIT_K = 10;

const CSS = `body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;background:#fff}
main{max-width:980px;margin:0 auto;padding:8px 16px}
.banner{color:#fff;text-align:center;font-weight:bold;letter-spacing:.08em;padding:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}code{font-size:12px}.note{color:#a0522d}
.plots{display:flex;flex-wrap:wrap;gap:8px}svg text{font:11px sans-serif;fill:#333}svg .title{font-weight:bold}
.grid{stroke:#eee}.axis{stroke:#333;fill:none}.bar{fill:#6f94bf;stroke:#fff}.ci{fill:#c0392b;opacity:.15}
.mean{stroke:#c0392b;stroke-width:1.5}.cdf,.run-mean{stroke:#2c5d8f;stroke-width:1.5;fill:none}.band{fill:#6f94bf;opacity:.3}`;

/** Banner colours of the classification a marking starts with (the US banner colours of DoDM 5200.01 vol. 2); grey otherwise. */
function bannerColour(marking: string): string {
  const m = marking.trim().toUpperCase();
  if (m.startsWith('TOP SECRET')) return '#ff8c00';
  if (m.startsWith('SECRET')) return '#c8102e';
  if (m.startsWith('CONFIDENTIAL')) return '#0033a0';
  if (m.startsWith('UNCLASSIFIED')) return '#007a33';
  return '#555';
}

const STAT_COLUMNS = ['n', 'missing', 'mean', 'sd', '95% CI of mean', 'p5', 'p50', 'p95', 'min', 'max'];

function statsTable(title: string, stats: Record<string, MetricStats>, ids: readonly string[]): string {
  if (ids.length === 0) return '';
  const row = (id: string, s: MetricStats): string =>
    `<tr><td><code>${esc(id)}</code></td>${[s.n, s.missing, fmt(s.mean), fmt(s.sd), s.ci95 ? `${fmt(s.ci95[0])} … ${fmt(s.ci95[1])}` : '—', fmt(s.p5), fmt(s.p50), fmt(s.p95), fmt(s.min), fmt(s.max)].map((v) => `<td>${v}</td>`).join('')}</tr>`;
  return `<h2>${title}</h2>\n<table><tr><th></th>${STAT_COLUMNS.map((h) => `<th>${h}</th>`).join('')}</tr>\n${ids.map((id) => row(id, stats[id] ?? metricStats([]))).join('\n')}</table>`;
}

function failedTable(rows: readonly RunRow[]): string {
  const failed = rows.filter((r) => r.error !== null);
  if (failed.length === 0) return '';
  const listed = failed.slice(0, FAILED_LISTED_MAX).map((r) => `<tr><td>${r.run}</td><td>${r.seed}</td><td>${esc((r.error ?? '').split('\n')[0])}</td></tr>`);
  const more = failed.length > FAILED_LISTED_MAX ? `<p>… and ${failed.length - FAILED_LISTED_MAX} more (runs.jsonl has them all).</p>` : '';
  return `<h2>Failed runs (${failed.length})</h2>\n<table><tr><th>run</th><th>seed</th><th>error</th></tr>\n${listed.join('\n')}</table>${more}`;
}

/**
 * Histogram bins: Freedman–Diaconis (width 2·IQR·n^(-1/3), Freedman and Diaconis 1981), or Sturges
 * (⌈log2 n⌉ + 1 bins) when the IQR is zero, at most BINS_MAX, widened to whole numbers for whole-number
 * values; all-equal values get one bin around them.
 */
export function histogramBins(sorted: readonly number[]): { lo: number; width: number; counts: number[] } {
  const n = sorted.length;
  const [min, max] = [sorted[0], sorted[n - 1]];
  if (max === min) {
    const width = min === 0 ? 1 : Math.abs(min) * 0.1;
    return { lo: min - width / 2, width, counts: [n] };
  }
  const iqr = percentile(sorted, 0.75) - percentile(sorted, 0.25);
  let k = Math.min(BINS_MAX, Math.max(1, iqr > 0 ? Math.ceil((max - min) / (2 * iqr * n ** (-1 / 3))) : Math.ceil(Math.log2(n)) + 1));
  let [lo, width] = [min, (max - min) / k];
  if (sorted.every(Number.isInteger)) {
    // Counts and other whole numbers: whole-number bins centred on the values, so no bin straddles two counts unevenly.
    width = Math.max(1, Math.round(width), Math.ceil((max - min + 1) / BINS_MAX));
    lo = min - 0.5;
    k = Math.floor((max - min) / width) + 1;
  }
  const counts = new Array<number>(k).fill(0);
  for (const v of sorted) counts[Math.min(k - 1, Math.floor((v - lo) / width))]++;
  return { lo, width, counts };
}

function histogram(id: string, sorted: readonly number[], s: MetricStats): string {
  const b = histogramBins(sorted);
  const f = frame(niceAxis(b.lo, b.lo + b.width * b.counts.length), niceAxis(0, Math.max(...b.counts), 5, 1));
  const bars = b.counts.map((n, i) => {
    const [x0, x1] = [f.sx(b.lo + i * b.width), f.sx(b.lo + (i + 1) * b.width)];
    return `<rect class="bar" data-count="${n}" x="${c(x0)}" y="${c(f.sy(n))}" width="${c(x1 - x0)}" height="${c(f.sy(0) - f.sy(n))}"/>`;
  });
  const [y0, y1] = [f.sy(f.y.lo), f.sy(f.y.hi)];
  // With few runs the interval can be wider than the values (t(0.975, 1) = 12.7): cut at the frame.
  const [ci0, ci1] = (s.ci95 ?? [0, 0]).map((v) => f.sx(Math.min(f.x.hi, Math.max(f.x.lo, v))));
  const ci = s.ci95 ? `<rect class="ci" x="${c(ci0)}" y="${c(y1)}" width="${c(ci1 - ci0)}" height="${c(y0 - y1)}"/>` : '';
  const mean = `<line class="mean" data-mean="${s.mean}" x1="${c(f.sx(s.mean!))}" x2="${c(f.sx(s.mean!))}" y1="${c(y0)}" y2="${c(y1)}"/>`;
  return plotSvg(f, 'histogram', `${id}: histogram`, id, 'runs', [...bars, ci, mean].join('\n'));
}

function cdf(id: string, sorted: readonly number[]): string {
  const n = sorted.length;
  const f = frame(niceAxis(sorted[0], sorted[n - 1]), niceAxis(0, 1));
  const stride = Math.ceil(n / POINTS_MAX);
  let d = `M${c(f.sx(f.x.lo))} ${c(f.sy(0))}`;
  // Past POINTS_MAX values, one step per `stride` values: the curve is off by less than 1 / POINTS_MAX.
  for (let i = stride - 1; i < n + stride - 1; i += stride) {
    const j = Math.min(i, n - 1);
    d += `H${c(f.sx(sorted[j]))}V${c(f.sy((j + 1) / n))}`;
  }
  return plotSvg(f, 'cdf', `${id}: empirical CDF`, id, 'fraction of runs ≤ x', `<path class="cdf" d="${d}H${c(f.sx(f.x.hi))}"/>`);
}

/**
 * Running mean and 95% interval after each of the first k values, in run order, computed incrementally:
 * the mean as meanInterval sums (the same additions in the same order, so the last equals the summary's
 * mean exactly), the variance by Welford's update (stable where a sum of squares would cancel).
 */
export function runningIntervals(values: readonly number[]): { mean: number; half: number | null }[] {
  const out: { mean: number; half: number | null }[] = [];
  let [sum, wMean, m2] = [0, 0, 0];
  values.forEach((v, i) => {
    const k = i + 1;
    sum += v;
    const delta = v - wMean;
    wMean += delta / k;
    m2 += delta * (v - wMean);
    out.push({ mean: sum / k, half: k < 2 ? null : (t975(k - 1) * Math.sqrt(m2 / (k - 1))) / Math.sqrt(k) });
  });
  return out;
}

/**
 * The y axis spans the running mean and, from the BAND_FIT_K-th value on, its interval: the first few
 * intervals (t(0.975, 1) = 12.7) would flatten the rest, so they are cut at the frame.
 */
function convergence(id: string, points: readonly { run: number; v: number }[]): string {
  const running = runningIntervals(points.map((p) => p.v));
  let [lo, hi] = [Infinity, -Infinity];
  running.forEach((r, i) => {
    const half = i + 1 >= BAND_FIT_K ? (r.half ?? 0) : 0;
    [lo, hi] = [Math.min(lo, r.mean - half), Math.max(hi, r.mean + half)];
  });
  const f = frame(niceAxis(points[0].run, Math.max(points[points.length - 1].run, points[0].run + 1), 5, 1), niceAxis(lo, hi));
  const clamp = (y: number): number => Math.min(f.y.hi, Math.max(f.y.lo, y));
  const stride = Math.ceil(points.length / POINTS_MAX);
  const shown = running.map((r, i) => ({ ...r, run: points[i].run })).filter((_, i) => i % stride === 0 || i === points.length - 1);
  const banded = shown.filter((r) => r.half !== null);
  const band = banded.length < 2 ? '' : `<polygon class="band" points="${[...banded.map((r) => `${c(f.sx(r.run))},${c(f.sy(clamp(r.mean + r.half!)))}`), ...[...banded].reverse().map((r) => `${c(f.sx(r.run))},${c(f.sy(clamp(r.mean - r.half!)))}`)].join(' ')}"/>`;
  const line = `<polyline class="run-mean" points="${shown.map((r) => `${c(f.sx(r.run))},${c(f.sy(r.mean))}`).join(' ')}"/>`;
  const last = running[running.length - 1];
  const end = `<circle class="final" r="3" cx="${c(f.sx(points[points.length - 1].run))}" cy="${c(f.sy(last.mean))}" data-run="${points[points.length - 1].run}" data-k="${points.length}" data-mean="${last.mean}" data-half="${last.half ?? ''}"/>`;
  return plotSvg(f, 'convergence', `${id}: running mean and 95% interval`, 'run', id, [band, line, end].join('\n'));
}

/** `summary` is the batch summary's entry (for its count of missing values); the plots use the values found in `rows`. */
function metricSection(id: string, rows: readonly RunRow[], summary: MetricStats): string {
  const points: { run: number; v: number }[] = [];
  for (const r of rows) {
    const v = r.error === null ? r.metrics[id] : null;
    if (typeof v === 'number' && Number.isFinite(v)) points.push({ run: r.run, v });
  }
  const head = `<section class="metric" data-metric="${esc(id)}"><h3><code>${esc(id)}</code></h3>`;
  if (points.length === 0) return `${head}\n<p class="note">No run has a value for this metric: nothing to plot.</p></section>`;
  const s = metricStats(points.map((p) => p.v));
  const sorted = points.map((p) => p.v).sort((a, b) => a - b);
  const notes = [
    sorted[0] === sorted[sorted.length - 1] ? `All ${sorted.length} values equal ${fmt(sorted[0])}.` : '',
    points.length === 1 ? 'One value only: no interval.' : '',
    summary.missing > 0 ? `${summary.missing} run(s) without a value are left out.` : '',
  ].filter((t) => t !== '').map((t) => `<p class="note">${t}</p>`);
  return [head, ...notes, '<div class="plots">', histogram(id, sorted, s), cdf(id, sorted), convergence(id, points), '</div></section>'].join('\n');
}

function header(s: BatchSummary): string {
  const facts = [
    `seed <b>${s.seed}</b>`,
    `runs: <b>${s.runsCompleted}</b> completed of <b>${s.runsRequested}</b> requested, <b>${s.runsFailed}</b> failed${s.complete ? '' : ' (<span class="note">incomplete</span>)'}`,
    `content hash <code>${esc(s.contentHash)}</code>`,
    s.untilMs === null ? 'whole scenario' : `until ${s.untilMs} ms after the epoch`,
    s.withoutAgreements.length > 0 ? `without agreements: ${s.withoutAgreements.map((a) => `<code>${esc(a)}</code>`).join(', ')}` : '',
  ].filter((t) => t !== '');
  return `<h1>Vigil batch: ${esc(s.scenario)}</h1>\n<p>${facts.join(' · ')}</p>`;
}

const HOW_TO_READ = `<p>Histograms use Freedman–Diaconis bins (Sturges' rule when the interquartile range is zero; whole-number
bins for whole-number metrics); the red line is the mean and the red band its 95% confidence interval (Student's t).
The convergence plot shows the mean of the first k runs with a value, and its 95% interval, against the run index.
Percentiles are type 7 (R's default).</p>`;

export function reportHtml(summary: BatchSummary, rows: readonly RunRow[], metricIds: readonly string[]): string {
  const banner = `<div class="banner" style="background:${bannerColour(summary.marking)}">${esc(summary.marking)}</div>`;
  return `${[
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(`${summary.marking} · Vigil batch: ${summary.scenario}`)}</title>`, `<style>${CSS}</style></head><body>`,
    banner, '<main>', header(summary),
    statsTable('Metrics', summary.metrics, metricIds),
    statsTable('Drawn parameters', summary.parameters, Object.keys(summary.parameters)),
    failedTable(rows), '<h2>Per metric</h2>', HOW_TO_READ,
    ...metricIds.map((id) => metricSection(id, rows, summary.metrics[id] ?? metricStats([]))),
    '</main>', banner, '</body></html>',
  ].filter((t) => t !== '').join('\n')}\n`;
}

export function writeReport(path: string, summary: BatchSummary, rows: readonly RunRow[], metricIds: readonly string[]): void {
  writeFileSync(path, reportHtml(summary, rows, metricIds));
}
