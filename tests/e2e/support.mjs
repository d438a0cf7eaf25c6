// Shared set-up of the end-to-end tests: a registry built with the real CLI (generate, import,
// screen, one user per role), the real server on a free port, and Debian's Chromium driven by
// playwright-core. Environment: XIANJIE (the binary), WEB_DIST (the built UI), ARTIFACTS (where
// screenshots go), all set by CTest (tests/e2e/CMakeLists.txt).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const xianjie = process.env.XIANJIE ?? path.join(repo, 'build/dev/xianjie');
export const webDist = process.env.WEB_DIST ?? path.join(repo, 'web/dist');
export const artifacts = process.env.ARTIFACTS ?? path.join(repo, 'build/e2e-artifacts');

export const PASSWORD = 'e2e-Passw0rd!';

// Throws unless the built UI is there: the tests must fail, not skip, without it.
export function requireWebDist() {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`no ${path.join(webDist, 'index.html')}: build the UI first: scripts/build-web.sh`);
  }
}

export function run(args) {
  return execFileSync(xianjie, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// Rows of a CSV file as objects by header name (the exchange format quotes no field).
export function readCsv(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    if (line.includes('"')) throw new Error(`${file}: quoted CSV fields are not expected: ${line}`);
    const fields = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
}

function groupBy(rows, key) {
  const map = new Map();
  for (const row of rows) {
    if (!map.has(row[key])) map.set(row[key], []);
    map.get(row[key]).push(row);
  }
  return map;
}

// A database with `households` generated households, screened under Qinghai's 2024 standard, and
// one user per role named e2e-<role>. The users are scoped to one village (village, township,
// county, prefecture) or the province: the village with the most flagged households that also
// has a household not flagged (so that the worklist differs from the household list), the most
// households breaking ties. Returns what the tests compare the UI with, all read from the files
// the CLI wrote: {dir, db, village, scopes, households (rows of households.csv),
// membersOf(id), flagged (Map id → {rules, proposed_type}), villageOf(id)}.
export function buildRegistry({ households = 3000 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xianjie-e2e-'));
  const data = path.join(dir, 'data');
  const db = path.join(dir, 'xianjie.db');
  run(['generate', '--households', String(households), '--seed', '7', '--out', data]);
  run(['init', '--db', db]);
  run(['import', '--db', db, '--households', path.join(data, 'households.csv'),
       '--members', path.join(data, 'members.csv'), '--as-of', '2024-09-01']);
  const flaggedCsv = path.join(dir, 'flagged.csv');
  run(['screen', '--db', db, '--province', '63', '--year', '2024', '--out', flaggedCsv]);

  const householdRows = readCsv(path.join(data, 'households.csv'));
  const members = groupBy(readCsv(path.join(data, 'members.csv')), 'household_id');
  const flagged = new Map(readCsv(flaggedCsv).map((r) => [
    r.household_id, { rules: r.rules.split(';').filter(Boolean), proposed_type: r.proposed_type },
  ]));
  const villageOf = new Map(householdRows.map((h) => [h.household_id, h.village_code]));
  const byVillage = groupBy(householdRows, 'village_code');

  let village = '';
  let best = [-1, -1];
  for (const [code, rows] of [...byVillage.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const nFlagged = rows.filter((h) => flagged.has(h.household_id)).length;
    if (nFlagged === 0 || nFlagged === rows.length) continue;
    if (nFlagged > best[0] || (nFlagged === best[0] && rows.length > best[1])) {
      village = code;
      best = [nFlagged, rows.length];
    }
  }
  if (!village) throw new Error('no village has both flagged and unflagged households');

  const scopes = {
    admin: '63', province: '63', prefecture: village.slice(0, 4), county: village.slice(0, 6),
    township: village.slice(0, 9), village, department: village.slice(0, 6), auditor: '63',
  };
  for (const [role, scope] of Object.entries(scopes)) {
    run(['user', 'add', '--db', db, '--username', `e2e-${role}`, '--password', PASSWORD,
         '--role', role, '--scope', scope]);
  }
  return {
    dir, db, village, scopes, households: householdRows, flagged,
    villageOf: (id) => villageOf.get(id),
    membersOf: (id) => members.get(id) ?? [],
  };
}

// Starts `xianjie serve` on a free port; resolves to {url, stop()} once it listens. The output
// is kept (the last 64 KiB) for the error message when it exits early. `extraArgs` are more
// options of serve (e.g. ['--now-offset-days', '6']).
export function startServer(db, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(xianjie, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', webDist, ...extraArgs],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let listening = false;
    const onData = (chunk) => {
      out = (out + chunk).slice(-65536);
      const m = !listening && out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        listening = true;
        resolve({
          url: m[1],
          output: () => out,
          stop: () => new Promise((done) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return done();
            proc.once('exit', done);
            proc.kill('SIGTERM');
          }),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code, signal) => {
      if (!listening) reject(new Error(`xianjie serve exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

// Signs in to the API of a running server as `username` and returns {get(path), post(path, body)}
// under /api/v1 with the session cookie and the CSRF token; each resolves to the parsed JSON or
// throws with the status and body. For preparing what the CLI has no command for (an officer's
// lead).
export async function apiSession(url, username, password = PASSWORD) {
  const login = await fetch(`${url}/api/v1/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login of ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  const call = async (method, apiPath, body) => {
    const res = await fetch(`${url}/api/v1${apiPath}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${apiPath} as ${username}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { get: (apiPath) => call('GET', apiPath), post: (apiPath, body) => call('POST', apiPath, body) };
}

// Headless Chromium from Debian with the flags of ARCHITECTURE.md §5. playwright-core is a dev
// dependency of the web package (no browser download). Each test opens its own context:
// `browser.newContext()`.
export async function launchBrowser() {
  const requireFromWeb = createRequire(path.join(repo, 'web/package.json'));
  const { chromium } = requireFromWeb('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
