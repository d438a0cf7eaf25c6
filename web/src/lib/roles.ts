// The role table of docs/decisions/0004 (access/authorize.cc) as the UI needs it: which
// operations a role may use, and so which menu entries it sees. The risk-elimination entries at
// the end are narrower than the table's case.read and case.act: the service allows proposals
// and measures to some of those roles only (service/elimination.h), and the pages belong to the
// work of some of them.

export type Role =
  | 'admin' | 'province' | 'prefecture' | 'county' | 'township' | 'village' | 'department' | 'auditor';

export const ROLES: Role[] = [
  'admin', 'province', 'prefecture', 'county', 'township', 'village', 'department', 'auditor',
];

export type Operation =
  | 'dashboard.read' | 'household.list' | 'household.read' | 'warning.list' | 'run.list'
  | 'standard.read' | 'screening.run' | 'standard.whatif' | 'standard.load' | 'registry.import'
  | 'import.read' | 'export' | 'audit.read' | 'user.admin' | 'case.read' | 'case.act' | 'workflow.limits'
  | 'source.read' | 'source.upload' | 'quality.read' | 'finding.read' | 'finding.resolve' | 'check.run'
  | 'plan.write' | 'plan.justify' | 'measure.catalog' | 'assessment.read' | 'assessment.config'
  | 'sample.draw' | 'sample.record'
  | 'elimination.read' | 'elimination.propose' | 'measure.record' | 'elimination.quality' | 'lead.record';

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
  'case.read': ['province', 'prefecture', 'county', 'township', 'village', 'department', 'auditor'],
  'case.act': ['county', 'township', 'village', 'department'],
  'workflow.limits': ['province'],
  // Department data (decision 0006): sources and uploads, uploading, and quality over time.
  'source.read': ['province', 'prefecture', 'county', 'township', 'department', 'auditor'],
  'source.upload': ['province', 'prefecture', 'county', 'department'],
  'quality.read': ['province', 'prefecture', 'county', 'department', 'auditor'],
  // Cross-check findings (疑点): read by the levels of the registry, resolved by the village and
  // township that go and look, run again on demand by the county and above.
  'finding.read': HOUSEHOLDS,
  'finding.resolve': ['township', 'village'],
  'check.run': UPPER,
  // Assistance (decision 0008): plans, their measures, responsible persons and visits are written
  // by the levels that assist the household; a failing coordination check is justified by the
  // county; the measures catalogue is the province's.
  'plan.write': ['county', 'township', 'village'],
  'plan.justify': ['county'],
  'measure.catalog': ['province'],
  // Assessment (DOMAIN.md §10): scorecards read by the county, the levels above and auditors;
  // configured by the province; the verification sample drawn from the prefecture up, its
  // visits recorded from the county up.
  'assessment.read': ['province', 'prefecture', 'county', 'auditor'],
  'assessment.config': ['province'],
  'sample.draw': ['province', 'prefecture'],
  'sample.record': ['province', 'prefecture', 'county'],
  // Risk elimination (DOMAIN.md §8). 风险消除: the candidates of the scope, read by the levels
  // that assist, review, approve or supervise (departments compare data, they do not eliminate).
  'elimination.read': HOUSEHOLDS,
  // The township reviews and the county approves: only they propose (ProposeElimination).
  'elimination.propose': ['township', 'county'],
  // Measures are the work of those who assist the household (RecordMeasure).
  'measure.record': ['village', 'township', 'county'],
  // 消除质量: the checks over eliminations, for the county and the levels and auditors above it.
  'elimination.quality': ['province', 'prefecture', 'county', 'auditor'],
  // An officer's lead (POST /leads, DOMAIN.md §5.1): a household's application received at the
  // village or township office, or a cadre's visit. Narrower than case.act: the workflow table
  // lets only village and township officers join a lead to an open case (join_lead), and the
  // county's and departments' leads come from screening (department_warning).
  'lead.record': ['village', 'township'],
};

