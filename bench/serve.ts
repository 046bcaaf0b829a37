/**
 * Live server load (issue: the live exercise server): the real-catalog scenario (catalog-2026-03.yaml,
 * 14,713 objects) served to one white cell and ten nation cells (its ten blue nations) at 5 frames a
 * second, the clock at 50x so that every frame carries a new tick. Measured in the server process over a
 * window after a warm-up: server CPU per frame (building the view's frame from the engine's glyphs and its
 * overlays, encoding them, handing them to the socket; one mean over every frame of every cell), bytes per frame per cell, frames each cell got, and
 * side by side the sim's own step time per tick, so the ratio says what serving costs against simulating.
 * Clients are plain ws sockets in the same process that count what they receive (their cost is in the
 * process CPU figure, not in the per-frame server figure).
 *
 * main.ts runs it in a fresh process (serve-child.ts).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { loadScenarioFile } from '../scenarios/load.js';
import { preparedOrbitsFor } from '../cli/orbit-cache.js';
import { Game } from '../viewer/server/game.js';
import { GameServer, tokenDigest } from '../viewer/server/net.js';
import { SUBPROTOCOL } from '../viewer/protocol.js';
import { CATALOG_SCENARIO, SERVE_CHILD } from './paths.js';
import { readFileSync } from 'node:fs';
import { fixed, table } from './stats.js';

export const SERVE_FRAME_HZ = 5;
export const SERVE_SPEED = 50;

export interface ServeCellResult {
  cell: string;
  frames: number;
  bytesPerFrame: number;
  glyphsPerFrame: number;
  serverMsPerFrame: number;
}

export interface ServeResult {
  scenario: string;
  objects: number;
  windowS: number;
  cells: ServeCellResult[];
  ticks: number;
  stepMsPerTick: number;
  /** Server ms per frame over all cells (build + encode + send), mean. */
  serverMsPerFrame: number;
  /** All cells' frame work per tick against one sim step. */
  framesVsStep: number;
  processCpuShare: number;
  framesPerSecondPerCell: number;
}

export async function benchServe(windowS: number, warmupS: number): Promise<ServeResult> {
  const loaded = loadScenarioFile(CATALOG_SCENARIO);
  if (!loaded.ok) throw new Error('catalog scenario did not load');
  const model = { ...loaded.value.model, live: { ...loaded.value.model.live, frameHz: SERVE_FRAME_HZ } };
  const prepared = (await preparedOrbitsFor({ ...model, injects: [] })).prepared;
  const game = await Game.create({ model, scenarioPath: CATALOG_SCENARIO, scenarioText: readFileSync(CATALOG_SCENARIO, 'utf8'), prepared });
  const blue = model.live.cells.filter((c) => c.nations.every((n) => model.nations.find((x) => x.id === n)?.side === 'blue')).slice(0, 10);
  const cellIds = ['white', ...blue.map((c) => c.id)];
  const tokens = new Map(cellIds.map((id) => [tokenDigest(`bench-${id}`), id]));
  const server = new GameServer({ host: '127.0.0.1', port: 0, origins: [], game, log: null, tokens, logLine: () => undefined, staticDir: null, speed: SERVE_SPEED, frameHz: SERVE_FRAME_HZ });
  const { port } = await listenPort(server);
  const received = new Map<string, { frames: number; bytes: number; glyphs: number }>();
  const sockets: WebSocket[] = [];
  for (const id of cellIds) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, [SUBPROTOCOL, `vigil-token.bench-${id}`]);
    const r = { frames: 0, bytes: 0, glyphs: 0 };
    received.set(id, r);
    ws.on('message', (data, binary) => {
      if (!binary) return;
      const b = data as Buffer;
      r.frames++;
      r.bytes += b.length;
      r.glyphs += b.readUInt32LE(12);
    });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    sockets.push(ws);
  }
  server.clock.setSpeed(SERVE_SPEED, performance.now(), game.tick);
  server.clock.resume(performance.now(), game.tick);
  await sleep(warmupS * 1000);
  const before = snapshot(server, received);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(windowS * 1000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = snapshot(server, received);
  for (const ws of sockets) ws.close();
  await server.stop();

  const ticks = after.steps - before.steps;
  const cells = cellIds.map((id) => {
    const frames = (after.framesByCell.get(id) ?? 0) - (before.framesByCell.get(id) ?? 0);
    const bytes = (after.bytesByCell.get(id) ?? 0) - (before.bytesByCell.get(id) ?? 0);
    const r = after.received.get(id)!, r0 = before.received.get(id)!;
    const got = r.frames - r0.frames;
    return { cell: id, frames: got, bytesPerFrame: frames > 0 ? bytes / frames : 0, glyphsPerFrame: got > 0 ? (r.glyphs - r0.glyphs) / got : 0, serverMsPerFrame: NaN };
  });
  const framesSent = after.framesSent - before.framesSent;
  const frameMs = after.frameCpuMs - before.frameCpuMs;
  const stepMs = (after.stepMs - before.stepMs) / Math.max(1, ticks);
  return {
    scenario: model.name,
    objects: model.objects.length,
    windowS: wallMs / 1000,
    cells: cells.map((c) => ({ ...c, serverMsPerFrame: frameMs / Math.max(1, framesSent) })),
    ticks,
    stepMsPerTick: stepMs,
    serverMsPerFrame: frameMs / Math.max(1, framesSent),
    framesVsStep: ticks > 0 ? frameMs / ticks / stepMs : NaN,
    processCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
    framesPerSecondPerCell: framesSent / cellIds.length / (wallMs / 1000),
  };
}

