/**
 * The viewer in a real browser (Debian Chromium, software WebGL), against `vigil serve` on the small test
 * game (test/fixtures/live/small-game.yaml): the white cell and two nation cells log in through the URL
 * fragment; pixels read back from the rendered stage show a known satellite drawn where the server's own
 * frame (received here by a separate client) puts it, and a NOFORN US satellite drawn in the US view and
 * absent from the Five Eyes floor's (the United Kingdom's) view; pausing stops the clock; publishing an
 * inject from the MSEL panel shows it in the feeds of the cells it is for and not in the others'.
 * Screenshots of each role's view are kept in test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Client, startGame, type Running } from '../viewer/harness.js';
import { launchChromium } from './chromium.js';

const SCENARIO = 'test/fixtures/live/small-game.yaml';
const SHOTS = join('test-artifacts', 'screenshots');
const MAP_W = 3600, MAP_H = 1800;

let game: Running;
let browser: Browser;
const pages: Record<string, Page> = {};
let wire: Client;

interface ViewerHooks {
  ready(): boolean;
  view(): { zoom: number; panX: number; panY: number; width: number; height: number };
  glyphAt(d: string): { x: number; y: number; lat: number; lon: number; tick: number } | null;
  pixel(x: number, y: number): number[];
}
// What the callbacks passed to page.evaluate see in the page (this file is compiled without the DOM types).
declare const window: { vigilViewer: ViewerHooks };
declare const document: { getElementById(id: string): { textContent: string | null } | null };

async function open(cell: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${game.info.url}#cell=${encodeURIComponent(cell)}&token=${game.info.tokens[cell]}`);
  await page.waitForFunction(() => window.vigilViewer?.ready(), null, { timeout: 60_000 });
  expect(errors).toEqual([]);
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  return page;
}

/** Where the map's fit view puts a latitude and longitude, computed here from the canvas size alone. */
function expectedScreen(v: { width: number; height: number }, lat: number, lon: number): [number, number] {
  const zoom = Math.min(v.width / MAP_W, v.height / MAP_H);
  const panX = (v.width - MAP_W * zoom) / 2, panY = (v.height - MAP_H * zoom) / 2;
  return [panX + ((lon + 180) / 360) * MAP_W * zoom, panY + ((90 - lat) / 180) * MAP_H * zoom];
}

const near = (a: number[], rgb: number, tol = 40): boolean => Math.abs(a[0] - ((rgb >> 16) & 255)) <= tol && Math.abs(a[1] - ((rgb >> 8) & 255)) <= tol && Math.abs(a[2] - (rgb & 255)) <= tol;
const CUSTODY = 0x3ddc84, USA_BLUE = 0x58a6ff;

async function feedText(page: Page): Promise<string> {
  return (await page.locator('#feed').textContent()) ?? '';
}

async function clockTick(page: Page): Promise<number> {
  const text = (await page.locator('#clock-state').textContent()) ?? '';
  return Number(/tick (\d+)\//.exec(text)?.[1] ?? NaN);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  game = await startGame(SCENARIO);
  browser = await launchChromium();
  wire = await Client.open(game, game.info.tokens.white);
  for (const cell of ['white', 'USA', 'fvey-floor', 'JPN']) pages[cell] = await open(cell);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await wire?.close();
  await game?.stop();
});

