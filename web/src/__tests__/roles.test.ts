// The role -> menu table follows the role table of docs/decisions/0004.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MENU, PERMISSIONS, ROLES, can, homeFor, menuFor, type Operation } from '../lib/roles';

const names = (role: string) => menuFor(role).map((m) => m.name);

describe('menuFor', () => {
  it('admin manages users and the audit log but sees no household', () => {
    expect(names('admin')).toEqual(['dashboard', 'analytics', 'standards', 'runs', 'audit', 'users']);
  });
  const CASES = ['cases', 'notices', 'applications', 'deadlines'];
  const SOURCES = ['sources', 'source-upload', 'source-quality', 'findings'];
  // Assistance (decision 0008): read by every role that reads cases.
  const ASSIST = ['plans', 'responsibility', 'measure-catalog'];
  it('province and prefecture see everything but audit and users, the dashboard first', () => {
    for (const role of ['province', 'prefecture']) {
      expect(names(role)).toEqual(['dashboard', 'analytics', 'assessment', 'samples', 'worklist', ...CASES, 'elimination', 'quality', ...ASSIST, 'households', 'warnings', 'imports', ...SOURCES, 'standards', 'runs']);
    }
  });
  it('county sees the same with its worklist first', () => {
    expect(names('county')).toEqual(['worklist', 'dashboard', 'analytics', 'assessment', 'samples', ...CASES, 'elimination', 'quality', ...ASSIST, 'households', 'warnings', 'imports', ...SOURCES, 'standards', 'runs']);
  });
  it('township and village see their worklist first, households, warnings and elimination but no imports or checks', () => {
    expect(names('township')).toEqual(['worklist', 'dashboard', 'analytics', ...CASES, 'elimination', ...ASSIST, 'households', 'warnings', 'sources', 'findings', 'standards', 'runs']);
    expect(names('village')).toEqual(['worklist', 'dashboard', 'analytics', ...CASES, 'elimination', ...ASSIST, 'households', 'warnings', 'findings', 'standards', 'runs']);
  });
  it('department sees aggregates, the cases (it records comparisons) and its sources but no household nor elimination', () => {
    expect(names('department')).toEqual(['dashboard', 'analytics', 'worklist', ...CASES, ...ASSIST, 'sources', 'source-upload', 'source-quality', 'standards', 'runs']);
  });
  it('auditor reads households, cases, elimination and its checks, sources and their quality, and the audit log', () => {
    expect(names('auditor')).toEqual(['dashboard', 'analytics', 'assessment', 'samples', 'worklist', ...CASES, 'elimination', 'quality', ...ASSIST, 'households', 'warnings', 'sources', 'source-quality', 'findings', 'standards', 'runs', 'audit']);
  });
  it('analytics for every role that reads the dashboard; assessment for province, prefecture, county and auditor', () => {
    expect(can('village', 'dashboard.read')).toBe(true);
    expect(can('township', 'assessment.read')).toBe(false);
    expect(can('county', 'assessment.config')).toBe(false);
    expect(can('province', 'assessment.config')).toBe(true);
  });
  it('the verification samples: read with the assessment, drawn by province and prefecture, visits recorded from the county up', () => {
    expect(ROLES.filter((r) => can(r, 'sample.draw'))).toEqual(['province', 'prefecture']);
    expect(ROLES.filter((r) => can(r, 'sample.record'))).toEqual(['province', 'prefecture', 'county']);
    expect(MENU.find((m) => m.name === 'samples')?.op).toBe('assessment.read');
  });
  it('an unknown role sees nothing', () => {
    expect(names('mayor')).toEqual([]);
    expect(names('')).toEqual([]);
  });
});

