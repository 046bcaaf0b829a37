/** The determinism lint flags every wall-clock, Math.random, file and network use in engine/. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const eslint = new ESLint({ cwd: ROOT });

async function messagesFor(code: string, file = 'engine/systems/probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((m) => m.message);
}

describe('determinism lint on engine/', () => {
  it.each([
    ['Math.random()', 'Math.random'],
    ['Date.now()', 'Date.now'],
    ['performance.now()', 'performance.now'],
    ['new Date()', 'new Date()'],
    ["import { readFileSync } from 'node:fs'; readFileSync('x');", 'file system'],
    ["import * as fs from 'fs'; fs.readFileSync('x');", 'file system'],
    ["import net from 'node:net'; net.connect(1);", 'network'],
    ["import http from 'node:http'; http.get('x');", 'network'],
    ["Math['random']()", 'Math.random'],
    ['globalThis.Math.random()', 'Math.random'],
    ['process.env.SEED', 'process state'],
    ['process.hrtime.bigint()', 'process state'],
    ["import { randomUUID } from 'node:crypto'; randomUUID();", 'system randomness'],
    ['crypto.getRandomValues(new Uint8Array(4))', 'system randomness'],
    ["require('fs')", 'require'],
    ["import('node:fs').then(() => 0);", 'dynamic import'],
    ['setTimeout(() => 0, 10)', 'timers'],
  ])('rejects %s', async (code, words) => {
    const messages = await messagesFor(`export const x = () => { ${code.includes('import') ? '' : code} };\n${code.includes('import') ? code : ''}`);
    expect(messages.join('\n')).toContain(words.includes(' ') ? words : 'deterministic');
    expect(messages.some((m) => m.includes('deterministic'))).toBe(true);
  });

  it('allows a Date built from a sim time, and the same calls outside engine/', async () => {
    expect(await messagesFor('export const iso = (ms: number) => new Date(ms).toISOString();')).toEqual([]);
    expect(await messagesFor('export const t = () => Date.now();', 'cli/probe.ts')).toEqual([]);
  });
});
