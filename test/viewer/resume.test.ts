/**
 * Durability: a scripted game (injects, orders, adjudication, pauses, steps, speed changes) played twice.
 * Once uninterrupted; once in a `vigil serve` process killed with SIGKILL half-way, then resumed with
 * `vigil serve --resume` and played to the end. Both reach the same final state hash; the resumed game
 * came back at the tick it had reached, with no acknowledged command lost; `vigil replay` of the
 * interrupted game's folder checks every hash and agrees.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, runTo, startGame } from './harness.js';

const SCENARIO = 'test/fixtures/live/small-game.yaml';
const VIGIL = 'bin/vigil.js';

type Cells = { white: Client; USA: Client; GBR: Client };

function ok(r: Record<string, unknown>): void {
  if (r.type !== 'ack') throw new Error(`refused: ${JSON.stringify(r)}`);
}

/** The first half: ends with the clock stopped at tick 100. */
async function partOne({ white, USA, GBR }: Cells): Promise<void> {
  await runTo(white, 20);
  ok(await white.request({ type: 'publish', inject: 'brief' }));
  ok(await USA.request({ type: 'order', order: { kind: 'task-sensor', nation: 'USA', sensor: 'millstone-radar', priority: ['usa-leo-1'] } }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0001', approve: true }));
  ok(await white.request({ type: 'clock', action: 'step' }));
  ok(await white.request({ type: 'clock', action: 'speed', speed: 1200 }));
  await runTo(white, 60);
  ok(await white.request({ type: 'publish', inject: 'fyl-down' }));
  ok(await white.request({ type: 'hold', inject: 'rus-news' }));
  ok(await GBR.request({ type: 'order', order: { kind: 'task-sensor', nation: 'GBR', sensor: 'fylingdales-radar', priority: ['rus-leo-1'] } }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0002', approve: false, reason: 'radar is down' }));
  ok(await white.request({ type: 'clock', action: 'pause' }));
  await runTo(white, 100);
}

/** The second half, from tick 100 to 200. */
async function partTwo({ white, USA }: Cells): Promise<void> {
  ok(await white.request({ type: 'publish', inject: 'jpn-signs' }));
  ok(await USA.request({ type: 'order', order: { kind: 'manoeuvre', nation: 'USA', object: 'usa-leo-1', deltaV: { alongTrackMps: 2, radialMps: -0.5 } } }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0003', approve: true }));
  await runTo(white, 150);
  ok(await white.request({ type: 'inject', inject: { id: 'adhoc-1', kind: 'sensor-outage', sensor: 'millstone-radar', duration: '10m', title: 'Millstone power cut', to: ['USA'] } }));
  ok(await white.request({ type: 'publish', inject: 'rus-news' }));
  await runTo(white, 200);
}

async function openCells(wsUrl: string, tokens: Record<string, string>): Promise<Cells> {
  return { white: await Client.open({ wsUrl }, tokens.white), USA: await Client.open({ wsUrl }, tokens.USA), GBR: await Client.open({ wsUrl }, tokens['fvey-floor']) };
}

async function closeCells(cells: Cells): Promise<void> {
  for (const c of Object.values(cells)) await c.close();
}

function endHash(runDir: string): { tick: number; hash: string } {
  const lines = readFileSync(join(runDir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; tick: number; hash: string });
  const end = lines.findLast((l) => l.type === 'end');
  if (!end) throw new Error(`no end record in ${runDir}`);
  return { tick: end.tick, hash: end.hash };
}

/** `vigil serve` in a child process; resolves once it printed its cell URLs. */
async function serveProcess(args: string[]): Promise<{ child: ChildProcess; wsUrl: string; tokens: Record<string, string>; runDir: string }> {
  const child = spawn(process.execPath, [VIGIL, 'serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const tokens: Record<string, string> = {};
      let port = '';
      for (const m of out.matchAll(/^\s+\S+\s+(\S+)\s+http:\/\/127\.0\.0\.1:(\d+)\/#cell=[^&]+&token=([0-9a-f]+)$/gm)) {
        tokens[decodeURIComponent(m[1])] = m[3];
        port = m[2];
      }
      const runDir = /\(run folder (.+)\)/.exec(out)?.[1];
      if (tokens.white && tokens.USA && tokens['fvey-floor'] && runDir && out.trim().endsWith('EXERCISE TEST')) ok({ child, wsUrl: `ws://127.0.0.1:${port}/ws`, tokens, runDir });
    });
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('kill -9 and resume', () => {
  it('a game killed half-way and resumed reaches the same final hash as one never interrupted; replay agrees', async () => {
    // Uninterrupted, in this process.
    const straight = await startGame(SCENARIO);
    const a = await openCells(straight.wsUrl, straight.info.tokens);
    await partOne(a);
    await partTwo(a);
    await closeCells(a);
    expect(await straight.stop()).toBe(0);
    const expected = endHash(straight.info.runDir);
    expect(expected.tick).toBe(200);

    // Interrupted: killed with SIGKILL after the first half.
    const runs = mkdtempSync(join(tmpdir(), 'vigil-resume-'));
    const first = await serveProcess([SCENARIO, '--runs', runs]);
    const b = await openCells(first.wsUrl, first.tokens);
    await partOne(b);
    const killed = new Promise((ok) => first.child.once('exit', ok));
    first.child.kill('SIGKILL');
    await killed;
    await closeCells(b).catch(() => undefined);
    expect(readdirSync(runs)).toHaveLength(1);

    const second = await serveProcess(['--resume', first.runDir]);
    expect(second.tokens).toEqual(first.tokens);
    const c = await openCells(second.wsUrl, second.tokens);
    const welcome = c.white.got.json.find((m) => m.type === 'welcome') as { clock: { tick: number; paused: boolean } };
    expect(welcome.clock).toMatchObject({ tick: 100, paused: true });
    // Nothing acknowledged was lost: the MSEL and orders as the white cell left them.
    const msel = (await c.white.waitFor((m) => m.type === 'msel')).injects as { id: string; status: string }[];
    expect(Object.fromEntries(msel.map((e) => [e.id, e.status]))).toEqual({ brief: 'published', 'fyl-down': 'published', 'jpn-signs': 'pending', 'rus-news': 'held' });
    const orders = (await c.white.waitFor((m) => m.type === 'orders')).orders as { id: string; status: string }[];
    expect(orders.map((o) => [o.id, o.status])).toEqual([['O-0001', 'approved'], ['O-0002', 'denied']]);
    await partTwo(c);
    await closeCells(c);
    const exited = new Promise<number | null>((ok) => second.child.once('exit', (code) => ok(code)));
    second.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(endHash(first.runDir)).toEqual(expected);

    const replay = spawnSync(process.execPath, [VIGIL, 'replay', first.runDir, '--json'], { encoding: 'utf8' });
    expect(replay.status, replay.stderr).toBe(0);
    const r = JSON.parse(replay.stdout) as { ok: boolean; tick: number; hash: string; commands: number; ended: boolean };
    expect(r).toMatchObject({ ok: true, tick: 200, hash: expected.hash, ended: true });
    expect(r.commands).toBe(20); // 13 in the first half (run-to is a command), 7 in the second
  }, 300_000);

  it('replay of a tampered log says where it diverges (exit 1)', async () => {
    const game = await startGame(SCENARIO);
    const cells = await openCells(game.wsUrl, game.info.tokens);
    await runTo(cells.white, 10);
    ok(await cells.white.request({ type: 'publish', inject: 'brief' }));
    await runTo(cells.white, 30);
    await closeCells(cells);
    await game.stop();
    const logPath = join(game.info.runDir, 'log.jsonl');
    const text = readFileSync(logPath, 'utf8');
    // Publish one tick later than the game did: the hashes after it must disagree.
    const tampered = text.replace('"tick":10,"after":10,"cell":"white","command":{"type":"publish"', '"tick":11,"after":11,"cell":"white","command":{"type":"publish"');
    expect(tampered).not.toBe(text);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(logPath, tampered);
    const replay = spawnSync(process.execPath, [VIGIL, 'replay', game.info.runDir], { encoding: 'utf8' });
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/REPLAY DIVERGES: state hash at tick \d+ is [0-9a-f]+, the game logged [0-9a-f]+/);
  }, 120_000);
});
