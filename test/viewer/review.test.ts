/**
 * After-action review (`vigil serve --review runs/<id>`): a recorded game replayed for a reviewer. The
 * timeline lists the recorded commands by cell; seeking forward and back reaches the recorded game's
 * state at any tick (its logged state hashes); the reviewer can watch and scrub but change nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, runTo, startGame } from './harness.js';

const SCENARIO = 'test/fixtures/live/small-game.yaml';

describe('after-action review', () => {
  it('replays a recorded game: timeline by cell, seek forward and back to the recorded states, nothing changeable', async () => {
    // A short game to review.
    const played = await startGame(SCENARIO);
    const white = await Client.open(played, played.info.tokens.white);
    const usa = await Client.open(played, played.info.tokens.USA);
    await runTo(white, 20);
    expect((await white.request({ type: 'publish', inject: 'brief' })).type).toBe('ack');
    expect((await usa.request({ type: 'order', order: { kind: 'task-sensor', nation: 'USA', sensor: 'millstone-radar', priority: ['usa-leo-1'] } })).type).toBe('ack');
    expect((await white.request({ type: 'adjudicate', order: 'O-0001', approve: true })).type).toBe('ack');
    await runTo(white, 50);
    await white.close();
    await usa.close();
    await played.stop();
    const log = readFileSync(join(played.info.runDir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; tick: number; hash: string });
    const hashAt = new Map(log.filter((r) => r.type === 'tick' || r.type === 'end').map((r) => [r.tick, r.hash]));
    expect(hashAt.get(20)).toBeDefined();
    expect(hashAt.get(50)).toBeDefined();

    const review = await startGame(SCENARIO, { review: played.info.runDir });
    expect(Object.keys(review.info.tokens)).toEqual(['white']);
    const r = await Client.open(review, review.info.tokens.white);
    const welcome = r.got.json.find((m) => m.type === 'welcome')!;
    expect(welcome.review).toBe(true);
    const timeline = (await r.waitFor((m) => m.type === 'timeline')) as { records: { tick: number; cell: string; type: string; text: string }[]; lastTick: number };
    expect(timeline.records.filter((x) => x.type !== 'clock').map((x) => [x.tick, x.cell, x.type])).toEqual([[20, 'white', 'publish'], [20, 'USA', 'order'], [20, 'white', 'adjudicate']]);
    expect(timeline.records.find((x) => x.cell === 'USA')!.text).toContain('task-sensor');

    expect(await r.request({ type: 'seek', tick: 50 })).toMatchObject({ type: 'ack', result: { tick: 50 } });
    await r.waitForFrame((f) => f.header.tick === 50, 60_000);
    expect(review.info.server.game.hash()).toBe(hashAt.get(50));
    // Back: the recorded game again from its start, to tick 20 (before the commands of tick 20 applied).
    expect(await r.request({ type: 'seek', tick: 20 })).toMatchObject({ type: 'ack' });
    await r.waitFor((m) => m.type === 'reset');
    await r.waitForFrame((f) => f.header.tick === 20, 60_000);
    expect(review.info.server.game.tick).toBe(20);
    expect(review.info.server.game.hash()).toBe(hashAt.get(20));
    // Watching: run, pause, step are the reviewer's; nothing of the game can be changed.
    for (const m of [{ type: 'publish', inject: 'rus-news' }, { type: 'inject', inject: { id: 'x', kind: 'message', title: 't' } }, { type: 'adjudicate', order: 'O-0001', approve: false }]) {
      expect(await r.request(m)).toMatchObject({ type: 'error', code: 'review' });
    }
    expect(await r.request({ type: 'clock', action: 'step' })).toMatchObject({ type: 'ack' });
    await r.waitForFrame((f) => f.header.tick === 21, 60_000);
    // The order replayed at its tick, as in the game: its event is in the reviewer's feed again.
    const events = r.got.json.filter((m) => m.type === 'events').flatMap((m) => m.events as { kind: string; payload: { injectId?: string } }[]);
    expect(events.some((e) => e.kind === 'inject' && e.payload.injectId === 'O-0001')).toBe(true);
    await r.close();
    await review.stop();
  }, 180_000);
});
