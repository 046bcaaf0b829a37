/**
 * `vigil run --export-picture NATION`: a nation's picture at the end of the run in the formats every SSA
 * tool reads, under <out>/pictures/: NATION.omm.kvn (CCSDS OMM 2.0 KVN, one message per object),
 * NATION.omm.json (CelesTrak GP JSON) and NATION.tle (three-line element sets). Correlated tracks keep
 * the object's name and catalog number; uncorrelated tracks go out as analyst objects under the
 * nation's designation (NORAD numbers 80000 + the UCT number, the range 18 SDS uses for analyst
 * objects), so nothing in the file names an object the nation has not identified.
 *
 * The nation's conjunction warnings (its own and partners') go out as CCSDS CDMs, one file per message
 * under <out>/pictures/NATION-cdm/ (scenarios/catalog/write-cdm.ts).
 *
 * Every file carries the exercise marking and the picture's classification (a COMMENT in KVN, an
 * EXERCISE_MARKING key in JSON, a '#' line in TLE). Each file reads back as a scenario catalog.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pictureFor, pictureOrbits, type Sim } from '../engine/index.js';
import { isoUtc, simTimeMs } from '../engine/time.js';
import { ommRecordOf, type OmmRecord } from '../scenarios/catalog/mean-elements.js';
import { toOmmJson, toOmmKvn, toTle, TLE_NORAD_ID_MAX } from '../scenarios/catalog/write.js';
import { toCdmKvnMany, type CdmInput } from '../scenarios/catalog/write-cdm.js';
import { makeDirs } from './make-dirs.js';

/** First NORAD number of analyst objects (uncorrelated tracks). */
export const ANALYST_NORAD_BASE = 80_000;

/**
 * The TLE/OMM one-letter classification of a level: U for the scenario's lowest level, C and S for
 * levels named CONFIDENTIAL and SECRET (or starting so), S for anything higher; the full marking goes in
 * the comments and the JSON keys.
 */
export function classificationLetter(level: string, levels: readonly string[]): 'U' | 'C' | 'S' {
  if (levels.indexOf(level) <= 0) return 'U';
  return level.toUpperCase().startsWith('C') ? 'C' : 'S';
}

export function exportPicture(sim: Sim, nation: string, outDir: string): string[] {
  const dir = join(outDir, 'pictures');
  makeDirs(dir);
  const picture = pictureFor(sim, nation);
  const levels = sim.model.classificationLevels;
  const banner = `${sim.model.marking} - ${nation} picture, ${picture.classification}`;
  const when = isoUtc(simTimeMs(sim.time, sim.tick));
  const records: OmmRecord[] = pictureOrbits(sim, nation).map((p) => {
    const quality = `uncertainty ${p.uncertaintyKm.toFixed(3)} km, age ${p.ageS.toFixed(0)} s, custody ${p.custody ? 'yes' : 'no'}, classified ${p.classification}, last item ${p.marking}`;
    const identity = p.uctNumber > 0
      ? { OBJECT_NAME: p.designation, OBJECT_ID: 'UNKNOWN', NORAD_CAT_ID: ANALYST_NORAD_BASE + p.uctNumber, COMMENT: `${p.noradId === null && p.name === null ? 'uncorrelated track' : 'track under the nation\'s designation'}; ${quality}` }
      : { COMMENT: `track of ${p.designation}; ${quality}` };
    return {
      ...ommRecordOf({ name: p.name ?? p.designation, orbit: p.orbit }, identity),
      CLASSIFICATION_TYPE: classificationLetter(p.classification, levels),
      CLASSIFICATION: p.classification,
      EXERCISE_MARKING: sim.model.marking,
    };
  });
  const base = join(dir, nation);
  const files = [`${base}.omm.kvn`, `${base}.omm.json`, `${base}.tle`];
  const header = [banner, `picture at ${when}, ${records.length} objects`];
  // An empty picture still says whose it is and how it is marked (a KVN of comments only).
  writeFileSync(files[0], records.length > 0 ? toOmmKvn(records, { originator: `VIGIL ${nation}`, creationDateUtc: when, comment: header }) : header.map((c) => `COMMENT ${c}\n`).join(''));
  writeFileSync(files[1], toOmmJson(records, ['CLASSIFICATION', 'EXERCISE_MARKING']));
  const tle = records.filter((r) => Number(r.NORAD_CAT_ID) <= TLE_NORAD_ID_MAX).map((r) => toTle(r).join('\n'));
  writeFileSync(files[2], `# ${banner}\n# picture at ${when}\n${tle.join('\n')}${tle.length > 0 ? '\n' : ''}`);
  if (picture.conjunctions.length > 0) files.push(...exportCdms(sim, nation, picture.conjunctions, dir));
  return files;
}

/**
 * One CDM per conjunction warning the nation holds, in <dir>/NATION-cdm/. A warning whose agreement
 * stripped the velocities cannot make a CDM (it needs both states): it is counted, and said on stderr.
 * Message ids are the warning's own (owner, designations, TCA), made unique should two clean to one.
 */
function exportCdms(sim: Sim, nation: string, warnings: ReturnType<typeof pictureFor>['conjunctions'], dir: string): string[] {
  const cdmDir = join(dir, `${nation}-cdm`);
  makeDirs(cdmDir);
  const used = new Set<string>();
  let positionsOnly = 0;
  const inputs: CdmInput[] = [];
  for (const w of warnings) {
    const c = w.status;
    const v1 = c.object1.velTemeKmps, v2 = c.object2.velTemeKmps;
    if (v1 === null || v2 === null) {
      positionsOnly++;
      continue;
    }
    const object = (o: typeof c.object1, vel: [number, number, number]) => ({
      id: o.designation, name: o.name, noradId: o.noradId, internationalDesignator: null,
      posTemeKm: o.posTemeKm, velTemeKmps: vel, sigmaKm: o.sigmaKm, maneuverable: 'N/A' as const,
    });
    const base = `${w.owner}-${c.conjunction}`.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
    let messageId = base;
    for (let k = 2; used.has(messageId); k++) messageId = `${base}-DUP${k}`;
    used.add(messageId);
    inputs.push({
      marking: `${sim.model.marking} - ${nation} picture - ${w.marking}`, originator: `VIGIL ${w.owner}`, messageFor: nation,
      messageId, creationUtcMs: Date.parse(w.asOfUtc), tcaUtcMs: Date.parse(c.tcaUtc),
      missKm: Math.hypot(c.object1.posTemeKm[0] - c.object2.posTemeKm[0], c.object1.posTemeKm[1] - c.object2.posTemeKm[1], c.object1.posTemeKm[2] - c.object2.posTemeKm[2]),
      pc: c.pc, pcMethod: 'FOSTER-1992', hardBodyRadiusM: c.hardBodyRadiusM, object1: object(c.object1, v1), object2: object(c.object2, v2),
    });
  }
  if (positionsOnly > 0) process.stderr.write(`vigil: ${nation}: ${positionsOnly} conjunction warning(s) arrived without velocities (stripped by agreement): no CDM for them\n`);
  return toCdmKvnMany(inputs).map((f) => {
    const path = join(cdmDir, f.fileName);
    writeFileSync(path, f.text);
    return path;
  });
}
