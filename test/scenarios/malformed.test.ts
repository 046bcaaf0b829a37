/**
 * Every malformed scenario in test/fixtures/bad/ gives exactly the problems it should: code, line and
 * column (and, for problems inside a catalog or owner file, that file's name). One row per fixture; a
 * fixture holds one fault unless its name says otherwise (multi-fault-*: several, reported at once).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioFile, loadScenarioText } from '../../scenarios/load.js';
import { didYouMean, formatProblem, ScenarioError, type Problem, type ProblemCode } from '../../scenarios/problems.js';

const BAD = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

interface Expected {
  code: ProblemCode;
  line: number;
  col: number;
  /** The data file the problem is in (relative to test/fixtures/bad/); default: the scenario itself. */
  in?: string;
  /** Words the message must contain. */
  says?: string;
}

const e = (code: ProblemCode, line: number, col: number, more: Omit<Expected, 'code' | 'line' | 'col'> = {}): Expected => ({ code, line, col, ...more });

/** [fixture (relative to test/fixtures/bad/), what it tests, every problem expected, in output order]. */
const CASES: [string, string, Expected[]][] = [
  // files
  ['empty.yaml', 'empty file', [e('EMPTY_FILE', 0, 0, { says: 'is empty' })]],
  ['data', 'a directory given as the scenario', [e('IS_DIRECTORY', 0, 0, { says: 'is a directory' })]],
  ['no-such-scenario.yaml', 'a scenario file that does not exist', [e('FILE_NOT_FOUND', 0, 0, { says: 'does not exist' })]],
  // YAML
  ['yaml-bad-indent.yaml', 'bad indentation', [e('YAML_SYNTAX', 8, 11, { says: 'BLOCK_AS_IMPLICIT_KEY' }), e('YAML_SYNTAX', 8, 11, { says: 'MULTILINE_IMPLICIT_KEY' })]],
  // yaml reports an unclosed quote where the text ends (line 8 is the empty line after the last newline).
  ['yaml-unclosed-quote.yaml', 'unclosed quote', [e('YAML_SYNTAX', 8, 1, { says: 'Missing closing "quote' })]],
  ['yaml-unclosed-bracket.yaml', 'unclosed bracket', [e('YAML_SYNTAX', 10, 37, { says: 'end with a ]' }), e('YAML_SYNTAX', 10, 38, { says: 'end with a }' })]],
  ['duplicate-key.yaml', 'duplicate YAML key', [e('DUPLICATE_KEY', 8, 1, { says: "key 'duration' appears twice in this mapping" })]],
  ['top-level-list.yaml', 'a list instead of a mapping', [e('NOT_A_MAPPING', 2, 1, { says: 'holds a list' })]],
  // schema
  ['unknown-key-did-you-mean.yaml', 'unknown key with did-you-mean', [e('UNKNOWN_KEY', 14, 5, { says: "unknown key 'elevationMinDeg' in sensors[0]; did you mean 'elevationDegMin'?" })]],
  ['unknown-top-level-key.yaml', 'unknown top-level key', [e('UNKNOWN_KEY', 5, 1, { says: "unknown key 'startTime' in (top level)" })]],
  ['missing-epoch.yaml', 'missing required key', [e('REQUIRED', 2, 1, { says: 'epoch is required' })]],
  ['wrong-type.yaml', 'wrong type', [e('TYPE', 14, 17, { says: "sensors[0].rangeKmMax must be a number, found the text '4800 km'" })]],
  ['lat-out-of-range.yaml', 'value out of range', [e('OUT_OF_RANGE', 9, 44, { says: 'sites[0].latDeg must be at most 90, found 95' })]],
  ['bad-enum-side.yaml', 'bad enum value, allowed values listed', [e('INVALID_VALUE', 8, 36, { says: "nations[1].side must be one of 'blue', 'red', 'neutral', found the text 'purple'" })]],
  ['bad-enum-did-you-mean.yaml', 'bad enum value with did-you-mean', [e('INVALID_VALUE', 8, 11, { says: "did you mean 'rocket-body'?" })]],
  ['bad-duration.yaml', 'bad duration', [e('BAD_DURATION', 5, 11, { says: "found the text '6 hours'" })]],
  ['bad-epoch-feb30.yaml', 'epoch on 30 February', [e('BAD_EPOCH', 4, 8, { says: "'2026-02-30T00:00:00Z' is not a valid UTC time" })]],
  ['bad-epoch-not-utc.yaml', 'epoch with a time-zone offset', [e('BAD_EPOCH', 4, 8, { says: 'UTC time' })]],
  ['unsupported-version.yaml', 'vigil: 2', [e('UNSUPPORTED_VERSION', 2, 8, { says: 'the file says 2' })]],
  // meaning
  ['duplicate-id.yaml', 'duplicate id across sections', [e('DUPLICATE_ID', 11, 9, { says: "id 'fylingdales' is already used at line 9" })]],
  ['unknown-site.yaml', 'unknown sensor site', [e('UNKNOWN_REF', 13, 11, { says: "site 'fylingdale' is not declared" })]],
  ['unknown-owner.yaml', 'unknown owner nation with did-you-mean', [e('UNKNOWN_REF', 11, 12, { says: "nation 'GRB' is not declared under nations:; did you mean 'GBR'?" })]],
  ['coalition-cycle.yaml', 'coalition cycle (reported on both edges)', [e('INVALID_VALUE', 11, 37, { says: 'NORTH -> FVEY -> NORTH' }), e('INVALID_VALUE', 12, 28, { says: 'FVEY -> NORTH -> FVEY' })]],
  ['inject-outside.yaml', 'inject after the end', [e('OUT_OF_SCENARIO', 8, 22, { says: "inject 'endex' falls at 7h, after the scenario ends (duration 6h)" })]],
  ['classification-not-in-levels.yaml', 'classification not in the levels', [e('BAD_CLASSIFICATION', 13, 21, { says: "'CONFIDENTIAL' is not one of the scenario's levels" })]],
  ['montecarlo-missing-id.yaml', 'Monte Carlo path to a missing id', [e('UNKNOWN_REF', 15, 13, { says: "no sensors entry has id 'fylingdales-radr'; did you mean 'fylingdales-radar'?" })]],
  // orbits
  ['tle-bad-checksum.yaml', 'inline TLE checksum (column 69 of the TLE line, 6 spaces in)', [e('TLE_CHECKSUM', 11, 75, { says: "checksum is '7' but columns 1-68 sum to 8" })]],
  ['tle-missing-line.yaml', 'inline TLE with one line', [e('TLE_MISSING_LINE', 8, 10)]],
  ['two-orbit-sources.yaml', 'tle and elements', [e('ORBIT_SOURCE', 7, 5, { says: 'gives tle and elements' })]],
  // catalogs
  ['catalog-missing-file.yaml', 'catalog file that does not exist', [e('FILE_NOT_FOUND', 7, 11, { says: 'no-such-catalog.tle' })]],
  ['catalog-corrupt-tle.yaml', 'corrupt line in a catalog file', [e('TLE_FORMAT', 6, 9, { in: 'data/corrupt.tle', says: "columns 9-16 must hold the inclination, found ' 28.4X25'" })]],
  ['catalog-bad-omm.yaml', 'bad record in a GP JSON catalog', [e('OMM_FORMAT', 17, 3, { in: 'data/bad-gp.json', says: "record 1 (POLAR IMAGER 2): field MEAN_MOTION is not a number ('fast')" })]],
  ['owners-unknown-default.yaml', 'default owner not declared', [e('UNKNOWN_REF', 10, 24, { says: "owner 'UAS' is neither declared under nations: nor a code of the owner data; did you mean 'USA'?" })]],
  ['owners-bad-override-key.yaml', 'owner override keyed by a name, not a NORAD number', [e('FORMAT', 12, 34, { says: "key 'ISS' in catalogs[0].owners.overrides must be a NORAD catalog number" })]],
  ['owners-bad-row.yaml', 'bad row in an owner file', [e('CSV_FORMAT', 3, 7, { in: 'data/owners-bad.csv', says: "owner 'esa' is not a three-letter nation code" })]],
  // several faults at once, sorted by position although found in another order
  ['multi-fault-schema.yaml', 'three shape faults', [e('OUT_OF_RANGE', 6, 102), e('UNKNOWN_KEY', 8, 38), e('BAD_DURATION', 11, 11)]],
  ['multi-fault-meaning.yaml', 'three meaning faults', [e('OUT_OF_SCENARIO', 7, 21), e('UNKNOWN_REF', 13, 49), e('DUPLICATE_ID', 15, 11)]],
];

