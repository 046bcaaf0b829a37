/**
 * The white cell's game over the wire (test/fixtures/live/small-game.yaml): the clock (run to a time,
 * step, pause), the MSEL (publish, hold, skip), ad-hoc injects checked by the scenario's schema,
 * adjudication, expected responses met by orders and by hand, the after-action record, the picture
 * switcher, observers, and frames that put each glyph where the engine says the object is.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecefToGeodetic } from '../../engine/physics/frames.js';
import { GLYPH_CUSTODY, GLYPH_UNCORRELATED } from '../../engine/index.js';
import { Client, runTo, startGame, type Running } from './harness.js';

let game: Running;
let white: Client, usa: Client, floor: Client, rus: Client;

beforeAll(async () => {
  game = await startGame('test/fixtures/live/small-game.yaml');
  white = await Client.open(game, game.info.tokens.white);
  usa = await Client.open(game, game.info.tokens.USA);
  floor = await Client.open(game, game.info.tokens['fvey-floor']);
  rus = await Client.open(game, game.info.tokens.RUS);
}, 60_000);

afterAll(async () => {
  for (const c of [white, usa, floor, rus]) await c?.close();
  await game?.stop();
});

const lastMsel = (): { id: string; status: string; effectTick: number | null; adhoc: boolean }[] =>
  white.got.json.filter((m) => m.type === 'msel').at(-1)!.injects as { id: string; status: string; effectTick: number | null; adhoc: boolean }[];

describe('the white cell runs the game', () => {
  it('runs to a time (the first tick at or after it) and stops there; step moves exactly one tick', async () => {
    expect(await white.request({ type: 'clock', action: 'run-to', timeUtc: '2026-03-19T12:03:05Z' })).toMatchObject({ type: 'ack' });
    await white.waitForFrame((f) => f.header.tick === 19);
    await white.waitFor((m) => m.type === 'clock' && (m.clock as { tick: number; paused: boolean }).tick === 19 && (m.clock as { paused: boolean }).paused);
    expect(game.info.server.game.tick).toBe(19);
    expect(await white.request({ type: 'clock', action: 'step' })).toMatchObject({ type: 'ack', result: { tick: 20 } });
    expect(game.info.server.game.tick).toBe(20);
    expect(await white.request({ type: 'clock', action: 'run-to', timeUtc: '2026-03-18T00:00:00Z' })).toMatchObject({ type: 'error', code: 'bad-time' });
    // A clock change reaches the cells at once, not with the next tick.
    const seen = usa.got.json.length;
    expect(await white.request({ type: 'clock', action: 'speed', speed: 7 })).toMatchObject({ type: 'ack' });
    await usa.waitFor((m) => usa.got.json.indexOf(m) >= seen && m.type === 'clock' && (m.clock as { speed: number }).speed === 7);
    expect(game.info.server.game.tick).toBe(20);
  });

  it('publish takes effect at the next tick; hold and skip; a closed inject cannot be published again', async () => {
    expect(await white.request({ type: 'publish', inject: 'brief' })).toMatchObject({ type: 'ack', result: { status: 'published', effectTick: 21 } });
    expect(await white.request({ type: 'hold', inject: 'rus-news' })).toMatchObject({ type: 'ack', result: { status: 'held' } });
    expect(await white.request({ type: 'skip', inject: 'jpn-signs' })).toMatchObject({ type: 'ack', result: { status: 'skipped' } });
    expect(await white.request({ type: 'publish', inject: 'jpn-signs' })).toMatchObject({ type: 'error', code: 'inject-closed' });
    expect(await white.request({ type: 'publish', inject: 'nope' })).toMatchObject({ type: 'error', code: 'unknown-inject' });
    await white.waitFor(() => lastMsel().find((e) => e.id === 'rus-news')?.status === 'held');
    await runTo(white, 22, [usa, rus]);
    // Every cell got the 'all' inject at tick 21; its expected response only the white cell.
    for (const c of [usa, rus]) {
      const ev = (await c.waitFor((m) => m.type === 'events' && (m.events as { kind: string }[]).some((e) => e.kind === 'inject'))).events as { kind: string; tick: number; payload: { injectId: string; expect: unknown } }[];
      expect(ev.find((e) => e.kind === 'inject')).toMatchObject({ tick: 21, payload: { injectId: 'brief', expect: null } });
    }
    const whiteEv = white.got.json.filter((m) => m.type === 'events').flatMap((m) => m.events as { kind: string; payload: { injectId?: string; expect: unknown } }[]);
    expect(whiteEv.find((e) => e.kind === 'inject' && e.payload.injectId === 'brief')!.payload.expect).toMatchObject({ response: 'each cell reports ready' });
  });

  it('an ad-hoc inject is checked by the scenario schema: a wrong one says what is wrong, a good one is scheduled', async () => {
    const bad = await white.request({ type: 'inject', inject: { id: 'x1', kind: 'sensor-outage', sensor: 'no-such-radar', duration: '5m', title: 'x' } });
    expect(bad).toMatchObject({ type: 'error', code: 'invalid-inject' });
    expect(bad.message).toMatch(/sensor 'no-such-radar' is not declared/);
    const badKind = await white.request({ type: 'inject', inject: { id: 'x2', kind: 'earthquake', title: 'x' } });
    expect(badKind).toMatchObject({ type: 'error', code: 'invalid-inject' });
    expect(await white.request({ type: 'inject', inject: { id: 'brief', kind: 'message', title: 'again' } })).toMatchObject({ type: 'error', code: 'duplicate-id' });
    const ok = await white.request({ type: 'inject', inject: { id: 'x3', kind: 'jamming', jammer: 'none', title: 'x' } });
    expect(ok.type).toBe('error'); // no jammers in this scenario
    expect(await white.request({ type: 'inject', inject: { id: 'arm-down', kind: 'sensor-outage', sensor: 'armavir-radar', duration: '10m', title: 'Armavir down', to: ['RUS'] } }))
      .toMatchObject({ type: 'ack', result: { inject: 'arm-down', effectTick: game.info.server.game.tick + 1 } });
    await white.waitFor(() => lastMsel().some((e) => e.id === 'arm-down' && e.adhoc && e.status === 'published'));
  });

  it('orders wait for adjudication; an order of the expected kind from the expected nation meets the expected response', async () => {
    expect(await white.request({ type: 'publish', inject: 'fyl-down' })).toMatchObject({ type: 'ack' });
    await runTo(white, 30);
    const order = await usa.request({ type: 'order', order: { kind: 'task-sensor', nation: 'USA', sensor: 'millstone-radar', priority: ['usa-leo-1'] } });
    expect(order).toMatchObject({ type: 'ack', result: { status: 'pending', effectTick: null } });
    const id = (order.result as { order: string }).order;
    const pending = await white.waitFor((m) => m.type === 'orders' && (m.orders as { id: string }[]).some((o) => o.id === id));
    expect((pending.orders as { id: string; status: string; nation: string }[]).find((o) => o.id === id)).toMatchObject({ status: 'pending', nation: 'USA' });
    expect(await white.request({ type: 'adjudicate', order: id, approve: true })).toMatchObject({ type: 'ack', result: { status: 'approved', effectTick: 31 } });
    expect(await white.request({ type: 'adjudicate', order: id, approve: true })).toMatchObject({ type: 'error', code: 'order-closed' });
    // A response marked by hand for the brief.
    expect(await white.request({ type: 'respond', inject: 'brief', nation: 'GBR' })).toMatchObject({ type: 'ack' });
    expect(await white.request({ type: 'respond', inject: 'fyl-down', nation: 'JPN' })).toMatchObject({ type: 'error', code: 'bad-nation' });
    // A designation the nation never gave (UCT number 0 means none) names nothing.
    expect(await usa.request({ type: 'order', order: { kind: 'task-sensor', nation: 'USA', sensor: 'millstone-radar', priority: ['UCT-USA-0000'] } })).toMatchObject({ type: 'error', code: 'unknown-object' });
    const aar = game.info.server.game.afterAction();
    const fyl = aar.responses.find((r) => r.inject === 'fyl-down')!;
    expect(fyl.met).toEqual([{ nation: 'USA', tick: 30, by: id }]);
    expect(fyl.responseTimesS).toEqual([{ nation: 'USA', afterS: (30 - fyl.publishedTick) * 10 }]);
    const brief = aar.responses.find((r) => r.inject === 'brief')!;
    expect(brief.met.map((m) => m.nation)).toEqual(['GBR']);
    expect(brief.missing).toEqual(['USA', 'JPN', 'RUS']); // scenario order
  });

  it('an observer and a nation cell cannot give what is not theirs; observers cannot order', async () => {
    expect(await rus.request({ type: 'order', order: { kind: 'task-sensor', nation: 'RUS', sensor: 'millstone-radar', priority: [] } })).toMatchObject({ type: 'error', code: 'not-your-asset' });
    expect(await rus.request({ type: 'order', order: { kind: 'manoeuvre', nation: 'RUS', object: 'usa-leo-1', deltaV: { radialMps: 1 } } })).toMatchObject({ type: 'error' });
    expect(await floor.request({ type: 'order', order: { kind: 'agreement', nation: 'GBR', agreement: 'usa-gbr', action: 'revoke' } })).toMatchObject({ type: 'error', code: 'not-your-asset' });
    expect(await usa.request({ type: 'order', order: { kind: 'engage', nation: 'USA', weapon: 'x', target: 'rus-leo-1' } })).toMatchObject({ type: 'error', code: 'not-authorised' });
  });
});

describe('frames', () => {
  it('each glyph of a nation frame is where the engine has the object, named as the nation knows it', async () => {
    await runTo(white, 60, [usa, floor]);
    const f = await usa.waitForFrame((x) => x.header.tick === 60);
    const sim = game.info.server.game.sim;
    expect(f.glyphs.length).toBeGreaterThan(0);
    for (const g of f.glyphs) {
      const name = usa.nameOf(g.slot)!;
      const eid = sim.eidById.get(name);
      if (eid === undefined) {
        expect(name).toMatch(/^UCT-USA-\d{4}$/);
        expect(g.state).toBe(GLYPH_UNCORRELATED);
        continue;
      }
      const p = sim.c.Kinematics.posEcefKm;
      const truth = ecefToGeodetic({ x: p[3 * eid], y: p[3 * eid + 1], z: p[3 * eid + 2] });
      expect(g.latDeg).toBeCloseTo((truth.latRad * 180) / Math.PI, 1);
      expect(Math.abs(((g.lonDeg - (truth.lonRad * 180) / Math.PI + 540) % 360) - 180)).toBeLessThan(0.01);
      expect(Math.abs(g.altKm - truth.altKm)).toBeLessThanOrEqual(0.5);
    }
    expect(f.glyphs.some((g) => g.state === GLYPH_CUSTODY)).toBe(true);
  });

  it('the white cell sees truth, and any nation through the picture switcher', async () => {
    const truth = await white.waitForFrame((x) => x.header.tick === 60);
    expect(truth.header.truth).toBe(true);
    expect(truth.glyphs.length).toBe(7);
    expect(await white.request({ type: 'view', picture: 'RUS' })).toMatchObject({ type: 'ack' });
    await white.request({ type: 'clock', action: 'step' });
    const rusView = await white.waitForFrame((x) => x.header.tick === 61 && !x.header.truth);
    const rusOwn = await rus.waitForFrame((x) => x.header.tick === 61);
    expect(rusView.glyphs.map((g) => [g.latDeg, g.lonDeg, g.state])).toEqual(rusOwn.glyphs.map((g) => [g.latDeg, g.lonDeg, g.state]));
    expect(await usa.request({ type: 'view', picture: 'RUS' })).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('the run folder holds the log (header first, commands fsynced) and the tokens, owner-only', () => {
    const log = readFileSync(join(game.info.runDir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(log[0]).toMatchObject({ type: 'header', marking: 'UNCLASSIFIED // EXERCISE TEST' });
    expect(log.filter((r) => r.type === 'command').length).toBeGreaterThan(10);
    expect(statSync(join(game.info.runDir, 'cells.json')).mode & 0o077).toBe(0);
  });
});
