// Browser tests of the web UI against the real server (issue 4, "Done when"): a village cadre, a
// county officer, an auditor, the language switch and a tablet, in headless Chromium. One
// registry and one server for the file; a fresh browser context per test; screenshots in ARTIFACTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PASSWORD, buildRegistry, launchBrowser, repo, requireWebDist, run, screenshot, startServer,
} from './support.mjs';

let reg;
let server;
let browser;
// The household the cadre opened in the first test; the auditor looks for that read.
let cadreRead = '';

before(async () => {
  requireWebDist();
  reg = buildRegistry({ households: 3000 });
  server = await startServer(reg.db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (reg) rmSync(reg.dir, { recursive: true, force: true });
});

// A fresh context (no cookies, no storage) and its page; closed after `body`.
async function withPage(options, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await body(page);
    assert.deepEqual(errors, [], 'uncaught errors in the page');
  } finally {
    await context.close();
  }
}

// An Element Plus input or textarea by its data-test attribute (on the field or its wrapper).
function field(page, name) {
  const n = `[data-test="${name}"]`;
  return page.locator(`input${n}, textarea${n}, ${n} input, ${n} textarea`).first();
}

// Through the login page: types the username and password, submits, waits to leave /login.
async function login(page, username, shot) {
  await page.goto(`${server.url}/login`);
  await field(page, 'login-username').pressSequentially(username);
  await field(page, 'login-password').pressSequentially(PASSWORD);
  if (shot) await screenshot(page, shot);
  await page.locator('[data-test="login-submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

// Waits for the API response of `path` (a prefix under /api/v1) that `action` causes.
async function apiCall(page, apiPath, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1${apiPath}`),
    action(),
  ]);
  return response;
}

// Waits until the table with data-test `name` shows no loading mask (Element Plus removes the
// mask after its fade-out).
async function settled(page, name) {
  await page.waitForFunction(
    (sel) => document.querySelectorAll(sel).length === 0, `[data-test="${name}"] .el-loading-mask`);
}

// The texts of the cells of each body row of the table with data-test `name`.
async function tableRows(page, name) {
  return page.locator(`[data-test="${name}"] .el-table__body tr`).evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

// The number in a pager's "total" text (共 N 条 / Total N).
async function pagerTotal(page, pager) {
  const text = await pager.locator('.el-pagination__total').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

// All rows of a paged list page: clicks "next" until the last page. `apiPath` is the list's API.
async function allPages(page, table, apiPath) {
  await settled(page, table);
  const pager = page.locator('.el-pagination').first();
  const rows = [...await tableRows(page, table)];
  const next = pager.locator('.btn-next');
  while (await next.isEnabled()) {
    await apiCall(page, apiPath, () => next.click());
    await settled(page, table);
    rows.push(...await tableRows(page, table));
  }
  return { rows, total: await pagerTotal(page, pager) };
}

function sorted(values) { return [...values].sort(); }

test('a village cadre sees only their village: households, warnings, a file and its explanation', async () => {
  const village = reg.village;
  const expectedIds = reg.households.filter((h) => h.village_code === village).map((h) => h.household_id);
  const expectedWarnings = expectedIds.filter((id) => reg.flagged.has(id));
  assert.ok(expectedIds.length > expectedWarnings.length && expectedWarnings.length > 0);

  await withPage({}, async (page) => {
    await login(page, 'e2e-village', 'village-01-login');
    const scopeName = (await page.locator('[data-test="user-scope"]').innerText()).trim();
    assert.ok(scopeName.length > 0, 'the top bar names the scope');

    // Household search: every row is a household of the village, and all of them are there.
    const households = await apiCall(page, '/households',
      () => page.locator('[data-test="menu-households"]').click());
    assert.equal(households.status(), 200);
    await page.locator('[data-test="household-row"]').first().waitFor();
    await screenshot(page, 'village-02-households');
    const { rows, total } = await allPages(page, 'households-table', '/households');
    assert.equal(total, expectedIds.length, `households of village ${village} in households.csv`);
    const ids = rows.map((r) => r[0]);
    for (const row of rows) {
      assert.equal(reg.villageOf(row[0]), village, `household ${row[0]} is of the cadre's village`);
      assert.equal(row[1], scopeName, `household ${row[0]} shows the cadre's village`);
    }
    assert.deepEqual(sorted(ids), sorted(expectedIds));

    // Warnings worklist: exactly the village's flagged households of flagged.csv.
    await apiCall(page, '/warnings', () => page.locator('[data-test="menu-warnings"]').click());
    await page.locator('[data-test="warning-row"]').first().waitFor();
    await screenshot(page, 'village-03-warnings');
    const warnings = await allPages(page, 'warnings-table', '/warnings');
    assert.equal(warnings.total, expectedWarnings.length);
    assert.deepEqual(sorted(warnings.rows.map((r) => r[0])), sorted(expectedWarnings));
    for (const row of warnings.rows) assert.equal(row[1], scopeName);

    // A household file from the worklist: members, and the rules that fired per flagged.csv.
    const id = expectedWarnings.sort()[0];
    const file = await apiCall(page, `/households/${id}`,
      () => page.locator('[data-test="warning-row"]', { hasText: id }).click());
    assert.equal(file.status(), 200);
    cadreRead = id;
    await page.locator('[data-test="explanation"]').waitFor();
    const memberRows = await tableRows(page, 'members-table');
    assert.deepEqual(sorted(memberRows.map((r) => r[0])), sorted(reg.membersOf(id).map((m) => m.name)));
    const fired = reg.flagged.get(id).rules;
    const outcomes = await page.locator('[data-test^="rule-result-"]').evaluateAll((tags) =>
      tags.map((t) => [t.dataset.test.replace('rule-result-', ''), t.dataset.outcome]));
    assert.ok(outcomes.length >= 9, 'every rule of the standard is explained');
    for (const [rule, outcome] of outcomes) {
      assert.equal(outcome, fired.includes(rule) ? 'fired' : 'not_fired', `rule ${rule} of ${id}`);
    }
    for (const rule of fired) assert.ok(outcomes.some(([r]) => r === rule), `rule ${rule} is shown`);
    await screenshot(page, 'village-04-household-file');
    await page.locator('[data-test="explanation"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'village-05-explanation');

    // Another village's household, opened by URL: forbidden, and none of its data on the page.
    const other = reg.households.find((h) => h.village_code !== village &&
      h.village_code.startsWith(village.slice(0, 9))) ??
      reg.households.find((h) => h.village_code !== village);
    const denied = await apiCall(page, `/households/${other.household_id}`,
      () => page.goto(`${server.url}/households/${other.household_id}`));
    assert.equal(denied.status(), 403);
    await page.locator('[data-test="household-forbidden"]').waitFor();
    assert.equal(await page.locator('[data-test="household-error"]').count(), 0);
    assert.equal(await page.locator('[data-test="members-table"]').count(), 0);
    const text = await page.locator('body').innerText();
    for (const m of reg.membersOf(other.household_id)) {
      assert.ok(!text.includes(m.name), `member name ${m.name} of another village is not shown`);
    }
    await screenshot(page, 'village-06-other-village-forbidden');
  });
});

