// The registry's fact columns: rows read source by source, grouped by person, computed as of one
// day and written where the snapshot lists the person.
#include "exchange/fact_table.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "exchange/facts.h"
#include "exchange/warning_rules.h"

namespace xianjie::exchange {
namespace {

// The scale of a FactValue's number for its kind (facts.h): money in fen, decimals × 10^4.
int ValueScale(FactKind kind) {
  switch (kind) {
    case FactKind::kMoney:
      return 2;
    case FactKind::kDecimal:
      return 4;
    default:
      return 0;
  }
}

// `units` at `from` decimals brought to `to` decimals (rounded half away from zero when fewer).
int64_t Rescale(int64_t units, int from, int to) {
  for (; from < to; ++from) units *= 10;
  for (; from > to; --from) units = (units >= 0 ? units + 5 : units - 5) / 10;
  return units;
}

// Where one contract fact's values go: its index among the contract's facts (ComputeFacts'
// order), the column in the catalogue, and its kind.
struct Slot {
  size_t fact = 0;
  size_t column = 0;
  FactKind kind = FactKind::kInteger;
};

// The slots of `contract`: its facts that the catalogue holds (FactFieldsOf decides which kinds
// rules can read, the catalogue's first contract of a name wins).
std::vector<Slot> SlotsOf(const ingest::SourceContract& contract,
                          const rules::FactColumns& columns) {
  std::vector<Slot> slots;
  for (const rules::FactField& field : FactFieldsOf(contract)) {
    const int column = columns.Find(field.name);
    if (column < 0) continue;
    for (size_t i = 0; i < contract.facts.size(); ++i) {
      if (contract.facts[i].name != field.name) continue;
      if (!(columns.fields()[static_cast<size_t>(column)] == field)) break;  // another contract's
      slots.push_back({i, static_cast<size_t>(column), KindOf(contract, contract.facts[i])});
      break;
    }
  }
  return slots;
}

// Writes one value of a person into member row `m`; false when the value is not one of the
// field's (a code the contract no longer lists).
bool Put(rules::FactColumns& columns, const Slot& slot, uint32_t m, const FactValue& v) {
  const rules::FactField& field = columns.fields()[slot.column];
  Status s;
  switch (field.type.kind) {
    case rules::TypeKind::kMoney:
    case rules::TypeKind::kNumber:
      s = columns.Set(slot.column, m, Rescale(v.number, ValueScale(slot.kind), field.type.scale));
      break;
    case rules::TypeKind::kBoolean:
      s = columns.SetBoolean(slot.column, m, v.number != 0);
      break;
    case rules::TypeKind::kDate:
      s = columns.Set(slot.column, m,
                      CivilDate::FromDays(static_cast<int32_t>(v.number)).ToYmdNumber());
      break;
    case rules::TypeKind::kCode:
      s = columns.SetCode(slot.column, m, v.text);
      break;
  }
  return s.ok();
}

// The first period a row read by `contract` can have when its day lies in the contract's
// longest window ending on `as_of`, or "" when every row must be read: a fact without a window,
// or a period derived from another date than the event date (it could be anything). Every
// period form begins with its year, so the window's first year is a safe bound.
std::string MinPeriod(const ingest::SourceContract& contract, CivilDate as_of) {
  int months = 0;
  for (const ingest::ContractFact& f : contract.facts) {
    if (f.months <= 0) return "";
    months = std::max(months, f.months);
  }
  const bool by_event =
      contract.period == "upload" ||
      (!contract.event_date.empty() && contract.period.size() > contract.event_date.size() &&
       contract.period.ends_with(":" + contract.event_date));
  if (!by_event) return "";
  const int months_back = as_of.year() * 12 + (as_of.month() - 1) - months;
  return std::to_string(months_back / 12);
}

// One person's rows of a source, and what was made of them.
struct Person {
  std::string key;                // the ID number, or the household id
  std::vector<DeptRow> rows;      // trimmed: upload, row, period, event date, values
  std::vector<uint32_t> members;  // the snapshot's member rows of the person
  std::vector<FactValue> values;  // ComputeFacts, in contract.facts order
  bool damaged = false;           // a row's values could not be read
};

}  // namespace

std::vector<rules::FactField> FactCatalog(std::span<const ingest::SourceContract> contracts) {
  std::vector<rules::FactField> catalog;
  for (const ingest::SourceContract& contract : contracts) {
    for (rules::FactField& field : FactFieldsOf(contract)) {
      if (rules::FindFact(catalog, field.name) == nullptr) catalog.push_back(std::move(field));
    }
  }
  return catalog;
}

const std::vector<rules::FactField>& BuiltinFactCatalog() {
  // Never destroyed: read by other threads until exit.
  static const std::vector<rules::FactField>* const catalog =
      new std::vector<rules::FactField>(FactCatalog(ingest::BuiltinContracts()));
  return *catalog;
}

Result<rules::FactColumns> BuildFactColumns(std::span<const ingest::SourceContract> contracts,
                                            const registry::HouseholdIndex& index,
                                            ExchangeStore& store, CivilDate as_of, int threads,
                                            FactTableStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  const registry::Snapshot& snapshot = index.snapshot();
  rules::FactColumns columns(FactCatalog(contracts), snapshot.members());
  FactTableStats local;
  FactTableStats& st = stats != nullptr ? *stats : local;
  st = FactTableStats{};

  for (const ingest::SourceContract& contract : contracts) {
    const std::vector<Slot> slots = SlotsOf(contract, columns);
    if (slots.empty()) continue;
    const bool by_household = contract.key == ingest::SourceKey::kHouseholdId;
    // The rows of each person (the key: ID number, or household id), in the store's order,
    // with only what ComputeFacts reads.
    std::vector<Person> people;
    std::unordered_map<std::string, size_t> person_of;
    XJ_RETURN_IF_ERROR(
        store.ForEachFact(contract.name, MinPeriod(contract, as_of), [&](const DeptRow& row) {
          ++st.rows;
          const std::string& key = by_household ? row.household_id : row.id_number;
          if (key.empty()) return;
          auto [it, fresh] = person_of.try_emplace(key, people.size());
          if (fresh) people.push_back({key, {}, {}, {}, false});
          DeptRow& kept = people[it->second].rows.emplace_back();
          kept.upload_id = row.upload_id;
          kept.row = row.row;
          kept.period = row.period;
          kept.event_date = row.event_date;
          kept.values_json = row.values_json;
        }));
    st.persons += static_cast<int64_t>(people.size());
    // Each person's member rows and values: pure, so computed on `threads` threads.
    auto compute = [&](size_t first, size_t step) {
      std::vector<const DeptRow*> pointers;
      for (size_t i = first; i < people.size(); i += step) {
        Person& p = people[i];
        if (by_household) {
          const int64_t h = snapshot.Find(p.key);
          if (h >= 0 && snapshot.member_begin()[h] < snapshot.member_begin()[h + 1]) {
            p.members.push_back(snapshot.member_begin()[h]);
          }
        } else {
          p.members = index.FindMembers(p.key);
        }
        if (p.members.empty()) continue;
        pointers.clear();
        for (const DeptRow& r : p.rows) pointers.push_back(&r);
        Result<std::vector<FactValue>> values = ComputeFacts(contract, pointers, as_of);
        // A damaged row (values that are not a JSON object) costs this person this source's
        // facts, not the registry its facts: the workspace must still refresh.
        p.damaged = !values.ok();
        if (values.ok()) p.values = std::move(values).value();
      }
    };
    const size_t n = std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1,
                                        std::max<size_t>(1, people.size() / 1000));
    std::vector<std::thread> workers;
    for (size_t t = 1; t < n; ++t) workers.emplace_back(compute, t, n);
    compute(0, n);
    for (std::thread& w : workers) w.join();
    // FactColumns is written on this thread only.
    for (const Person& p : people) {
      if (p.members.empty()) {
        ++st.skipped;
        continue;
      }
      if (p.damaged) {
        ++st.damaged;
        continue;
      }
      for (const Slot& slot : slots) {
        const FactValue& v = p.values[slot.fact];
        if (!v.present) continue;
        for (uint32_t m : p.members) {
          if (Put(columns, slot, m, v)) {
            ++st.values;
          } else {
            ++st.unreadable;
          }
        }
      }
    }
  }
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return columns;
}

