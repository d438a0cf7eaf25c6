// English messages. Keys must match zh-CN.ts (checked by a test).
export default {
  app: { name: 'Xianjie relapse monitoring', short: 'XJ' },
  common: {
    actions: 'Actions', back: 'Back', cancel: 'Cancel', confirm: 'OK', empty: 'No data', error: 'Something went wrong',
    no: 'No', yes: 'Yes', refresh: 'Refresh', reset: 'Reset', save: 'Save', search: 'Search', user: 'User',
  },
  shell: { changePassword: 'Change password', langEn: 'English', langZh: '中文', logout: 'Log out', toggleMenu: 'Toggle menu' },
  menu: {
    dashboard: 'Dashboard', households: 'Households', warnings: 'Warnings', imports: 'Imports', standards: 'Standards',
    runs: 'Screening runs', audit: 'Audit log', users: 'Users',
  },
  login: {
    username: 'Username', password: 'Password', submit: 'Log in', required: 'Enter your username and password',
    failed: 'Wrong username or password', locked: 'Too many failed logins; try again later',
  },
  password: {
    title: 'Change password', old: 'Current password', new: 'New password', again: 'New password again',
    mismatch: 'The two new passwords differ', changed: 'Password changed; please log in again',
  },
  notFound: { title: 'Page not found', home: 'Go to the start page' },
  filters: {
    name: 'Name of head or member', idNumber: 'ID number', householdId: 'Household id', region: 'Region',
    type: 'Object type', rule: 'Rule', newOnly: 'New warnings only',
  },
  dashboard: {
    households: 'Households', members: 'Members', screened: 'Screened', flagged: 'Flagged', rate: 'Flagged rate',
    newWarnings: 'New warnings', byRule: 'Flagged households by rule', byType: 'By proposed type', byArea: 'By area',
    trend: 'Trend over screening runs', area: 'Area', myScope: 'Back to my scope', noRun: 'No screening run yet',
    runInfo: 'Run {id}, {at}, year {year}, standard: {standard}',
  },
  household: {
    title: 'Household file', id: 'Household id', village: 'Village', head: 'Head', headId: 'Head ID number',
    members: 'Members', perCapita: 'Net income per person', status: 'Status', proposedType: 'Proposed type',
    notFlagged: 'Not flagged', version: 'Version', batch: 'Import batch', updatedAt: 'Updated', housingSafe: 'Safe housing',
    waterSafe: 'Safe water', membersTitle: 'Members', screeningTitle: 'Screening results',
    forbiddenTitle: 'You may not see this household', forbiddenText: 'This household lies outside your scope. Ask an administrator above you if you need it.',
    exportCsv: 'Export CSV', exportHint: 'Every household of this search with its members; ID numbers masked. The export is recorded in the audit log.',
  },
  member: {
    name: 'Name', idNumber: 'ID number', relation: 'Relation', sex: 'Sex', age: 'Age', labor: 'Labour', health: 'Health',
    school: 'School', enrolled: 'Enrolled', medInsured: 'Medical ins.', pensionInsured: 'Pension ins.', shares: 'Shares household',
  },
  income: {
    title: 'Income', wage: 'Wage income', business: 'Business income', property: 'Property income',
    transfer: 'Transfer income', productionCosts: 'Production costs', net: 'Net income', prevNet: 'Previous net income',
    countedMembers: 'Counted members', perCapita: 'Net income per person', belowLine: 'below the line of {line}',
    aboveLine: 'not below the line of {line}',
  },
  rigid: { title: 'Rigid spending', medical: 'Medical', education: 'Education', other: 'Other', total: 'Total' },
  explanation: {
    title: 'Explanation', standard: 'Standard', screened: 'Screened', notScreened: 'Not screened (no counted member)',
    typeBecause: 'Why this type', rule: 'Rule', result: 'Result', outcome: { fired: 'Fired', not_fired: 'Not fired', unknown: 'Unknown (data missing)' }, when: 'Condition',
    because: 'Because', risk: 'Suggested risk',
  },
  history: {
    title: 'History', version: 'Version {v} (batch {batch})', field: 'Field', member: 'Member', before: 'Before',
    after: 'After', noChanges: 'No field changed',
  },
  warnings: {
    rules: 'Rules fired', risks: 'Risks', new: 'New', newTag: 'New', runInfo: 'Run {id}, {at}, year {year}',
  },
  imports: {
    newImport: 'Import households and members', files: { households: 'Households file households.csv', members: 'Members file members.csv' },
    start: 'Upload and import', upload: 'Upload', pickBoth: 'Choose both the households and the members file',
    state: 'State', phase: 'Phase', rows: 'Rows done', downloadQuarantine: 'Download quarantined rows (CSV, to fix and re-submit)',
    history: 'Past imports', batch: 'Batch', startedAt: 'Started', source: 'Source', csv: 'Quarantine CSV', file: 'File',
    read: 'Read', accepted: 'Accepted', quarantined: 'Quarantined', newHouseholds: 'New households',
    changedHouseholds: 'Changed households', unchangedHouseholds: 'Unchanged households',
    withoutCounted: 'Households without counted members', quarantineRule: 'Quarantine reason',
  },
  standard: {
    title: 'Standard', name: 'Name', province: 'Province', county: 'County', year: 'Year', inForce: 'In force',
    loadedAt: 'Loaded', origin: 'Origin', builtin: 'Built in', hash: 'Content hash', line: 'Line (yuan per person per year)',
    rules: 'Rules', ruleId: 'Rule id', toml: 'Standard text (TOML)', editDraft: 'Edit as a draft', newDraft: 'New draft',
  },
  draft: {
    title: 'Draft standard', basedOn: 'Based on {name}', check: 'Check', whatif: 'Run what-if', load: 'Load as the standard in force',
    loadTitle: 'Load standard', loadConfirm: 'Once loaded this standard is in force and the next screening uses it. Load it?',
    loaded: 'Standard {name} loaded', ok: 'Check passed: no problem found', at: 'line {line}, column {column}',
  },
  whatif: {
    flaggedA: 'Flagged under the standard in force', flaggedB: 'Flagged under the draft', entering: 'Entering',
    leaving: 'Leaving', byCounty: 'By county', byType: 'By type', households: 'Changed households (first 200)',
    county: 'County', code: 'Code', change: 'Change', typeA: 'Type in force', typeB: 'Type under draft',
    compare: 'Comparing {a} (in force) with {b} (draft)',
  },
  runs: {
    id: 'Run', startedAt: 'Started', evaluated: 'Evaluated', incremental: 'Incremental', seconds: 'Seconds',
    run: 'Run screening', start: 'Start', done: 'Screening done: run {id}, {flagged} households flagged',
  },
  audit: {
    seq: 'Seq', time: 'Time', user: 'User', action: 'Action', subject: 'Subject', detail: 'Detail', verify: 'Verify chain',
    intact: 'The chain is intact: {n} entries', broken: 'The chain breaks at entry {seq}: {reason}',
  },
  users: {
    title: 'Users', add: 'Add user', username: 'Username', displayName: 'Name', role: 'Role', scope: 'Scope',
    scopeHint: 'Region code prefix, e.g. 63, 6301, 630121', state: 'State', disabled: 'Disabled', active: 'Active',
    createdAt: 'Created', passwordChangedAt: 'Password changed', resetPassword: 'Reset password',
    resetFor: 'Reset the password of {name}', disable: 'Disable', enable: 'Enable',
    disableConfirm: 'Disable user {name}? Their sessions end at once.', enableConfirm: 'Enable user {name}?',
    added: 'User {name} added', passwordReset: 'Password of {name} reset',
  },
  codes: {
    status: { lifted: 'Lifted household', ordinary: 'Ordinary household' },
    relation: {
      head: 'Head', spouse: 'Spouse', child: 'Child', child_in_law: 'Child-in-law', grandchild: 'Grandchild',
      parent: 'Parent', grandparent: 'Grandparent', sibling: 'Sibling', other: 'Other',
    },
    sex: { M: 'Male', F: 'Female' },
    labor: { skilled: 'Skilled', ordinary: 'Ordinary', weak: 'Weak or partial', lost: 'Lost', none: 'None' },
    health: { healthy: 'Healthy', chronic: 'Chronic illness', serious: 'Serious illness', disabled: 'Disabled' },
    school_stage: {
      none: 'Not in school', preschool: 'Preschool', primary: 'Primary', junior: 'Junior secondary',
      senior: 'Senior secondary', vocational: 'Vocational', college: 'College or higher',
    },
    type: {
      unstable_lifted: 'Unstable lifted household', marginal: 'Marginal household', sudden_hardship: 'Sudden severe hardship',
      guarantee_gap: 'Guarantee gap',
    },
    risk: {
      R01: 'Illness', R02: 'Schooling costs', R03: 'Disability', R04: 'Natural disaster', R05: 'Accident',
      R06: 'Failed industry project', R07: 'Unstable work', R08: 'Lack of labour', R09: 'Unsafe housing',
      R10: 'Child out of school', R11: 'Unsafe drinking water', R12: 'Member without medical insurance', R99: 'Other',
    },
    rule: {
      income_below_line: 'Income below the line', rigid_hardship: 'Hardship from rigid spending',
      income_drop: 'Income drop', medical_burden: 'Medical burden', dropout: 'Child out of school',
      uninsured: 'Member uninsured', housing_unsafe: 'Unsafe housing', water_unsafe: 'Unsafe water',
      no_labour: 'No labour',
    },
    level: { province: 'Province', prefecture: 'Prefecture', county: 'County', township: 'Township', village: 'Village' },
    role: {
      admin: 'Administrator', province: 'Province', prefecture: 'Prefecture', county: 'County', township: 'Township',
      village: 'Village', department: 'Department', auditor: 'Auditor',
    },
    job_state: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' },
    phase: { 'reading households': 'Reading households', 'reading members': 'Reading members', checking: 'Checking', writing: 'Writing', done: 'Done' },
    change: { entering: 'Entering', leaving: 'Leaving', enter: 'Entering', leave: 'Leaving', type_changed: 'Type changed' },
    field: {
      status: 'Status', village_code: 'Village', wage_income: 'Wage income', business_income: 'Business income',
      property_income: 'Property income', transfer_income: 'Transfer income', production_costs: 'Production costs',
      prev_net_income: 'Previous net income', rigid_medical: 'Medical spending', rigid_education: 'Education spending',
      rigid_other: 'Other rigid spending', housing_safe: 'Safe housing', water_safe: 'Safe water', name: 'Name',
      relation: 'Relation', sex: 'Sex', birth_date: 'Birth date', labor: 'Labour', health: 'Health',
      school_stage: 'School stage', enrolled: 'Enrolled', med_insured: 'Medical insurance',
      pension_insured: 'Pension insurance', shares_household: 'Shares household', member: 'Member',
    },
    action: {
      'household.read': 'Read household file', 'household.history': 'Read household history',
      'household.explain': 'Read explanation', export: 'Export', 'quarantine.download': 'Download quarantine',
      login: 'Login', 'login.failed': 'Failed login', logout: 'Logout', 'user.create': 'Add user',
      'user.password': 'Reset password', 'user.disable': 'Disable user', 'user.enable': 'Enable user',
      'password.change': 'Change password',
    },
  },
};
