#!/usr/bin/env node
// Derive scenarios/data/owners-ucs-2023.csv (norad,owner,users,purpose) from the
// UCS Satellite Database (edition 2023-01-01).
//
// Usage:
//   node scripts/make-owners.mjs /work/shared/data/ucs-satellite-database-2023-01.csv \
//        scenarios/data/owners-ucs-2023.csv
//
// Rules (see scenarios/data/PROVENANCE.md):
// - owner = ISO 3166-1 alpha-3 code of "Country of Operator/Owner" (value trimmed);
//   joint ownership "A/B/..." -> first listed country. Every listed part must be in
//   COUNTRY_CODES (so the map stays total); empty parts (e.g. "ESA/") are ignored.
// - Non-ISO codes: "ESA" -> ESA (European Space Agency), "Multinational" -> MNO
//   (multinational / intergovernmental organisation such as EUMETSAT, EUTELSAT, ASCO).
// - Any country name not in the map: exit 1 naming the value and the row.
// - Rows without a purely numeric NORAD number are skipped and counted.
// - Duplicate NORAD numbers: the first row in file order is kept, later ones are
//   dropped and reported on stderr.
// - Output sorted by NORAD number ascending; users/purpose copied trimmed.
// No dependencies beyond node: built-ins. Output is deterministic.

import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

/** Country name as written in UCS (trimmed) -> ISO 3166-1 alpha-3 (or org code). */
const COUNTRY_CODES = Object.freeze({
  Algeria: 'DZA',
  Angola: 'AGO',
  Argentina: 'ARG',
  Australia: 'AUS',
  Austria: 'AUT',
  Azerbaijan: 'AZE',
  Bangladesh: 'BGD',
  Belarus: 'BLR',
  Belgium: 'BEL',
  Bolivia: 'BOL',
  Brazil: 'BRA',
  Bulgaria: 'BGR',
  Canada: 'CAN',
  Chile: 'CHL',
  China: 'CHN',
  Colombia: 'COL',
  'Czech Republic': 'CZE',
  Denmark: 'DNK',
  Ecuador: 'ECU',
  Egypt: 'EGY',
  Estonia: 'EST',
  Ethiopia: 'ETH',
  Finland: 'FIN',
  France: 'FRA',
  Germany: 'DEU',
  Greece: 'GRC',
  Hungary: 'HUN',
  India: 'IND',
  Indonesia: 'IDN',
  Iran: 'IRN',
  Iraq: 'IRQ',
  Israel: 'ISR',
  Italy: 'ITA',
  Japan: 'JPN',
  Jordan: 'JOR',
  Kazakhstan: 'KAZ',
  Kuwait: 'KWT',
  Laos: 'LAO',
  Lithuania: 'LTU',
  Luxembourg: 'LUX',
  Malaysia: 'MYS',
  Mexico: 'MEX',
  Monaco: 'MCO',
  Morocco: 'MAR',
  Nepal: 'NPL',
  Netherlands: 'NLD',
  'New Zealand': 'NZL',
  Nigeria: 'NGA',
  Norway: 'NOR',
  Pakistan: 'PAK',
  Peru: 'PER',
  Poland: 'POL',
  Russia: 'RUS',
  'Saudi Arabia': 'SAU',
  Singapore: 'SGP',
  Sinapore: 'SGP', // typo in UCS 2023-01 (row "NeR")
  Slovenia: 'SVN',
  'South Africa': 'ZAF',
  'South Korea': 'KOR',
  Spain: 'ESP',
  'Sri Lanka': 'LKA',
  Sudan: 'SDN',
  Sweden: 'SWE',
  Switzerland: 'CHE',
  Taiwan: 'TWN',
  Thailand: 'THA',
  Tunisia: 'TUN',
  Turkey: 'TUR',
  Turkmenistan: 'TKM',
  USA: 'USA',
  Ukraine: 'UKR',
  'United Arab Emirates': 'ARE',
  'United Kingdom': 'GBR',
  UK: 'GBR', // as in "Poland/UK"
  Venezuela: 'VEN',
  Vietnam: 'VNM',
  // Organisations (not ISO 3166 countries)
  ESA: 'ESA', // European Space Agency
  Multinational: 'MNO', // multinational / intergovernmental organisation (EUMETSAT, EUTELSAT, ASCO, RASCOM, ...)
});

function die(msg) {
  process.stderr.write(`make-owners: ERROR: ${msg}\n`);
  process.exit(1);
}

