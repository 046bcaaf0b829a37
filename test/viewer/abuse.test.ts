/**
 * A live game (`vigil serve`) under abuse: what a hostile or broken client can do to the server and what
 * it cannot. One server for the file (coalition-ssa: a cell per declared nation, named by its trigraph,
 * plus 'white'); each `it` attacks it one way and checks the attacker's answer (close code, error frame)
 * and that the game, and every honest client, carried on unchanged. The last `it` reads server.log:
 * auth failures, refusals and commands recorded; message bodies (tokens, inject titles) never.
 *
 * The tests run in order and share the server: the clock is paused between them (it starts paused; the
 * tests that run it pause it again), so "nothing changed" is the same tick, state hash, MSEL, orders and
 * clock before and after.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE, FRAME_HEADER_BYTES, FRAME_RECORD_BYTES, MESSAGE_BYTES_MAX, SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../viewer/protocol.js';
import { AUTH_TIMEOUT_MS, BUFFER_BYTES_MAX, EVENTS_PER_MESSAGE, FLOOD_CLOSE_AFTER, FRAME_BUFFER_BYTES, INSPECTS_PER_S, RATE_BURST, RATE_PER_S } from '../../viewer/server/net.js';
import { ROOT } from '../helpers.js';
import { Client, sleep, startGame, type Running } from './harness.js';

const SCENARIO = join(ROOT, 'scenarios/coalition-ssa.yaml');
const MSEL_IDS = ['newsat-brief', 'fyl-down', 'deu-signs', 'fra-suspend', 'fra-resume'];

/** Strings that travel only in message bodies (or are tokens): server.log must never hold them. */
const BAD_TOKEN = 'wrong-token-5e1f0c2a9b';
const BAD_SUBPROTOCOL_TOKEN = 'wrong-subprotocol-token-d41c77';
const WHITE_INJECT_TITLE = 'Abuse test: a white ad-hoc inject 3b9e';
const JPN_INJECT_TITLE = 'Abuse test: an inject forged by JPN 77ac';
const UNKNOWN_KEY = 'smuggledKey9f2';
const FLOOD_DESIGNATION = 'flood-object-c3d2';

let run: Running;
/** Honest clients, open for the whole file: they must keep getting frames whatever the others do. */
let white: Client;
let jpn: Client;
let usa: Client;
/** A near miss: the JPN token with its last character changed. */
let nearMiss: string;

