/** The real `vigil` binary, spawned: exit codes, stdout/stderr, files written. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin/vigil.js');
const SMALL = join(ROOT, 'scenarios/demo-small.yaml');

function vigil(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, VIGIL_DEBUG: '', VIGIL_CACHE_DIR: CACHE } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'vigil-cli-'));
/** The prepared-orbit cache of these runs: private to the test, never the user's. */
const CACHE = mkdtempSync(join(tmpdir(), 'vigil-cli-cache-'));

describe('vigil run: agreements and pictures', () => {
  const COALITION = join(ROOT, 'scenarios/coalition-ssa.yaml');

  it('--without-agreement and --export-picture name scenario ids; anything else is bad input before work (exit 2)', () => {
    const out = tmp();
    let r = vigil('run', COALITION, '--until', '1m', '--out', out, '--without-agreement', 'usa-fvy');
    expect(r.code).toBe(2);
    expect(r.err).toContain("--without-agreement 'usa-fvy' is not an agreement of the scenario; did you mean 'usa-fvey'?");
    r = vigil('run', COALITION, '--until', '1m', '--out', out, '--export-picture', 'GBX');
    expect(r.code).toBe(2);
    expect(r.err).toContain("did you mean 'GBR'?");
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('runs without an agreement and exports a marked picture in three formats', () => {
    const out = tmp();
    const r = vigil('run', COALITION, '--until', '5m', '--out', out, '--without-agreement', 'usa-jpn', '--export-picture', 'GBR', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.withoutAgreements).toEqual(['usa-jpn']);
    expect(summary.agreements.map((a: { id: string }) => a.id)).not.toContain('usa-jpn');
    expect(summary.nations.find((n: { id: string }) => n.id === 'GBR').tracks).toBeGreaterThan(0);
    for (const ext of ['omm.kvn', 'omm.json', 'tle']) {
      const text = readFileSync(join(out, 'pictures', `GBR.${ext}`), 'utf8');
      expect(text, ext).toContain('UNCLASSIFIED // EXERCISE');
    }
    expect(readFileSync(join(out, 'pictures', 'GBR.omm.kvn'), 'utf8')).toMatch(/^CCSDS_OMM_VERS {6}= 2\.0$/m);
  });
});

describe('vigil run: the PNT denial footprint', () => {
  it('writes every receiver point with its availability; their mean is the receiver availability in the summary', () => {
    const out = tmp();
    const r = vigil('run', join(ROOT, 'scenarios/gnss-denial.yaml'), '--out', out, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    const lines = readFileSync(join(out, 'pnt-points.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('# UNCLASSIFIED // EXERCISE');
    const rows = lines.slice(2).map((l) => l.split(','));
    for (const rec of summary.pnt.receivers as { id: string; points: number; availability: number; minutesDeniedPerPoint: number }[]) {
      const mine = rows.filter((x) => x[0] === rec.id);
      expect(mine, rec.id).toHaveLength(rec.points);
      const mean = mine.reduce((a, x) => a + Number(x[6]), 0) / mine.length;
      expect(mean, rec.id).toBeCloseTo(rec.availability, 3);
      const denied = mine.reduce((a, x) => a + Number(x[7]), 0) / mine.length;
      expect(denied, rec.id).toBeCloseTo(rec.minutesDeniedPerPoint, 0);
    }
  });
});

describe('vigil (spawned binary)', () => {
  it('--help lists the commands and exits 0', () => {
    const r = vigil('--help');
    expect(r.code).toBe(0);
    for (const c of ['validate', 'run', 'access', 'schema']) expect(r.out).toContain(`vigil ${c}`);
  });

  it('an unknown command or missing argument exits 2 with a plain message', () => {
    const r = vigil('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/vigil: /);
    expect(vigil('validate').code).toBe(2);
    expect(vigil().code).toBe(2);
  });

  it('validate prints a one-line summary of a good scenario', () => {
    const r = vigil('validate', SMALL);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toContain('OK  [UNCLASSIFIED // EXERCISE]');
    expect(r.out).toContain('3 objects');
    const j = JSON.parse(vigil('validate', SMALL, '--json').out);
    expect(j).toMatchObject({ ok: true, objects: 3, sensors: 2, injects: 3, ticks: 2160 });
  });

  it('validate reports every problem with file:line:col, the line and a caret, exit 2, no stack trace', () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, ['vigil: 1', 'name: Bad', 'epoch: 2026-03-19T00:00:00Z', 'duration: 6 hours', 'sites:', '  - { id: s1, owner: GBR, latDeg: 95, lonDeg: 0 }', ''].join('\n'));
    const r = vigil('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:4:11 {2}BAD_DURATION/);
    expect(r.err).toMatch(/bad\.yaml:6:35 {2}OUT_OF_RANGE {2}sites\[0\]\.latDeg must be at most 90, found 95/);
    const source = '  - { id: s1, owner: GBR, latDeg: 95, lonDeg: 0 }';
    expect(r.err).toContain(` 6 | ${source}\n   | ${' '.repeat(source.indexOf('95'))}^^\n`);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
    expect(r.out).toBe('');
  });

  it('validate --json reports problems as JSON on stdout (exit 2)', () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'vigil: 1\nname: Bad\nepoch: 2026-03-19T00:00:00Z\nduration: 6 hours\n');
    const r = vigil('validate', file, '--json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    expect(j.ok).toBe(false);
    expect(j.problems).toMatchObject([{ line: 4, col: 11, code: 'BAD_DURATION' }]);
  });

  it('an output folder that cannot be made fails fast (no endless mkdir on /proc)', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', SMALL, '--out', '/proc/vigil-nope', '--until', '10s'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, VIGIL_CACHE_DIR: CACHE } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot create the output folder');
  });

  it('access refuses an interval past the scenario end, and a negative --until is an error, not help', () => {
    expect(vigil('access', SMALL, '--from', 'vardo-radar', '--to', 'iss', '--until', '9h').code).toBe(2);
    const r = vigil('run', SMALL, '--until', '-1h', '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain("run 'vigil run --help'");
  });

  it('a missing file and a directory are bad input (exit 2)', () => {
    const missing = vigil('validate', join(ROOT, 'no-such.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('FILE_NOT_FOUND');
    const dir = vigil('run', ROOT);
    expect(dir.code).toBe(2);
    expect(dir.err).toContain('IS_DIRECTORY');
  });

  it('run writes events.jsonl, hashes.txt and summary.json, all marked, and prints a marked summary', () => {
    const out = tmp();
    const r = vigil('run', SMALL, '--out', out, '--until', '2h', '--seed', '5');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toBe('==== UNCLASSIFIED // EXERCISE ====');
    expect(r.out).toContain('ran tick 720');
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'header', marking: 'UNCLASSIFIED // EXERCISE', seed: 5 });
    expect(events.slice(1).map((e) => e.kind)).toEqual(['sim-start', 'inject', 'inject']);
    const hashes = readFileSync(join(out, 'hashes.txt'), 'utf8').trim().split('\n');
    expect(hashes[0]).toBe('# UNCLASSIFIED // EXERCISE');
    expect(hashes.filter((l) => !l.startsWith('#'))).toHaveLength(721);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ marking: 'UNCLASSIFIED // EXERCISE', tick: 720, seed: 5, complete: true, propagator: 'wasm' });
    expect(hashes.at(-1)).toBe(`720 ${summary.stateHash}`);
  });

  it('run --json prints the summary as JSON; the js propagator is selectable and recorded', () => {
    const out = tmp();
    const r = vigil('run', SMALL, '--out', out, '--until', '10m', '--json', '--propagator', 'js');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ tick: 60, propagator: 'js' });
  });

  it('run rejects --until past the end and a bad seed (exit 2)', () => {
    expect(vigil('run', SMALL, '--until', '7h', '--out', tmp()).err).toContain("past the scenario's end");
    expect(vigil('run', SMALL, '--until', '7h', '--out', tmp()).code).toBe(2);
    expect(vigil('run', SMALL, '--until', 'soon', '--out', tmp()).code).toBe(2);
    expect(vigil('run', SMALL, '--seed', '-3', '--out', tmp()).code).toBe(2);
    const abc = vigil('run', SMALL, '--seed', 'abc', '--out', tmp());
    expect(abc.code).toBe(2);
    expect(abc.err).toBe("vigil: --seed must be a whole number from 0 to 4294967295, got 'abc'\n");
  });

  it('run refuses an output file it cannot write before doing any work (exit 2)', () => {
    const out = tmp();
    mkdirSync(join(out, 'events.jsonl'));
    const r = vigil('run', SMALL, '--out', out, '--until', '10m');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vigil: cannot write '.*events\.jsonl': .*choose another folder with --out\n$/);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('run rejects a run index that is not a whole number (exit 2)', () => {
    for (const bad of ['abc', '-1', '1.5']) {
      const r = vigil('run', SMALL, '--run-index', bad, '--out', tmp(), '--until', '1m');
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('--run-index');
    }
  });

  it('access lists passes as a table and as JSON (object by id or NORAD number)', () => {
    const r = vigil('access', SMALL, '--from', 'fylingdales-radar', '--to', 'iss');
    expect(r.code, r.err).toBe(0);
    // The ISS does not rise over Yorkshire between 06:00 and 12:00 that day (test/reference/access.iss.test.ts).
    expect(r.out).toContain('access fylingdales-radar -> iss (ISS (ZARYA))');
    expect(r.out).toContain('no access in this interval');
    const j = JSON.parse(vigil('access', SMALL, '--from', 'vardo-radar', '--to', '99001', '--json').out);
    expect(j.object).toMatchObject({ id: 'polar-imager', noradId: 99001 });
    expect(j.marking).toBe('UNCLASSIFIED // EXERCISE');
    expect(j.windows.length).toBeGreaterThan(0);
    for (const w of j.windows) {
      expect(w.setMs).toBeGreaterThan(w.riseMs);
      expect(w.maxElevationDeg).toBeGreaterThanOrEqual(3);
    }
  });

  it('access names a wrong sensor or object with a hint (exit 2)', () => {
    const r = vigil('access', SMALL, '--from', 'fylingdale-radar', '--to', 'iss');
    expect(r.code).toBe(2);
    expect(r.err).toContain("did you mean 'fylingdales-radar'?");
    expect(vigil('access', SMALL, '--from', 'fylingdales-radar', '--to', 'hubble').code).toBe(2);
  });

  it('schema prints the checked-in JSON Schema', () => {
    const r = vigil('schema');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(ROOT, 'scenarios/scenario.schema.json'), 'utf8'));
  });

  it('run refuses an output folder that is a file (exit 2, plain message, nothing touched)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'not a folder');
    const r = vigil('run', SMALL, '--out', join(dir, 'file'), '--until', '1m');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vigil: cannot create the output folder .*file.*choose another with --out\n$/);
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('not a folder');
  });
});

describe('vigil run interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops after the current tick and keeps everything done so far (exit %i)', async (signal, exitCode) => {
    const { spawn } = await import('node:child_process');
    const out = tmp();
    const child = spawn(process.execPath, [BIN, 'run', join(ROOT, 'scenarios/catalog-2026-03.yaml'), '--out', out], { cwd: ROOT, env: { ...process.env, VIGIL_CACHE_DIR: CACHE } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until ticks are being written, then interrupt.
    const hashesFile = join(out, 'hashes.txt');
    for (let i = 0; i < 200 && !(existsSync(hashesFile) && readFileSync(hashesFile, 'utf8').split('\n').length > 20); i++) await new Promise((r) => setTimeout(r, 100));
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, stderr).toBe(exitCode);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.complete).toBe(false);
    expect(summary.tick).toBeGreaterThan(10);
    expect(summary.tick).toBeLessThan(2160);
    const lines = readFileSync(hashesFile, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toHaveLength(summary.tick + 1);
    expect(lines.at(-1)).toBe(`${summary.tick} ${summary.stateHash}`);
  });
});
