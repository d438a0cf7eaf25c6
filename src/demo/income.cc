// Income model of demo households: wages from each worker, farming or herding business,
// property income, transfers, means-tested posts and minimum allowance, shocks of the last
// twelve months, and eligible out-of-pocket spending. Amounts are drawn in yuan and stored in
// fen.
#include "demo/income.h"

#include <algorithm>
#include <cmath>

namespace xianjie::demo {
namespace {

using registry::Health;
using registry::Labor;
using registry::Member;
using registry::Relation;
using registry::SchoolStage;

Money Fen(double yuan) { return Money::FromFen(std::llround(yuan * 100)); }

// Probability falling smoothly (logistic) from `high` to 0 as `x` passes `mid`.
double Falling(double x, double mid, double scale, double high) {
  return high / (1.0 + std::exp((x - mid) / scale));
}

// Counted members' figures that the income model needs.
struct Workforce {
  int counted = 0;
  int elderly = 0;          // counted members aged 60 or more
  int disabled = 0;         // counted disabled members
  double labour_units = 0;  // skilled and ordinary 1, weak 0.5
  bool can_take_post = false;
};

Workforce CountWorkforce(const DemoHousehold& h) {
  Workforce w;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    if (!m.shares_household) continue;
    ++w.counted;
    w.elderly += h.ages[i] >= 60;
    w.disabled += m.health == Health::kDisabled;
    if (m.labor == Labor::kSkilled || m.labor == Labor::kOrdinary) w.labour_units += 1;
    if (m.labor == Labor::kWeak) w.labour_units += 0.5;
    w.can_take_post |= m.labor <= Labor::kWeak && h.ages[i] >= 18 && h.ages[i] <= 60;
  }
  return w;
}

double DrawWages(const DemoHousehold& h, double level, Rng& rng) {
  double wages = 0;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    if (!m.shares_household) continue;
    switch (m.labor) {
      case Labor::kSkilled:
        wages += rng.Chance(0.93) ? rng.LogNormalMean(33500, 0.4) : 0;
        break;
      case Labor::kOrdinary:
        wages += rng.Chance(0.88) ? rng.LogNormalMean(19500, 0.45) : 0;
        break;
      case Labor::kWeak:
        wages += rng.Chance(0.45) ? rng.LogNormalMean(7000, 0.5) : 0;
        break;
      default:
        break;
    }
  }
  // Herders and lifted households find less (and less well paid) migrant work.
  return wages * level * (h.lifted() ? 0.8 : 1.0) * (h.pastoral ? 0.45 : 1.0);
}

// Basic pension, support from children, remittances of members living away, farmland and
// grassland ecological subsidies, disability allowances and sundry transfers.
double DrawTransfers(const DemoHousehold& h, const Workforce& w, Rng& rng) {
  double t = w.elderly * 2760.0 + w.counted * 420.0 + w.disabled * 1440.0;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    if (m.shares_household && h.ages[i] >= 60 && rng.Chance(0.6)) t += rng.LogNormalMean(2500, 0.6);
    if (!m.shares_household && m.relation != Relation::kHead && rng.Chance(0.5)) {
      t += rng.LogNormalMean(3000, 0.6);
    }
  }
  if (h.pastoral && rng.Chance(0.9)) t += rng.LogNormalMean(8000, 0.5);
  if (rng.Chance(0.45)) t += rng.LogNormalMean(1200, 0.8);
  return t;
}

// Eligible out-of-pocket medical spending; lifted households are reimbursed more, and
// minimum-allowance households get medical assistance.
double DrawMedical(const DemoHousehold& h, double share_paid, Rng& rng) {
  double medical = 0;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    if (!m.shares_household) continue;
    switch (m.health) {
      case Health::kChronic:
        medical += rng.LogNormalMean(800, 0.8);
        break;
      case Health::kSerious:
        medical += rng.Chance(0.75) ? rng.LogNormalMean(11000, 0.9) : 0;
        break;
      case Health::kDisabled:
        medical += rng.Chance(0.5) ? rng.LogNormalMean(1200, 0.8) : 0;
        break;
      case Health::kHealthy:
        break;
    }
  }
  medical *= share_paid;
  if (rng.Chance(0.5)) medical += rng.Exponential(250);
  return medical;
}

double DrawEducation(const DemoHousehold& h, Rng& rng) {
  // Yearly cost by stage: none, preschool, primary, junior, senior, vocational, college.
  static constexpr double kCost[] = {0, 600, 200, 300, 1200, 800, 5000};
  double education = 0;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    if (!m.shares_household || !m.enrolled) continue;
    education += kCost[static_cast<int>(m.school_stage)] * std::exp(rng.Normal(0, 0.35));
  }
  return education;
}

}  // namespace

