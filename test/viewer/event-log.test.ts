/**
 * The game's log file: a torn last line (a crash mid-write) is left out on reading and cut off before
 * the next record is appended, so a resumed game's log stays readable; anything damaged earlier is an
 * error naming the line.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLogFile, readLog, type LogHeader } from '../../viewer/server/event-log.js';

const HEADER: LogHeader = { type: 'header', version: 1, marking: 'UNCLASSIFIED // EXERCISE', scenario: '/x.yaml', scenarioName: 'x', contentHash: 'abc', seed: 1, createdUtc: '2026-01-01T00:00:00Z' };

function fresh(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-log-')), 'log.jsonl');
  const log = EventLogFile.create(path, HEADER);
  log.append({ type: 'command', seq: 0, tick: 3, after: 3, cell: 'white', command: { type: 'publish', inject: 'a' }, wallUtc: 'w' }, true);
  log.append({ type: 'tick', tick: 9, hash: 'h9' }, false);
  log.close();
  return path;
}

describe('the game log', () => {
  it('reads back what was written', () => {
    const r = readLog(fresh());
    expect(r.header).toEqual(HEADER);
    expect(r.records.map((x) => x.type)).toEqual(['command', 'tick']);
    expect(r.torn).toBe(false);
  });

  it('a torn last line is left out, and cut off before the next record (the log stays readable)', () => {
    const path = fresh();
    const whole = readFileSync(path, 'utf8');
    appendFileSync(path, '{"type":"command","seq":1,"tick":12,"af');
    const r = readLog(path);
    expect(r.torn).toBe(true);
    expect(r.records).toHaveLength(2);
    expect(r.validBytes).toBe(Buffer.byteLength(whole));
    const log = EventLogFile.reopen(path, r.validBytes);
    log.append({ type: 'tick', tick: 20, hash: 'h20' }, true);
    log.close();
    const again = readLog(path);
    expect(again.torn).toBe(false);
    expect(again.records.map((x) => x.type === 'tick' && x.tick)).toEqual([false, 9, 20]);
  });

  it('a damaged line before the last is an error naming it; a file without a header is not a game log', () => {
    const path = fresh();
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = '{broken';
    writeFileSync(path, lines.join('\n'));
    expect(() => readLog(path)).toThrow(/log\.jsonl:2: not a JSON record/);
    writeFileSync(path, '{"type":"tick","tick":1,"hash":"x"}\n');
    expect(() => readLog(path)).toThrow(/no header/);
  });
});
