// The money of a demo household for the 12-month window (DOMAIN.md §3): income by source,
// production costs, the previous year's net income, eligible out-of-pocket spending, and the
// housing and water indicators, calibrated to the Qinghai figures of §12.
#ifndef XIANJIE_DEMO_INCOME_H_
#define XIANJIE_DEMO_INCOME_H_

#include "demo/family.h"
#include "demo/random.h"
#include "demo/villages.h"

namespace xianjie::demo {

// Fills the money fields, prev_net_income, housing_safe and water_safe of h.household from its
// members (as drawn by DrawFamily and DrawTraits), its status, whether it herds, and the
// prefecture's income level.
//
// Calibration (2024 line of 7,500 yuan): person-weighted per-capita net income about 15,000
// yuan, lifted households about 13,000; 4-7% of households below the line. Pastoral incomes
// split about 30% wages, 42% business, 4% property, 24% transfers; farming households earn
// more from migrant wages. Public-welfare posts and the minimum allowance (低保) go mostly to
// households with low income before them, which thins the tail below the line as in practice.
void DrawMoney(const AreaProfile& profile, Rng& rng, DemoHousehold& h);

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_INCOME_H_
