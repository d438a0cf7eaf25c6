// Known codes of the domain (docs DOMAIN.md §4): proposed types and default rule ids, for the
// filter selects. The labels come from the locale files.

export const PROPOSED_TYPES = ['unstable_lifted', 'marginal', 'sudden_hardship', 'guarantee_gap'];

export const RULE_IDS = [
  'income_below_line', 'rigid_hardship', 'income_drop', 'medical_burden', 'dropout', 'uninsured',
  'housing_unsafe', 'water_unsafe', 'no_labour',
];

export const RISK_CODES = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R99'];