function snapshot(server: GameServer, received: Map<string, { frames: number; bytes: number; glyphs: number }>) {
  const s = server.stats;
  return {
    steps: s.steps, stepMs: s.stepMs, framesSent: s.framesSent, frameCpuMs: s.frameCpuMs,
    bytesByCell: new Map(s.bytesByCell), framesByCell: new Map(s.framesByCell),
    received: new Map([...received].map(([k, v]) => [k, { ...v }])),
  };
}

async function listenPort(server: GameServer): Promise<{ port: number }> {
  const { port } = await server.listen();
  return { port: port === 0 ? (server as unknown as { port: number }).port : port };
}

function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

export function measureServeInChild(windowS: number, warmupS: number): ServeResult {
  const r = spawnSync(process.execPath, [SERVE_CHILD, String(windowS), String(warmupS)], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`serve bench child failed (${r.status}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as ServeResult;
}

export function formatServe(r: ServeResult): string[] {
  const lines = [`9. LIVE SERVER: ${r.scenario} (${r.objects.toLocaleString('en-US')} objects), one white and ${r.cells.length - 1} nation cells at ${SERVE_FRAME_HZ} Hz, clock ${SERVE_SPEED}x; ${fixed(r.windowS, 1)} s window after warm-up`];
  lines.push(table(['cell', 'frames', 'frames/s', 'glyphs/frame', 'kB/frame'], r.cells.map((c) => [c.cell, String(c.frames), fixed(c.frames / r.windowS, 2), fixed(c.glyphsPerFrame, 0), fixed(c.bytesPerFrame / 1000, 1)])));
  lines.push(`  server CPU per frame (build from glyphs and overlays, encode, send; mean over every cell's frames): ${fixed(r.serverMsPerFrame, 2)} ms; sim step ${fixed(r.stepMsPerTick, 1)} ms per tick (${r.ticks} ticks in the window)`);
  lines.push(`  all ${r.cells.length} cells' frames per tick cost ${fixed(r.framesVsStep, 2)}x one sim step; the process (server and the ${r.cells.length} test clients) used ${fixed(100 * r.processCpuShare, 0)}% of one core`);
  return lines;
}