const asProtocols = (token: string): string[] => [SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`];

/** What abuse must not change: the sim (tick and state hash), the MSEL, the orders and the clock. */
function gameState() {
  const s = run.info.server;
  const g = s.game;
  return { tick: g.tick, hash: g.hash(), version: g.version, msel: g.msel.map((e) => `${e.id}:${e.status}`), orders: g.orders.length, paused: s.clock.paused, speed: s.clock.speed, runTo: s.clock.runTo };
}

/** A cell's connection authenticated by the token as subprotocol, once welcomed. */
async function cellClient(cell: string): Promise<Client> {
  const c = await Client.open(run, undefined, asProtocols(run.info.tokens[cell]));
  const welcome = await c.waitFor((m) => m.type === 'welcome');
  expect((welcome.cell as { id: string }).id).toBe(cell);
  return c;
}

async function closeOf(c: Client, timeoutMs = 20_000): Promise<{ code: number; reason: string }> {
  const start = Date.now();
  while (!c.got.closed) {
    if (Date.now() - start > timeoutMs) throw new Error('the server did not close the connection');
    await sleep(20);
  }
  return c.got.closed;
}

/** The first error among the messages `c` received from index `from` on. */
async function errorFrom(c: Client, from: number, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const start = Date.now();
  for (;;) {
    const m = c.got.json.slice(from).find((x) => x.type === 'error');
    if (m) return m;
    if (c.got.closed) throw new Error(`closed ${c.got.closed.code} while waiting for an error`);
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for an error');
    await sleep(20);
  }
}

/** server.log, one JSON object a line. */
function serverLog(): { event: string; [k: string]: unknown }[] {
  return readFileSync(join(run.info.runDir, 'server.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; [k: string]: unknown });
}

/** Binary messages received (the harness keeps only the ones that decode as frames in `frames`). */
const binaryCount = (c: Client): number => c.got.bytes.length - c.got.json.length;

/** The white cell steps one tick; returns the tick and how long the ack took, once every watcher has its frame. */
async function stepAndWatch(watchers: Client[]): Promise<{ tick: number; ackMs: number }> {
  const t0 = Date.now();
  const ack = await white.request({ type: 'clock', action: 'step' });
  const ackMs = Date.now() - t0;
  expect(ack.type, JSON.stringify(ack)).toBe('ack');
  const tick = (ack.result as { tick: number }).tick;
  for (const c of watchers) await c.waitForFrame((f) => f.header.tick === tick, 30_000);
  return { tick, ackMs };
}

describe('vigil serve under abuse', () => {
  beforeAll(async () => {
    run = await startGame(SCENARIO);
    const jpnToken = run.info.tokens.JPN;
    nearMiss = jpnToken.slice(0, -1) + (jpnToken.endsWith('0') ? '1' : '0');
    white = await Client.open(run, run.info.tokens.white);
    jpn = await Client.open(run, run.info.tokens.JPN);
    usa = await Client.open(run, run.info.tokens.USA);
    for (const c of [white, jpn, usa]) await c.waitForFrame((f) => f.header.tick === 0);
  }, 120_000);

  afterAll(async () => {
    await run?.stop();
  }, 120_000);

  it(`closes a connection that never says hello with ${CLOSE.authTimeout} after AUTH_TIMEOUT_MS, having sent it no frame and no event`, async () => {
    const t0 = Date.now();
    const c = await Client.open(run);
    const closed = await closeOf(c, AUTH_TIMEOUT_MS + 20_000);
    expect(closed.code).toBe(CLOSE.authTimeout);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 50);
    expect(binaryCount(c)).toBe(0);
    expect(c.got.json).toEqual([{ type: 'error', code: 'auth', message: expect.stringContaining('hello') }]);
  });

  it(`closes ${CLOSE.badToken} on a wrong token in hello or in the subprotocol; a right token in the subprotocol needs no hello`, async () => {
    for (const token of [BAD_TOKEN, nearMiss]) {
      const c = await Client.open(run, token);
      expect((await closeOf(c)).code).toBe(CLOSE.badToken);
      expect(c.got.json).toEqual([{ type: 'error', code: 'auth', message: 'bad token' }]);
      expect(binaryCount(c)).toBe(0);
    }
    const bad = await Client.open(run, undefined, asProtocols(BAD_SUBPROTOCOL_TOKEN));
    expect((await closeOf(bad)).code).toBe(CLOSE.badToken);
    expect(bad.got.json).toEqual([{ type: 'error', code: 'auth', message: 'bad token' }]);
    expect(binaryCount(bad)).toBe(0);

    // Refused is refused: a right token and a command sent straight after a wrong one (before the
    // client can have seen the close) are not read.
    const before = gameState();
    const retry = await Client.open(run);
    retry.send({ type: 'hello', token: BAD_TOKEN });
    retry.send({ type: 'hello', token: run.info.tokens.white });
    retry.send({ type: 'clock', action: 'step' });
    expect((await closeOf(retry)).code).toBe(CLOSE.badToken);
    expect(retry.got.json).toEqual([{ type: 'error', code: 'auth', message: 'bad token' }]);
    expect(gameState()).toEqual(before);

    const good = await Client.open(run, undefined, asProtocols(run.info.tokens.JPN));
    expect(good.ws.protocol).toBe(SUBPROTOCOL);
    const welcome = await good.waitFor((m) => m.type === 'welcome');
    expect(welcome.cell).toEqual({ id: 'JPN', name: expect.any(String), role: 'nation', nations: ['JPN'] });
    const frame = await good.waitForFrame(() => true);
    expect(frame.header.truth).toBe(false);
    expect(good.got.json[0].type).toBe('welcome');
    await good.close();
  });

  it(`closes ${CLOSE.badToken} a connection whose first message is a command, not hello, and carries none of it out`, async () => {
    const before = gameState();
    const firsts = [
      { type: 'clock', action: 'resume' },
      { type: 'publish', inject: 'newsat-brief' },
      { type: 'order', order: { kind: 'task-sensor', nation: 'JPN', sensor: 'kamisaibara-radar', priority: [] } },
    ];
    for (const first of firsts) {
      const c = await Client.open(run);
      c.send(first);
      expect((await closeOf(c)).code, first.type).toBe(CLOSE.badToken);
      expect(c.got.json).toEqual([{ type: 'error', code: 'auth', message: expect.stringContaining('not authenticated') }]);
      expect(binaryCount(c)).toBe(0);
    }
    await sleep(500); // a clock resumed at the scenario's speed (60: 6 ticks a second) would have moved by now
    expect(gameState()).toEqual(before);
  });

  it("answers every white-cell command from a nation cell with 'forbidden' and changes nothing", async () => {
    const before = gameState();
    expect(before.paused).toBe(true);
    const commands: Record<string, unknown>[] = [
      { type: 'clock', action: 'pause' },
      { type: 'clock', action: 'resume' },
      { type: 'clock', action: 'step' },
      { type: 'clock', action: 'speed', speed: 3600 },
      { type: 'clock', action: 'run-to', tick: 500 },
      { type: 'publish', inject: 'newsat-brief' },
      { type: 'hold', inject: 'fyl-down' },
      { type: 'skip', inject: 'deu-signs' },
      { type: 'inject', inject: { id: 'jpn-forged', kind: 'message', title: JPN_INJECT_TITLE, to: ['all'] } },
      { type: 'adjudicate', order: 'O-0001', approve: true },
      { type: 'respond', inject: 'newsat-brief', nation: 'JPN' },
      { type: 'view', picture: 'truth' },
      { type: 'view', picture: 'USA' },
    ];
    for (const cmd of commands) {
      const r = await jpn.request(cmd);
      expect(r, JSON.stringify(cmd)).toMatchObject({ type: 'error', code: 'forbidden' });
    }
    expect(jpn.got.closed).toBeNull();
    await sleep(500);
    expect(gameState()).toEqual(before);

    // What a white cell connecting now is told: the clock where it was, every MSEL inject still pending, no order.
    const look = await cellClient('white');
    const welcome = look.got.json[0];
    expect(welcome.clock).toMatchObject({ tick: before.tick, paused: true, speed: before.speed, runTo: null });
    const msel = await look.waitFor((m) => m.type === 'msel');
    expect((msel.injects as { id: string; status: string }[]).map((i) => [i.id, i.status]).sort()).toEqual(MSEL_IDS.map((id) => [id, 'pending']).sort());
    expect((await look.waitFor((m) => m.type === 'orders')).orders).toEqual([]);
    await look.close();

    // JPN still sees its own picture: neither truth nor the USA's (far larger at this point of the game).
    const { tick } = await stepAndWatch([jpn, usa]);
    const jpnFrame = jpn.got.frames.findLast((f) => f.header.tick === tick)!;
    const usaFrame = usa.got.frames.findLast((f) => f.header.tick === tick)!;
    expect(jpnFrame.header.truth).toBe(false);
    expect(jpnFrame.header.count).toBeLessThan(usaFrame.header.count);
  });

  it("refuses a nation cell's orders for another nation or for another nation's asset, and changes nothing", async () => {
    const before = gameState();
    const refused: [Client, Record<string, unknown>, string][] = [
      [jpn, { kind: 'task-sensor', nation: 'USA', sensor: 'space-fence', priority: [] }, 'not-your-nation'],
      [jpn, { kind: 'agreement', nation: 'USA', agreement: 'usa-jpn', action: 'revoke' }, 'not-your-nation'],
      [jpn, { kind: 'task-sensor', nation: 'JPN', sensor: 'space-fence', priority: [] }, 'not-your-asset'],
      [jpn, { kind: 'agreement', nation: 'JPN', agreement: 'usa-jpn', action: 'revoke' }, 'not-your-asset'],
      [jpn, { kind: 'jammer', nation: 'JPN', jammer: 'space-fence', action: 'on' }, 'not-your-asset'],
      // The USA's NOFORN satellite: JPN knows no object by that name (and is not told it exists).
      [jpn, { kind: 'manoeuvre', nation: 'JPN', object: 'usa-sentinel', deltaV: { alongTrackMps: 1 } }, 'unknown-object'],
      [jpn, { kind: 'engage', nation: 'JPN', weapon: 'kamisaibara-radar', target: 'usa-sentinel' }, 'not-authorised'],
      [usa, { kind: 'task-sensor', nation: 'JPN', sensor: 'kamisaibara-radar', priority: [] }, 'not-your-nation'],
      [white, { kind: 'task-sensor', nation: 'USA', sensor: 'space-fence', priority: [] }, 'forbidden'],
    ];
    for (const [c, order, code] of refused) {
      const r = await c.request({ type: 'order', order });
      expect(r, JSON.stringify(order)).toMatchObject({ type: 'error', code });
    }
    expect(gameState()).toEqual(before);
    const look = await cellClient('white');
    expect((await look.waitFor((m) => m.type === 'orders')).orders).toEqual([]);
    await look.close();

    // The same cell's order for its own nation and its own sensor is taken (it waits for the white cell).
    const ok = await jpn.request({ type: 'order', order: { kind: 'task-sensor', nation: 'JPN', sensor: 'kamisaibara-radar', priority: [] } });
    expect(ok).toMatchObject({ type: 'ack', result: { order: 'O-0001', status: 'pending' } });
    const orders = await white.waitFor((m) => m.type === 'orders' && (m.orders as unknown[]).length > 0);
    expect(orders.orders).toMatchObject([{ id: 'O-0001', cell: 'JPN', nation: 'JPN', status: 'pending' }]);
  });

  it('closes a connection that sends more than 64 KiB with 1009 (64 KiB exactly is read) and the game goes on for the others', async () => {
    const big = await cellClient('NZL');
    const sized = (bytes: number): string => {
      const head = '{"type":"inspect","designation":"';
      const tail = '"}';
      return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
    };
    expect(Buffer.byteLength(sized(MESSAGE_BYTES_MAX))).toBe(MESSAGE_BYTES_MAX);
    let from = big.got.json.length;
    big.ws.send(sized(MESSAGE_BYTES_MAX));
    expect(await errorFrom(big, from)).toMatchObject({ code: 'bad-message', message: expect.stringContaining('designation') });
    expect(big.got.closed).toBeNull();

    const before = gameState();
    from = big.got.json.length;
    big.ws.send(sized(MESSAGE_BYTES_MAX + 1));
    expect((await closeOf(big)).code).toBe(CLOSE.tooBig);
    expect(big.got.json.slice(from)).toEqual([]);
    expect(gameState()).toEqual(before);

    const { ackMs } = await stepAndWatch([white, jpn, usa]);
    expect(ackMs).toBeLessThan(5000);
  });

  it('answers malformed messages with an error frame, keeps the connection open and changes nothing', async () => {
    const before = gameState();
    const malformed: [string, string | Buffer, string][] = [
      ['truncated JSON', '{"type":"clock"', 'bad-json'],
      ['not JSON', 'step the clock, please', 'bad-json'],
      ['empty text', '', 'bad-json'],
      ['binary', Buffer.from([0x00, 0xff, 0x10, 0x80]), 'bad-message'],
      ['a command as binary', Buffer.from('{"type":"clock","action":"step"}'), 'bad-message'],
      ['a JSON array', '[{"type":"clock","action":"step"}]', 'bad-message'],
      ['JSON null', 'null', 'bad-message'],
      ['a JSON number', '42', 'bad-message'],
      ['an unknown type', '{"type":"shutdown"}', 'bad-message'],
      ['an unknown key', `{"type":"clock","action":"step","${UNKNOWN_KEY}":1}`, 'bad-message'],
      ['a __proto__ key', '{"type":"clock","action":"step","__proto__":{"role":"white"}}', 'bad-message'],
      ['a wrong type', '{"type":"clock","action":"run-to","tick":"900","id":77}', 'bad-message'],
      ['out of range', '{"type":"clock","action":"speed","speed":1000000}', 'bad-message'],
      ['a negative id', '{"type":"clock","action":"step","id":-1}', 'bad-message'],
      ['hello again', `{"type":"hello","token":"${BAD_TOKEN}","id":78}`, 'bad-message'],
    ];
    for (const [what, payload, code] of malformed) {
      const from = white.got.json.length;
      white.ws.send(payload);
      const err = await errorFrom(white, from);
      expect(err, what).toMatchObject({ type: 'error', code });
      if (what === 'an unknown key') expect(err.message).toContain(UNKNOWN_KEY);
      if (what === 'a wrong type') expect(err).toMatchObject({ id: 77, message: expect.stringContaining('tick') });
      if (what === 'hello again') expect(err).toMatchObject({ id: 78, message: 'already authenticated' });
    }
    await sleep(300);
    expect(white.got.closed).toBeNull();
    expect(white.ws.readyState).toBe(white.ws.OPEN);
    expect(gameState()).toEqual(before);
    // Still a working white cell connection.
    const r = await white.request({ type: 'inspect', designation: 'usa-sentinel' });
    expect(r).toMatchObject({ type: 'inspected', designation: 'usa-sentinel', track: { truth: true, id: 'usa-sentinel', owner: 'USA' } });
  });

  it(`rate-limits a flood and closes it with ${CLOSE.policy} after FLOOD_CLOSE_AFTER refusals; the white cell is still answered promptly`, async () => {
    const N = 2000;
    expect(N).toBeGreaterThan(RATE_BURST + FLOOD_CLOSE_AFTER);
    const flooder = await cellClient('NOR');
    const t0 = Date.now();
    for (let i = 0; i < N; i++) flooder.send({ type: 'inspect', designation: `${FLOOD_DESIGNATION}-${i}` });
    // Meanwhile the white cell steps the clock and the honest cells get the new tick.
    const stepped = stepAndWatch([white, jpn, usa]);
    const closed = await closeOf(flooder);
    const elapsedS = (Date.now() - t0) / 1000;
    expect(closed).toEqual({ code: CLOSE.policy, reason: 'flooding' });
    const { ackMs } = await stepped;
    expect(ackMs).toBeLessThan(5000);

    const limited = flooder.got.json.filter((m) => m.type === 'error' && m.code === 'rate-limited');
    expect(limited.length).toBeGreaterThanOrEqual(1);
    // Answered: the burst the bucket held, then at most what it refilled; never the flood.
    // Every message the bucket let through is answered, by its id: an inspection, or the inspections'
    // own limit (INSPECTS_PER_S) saying so.
    const answered = flooder.got.json.filter((m) => m.type === 'inspected' || (m.type === 'error' && m.code === 'rate-limited' && typeof m.id === 'number'));
    expect(flooder.got.json.filter((m) => m.type === 'inspected').length).toBeLessThanOrEqual(INSPECTS_PER_S + Math.ceil(INSPECTS_PER_S * elapsedS) + 1);
    expect(answered.length).toBeGreaterThanOrEqual(RATE_BURST);
    expect(answered.length).toBeLessThanOrEqual(RATE_BURST + Math.ceil(RATE_PER_S * elapsedS) + 1);
    expect(answered.slice(0, RATE_BURST).map((m) => m.id)).toEqual(Array.from({ length: RATE_BURST }, (_, i) => i + 1));
    // Closed once, logged once: what the flooder sent after the close is not read (nor logged line by line).
    await sleep(500);
    expect(serverLog().filter((l) => l.event === 'flood')).toEqual([expect.objectContaining({ cell: 'NOR' })]);
  });

  it(`queues nothing for a client that stops reading: its send buffer stays bounded (or it is closed ${CLOSE.tooSlow}) while the others get new ticks`, async () => {
    const server = run.info.server;
    const earlier = new Set(server.connectionBuffers().map((c) => c.conn));
    // A white-cell connection: truth frames, the largest there are.
    const stalled = await cellClient('white');
    const mine = server.connectionBuffers().filter((c) => !earlier.has(c.conn));
    expect(mine).toHaveLength(1);
    const conn = mine[0].conn;
    stalled.ws.pause();
    const stalledFrames = stalled.got.frames.length;

    const truthCount = white.got.frames.at(-1)!.header.count;
    const frameBytes = FRAME_HEADER_BYTES + truthCount * FRAME_RECORD_BYTES;
    // Past FRAME_BUFFER_BYTES nothing more is queued but clock messages: at most one more frame, names
    // and an events message (up to EVENTS_PER_MESSAGE events) can be on top.
    const bound = FRAME_BUFFER_BYTES + 2 * frameBytes + EVENTS_PER_MESSAGE * 1024;
    expect(bound).toBeLessThan(BUFFER_BYTES_MAX);

    const startTick = server.game.tick;
    const honestFrom = [white, jpn, usa].map((c) => c.got.frames.length);
    // Frames go out at frameHz whatever the speed, each of a new tick while the sim moves; 300 (30 ticks a
    // second) keeps well inside the scenario's 2,160 ticks however long the kernel buffers take to fill.
    expect((await white.request({ type: 'clock', action: 'speed', speed: 300 })).type).toBe('ack');
    expect((await white.request({ type: 'clock', action: 'resume' })).type).toBe('ack');

    let max = 0;
    let fullAt: number | null = null;
    let whiteFramesAtFull = 0;
    let gone = false;
    const t0 = Date.now();
    while (Date.now() - t0 < 40_000) {
      const me = server.connectionBuffers().find((c) => c.conn === conn);
      if (!me) {
        gone = true;
        break;
      }
      max = Math.max(max, me.buffered);
      if (fullAt === null && me.buffered >= FRAME_BUFFER_BYTES) {
        fullAt = Date.now();
        whiteFramesAtFull = white.got.frames.length;
      }
      // Once the buffer is at the frame limit, go on long enough that queueing every frame would show.
      if (fullAt !== null && Date.now() - fullAt > 4000) break;
      if (server.game.tick > server.game.lastTick - 300) break;
      await sleep(100);
    }
    expect((await white.request({ type: 'clock', action: 'pause' })).type).toBe('ack');
    const endTick = server.game.tick;
    const framesSinceFull = white.got.frames.length - whiteFramesAtFull;
    const story = `${Date.now() - t0} ms, ticks ${startTick}->${endTick}, buffer max ${max} B (bound ${bound}), at the frame limit after ${fullAt === null ? '-' : fullAt - t0} ms, then ${framesSinceFull} frames to the honest white cell; closed by the server: ${gone}`;

    // The honest clients got frames of new ticks all along.
    for (const [i, c] of [white, jpn, usa].entries()) {
      const ticks = new Set(c.got.frames.slice(honestFrom[i]).map((f) => f.header.tick));
      expect(ticks.size, `frames of distinct ticks to honest client ${i}`).toBeGreaterThanOrEqual(Math.min(10, endTick - startTick));
    }
    expect(endTick - startTick, story).toBeGreaterThan(10);

    stalled.ws.resume();
    if (gone) {
      // Closed by the server: as too slow, or (if the stall outlasted two heartbeats) as a dead peer.
      expect(serverLog().some((l) => l.conn === conn && (l.event === 'slow' || l.event === 'dead-peer'))).toBe(true);
      const closed = await closeOf(stalled, 60_000);
      expect([CLOSE.tooSlow, 1006]).toContain(closed.code);
    } else {
      // The server did hit backpressure (the test is not vacuous) and never queued past the bound.
      expect(fullAt, story).not.toBeNull();
      expect(max, story).toBeLessThanOrEqual(bound);
      // Had each frame the honest white cell got since been queued for the stalled one too, it would be past the bound.
      expect(FRAME_BUFFER_BYTES + framesSinceFull * frameBytes, story).toBeGreaterThan(bound);
      // Reading again, the client catches up with the newest frame, not a backlog of every tick.
      await stalled.waitForFrame((f) => f.header.tick === endTick, 60_000);
      const caughtUp = new Set(stalled.got.frames.slice(stalledFrames).map((f) => f.header.tick));
      const whiteTicks = new Set(white.got.frames.slice(honestFrom[0]).map((f) => f.header.tick));
      expect(caughtUp.size, `${story}; ${caughtUp.size} frames to the stalled one, ${whiteTicks.size} to the honest one`).toBeLessThan(whiteTicks.size);
      expect(stalled.got.closed).toBeNull();
      await stalled.close();
    }
  });

  it('refuses the upgrade (HTTP 403) from an Origin not on the allow-list, and accepts its own', async () => {
    const port = run.info.port;
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port}.evil.example`, `http://127.0.0.1:${port + 1}`]) {
      await expect(Client.open(run, run.info.tokens.white, [SUBPROTOCOL], { Origin: origin }), origin).rejects.toThrow('HTTP 403');
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const c = await Client.open(run, run.info.tokens.JPN, [SUBPROTOCOL], { Origin: origin });
      expect(c.got.json[0], origin).toMatchObject({ type: 'welcome', cell: { id: 'JPN' } });
      await c.close();
    }
  });

  it('after all that, the white cell still runs the game and every honest client gets its frames and injects', async () => {
    const r = await white.request({ type: 'inject', inject: { id: 'abuse-adhoc', kind: 'message', title: WHITE_INJECT_TITLE, to: ['JPN'] } });
    expect(r).toMatchObject({ type: 'ack', result: { inject: 'abuse-adhoc' } });
    const effectTick = (r.result as { effectTick: number }).effectTick;
    const { tick, ackMs } = await stepAndWatch([white, jpn, usa]);
    expect(ackMs).toBeLessThan(5000);
    expect(tick).toBe(effectTick);
    const titled = (m: Record<string, unknown>): boolean =>
      m.type === 'events' && (m.events as { kind: string; payload: { title?: string } }[]).some((e) => e.kind === 'inject' && e.payload.title === WHITE_INJECT_TITLE);
    await jpn.waitFor(titled);
    await white.waitFor(titled);
    const published = await white.request({ type: 'publish', inject: 'newsat-brief' });
    expect(published).toMatchObject({ type: 'ack', result: { inject: 'newsat-brief', status: 'published' } });
    await stepAndWatch([white, jpn, usa]);
    for (const c of [white, jpn, usa]) expect(c.got.closed).toBeNull();
  });

  it('server.log records auth failures, refusals and commands, and never a message body or a token', () => {
    const text = readFileSync(join(run.info.runDir, 'server.log'), 'utf8');
    const lines = serverLog();
    const of = (event: string) => lines.filter((l) => l.event === event);

    const reasons = of('auth-failed').map((l) => String(l.reason));
    expect(reasons.filter((r) => r.startsWith('no token'))).toHaveLength(1);
    expect(reasons.filter((r) => r === 'bad token')).toHaveLength(4);
    expect(reasons.filter((r) => r.startsWith('not authenticated'))).toHaveLength(3);

    const refusedJpn = of('refused').filter((l) => l.cell === 'JPN');
    expect(new Set(refusedJpn.filter((l) => l.code === 'forbidden').map((l) => l.type))).toEqual(new Set(['clock', 'publish', 'hold', 'skip', 'inject', 'adjudicate', 'respond', 'view']));
    expect(refusedJpn.filter((l) => l.type === 'order').map((l) => l.code).sort()).toEqual(['not-authorised', 'not-your-asset', 'not-your-asset', 'not-your-asset', 'not-your-nation', 'not-your-nation', 'unknown-object']);

    const whiteCommands = of('command').filter((l) => l.cell === 'white').map((l) => l.type);
    expect(new Set(whiteCommands)).toEqual(new Set(['clock', 'inject', 'publish']));
    expect(of('command').filter((l) => l.cell === 'JPN').map((l) => l.type)).toEqual(['order']);
    expect(of('flood')).toHaveLength(1);
    expect(of('origin-refused').map((l) => l.origin)).toContain('http://evil.example');

    // The command log (log.jsonl) keeps command bodies, so the title did reach the server; server.log must not.
    expect(readFileSync(join(run.info.runDir, 'log.jsonl'), 'utf8')).toContain(WHITE_INJECT_TITLE);
    for (const secret of [BAD_TOKEN, BAD_SUBPROTOCOL_TOKEN, nearMiss, ...Object.values(run.info.tokens), WHITE_INJECT_TITLE, JPN_INJECT_TITLE, UNKNOWN_KEY, FLOOD_DESIGNATION, 'xxxxxxxx']) {
      expect(text, secret).not.toContain(secret);
    }
  });
});