test('a county officer edits a draft standard and runs a what-if', async () => {
  const county = reg.scopes.county;
  await withPage({}, async (page) => {
    await login(page, 'e2e-county');
    await page.locator('[data-test="menu-standards"]').click();
    await page.locator('[data-test="standard-row"]').first().waitFor();
    await screenshot(page, 'county-01-standards');

    // The 2024 standard of the province, then a draft from it with a higher line.
    await page.locator('[data-test="standard-row"]', { hasText: '2024' }).click();
    await page.locator('[data-test="standard-edit"]').click();
    const editor = field(page, 'draft-toml');
    await page.waitForFunction(() => document.querySelector('textarea')?.value.includes('[line]'));
    const original = await editor.inputValue();
    const shipped = readFileSync(path.join(repo, 'config/standards/63-2024.toml'), 'utf8');
    const amount = /^\[line\]\namount = "(\d+\.\d\d)"$/m;
    const line = amount.exec(shipped)[1];
    assert.equal(amount.exec(original)?.[1], line, 'the draft starts from the shipped 2024 standard');
    const raised = (Number(line) + 2500).toFixed(2);
    const draft = original.replace(amount, `[line]\namount = "${raised}"`);
    assert.notEqual(draft, original);
    await editor.fill(draft);
    const whatif = await apiCall(page, '/whatif', () => page.locator('[data-test="whatif-run"]').click());
    assert.equal(whatif.status(), 200);
    await page.locator('[data-test="whatif-result"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'county-02-whatif');

    // The same comparison by the CLI: the in-force 2024 standard against the draft as typed.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'xianjie-e2e-draft-'));
    let expected;
    try {
      const draftFile = path.join(tmp, 'draft.toml');
      writeFileSync(draftFile, await editor.inputValue());
      const cli = JSON.parse(run(['whatif', '--db', reg.db, '--standard', '63-2024', '--vs', draftFile, '--json']));
      expected = cli.counties.find((c) => c.county_code === county);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    assert.ok(expected, `the CLI's what-if has county ${county}`);
    assert.ok(expected.entering > 0, 'raising the line brings households in');
    const kpi = async (id) => Number((await page.locator(`[data-test="kpi-${id}"] .value`).innerText()).replace(/,/g, ''));
    assert.equal(await kpi('entering'), expected.entering);
    assert.equal(await kpi('leaving'), expected.leaving);
    assert.equal(await kpi('flagged-a'), expected.flagged_a);
    assert.equal(await kpi('flagged-b'), expected.flagged_b);
  });
});

test("an auditor finds the audit entry of the cadre's read", async () => {
  assert.ok(cadreRead, 'the village cadre test opened a household file');
  await withPage({}, async (page) => {
    await login(page, 'e2e-auditor');
    await apiCall(page, '/audit', () => page.locator('[data-test="menu-audit"]').click());
    await field(page, 'audit-user').fill('e2e-village');
    await field(page, 'audit-action').fill('household.read');
    await field(page, 'audit-subject').fill(cadreRead);
    const res = await apiCall(page, '/audit', () => page.locator('[data-test="audit-search"]').click());
    assert.equal(res.status(), 200);
    await settled(page, 'audit-table');
    const entries = await page.locator('[data-test="audit-table"] .el-table__body tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const td = [...tr.querySelectorAll('td')];
        return { user: td[2].innerText.trim(), action: td[3].querySelector('[title]')?.title, subject: td[4].innerText.trim() };
      }));
    await screenshot(page, 'auditor-01-audit');
    assert.ok(entries.length >= 1, 'the read is in the audit log');
    for (const e of entries) assert.deepEqual(e, { user: 'e2e-village', action: 'household.read', subject: cadreRead });
  });
});

