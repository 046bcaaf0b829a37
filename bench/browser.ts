/**
 * Frame time of the viewer in a browser (issue: the Pixi viewer): Debian's Chromium with software WebGL
 * (SwiftShader: this machine has no GPU) showing the real-catalog scenario (catalog-2026-03.yaml, 14,713
 * objects) while the clock runs at 60x and the server sends 5 frames a second. For the white cell (truth:
 * every object) and a nation cell (its own picture), over a window after a warm-up: the work of each
 * rendered frame (placing every glyph by interpolation, overlays, Pixi's draw) and the interval between
 * rendered frames (what the eye sees), median and p95. Frames are rendered on demand: while the clock
 * runs, every animation frame (the interpolation moves every glyph).
 *
 * Needs Chromium (`apt-get install -y chromium`, or CHROMIUM=path); without it the section says so.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { loadScenarioFile } from '../scenarios/load.js';
import { preparedOrbitsFor } from '../cli/orbit-cache.js';
import { Game } from '../viewer/server/game.js';
import { GameServer, tokenDigest } from '../viewer/server/net.js';
import { CATALOG_SCENARIO, REPO_ROOT } from './paths.js';
import { fixed, table } from './stats.js';
import { join } from 'node:path';

// What the callbacks passed to page.evaluate see in the page (the bench is compiled without the DOM types).
declare const window: unknown;

export const BROWSER_SPEED = 60;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserViewResult {
  cell: string;
  glyphs: number;
  frames: number;
  workMs: { median: number; p95: number };
  intervalMs: { median: number; p95: number };
}

export interface BrowserResult {
  available: boolean;
  reason: string | null;
  objects: number;
  windowS: number;
  viewport: string;
  views: BrowserViewResult[];
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

export async function benchBrowser(windowS: number, warmupS: number): Promise<BrowserResult> {
  const staticDir = join(REPO_ROOT, 'dist', 'viewer', 'client');
  const out: BrowserResult = { available: false, reason: null, objects: 0, windowS, viewport: '1400x800', views: [] };
  if (!existsSync(CHROMIUM)) return { ...out, reason: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` };
  if (!existsSync(join(staticDir, 'index.html'))) return { ...out, reason: 'the viewer is not built (npm run build)' };
  const loaded = loadScenarioFile(CATALOG_SCENARIO);
  if (!loaded.ok) throw new Error('catalog scenario did not load');
  const model = loaded.value.model;
  out.objects = model.objects.length;
  const prepared = (await preparedOrbitsFor({ ...model, injects: [] })).prepared;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const cell of ['white', 'USA']) {
      const game = await Game.create({ model, scenarioPath: CATALOG_SCENARIO, scenarioText: readFileSync(CATALOG_SCENARIO, 'utf8'), prepared });
      const server = new GameServer({ host: '127.0.0.1', port: 0, origins: [], game, log: null, tokens: new Map([[tokenDigest(`bench-${cell}`), cell]]), logLine: () => undefined, staticDir, speed: BROWSER_SPEED, frameHz: 5 });
      const { port } = await server.listen();
      const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
      await page.goto(`http://127.0.0.1:${(server as unknown as { port: number }).port ?? port}/#cell=${cell}&token=bench-${cell}`);
      await page.waitForFunction(() => (window as unknown as { vigilViewer?: { ready(): boolean } }).vigilViewer?.ready(), null, { timeout: 120_000 });
      server.clock.setSpeed(BROWSER_SPEED, performance.now(), game.tick);
      server.clock.resume(performance.now(), game.tick);
      await page.waitForTimeout(warmupS * 1000);
      const before = await page.evaluate(() => (window as unknown as { vigilViewer: { frameTimes(): number[] } }).vigilViewer.frameTimes().length);
      await page.waitForTimeout(windowS * 1000);
      const r = await page.evaluate(() => {
        const v = (window as unknown as { vigilViewer: { frameTimes(): number[]; frameIntervals(): number[]; store: { next: { header: { count: number } } | null } } }).vigilViewer;
        return { work: v.frameTimes(), intervals: v.frameIntervals(), glyphs: v.store.next?.header.count ?? 0 };
      });
      const k = Math.max(0, r.work.length - (r.work.length - before));
      const work = r.work.slice(k), intervals = r.intervals.slice(k).filter((x) => x < 10_000);
      out.views.push({ cell, glyphs: r.glyphs, frames: work.length, workMs: { median: quantile(work, 0.5), p95: quantile(work, 0.95) }, intervalMs: { median: quantile(intervals, 0.5), p95: quantile(intervals, 0.95) } });
      await page.close();
      await server.stop();
    }
  } finally {
    await browser.close();
  }
  return { ...out, available: true };
}

export function formatBrowser(r: BrowserResult): string[] {
  const lines = [`10. VIEWER FRAME TIME: Chromium, software WebGL (SwiftShader, no GPU), ${r.viewport}, catalog scenario (${r.objects.toLocaleString('en-US')} objects), clock ${BROWSER_SPEED}x, 5 server frames/s, ${r.windowS} s window`];
  if (!r.available) return [...lines, `  not measured: ${r.reason}`];
  lines.push(table(['cell', 'glyphs', 'frames rendered', 'work/frame median ms', 'p95 ms', 'interval median ms', 'p95 ms'],
    r.views.map((v) => [v.cell, String(v.glyphs), String(v.frames), fixed(v.workMs.median, 2), fixed(v.workMs.p95, 2), fixed(v.intervalMs.median, 1), fixed(v.intervalMs.p95, 1)])));
  lines.push('  work = placing every glyph (interpolated), the base map when the view moves, Pixi\'s draw calls, in the page; interval = between rendered frames (60 Hz is 16.7 ms)');
  return lines;
}