// The server's table (src/access/authorize.cc, kTable) read from its source: each operation the UI
// knows grants exactly the roles the server grants. (Narrower UI entries — elimination.propose,
// measure.record, lead.record — are not operations of the table and are tested below.)
describe('PERMISSIONS against access/authorize.cc', () => {
  const cc = readFileSync(fileURLToPath(new URL('../../../src/access/authorize.cc', import.meta.url)), 'utf8');
  const names = new Map([...cc.matchAll(/case Operation::(k\w+):\s*return "([a-z.]+)";/g)].map((m) => [m[1], m[2]]));
  const table = new Map<string, string[]>();
  for (const m of cc.matchAll(/\{Operation::(k\w+),\s*\{([^}]*)\}\}/g)) {
    const roles = [...m[2].matchAll(/k([A-Z]\w+)/g)].map((r) => r[1].toLowerCase()).sort();
    table.set(names.get(m[1]) ?? m[1], roles);
  }
  it('reads the whole table', () => {
    expect(table.size).toBeGreaterThanOrEqual(30);
    expect(table.get('plan.write')).toEqual(['county', 'township', 'village']);
    expect(table.get('finding.resolve')).toEqual(['township', 'village']);
  });
  for (const op of Object.keys(PERMISSIONS) as Operation[]) {
    it(`${op} grants what the server grants`, () => {
      if (!table.has(op)) return; // a UI-only narrowing, tested below
      expect([...PERMISSIONS[op]].sort()).toEqual(table.get(op));
    });
  }
});

describe('can', () => {
  it('only the province loads a standard', () => {
    expect(can('province', 'standard.load')).toBe(true);
    expect(can('prefecture', 'standard.load')).toBe(false);
    expect(can('admin', 'standard.load')).toBe(false);
  });
  it('what-if and screening are for province, prefecture and county', () => {
    expect(can('county', 'standard.whatif')).toBe(true);
    expect(can('township', 'standard.whatif')).toBe(false);
    expect(can('county', 'screening.run')).toBe(true);
    expect(can('auditor', 'screening.run')).toBe(false);
  });
  it('the administrator never reads a household file', () => {
    expect(can('admin', 'household.read')).toBe(false);
  });
  it('cases: read by every role but the administrator, acted on by county, township, village, department', () => {
    expect(can('admin', 'case.read')).toBe(false);
    expect(can('auditor', 'case.read')).toBe(true);
    expect(can('auditor', 'case.act')).toBe(false);
    expect(can('province', 'case.act')).toBe(false);
    for (const role of ['county', 'township', 'village', 'department']) expect(can(role, 'case.act')).toBe(true);
  });
});

describe('risk elimination (narrower than case.read and case.act, as the service is)', () => {
  it('only township and county officers propose an elimination', () => {
    expect(['county', 'township'].every((r) => can(r, 'elimination.propose'))).toBe(true);
    for (const role of ['village', 'department', 'prefecture', 'province', 'auditor', 'admin']) {
      expect(can(role, 'elimination.propose')).toBe(false);
    }
  });
  it('village, township and county officers record measures; departments do not', () => {
    expect(['village', 'township', 'county'].every((r) => can(r, 'measure.record'))).toBe(true);
    for (const role of ['department', 'prefecture', 'province', 'auditor', 'admin']) expect(can(role, 'measure.record')).toBe(false);
  });
  it('the quality checks are for the county, the levels above and the auditor', () => {
    expect(['county', 'prefecture', 'province', 'auditor'].every((r) => can(r, 'elimination.quality'))).toBe(true);
    for (const role of ['township', 'village', 'department', 'admin']) expect(can(role, 'elimination.quality')).toBe(false);
  });
  it("village and township officers record a household's lead; the county and departments do not", () => {
    expect(['village', 'township'].every((r) => can(r, 'lead.record'))).toBe(true);
    for (const role of ['county', 'department', 'prefecture', 'province', 'auditor', 'admin']) expect(can(role, 'lead.record')).toBe(false);
    for (const role of ['village', 'township']) expect(can(role, 'case.act')).toBe(true);
  });
  it('every role that may propose, record or check may also read cases', () => {
    for (const op of ['elimination.read', 'elimination.propose', 'measure.record', 'elimination.quality', 'lead.record'] as const) {
      for (const role of ['admin', 'province', 'prefecture', 'county', 'township', 'village', 'department', 'auditor']) {
        if (can(role, op)) expect(can(role, 'case.read')).toBe(true);
      }
    }
  });
});

describe('homeFor', () => {
  it('is the worklist for village, township and county', () => {
    for (const role of ['village', 'township', 'county']) expect(homeFor(role)).toBe('/worklist');
  });
  it('is the dashboard for the other roles', () => {
    for (const role of ['admin', 'province', 'prefecture', 'department', 'auditor', 'mayor']) expect(homeFor(role)).toBe('/dashboard');
  });
});