test('the UI is in Chinese by default and switches to English', async () => {
  await withPage({ locale: 'en-US' }, async (page) => {
    await page.goto(`${server.url}/login`);
    assert.equal((await page.locator('[data-test="login-submit"]').innerText()).trim(), '登录');
    await page.locator('[data-test="locale-switch"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'English' }).click();
    await page.locator('[data-test="login-submit"]', { hasText: 'Log in' }).waitFor();
    await login(page, 'e2e-village');
    assert.equal((await page.locator('[data-test="menu-households"]').innerText()).trim(), 'Households');
    await screenshot(page, 'language-01-english');
  });
});

test('on a tablet the village cadre reaches the household search through the collapsed menu', async () => {
  await withPage({ viewport: { width: 768, height: 1024 }, hasTouch: true }, async (page) => {
    await login(page, 'e2e-village', 'tablet-01-login');
    // The shell collapses the menu to icons below 1100 px (after its first render).
    await page.locator('[data-test="side-menu"].el-menu--collapse').waitFor({ timeout: 5000 });
    await screenshot(page, 'tablet-02-home');
    await apiCall(page, '/households', () => page.locator('[data-test="menu-households"]').tap());
    await page.waitForURL((u) => u.pathname === '/households');
    await page.locator('[data-test="household-row"]').first().waitFor();
    const rows = await tableRows(page, 'households-table');
    assert.ok(rows.length > 0);
    for (const row of rows) assert.equal(reg.villageOf(row[0]), reg.village);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
              'the page fits the tablet width');
    await screenshot(page, 'tablet-03-households');
  });
});
