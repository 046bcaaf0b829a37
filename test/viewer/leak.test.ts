/**
 * Fog of war over the wire: a NOFORN US satellite (test/fixtures/live/small-game.yaml) that only US
 * sensors can reach. During a game with injects, orders (one of them naming the satellite), adjudication
 * and an agreement signed mid-game, every byte sent to every other nation's cell is captured: the
 * satellite's id, name and position never appear. The US cell and the white cell do get them (so the
 * test can fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, runTo, startGame, type Running } from './harness.js';

const SCENARIO = 'test/fixtures/live/small-game.yaml';
const SECRET_ID = 'usa-keyhole-geo';
const SECRET_NAME = 'QUIETSTAR';

let game: Running;
const cells: Record<string, Client> = {};

beforeAll(async () => {
  game = await startGame(SCENARIO);
  for (const cell of ['white', 'USA', 'fvey-floor', 'JPN', 'RUS']) cells[cell] = await Client.open(game, game.info.tokens[cell]);
  const { white, USA, JPN } = cells;
  const gbr = cells['fvey-floor'];
  await runTo(white, 30, Object.values(cells));
  const ok = (r: Record<string, unknown>): void => {
    if (r.type !== 'ack') throw new Error(JSON.stringify(r));
  };
  ok(await white.request({ type: 'publish', inject: 'brief' }));
  ok(await white.request({ type: 'publish', inject: 'fyl-down' }));
  ok(await USA.request({ type: 'order', order: { kind: 'task-sensor', nation: 'USA', sensor: 'millstone-radar', priority: [SECRET_ID, 'usa-leo-1'] } }));
  ok(await gbr.request({ type: 'order', order: { kind: 'task-sensor', nation: 'GBR', sensor: 'fylingdales-radar', priority: [] } }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0001', approve: true }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0002', approve: true }));
  ok(await white.request({ type: 'inject', inject: { id: 'adhoc-news', kind: 'message', title: 'Ad-hoc: a commercial imagery provider posts a photo', to: ['all'] } }));
  await runTo(white, 90, Object.values(cells));
  ok(await white.request({ type: 'publish', inject: 'jpn-signs' }));
  ok(await USA.request({ type: 'order', order: { kind: 'manoeuvre', nation: 'USA', object: SECRET_ID, deltaV: { alongTrackMps: 0.5 } } }));
  ok(await JPN.request({ type: 'order', order: { kind: 'agreement', nation: 'JPN', agreement: 'jpn-usa', action: 'suspend' } }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0003', approve: true }));
  ok(await white.request({ type: 'adjudicate', order: 'O-0004', approve: false, reason: 'not now' }));
  await runTo(white, 240, Object.values(cells));
}, 240_000);

afterAll(async () => {
  for (const c of Object.values(cells)) await c.close();
  await game?.stop();
});

function allText(c: Client): string {
  return Buffer.concat(c.got.bytes).toString('latin1');
}

/** Glyphs at geostationary height (every other object of the scenario is in low orbit). */
function geoGlyphs(c: Client): { latDeg: number; lonDeg: number }[] {
  return c.got.frames.flatMap((f) => f.glyphs.filter((g) => g.altKm > 30_000));
}

describe('a NOFORN object never reaches another nation over the wire', () => {
  it('the US and white cells see it (the test can fail)', () => {
    for (const c of [cells.white, cells.USA]) {
      expect(allText(c)).toContain(SECRET_ID);
      expect(allText(c)).toContain(SECRET_NAME);
      expect(geoGlyphs(c).length).toBeGreaterThan(0);
    }
    // The US cell saw its own order and its burn, naming the satellite.
    const events = cells.USA.got.json.filter((m) => m.type === 'events').flatMap((m) => m.events as { kind: string; subjects: string[] }[]);
    expect(events.some((e) => e.kind === 'manoeuvre' && e.subjects.includes(SECRET_ID))).toBe(true);
    expect(events.some((e) => e.kind === 'sensor-tasked')).toBe(true);
  });

  it.each(['fvey-floor', 'JPN', 'RUS'])('%s: its id, name and position never appear in any byte sent', (cell) => {
    const c = cells[cell];
    expect(c.got.frames.length).toBeGreaterThan(3);
    expect(c.got.bytes.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(1000);
    const text = allText(c);
    expect(text).not.toContain(SECRET_ID);
    expect(text).not.toContain(SECRET_NAME);
    expect(text.toLowerCase()).not.toContain('quietstar');
    expect(geoGlyphs(c)).toEqual([]);
    // Where it is, from the white cell's truth: no glyph of this cell within 2 degrees of it.
    const truth = geoGlyphs(cells.white)[0];
    for (const f of c.got.frames) {
      for (const g of f.glyphs) expect(Math.hypot(g.latDeg - truth.latDeg, g.lonDeg - truth.lonDeg) > 2 || g.altKm < 30_000).toBe(true);
    }
  });

  it('a nation asking the inspector for the satellite by its id learns nothing', async () => {
    for (const c of [cells['fvey-floor'], cells.JPN, cells.RUS]) {
      expect(await c.request({ type: 'inspect', designation: SECRET_ID })).toMatchObject({ type: 'inspected', track: null });
    }
    expect(await cells.USA.request({ type: 'inspect', designation: SECRET_ID })).toMatchObject({ type: 'inspected', track: { nation: 'USA', objectId: SECRET_ID } });
  });

  it('the nation cells still got the game: injects, their own orders and the published agreement change', () => {
    const gbrEvents = cells['fvey-floor'].got.json.filter((m) => m.type === 'events').flatMap((m) => m.events as { kind: string; payload: { injectId?: string; expect?: unknown } }[]);
    const injects = gbrEvents.filter((e) => e.kind === 'inject').map((e) => e.payload.injectId);
    expect(injects).toEqual(expect.arrayContaining(['brief', 'fyl-down', 'adhoc-news', 'O-0002']));
    expect(injects).not.toContain('O-0001'); // the US order is the US cell's
    // The expected response is the white cell's to know.
    expect(gbrEvents.filter((e) => e.kind === 'inject').every((e) => e.payload.expect === null)).toBe(true);
    const jpnOrders = cells.JPN.got.json.filter((m) => m.type === 'orders').at(-1)!.orders as { id: string; status: string; reason: string }[];
    expect(jpnOrders).toEqual([expect.objectContaining({ id: 'O-0004', status: 'denied', reason: 'not now' })]);
  });
});
