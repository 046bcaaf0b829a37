/**
 * Small SVG plots for the batch report (report.ts), drawn as text at build time so the page needs no
 * script and no network: linear axes with "nice" ticks (steps of 1, 2 or 5 × 10^k, Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990), a framed plot area, and number formatting that is
 * fixed (no locale) so the same data always gives the same bytes.
 */

/** Text for HTML or an attribute: the five characters that can end text or a quoted attribute. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value for a table: five significant digits, exponent form outside 1e-3..1e6, a dash for none. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(5)));
}

/** An SVG coordinate: a tenth of a pixel is finer than any screen shows and keeps the file small. */
export function c(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

export interface Axis {
  lo: number;
  hi: number;
  step: number;
  ticks: number[];
}

/** Ticks covering [lo, hi] at a nice step near (hi - lo) / count, at least `stepMin`; a single value gets a margin. */
export function niceAxis(lo: number, hi: number, count = 5, stepMin = 0): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = Math.max(stepMin, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag);
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  // At most count + 2 ticks: the nice step is never narrower than raw.
  for (let i = first; i <= last; i++) ticks.push(i * step);
  return { lo: first * step, hi: last * step, step, ticks };
}

/**
 * A tick label: as many decimals as the step needs (0.2, 0.4 ..., never 0.30000000000000004); outside
 * 1e-3..1e6, every label of the axis in the power of ten of its largest tick (0.5e-3, 1.0e-3 ...).
 */
export function tickLabel(v: number, step: number, largest: number): string {
  const e = largest >= 1e6 || step < 1e-3 ? Math.floor(Math.log10(largest)) : 0;
  const s = (v / 10 ** e).toFixed(Math.max(0, -Math.floor(Math.log10(step / 10 ** e) + 1e-9)));
  const t = /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  return e === 0 || Number(t) === 0 ? t : `${t}e${e}`;
}

const largestTick = (a: Axis): number => Math.max(Math.abs(a.lo), Math.abs(a.hi));

/** Plot size and margins, px. */
export const W = 460;
export const H = 250;
const LEFT = 62;
const RIGHT = 24;
const TOP = 26;
const BOTTOM = 42;

export interface Frame {
  x: Axis;
  y: Axis;
  sx: (v: number) => number;
  sy: (v: number) => number;
}

export function frame(x: Axis, y: Axis): Frame {
  return {
    x, y,
    sx: (v) => LEFT + ((v - x.lo) / (x.hi - x.lo)) * (W - LEFT - RIGHT),
    sy: (v) => H - BOTTOM - ((v - y.lo) / (y.hi - y.lo)) * (H - TOP - BOTTOM),
  };
}

/** A whole plot: title, grid, axes with tick labels and axis names, then `body` (already in SVG units). */
export function plotSvg(f: Frame, kind: string, title: string, xName: string, yName: string, body: string): string {
  const [x0, x1, y0, y1] = [f.sx(f.x.lo), f.sx(f.x.hi), f.sy(f.y.lo), f.sy(f.y.hi)];
  const xt = f.x.ticks.map((t) => `<line class="grid" x1="${c(f.sx(t))}" x2="${c(f.sx(t))}" y1="${c(y0)}" y2="${c(y1)}"/><text x="${c(f.sx(t))}" y="${c(y0 + 14)}" text-anchor="middle">${tickLabel(t, f.x.step, largestTick(f.x))}</text>`);
  const yt = f.y.ticks.map((t) => `<line class="grid" x1="${c(x0)}" x2="${c(x1)}" y1="${c(f.sy(t))}" y2="${c(f.sy(t))}"/><text x="${c(x0 - 5)}" y="${c(f.sy(t) + 4)}" text-anchor="end">${tickLabel(t, f.y.step, largestTick(f.y))}</text>`);
  return [
    `<svg class="plot" data-kind="${kind}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`,
    `<text class="title" x="${W / 2}" y="16" text-anchor="middle">${esc(title)}</text>`,
    ...xt, ...yt, body,
    `<path class="axis" d="M${c(x0)} ${c(y1)}V${c(y0)}H${c(x1)}"/>`,
    `<text x="${c((x0 + x1) / 2)}" y="${H - 6}" text-anchor="middle">${esc(xName)}</text>`,
    `<text transform="translate(14 ${c((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${esc(yName)}</text>`,
    '</svg>',
  ].join('\n');
}