function load(fixture: string): { problems: Problem[]; sources: Map<string, string> } {
  const r = loadScenarioFile(join(BAD, fixture));
  if (r.ok) throw new Error(`${fixture} loaded without errors`);
  return r.value;
}

describe('malformed scenarios (test/fixtures/bad)', () => {
  it.each(CASES)('%s: %s', (fixture, _what, expected) => {
    const { problems } = load(fixture);
    expect(problems.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual(expected.map((x) => `${x.code} ${x.line}:${x.col}`));
    problems.forEach((p, i) => {
      const x = expected[i];
      expect(resolve(p.file)).toBe(join(BAD, x.in ?? fixture));
      expect(p.severity).toBe('error');
      expect(p.length).toBeGreaterThanOrEqual(1);
      if (x.says) expect(p.message).toContain(x.says);
    });
  });

  it('covers every fixture in the folder', async () => {
    const { readdirSync } = await import('node:fs');
    const listed = new Set(CASES.map(([f]) => f));
    const onDisk = readdirSync(BAD).filter((f) => f.endsWith('.yaml'));
    expect(onDisk.filter((f) => !listed.has(f))).toEqual([]);
    expect(onDisk.length).toBeGreaterThanOrEqual(20);
  });

  it('reports all three faults of a file at once, sorted by position', () => {
    for (const fixture of ['multi-fault-schema.yaml', 'multi-fault-meaning.yaml']) {
      const { problems } = load(fixture);
      expect(problems).toHaveLength(3);
      const order = problems.map((p) => p.line * 1000 + p.col);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(problems.map((p) => p.line)).size).toBe(3);
    }
  });

  it('loadScenario throws a ScenarioError carrying every problem', () => {
    let caught: unknown;
    try {
      loadScenario(join(BAD, 'multi-fault-schema.yaml'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).problems).toHaveLength(3);
    expect((caught as ScenarioError).message).toBe('scenario has 3 error(s)');
  });
});

describe('onBadEntry', () => {
  it('skip: a corrupt catalog entry becomes a warning in its file, and the good entries load', () => {
    const r = loadScenarioText('vigil: 1\nname: x\nepoch: 2026-03-19T06:00:00Z\nduration: 6h\ncatalogs:\n  - { file: data/corrupt.tle, onBadEntry: skip }\n', 't.yaml', BAD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.model.objects.map((o) => o.id)).toEqual(['NORAD-25544']);
    expect(r.value.warnings.map((p) => [resolve(p.file), p.line, p.col, p.code, p.severity])).toEqual([[join(BAD, 'data/corrupt.tle'), 6, 9, 'TLE_FORMAT', 'warning']]);
    expect(r.value.warnings[0].message).toContain("(skipped: onBadEntry is 'skip')");
  });
});

describe('formatProblem', () => {
  it('prints file:line:col, code, message, the source line and a caret under the fault', () => {
    const { problems, sources } = load('tle-bad-checksum.yaml');
    const text = formatProblem(problems[0], (f) => sources.get(f));
    const [head, src, caret] = text.split('\n');
    expect(head).toBe(`${join(BAD, 'tle-bad-checksum.yaml')}:11:75  TLE_CHECKSUM  checksum is '7' but columns 1-68 sum to 8 (mod 10): the line is corrupt`);
    expect(src).toBe(' 11 |       2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557797');
    expect(caret).toBe(`    | ${' '.repeat(74)}^`);
    // The caret sits under the checksum digit.
    expect(src[caret.indexOf('^')]).toBe('7');
    expect(caret.indexOf('^')).toBe(src.length - 1);
  });

  it('underlines the whole value and prints problems in data files with their own line', () => {
    const lat = load('lat-out-of-range.yaml');
    const [, src, caret] = formatProblem(lat.problems[0], (f) => lat.sources.get(f)).split('\n');
    expect(src.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('95');

    const tle = load('catalog-corrupt-tle.yaml');
    const out = formatProblem(tle.problems[0], (f) => tle.sources.get(f)).split('\n');
    expect(out[0]).toMatch(/corrupt\.tle:6:9 {2}TLE_FORMAT {2}/);
    expect(out[1]).toBe(' 6 | 2 20580  28.4X25 336.3997 0001574 225.3944 134.6524 15.29626908774743');
    expect(out[1].slice(out[2].indexOf('^'), out[2].lastIndexOf('^') + 1)).toBe(' 28.4X25');
  });

  it('puts the caret under the reported column for every positioned problem of every fixture', () => {
    for (const [fixture] of CASES) {
      const { problems, sources } = load(fixture);
      for (const p of problems) {
        const lines = formatProblem(p, (f) => sources.get(f)).split('\n');
        if (p.line === 0) {
          expect(lines).toEqual([`${p.file}  ${p.code}  ${p.message}`]);
          continue;
        }
        expect(lines).toHaveLength(3);
        const bar = lines[1].indexOf(' | ') + 3;
        expect(lines[2].indexOf(' | ') + 3).toBe(bar);
        expect(lines[2].indexOf('^') - bar + 1).toBe(p.col);
      }
    }
  });

  it('prints the header alone when the source is unknown, and marks warnings', () => {
    const p: Problem = { file: 'x.yaml', line: 3, col: 2, length: 4, code: 'TLE_CHECKSUM', message: 'm', severity: 'warning' };
    expect(formatProblem(p, () => undefined)).toBe('x.yaml:3:2  warning TLE_CHECKSUM  m');
  });
});

describe('loader fixes found while writing the fixtures', () => {
  const header = 'vigil: 1\nname: x\nepoch: 2026-03-19T06:00:00Z\nduration: 6h\n';
  const problemsOf = (text: string): Problem[] => {
    const r = loadScenarioText(text, 't.yaml', BAD);
    return r.ok ? r.value.warnings : r.value.problems;
  };

  it('suggests keys whose words come in another order or are spelled out', () => {
    expect(didYouMean('elevationMinDeg', ['elevationDegMin', 'rangeKmMax'])).toBe("; did you mean 'elevationDegMin'?");
    expect(didYouMean('maxRangeKm', ['elevationDegMin', 'rangeKmMax'])).toBe("; did you mean 'rangeKmMax'?");
    expect(didYouMean('altMeters', ['latDeg', 'lonDeg', 'altM'])).toBe("; did you mean 'altM'?");
    expect(didYouMean('colour', ['id', 'name', 'side'])).toBe('');
    expect(problemsOf(`${header}sites:\n  - { id: s, owner: GBR, latDeg: 1, lonDeg: 1, altMeters: 3 }\n`)[0].message).toContain("did you mean 'altM'?");
  });

  it("says vigil: '1' (text) is a type fault, not another version", () => {
    const [p] = problemsOf(header.replace('vigil: 1', 'vigil: "1"'));
    expect(p.code).toBe('INVALID_VALUE');
    expect(p.message).toBe("vigil must be 1, found the text '1'");
  });

  it('accepts a default owner the owner data brings in, whatever the order of the catalogs', () => {
    const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
    const gps = '{ file: data/gnss-2026-03/gps.tle, owners: { file: data/owners-ucs-2023.csv, default: USA } }';
    // ESA is not declared: it comes in with the UCS owner file (Galileo is listed under ESA there).
    const galileo = '{ file: data/gnss-2026-03/galileo.tle, owners: { file: data/owners-ucs-2023.csv, default: ESA } }';
    for (const order of [[gps, galileo], [galileo, gps]]) {
      const r = loadScenarioText(`${header}nations: [{ id: USA }]\ncatalogs:\n${order.map((c) => `  - ${c}\n`).join('')}`, 't.yaml', SCENARIOS);
      expect(r.ok ? [] : r.value.problems.map((p) => p.message)).toEqual([]);
      if (r.ok) expect(r.value.model.objects.filter((o) => o.owner === 'ESA').length).toBeGreaterThan(0);
    }
  });

  it('says what an idPrefix may hold instead of printing the pattern', () => {
    const [p] = problemsOf(`${header}catalogs:\n  - { file: data/good.tle, idPrefix: "GPS " }\n`);
    expect([p.code, p.line, p.col]).toEqual(['FORMAT', 6, 38]);
    expect(p.message).toBe("catalogs[0].idPrefix must be letters, digits, _ . : - only (no spaces), found the text 'GPS '");
  });

  it('points NOT_A_MAPPING at the content, and names a file of comments only', () => {
    const [list] = problemsOf('# a comment\n\n- a\n- b\n');
    expect([list.code, list.line, list.col]).toEqual(['NOT_A_MAPPING', 3, 1]);
    const [comments] = problemsOf('# nothing here yet\n');
    expect([comments.code, comments.line, comments.col]).toEqual(['NOT_A_MAPPING', 1, 1]);
    expect(comments.message).toContain('no content');
  });
});