Result<rules::FactColumns> BuildBuiltinFactColumns(const registry::HouseholdIndex& index,
                                                   ExchangeStore& store, CivilDate as_of,
                                                   int threads, FactTableStats* stats) {
  return BuildFactColumns(ingest::BuiltinContracts(), index, store, as_of, threads, stats);
}

rules::FactColumns RealignFacts(const rules::FactColumns& facts, const registry::Snapshot& from,
                                const registry::Snapshot& to) {
  rules::FactColumns out(facts.fields(), to.members());
  const size_t fields = facts.fields().size();
  const uint64_t* from_id = from.member_id_number();
  const uint64_t* to_id = to.member_id_number();
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (from row, to row) of one household
  for (uint32_t h = 0; h < to.households(); ++h) {
    const int64_t f = from.Find(to.household_id(h));
    if (f < 0) continue;
    const uint32_t from_begin = from.member_begin()[f];
    const uint32_t from_end = from.member_begin()[f + 1];
    pairs.clear();
    for (uint32_t m = to.member_begin()[h]; m < to.member_begin()[h + 1]; ++m) {
      // Usually the same person at the same place; else the household changed since `from`.
      const uint32_t same = from_begin + (m - to.member_begin()[h]);
      if (same < from_end && from_id[same] == to_id[m]) {
        pairs.emplace_back(same, m);
        continue;
      }
      for (uint32_t r = from_begin; r < from_end; ++r) {
        if (from_id[r] == to_id[m]) {
          pairs.emplace_back(r, m);
          break;
        }
      }
    }
    for (size_t field = 0; field < fields; ++field) {
      for (const auto& [from_row, to_row] : pairs) {
        const int64_t v = facts.Get(field, from_row);
        // Values came from a valid column; Set cannot refuse them.
        if (v != 0) (void)out.Set(field, to_row, v);
      }
    }
  }
  return out;
}

}  // namespace xianjie::exchange
