// The README's screenshots: `npm run screenshots` (after `npm run build`) plays the demo exercise
// (scenarios/global-sentinel.yaml) to just after its DA-ASAT intercept, publishing the MSEL on the way, and
// photographs each role's view in Chromium (software WebGL) into docs/screenshots/.
// Needs Debian's Chromium (apt-get install -y chromium) or CHROMIUM=path.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromium } from 'playwright-core';
import { serveCommand } from '../dist/cli/commands/serve.js';

const OUT = 'docs/screenshots';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
mkdirSync(OUT, { recursive: true });

let stop;
const until = new Promise((ok) => (stop = ok));
await serveCommand({
  scenario: 'scenarios/global-sentinel.yaml', port: 0, runs: mkdtempSync(join(tmpdir(), 'vigil-shots-')), until,
  onListening: async (info) => {
    try {
      await shoot(info);
    } finally {
      stop();
    }
  },
});

async function shoot(info) {
  // The white cell's script over the wire: publish the MSEL as it falls due, run to after the strike.
  const ws = new WebSocket(`${info.url.replace(/^http/, 'ws')}ws`, ['vigil.1']);
  await new Promise((ok) => ws.once('open', ok));
  let id = 0;
  const pending = new Map();
  let welcomed;
  const welcome = new Promise((ok) => (welcomed = ok));
  ws.on('message', (d, binary) => {
    if (binary) return;
    const m = JSON.parse(d.toString());
    if (m.type === 'welcome') welcomed();
    if ((m.type === 'ack' || m.type === 'error') && pending.has(m.id)) pending.get(m.id)(m);
  });
  const request = (m) => new Promise((ok) => { const i = ++id; pending.set(i, ok); ws.send(JSON.stringify({ ...m, id: i })); });
  ws.send(JSON.stringify({ type: 'hello', token: info.tokens.white }));
  await welcome;
  const game = info.server.game;
  const hours = (h) => Math.round((h * 3600_000) / game.model.stepMs);
  const waitTick = async (t) => { while (game.tick < t) await new Promise((ok) => setTimeout(ok, 200)); };
  for (const inject of game.model.injects.filter((i) => i.tick <= hours(9.5))) {
    await request({ type: 'clock', action: 'run-to', tick: inject.tick });
    await waitTick(inject.tick);
    await request({ type: 'publish', inject: inject.id });
    process.stdout.write(`published ${inject.id} at tick ${game.tick}\n`);
  }
  const end = hours(9.55);
  await request({ type: 'clock', action: 'run-to', tick: end });
  await waitTick(end);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  try {
    for (const [cell, tab] of [['white', 'msel'], ['cspoc-floor', 'feed'], ['europe-roc', 'metrics'], ['indopac-roc', 'orders'], ['red-cell', 'orders']]) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(`${info.url}#cell=${cell}&token=${info.tokens[cell]}`);
      await page.waitForFunction(() => window.vigilViewer?.ready(), null, { timeout: 120_000 });
      await page.waitForTimeout(1500);
      await page.click(`#tabs button[data-tab=${tab}]`).catch(() => undefined);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(OUT, `${cell}.png`) });
      process.stdout.write(`${OUT}/${cell}.png\n`);
      await page.close();
    }
  } finally {
    await browser.close();
    ws.close();
  }
}
