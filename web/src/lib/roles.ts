// The role table of docs/decisions/0004 (access/authorize.cc) as the UI needs it: which
// operations a role may use, and so which menu entries it sees.

export type Role =
  | 'admin' | 'province' | 'prefecture' | 'county' | 'township' | 'village' | 'department' | 'auditor';

export const ROLES: Role[] = [
  'admin', 'province', 'prefecture', 'county', 'township', 'village', 'department', 'auditor',
];

export type Operation =
  | 'dashboard.read' | 'household.list' | 'household.read' | 'warning.list' | 'run.list'
  | 'standard.read' | 'screening.run' | 'standard.whatif' | 'standard.load' | 'registry.import'
  | 'import.read' | 'export' | 'audit.read' | 'user.admin';

const ALL: Role[] = ROLES;
const HOUSEHOLDS: Role[] = ['province', 'prefecture', 'county', 'township', 'village', 'auditor'];
const UPPER: Role[] = ['province', 'prefecture', 'county'];

export const PERMISSIONS: Record<Operation, Role[]> = {
  'dashboard.read': ALL,
  'household.list': HOUSEHOLDS,
  'household.read': HOUSEHOLDS,
  'warning.list': HOUSEHOLDS,
  'run.list': ALL,
  'standard.read': ALL,
  'screening.run': UPPER,
  'standard.whatif': UPPER,
  'standard.load': ['province'],
  'registry.import': UPPER,
  'import.read': UPPER,
  'export': UPPER,
  'audit.read': ['admin', 'auditor'],
  'user.admin': ['admin'],
};

export function isRole(value: string): value is Role {
  return (ROLES as string[]).includes(value);
}

// True when `role` may perform `op`; an unknown role may do nothing.
export function can(role: string | null | undefined, op: Operation): boolean {
  if (!role || !isRole(role)) return false;
  return PERMISSIONS[op].includes(role);
}

export interface MenuEntry {
  name: string;     // route name
  path: string;
  op: Operation;    // the operation the page needs
  labelKey: string; // i18n key
  icon: string;     // Element Plus icon component name
}

export const MENU: MenuEntry[] = [
  { name: 'dashboard', path: '/dashboard', op: 'dashboard.read', labelKey: 'menu.dashboard', icon: 'DataAnalysis' },
  { name: 'households', path: '/households', op: 'household.list', labelKey: 'menu.households', icon: 'House' },
  { name: 'warnings', path: '/warnings', op: 'warning.list', labelKey: 'menu.warnings', icon: 'Warning' },
  { name: 'imports', path: '/imports', op: 'import.read', labelKey: 'menu.imports', icon: 'Upload' },
  { name: 'standards', path: '/standards', op: 'standard.read', labelKey: 'menu.standards', icon: 'Document' },
  { name: 'runs', path: '/runs', op: 'run.list', labelKey: 'menu.runs', icon: 'Cpu' },
  { name: 'audit', path: '/audit', op: 'audit.read', labelKey: 'menu.audit', icon: 'Lock' },
  { name: 'users', path: '/users', op: 'user.admin', labelKey: 'menu.users', icon: 'User' },
];

// The menu entries `role` may see, in menu order.
export function menuFor(role: string | null | undefined): MenuEntry[] {
  return MENU.filter((entry) => can(role, entry.op));
}

// The page to land on after login: the first menu entry of the role, or the dashboard.
export function homeFor(role: string | null | undefined): string {
  return menuFor(role)[0]?.path ?? '/dashboard';
}
