// The role -> menu table follows the role table of docs/decisions/0004.
import { describe, expect, it } from 'vitest';
import { can, homeFor, menuFor } from '../lib/roles';

const names = (role: string) => menuFor(role).map((m) => m.name);

describe('menuFor', () => {
  it('admin manages users and the audit log but sees no household', () => {
    expect(names('admin')).toEqual(['dashboard', 'standards', 'runs', 'audit', 'users']);
  });
  it('province, prefecture and county see everything but audit and users', () => {
    for (const role of ['province', 'prefecture', 'county']) {
      expect(names(role)).toEqual(['dashboard', 'households', 'warnings', 'imports', 'standards', 'runs']);
    }
  });
  it('township and village see households and warnings but no imports', () => {
    for (const role of ['township', 'village']) {
      expect(names(role)).toEqual(['dashboard', 'households', 'warnings', 'standards', 'runs']);
    }
  });
  it('department sees aggregates only', () => {
    expect(names('department')).toEqual(['dashboard', 'standards', 'runs']);
  });
  it('auditor reads households and the audit log', () => {
    expect(names('auditor')).toEqual(['dashboard', 'households', 'warnings', 'standards', 'runs', 'audit']);
  });
  it('an unknown role sees nothing', () => {
    expect(names('mayor')).toEqual([]);
    expect(names('')).toEqual([]);
  });
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
});

describe('homeFor', () => {
  it('is the dashboard for every role', () => {
    expect(homeFor('village')).toBe('/dashboard');
    expect(homeFor('admin')).toBe('/dashboard');
  });
});