// The roles whose day is the procedure's steps: their worklist comes first and is their home.
export const WORKLIST_FIRST: Role[] = ['village', 'township', 'county'];

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
  // Analytics and assessment (decision 0008).
  { name: 'analytics', path: '/analytics', op: 'dashboard.read', labelKey: 'menu.analytics', icon: 'PieChart' },
  { name: 'assessment', path: '/assessment', op: 'assessment.read', labelKey: 'menu.assessment', icon: 'Medal' },
  { name: 'samples', path: '/samples', op: 'assessment.read', labelKey: 'menu.samples', icon: 'Aim' },
  { name: 'worklist', path: '/worklist', op: 'case.read', labelKey: 'menu.worklist', icon: 'Bell' },
  { name: 'cases', path: '/cases', op: 'case.read', labelKey: 'menu.cases', icon: 'Tickets' },
  { name: 'notices', path: '/notices', op: 'case.read', labelKey: 'menu.notices', icon: 'Notification' },
  { name: 'applications', path: '/applications', op: 'case.read', labelKey: 'menu.applications', icon: 'Document' },
  { name: 'deadlines', path: '/deadlines', op: 'case.read', labelKey: 'menu.deadlines', icon: 'Timer' },
  { name: 'elimination', path: '/elimination', op: 'elimination.read', labelKey: 'menu.elimination', icon: 'CircleCheck' },
  { name: 'quality', path: '/elimination/quality', op: 'elimination.quality', labelKey: 'menu.quality', icon: 'DocumentChecked' },
  // Assistance (decision 0008): plans, responsible persons and visits, the measures catalogue;
  // read with the cases (the service's case.read), written by those who assist (plan.write).
  { name: 'plans', path: '/plans', op: 'case.read', labelKey: 'menu.plans', icon: 'Memo' },
  { name: 'responsibility', path: '/responsibility', op: 'case.read', labelKey: 'menu.responsibility', icon: 'Avatar' },
  { name: 'measure-catalog', path: '/measure-catalog', op: 'case.read', labelKey: 'menu.measureCatalog', icon: 'Collection' },
  { name: 'households', path: '/households', op: 'household.list', labelKey: 'menu.households', icon: 'House' },
  { name: 'warnings', path: '/warnings', op: 'warning.list', labelKey: 'menu.warnings', icon: 'Warning' },
  { name: 'imports', path: '/imports', op: 'import.read', labelKey: 'menu.imports', icon: 'Upload' },
  // Department data (decision 0006) and the cross-checks' findings (疑点).
  { name: 'sources', path: '/sources', op: 'source.read', labelKey: 'menu.sources', icon: 'Connection' },
  { name: 'source-upload', path: '/source-upload', op: 'source.upload', labelKey: 'menu.sourceUpload', icon: 'UploadFilled' },
  { name: 'source-quality', path: '/source-quality', op: 'quality.read', labelKey: 'menu.sourceQuality', icon: 'TrendCharts' },
  { name: 'findings', path: '/findings', op: 'finding.read', labelKey: 'menu.findings', icon: 'Search' },
  { name: 'standards', path: '/standards', op: 'standard.read', labelKey: 'menu.standards', icon: 'Document' },
  { name: 'runs', path: '/runs', op: 'run.list', labelKey: 'menu.runs', icon: 'Cpu' },
  { name: 'audit', path: '/audit', op: 'audit.read', labelKey: 'menu.audit', icon: 'Lock' },
  { name: 'users', path: '/users', op: 'user.admin', labelKey: 'menu.users', icon: 'User' },
];

// The menu entries `role` may see, in menu order; the worklist first for the roles that work
// the cases' steps.
export function menuFor(role: string | null | undefined): MenuEntry[] {
  const entries = MENU.filter((entry) => can(role, entry.op));
  if (!role || !(WORKLIST_FIRST as string[]).includes(role)) return entries;
  return [...entries.filter((e) => e.name === 'worklist'), ...entries.filter((e) => e.name !== 'worklist')];
}

// The page to land on after login: the first menu entry of the role (the worklist for village,
// township and county), or the dashboard.
export function homeFor(role: string | null | undefined): string {
  return menuFor(role)[0]?.path ?? '/dashboard';
}