/**
 * RFC 4180-style CSV parser: quoted fields may contain commas, doubled quotes and
 * newlines; accepts LF or CRLF; strips a UTF-8 BOM. Returns records with the
 * 1-based physical line on which each record starts.
 */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let fields = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field.length !== 0) die(`stray quote inside unquoted field at line ${line}`);
      inQuotes = true;
      i += 1;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
      line += 1;
      recordLine = line;
    } else if (c === '\n') {
      endRecord();
      i += 1;
      line += 1;
      recordLine = line;
    } else {
      field += c;
      i += 1;
    }
  }
  if (inQuotes) die(`unterminated quoted field starting in record at line ${recordLine}`);
  if (field.length !== 0 || fields.length !== 0) endRecord();
  return records;
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function columnIndex(header, name) {
  const idx = [];
  header.forEach((h, i) => {
    if (h.trim() === name) idx.push(i);
  });
  if (idx.length !== 1) die(`expected exactly one column "${name}", found ${idx.length}`);
  return idx[0];
}

function ownerCode(countryRaw, where) {
  const country = countryRaw.trim();
  const parts = country
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) die(`empty "Country of Operator/Owner" at ${where}`);
  for (const p of parts) {
    if (!Object.hasOwn(COUNTRY_CODES, p)) {
      die(`unmapped country name "${p}" (in "${country}") at ${where}`);
    }
  }
  return COUNTRY_CODES[parts[0]];
}

function main() {
  const [inPath, outPath] = process.argv.slice(2);
  if (!inPath || !outPath) {
    die('usage: node scripts/make-owners.mjs <ucs-satellite-database.csv> <owners-out.csv>');
  }
  const records = parseCsv(readFileSync(inPath, 'utf8'));
  if (records.length === 0) die(`${inPath} is empty`);
  const header = records[0].fields;
  const iName = columnIndex(header, 'Name of Satellite, Alternate Names');
  const iCountry = columnIndex(header, 'Country of Operator/Owner');
  const iUsers = columnIndex(header, 'Users');
  const iPurpose = columnIndex(header, 'Purpose');
  const iNorad = columnIndex(header, 'NORAD Number');
  const maxIdx = Math.max(iName, iCountry, iUsers, iPurpose, iNorad);

  const byNorad = new Map(); // norad -> { norad, owner, users, purpose, line, name }
  let dataRows = 0;
  let blank = 0;
  const skipped = [];
  const duplicates = [];
  for (let r = 1; r < records.length; r += 1) {
    const { line, fields } = records[r];
    if (fields.every((f) => f.trim() === '')) {
      blank += 1;
      continue;
    }
    dataRows += 1;
    const where = `record ${r + 1} (line ${line})`;
    if (fields.length <= maxIdx) die(`${where} has only ${fields.length} fields`);
    const name = fields[iName].trim();
    const owner = ownerCode(fields[iCountry], `${where}, satellite "${name}"`);
    const noradText = fields[iNorad].trim();
    if (!/^[0-9]+$/.test(noradText)) {
      skipped.push(`${where} "${name}" NORAD="${noradText}"`);
      continue;
    }
    const norad = Number.parseInt(noradText, 10);
    const row = {
      norad,
      owner,
      users: fields[iUsers].trim(),
      purpose: fields[iPurpose].trim(),
      line,
      name,
      country: fields[iCountry].trim(),
    };
    const first = byNorad.get(norad);
    if (first) {
      duplicates.push({ first, dropped: row });
      continue;
    }
    byNorad.set(norad, row);
  }

  const rows = [...byNorad.values()].sort((a, b) => a.norad - b.norad);
  const out = ['norad,owner,users,purpose'];
  for (const r of rows) {
    out.push([String(r.norad), r.owner, r.users, r.purpose].map(csvField).join(','));
  }
  writeFileSync(outPath, `${out.join('\n')}\n`);

  const log = (s) => process.stderr.write(`make-owners: ${s}\n`);
  log(`read ${dataRows} data rows from ${inPath}${blank ? ` (${blank} blank records ignored)` : ''}`);
  log(`skipped ${skipped.length} rows without a numeric NORAD number`);
  for (const s of skipped) log(`  skipped ${s}`);
  log(`dropped ${duplicates.length} rows with a duplicate NORAD number (first row kept)`);
  for (const { first, dropped } of duplicates.sort((a, b) => a.first.norad - b.first.norad)) {
    const same = first.owner === dropped.owner ? 'same owner' : 'OWNER DIFFERS';
    log(
      `  ${first.norad}: kept line ${first.line} "${first.name}" (${first.country} -> ${first.owner}),` +
        ` dropped line ${dropped.line} "${dropped.name}" (${dropped.country} -> ${dropped.owner}) [${same}]`,
    );
  }
  const counts = new Map();
  for (const r of rows) counts.set(r.owner, (counts.get(r.owner) ?? 0) + 1);
  const summary = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  log(`wrote ${rows.length} rows to ${outPath}`);
  log(`owners: ${summary}`);
}

main();