void DrawMoney(const AreaProfile& profile, Rng& rng, DemoHousehold& h) {
  const bool lifted = h.lifted();
  const double level = profile.income_level;
  const Workforce w = CountWorkforce(h);
  const double persons = std::max(w.counted, 1);

  double wages = DrawWages(h, level, rng);
  // Farming or herding: nearly every household with some labour.
  const bool has_business = w.labour_units > 0 && rng.Chance(0.92);
  const double business_mean = (h.pastoral ? 28000 : 8000) * (lifted ? 0.75 : 1.0) * level;
  const double business = has_business ? rng.LogNormalMean(1.0, 0.5) * business_mean *
                                             std::pow(std::max(w.labour_units, 0.5), 0.7)
                                       : 0.0;
  double costs = business * rng.Uniform(0.25, 0.45);
  // Rent of contracted grassland and farmland, cooperative dividends; lifted households also
  // hold shares in poverty-alleviation industry projects.
  double property = level * (h.pastoral ? (rng.Chance(0.7) ? rng.LogNormalMean(3400, 0.7) : 0)
                                        : (rng.Chance(0.4) ? rng.Exponential(2000) : 0));
  if (lifted && rng.Chance(0.6)) property += rng.LogNormalMean(900, 0.6);
  double transfers = DrawTransfers(h, w, rng);

  // Public-welfare and ecological ranger posts (wage income) go mostly to low-income
  // households with someone able to work; herding areas have many ranger posts.
  double per_capita = (wages + business - costs + property + transfers) / persons;
  const double post_chance =
      Falling(per_capita, 11000, 1500, lifted ? 0.85 : 0.75) + (h.pastoral ? 0.08 : 0.02);
  h.events = HouseholdEvents{};
  if (w.can_take_post && rng.Chance(post_chance)) {
    h.events.public_post = true;
    wages += h.pastoral ? 21600 * rng.Uniform(0.5, 1.0) : rng.Uniform(6000, 14000);
  }
  // Minimum allowance (低保) and support of the extremely poor, means-tested.
  per_capita = (wages + business - costs + property + transfers) / persons;
  const bool allowance = rng.Chance(Falling(per_capita, 8000, 800, lifted ? 0.95 : 0.85));
  if (allowance) transfers += persons * rng.Uniform(3500, 6300);
  h.events.allowance = allowance;
  const double last_year =
      (wages + business - costs + property + transfers) * std::exp(rng.Normal(-0.05, 0.12));

  // Shocks of the last twelve months: lost work, a failed crop or herd, a loss-making year.
  if (wages > 0 && rng.Chance(0.045)) {
    wages *= rng.Uniform(0.0, 0.35);
    h.events.lost_work = true;
  }
  double business_now = business;
  if (has_business && rng.Chance(0.025)) {
    business_now *= rng.Uniform(0.05, 0.6);
    h.events.business_loss = true;
  }
  if (has_business && rng.Chance(0.006)) {
    costs = business_now * rng.Uniform(1.0, 1.8);
    h.events.business_loss = true;
  }

  const double medical_share = (lifted ? 0.55 : 1.0) * (allowance ? 0.5 : 1.0);
  double medical = DrawMedical(h, medical_share, rng);
  if (rng.Chance(0.009)) {  // a serious illness or accident; the earner often stops working
    medical += medical_share * rng.LogNormalMean(30000, 0.8);
    h.events.illness = true;
    if (rng.Chance(0.5)) wages *= rng.Uniform(0.2, 0.7);
  }
  const double education = DrawEducation(h, rng) * (lifted ? 0.4 : 1.0) * (allowance ? 0.5 : 1.0);
  const double other = rng.Chance(0.025) ? rng.LogNormalMean(8000, 0.8) : 0.0;

  registry::Household& out = h.household;
  out.wage_income = Fen(wages);
  out.business_income = Fen(business_now);
  out.property_income = Fen(property);
  out.transfer_income = Fen(transfers);
  out.production_costs = Fen(costs);
  // No net income in (-1, 0) yuan: its per-capita figure would print as a signed zero.
  const Money net = registry::NetIncome(out);
  if (net.fen() < 0 && net.fen() > -100) out.production_costs += net;
  out.prev_net_income = Fen(last_year);
  if (rng.Chance(0.001)) out.prev_net_income = Fen(-rng.Uniform(100, 20000));  // a loss
  if (rng.Chance(0.02)) out.prev_net_income.reset();                           // unknown
  out.rigid_medical = Fen(medical);
  out.rigid_education = Fen(education);
  out.rigid_other = Fen(other);
  out.housing_safe = !rng.Chance(lifted ? 0.013 : 0.009);
  out.water_safe = !rng.Chance(h.pastoral ? 0.013 : 0.008);
}

}  // namespace xianjie::demo