describe('the viewer in Chromium', () => {
  it('pause stops the clock; the white cell runs it from its controls', async () => {
    const white = pages.white;
    await white.click('#btn-resume');
    await white.waitForFunction(() => /tick ([1-9]\d*)\//.test(document.getElementById('clock-state')!.textContent ?? ''), null, { timeout: 30_000 });
    await white.click('#btn-pause');
    await white.waitForFunction(() => (document.getElementById('clock-state')!.textContent ?? '').startsWith('paused'), null, { timeout: 10_000 });
    const tick = await clockTick(white);
    const time = await white.locator('#clock-time').textContent();
    await white.waitForTimeout(2000);
    expect(await clockTick(white)).toBe(tick);
    expect(await white.locator('#clock-time').textContent()).toBe(time);
    expect(game.info.server.game.tick).toBe(tick);
    // A nation cell has no clock controls.
    expect(await pages.USA.locator('#clock-controls').isHidden()).toBe(true);
  }, 60_000);

  it('a known satellite is drawn where its frame puts it', async () => {
    const white = pages.white;
    const tick = game.info.server.game.tick;
    // The server's frame of this tick, as a separate client received it.
    const frame = await wire.waitForFrame((f) => f.header.tick === tick);
    const slot = frame.glyphs.find((g) => wire.nameOf(g.slot) === 'usa-leo-1')!;
    expect(slot).toBeDefined();
    await white.waitForFunction((t) => window.vigilViewer.glyphAt('usa-leo-1')?.tick === t, tick, { timeout: 10_000 });
    const v = await white.evaluate(() => window.vigilViewer.view());
    const [x, y] = expectedScreen(v, slot.latDeg, slot.lonDeg);
    const drawn = await white.evaluate(() => window.vigilViewer.glyphAt('usa-leo-1'));
    expect(Math.abs(drawn!.x - x)).toBeLessThan(1);
    expect(Math.abs(drawn!.y - y)).toBeLessThan(1);
    // The pixel there is the USA's glyph colour; 15 px away it is not.
    expect(near(await white.evaluate(([px, py]) => window.vigilViewer.pixel(px, py), [x, y]), USA_BLUE)).toBe(true);
    expect(near(await white.evaluate(([px, py]) => window.vigilViewer.pixel(px, py), [x + 15, y]), USA_BLUE)).toBe(false);
  }, 60_000);

  it("a NOFORN satellite of the USA is drawn in the US view and not in the Five Eyes floor's", async () => {
    const truth = await pages.white.evaluate(() => window.vigilViewer.glyphAt('usa-keyhole-geo'));
    expect(truth).not.toBeNull();
    const v = await pages.USA.evaluate(() => window.vigilViewer.view());
    const [x, y] = expectedScreen(v, truth!.lat, truth!.lon);
    await pages.USA.waitForFunction(() => window.vigilViewer.glyphAt('usa-keyhole-geo') !== null, null, { timeout: 10_000 });
    expect(near(await pages.USA.evaluate(([px, py]) => window.vigilViewer.pixel(px, py), [x, y]), CUSTODY)).toBe(true);
    const gbr = pages['fvey-floor'];
    expect(await gbr.evaluate(() => window.vigilViewer.glyphAt('usa-keyhole-geo'))).toBeNull();
    // Nothing of any glyph colour within 4 px of where it is.
    for (const [dx, dy] of [[0, 0], [2, 0], [-2, 0], [0, 2], [0, -2], [4, 4], [-4, -4]]) {
      const p = await gbr.evaluate(([px, py]) => window.vigilViewer.pixel(px, py), [x + dx, y + dy]);
      for (const c of [0x3ddc84, 0xffb300, 0xe53935, 0xd500f9]) expect(near(p, c, 30)).toBe(false);
    }
    expect(await gbr.content()).not.toContain('QUIETSTAR');
  }, 60_000);

  it("publishing an inject shows it in its audience's feeds, not in others'", async () => {
    const white = pages.white;
    await white.click('#tabs button[data-tab=msel]');
    await white.locator('.card[data-inject="fyl-down"] button[data-act=publish]').click();
    await white.locator('.card[data-inject="fyl-down"] .status-published').waitFor({ timeout: 10_000 });
    await white.click('#btn-step');
    for (const cell of ['USA', 'fvey-floor']) {
      await pages[cell].waitForFunction(() => (document.getElementById('feed')!.textContent ?? '').includes('Fylingdales outage'), null, { timeout: 20_000 });
    }
    // JPN is not in its audience (to: [GBR, USA]); it saw the step (its clock moved) but not the inject.
    const tick = game.info.server.game.tick;
    await pages.JPN.waitForFunction((t) => (document.getElementById('clock-state')!.textContent ?? '').includes(`tick ${t}/`), tick, { timeout: 20_000 });
    expect(await feedText(pages.JPN)).not.toContain('Fylingdales outage');
    expect(await feedText(pages.white)).toContain('Fylingdales outage');
  }, 60_000);

  it('a nation cell gives an order from its panel; a refused one says why', async () => {
    const usa = pages.USA;
    await usa.click('#tabs button[data-tab=orders]');
    const form = usa.locator('form[data-kind=manoeuvre]');
    await form.locator('input[name=object]').fill('rus-leo-1');
    await form.locator('button').click();
    await expect.poll(async () => form.locator('.result').textContent(), { timeout: 10_000 }).toMatch(/Cannot be given now: .*not a satellite of USA|knows no object/);
    await form.locator('input[name=object]').fill('usa-leo-1');
    await form.locator('button').click();
    await expect.poll(async () => form.locator('.result').textContent(), { timeout: 10_000 }).toMatch(/Given as O-\d+: pending/);
    // The engagement form says it is not authorised in this exercise.
    expect(await usa.locator('#orders').textContent()).toContain('Not authorised in this exercise');
    await pages.white.click('#tabs button[data-tab=adjudication]');
    await pages.white.locator('#adjudication .card .status-pending').first().waitFor({ timeout: 10_000 });
    expect(await pages.white.locator('#adjudication').textContent()).toContain('manoeuvre usa-leo-1');
  }, 60_000);

  it('screenshots of each role', async () => {
    for (const [cell, page] of Object.entries(pages)) {
      await page.screenshot({ path: join(SHOTS, `${cell}.png`) });
    }
  }, 60_000);
});
