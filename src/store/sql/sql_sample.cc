// SqlStore: the verification samples (analytics::SampleStore; migration 0013, tables
// sample_draw, sample_unit, sample_result). Writes are BEGIN IMMEDIATE transactions on the
// screening writer's connection (under screening_mu_) that read what they could be refused for
// first, so a refusal leaves nothing behind; reads use the pool. Strata are stored as their codes
// and dates as 'YYYY-MM-DD', parsed back on every read: a value this xianjie cannot read is
// kDataLoss naming the table, row and column.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/sample_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/row_decoder.h"
#include "store/sql/internal/transaction.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using analytics::SampleDraw;
using analytics::SampleResult;
using analytics::SampleUnit;
using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::InWriteTransaction;
using sql_internal::ReadRows;
using sql_internal::RowDecoder;
using sql_internal::Statement;
using sql_internal::Where;

constexpr char kSelectDraw[] =
    "SELECT draw_id, county_code, year, seed, parameters, drawn_by, drawn_at, frame_households, "
    "villages, households, latest, closed_by, closed_at, "
    "(SELECT count(*) FROM sample_result r WHERE r.draw_id = sample_draw.draw_id) "
    "FROM sample_draw ";
constexpr char kInsertDraw[] =
    "INSERT INTO sample_draw (county_code, year, seed, parameters, drawn_by, drawn_at, "
    "frame_households, villages, households, latest, closed_by, closed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, '', '') RETURNING draw_id";
constexpr char kInsertUnit[] =
    "INSERT INTO sample_unit (draw_id, household_id, village_code, stratum, "
    "village_probability, probability, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kSelectUnit[] =
    "SELECT draw_id, household_id, village_code, stratum, village_probability, probability, "
    "weight FROM sample_unit WHERE draw_id = ?1 ORDER BY village_code, household_id";
constexpr char kSelectResult[] =
    "SELECT draw_id, household_id, meets_criteria, included, comparison_passed, satisfied, "
    "visited_on, visitor, note, recorded_by, recorded_at FROM sample_result "
    "WHERE draw_id = ?1 ORDER BY household_id";
constexpr char kUpsertResult[] =
    "INSERT INTO sample_result (draw_id, household_id, meets_criteria, included, "
    "comparison_passed, satisfied, visited_on, visitor, note, recorded_by, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (draw_id, household_id) DO UPDATE SET meets_criteria = excluded.meets_criteria, "
    "included = excluded.included, comparison_passed = excluded.comparison_passed, "
    "satisfied = excluded.satisfied, visited_on = excluded.visited_on, "
    "visitor = excluded.visitor, note = excluded.note, recorded_by = excluded.recorded_by, "
    "recorded_at = excluded.recorded_at";

SampleDraw ReadDraw(const Statement& row) {
  SampleDraw d;
  d.id = row.Int(0);
  d.county_code.assign(row.Text(1));
  d.year = static_cast<int>(row.Int(2));
  d.seed = static_cast<uint64_t>(row.Int(3));
  d.parameters_json.assign(row.Text(4));
  d.drawn_by.assign(row.Text(5));
  d.drawn_at.assign(row.Text(6));
  d.frame_households = row.Int(7);
  d.villages = row.Int(8);
  d.households = row.Int(9);
  d.latest = row.Int(10) != 0;
  d.closed_by.assign(row.Text(11));
  d.closed_at.assign(row.Text(12));
  d.recorded = row.Int(13);
  return d;
}

Result<SampleUnit> ReadUnit(const Statement& row) {
  SampleUnit u;
  u.draw_id = row.Int(0);
  u.household_id.assign(row.Text(1));
  RowDecoder d(row, "sample_unit", std::to_string(u.draw_id) + "/" + u.household_id);
  u.village_code.assign(row.Text(2));
  u.stratum = d.Code<analytics::Stratum>(3, "stratum", analytics::ParseStratum,
                                         "a stratum this xianjie knows");
  u.village_probability = row.Double(4);
  u.probability = row.Double(5);
  u.weight = row.Double(6);
  return d.Finish(std::move(u));
}

std::optional<bool> Answer(const Statement& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column) != 0;
}

Result<SampleResult> ReadSampleResult(const Statement& row) {
  SampleResult r;
  r.draw_id = row.Int(0);
  r.household_id.assign(row.Text(1));
  RowDecoder d(row, "sample_result", std::to_string(r.draw_id) + "/" + r.household_id);
  r.meets_criteria = Answer(row, 2);
  r.included = Answer(row, 3);
  r.comparison_passed = Answer(row, 4);
  r.satisfied = Answer(row, 5);
  r.visited_on = d.Date(6, "visited_on");
  r.visitor.assign(row.Text(7));
  r.note.assign(row.Text(8));
  r.recorded_by.assign(row.Text(9));
  r.recorded_at.assign(row.Text(10));
  return d.Finish(std::move(r));
}

void BindAnswer(Statement& s, int index, const std::optional<bool>& answer) {
  if (answer) {
    s.Bind(index, *answer ? 1 : 0);
  } else {
    s.BindNull(index);
  }
}

// The draw of `id` on `connection`, or nullopt.
Result<std::optional<SampleDraw>> DrawById(Connection& connection, int64_t id) {
  XJ_ASSIGN_OR_RETURN(auto select,
                      connection.Prepare(std::string(kSelectDraw) + "WHERE draw_id = ?1"));
  select.Bind(1, id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<SampleDraw>();
  return std::optional<SampleDraw>(ReadDraw(select));
}

// The latest draw of (county, year) on `connection`, or nullopt.
Result<std::optional<SampleDraw>> LatestDraw(Connection& connection, const std::string& county,
                                             int year) {
  XJ_ASSIGN_OR_RETURN(auto select,
                      connection.Prepare(std::string(kSelectDraw) +
                                         "WHERE county_code = ?1 AND year = ?2 AND latest = 1"));
  select.BindText(1, county);
  select.Bind(2, year);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<SampleDraw>();
  return std::optional<SampleDraw>(ReadDraw(select));
}

}  // namespace

Result<int64_t> SqlStore::PutDraw(const SampleDraw& draw, const std::vector<SampleUnit>& units,
                                  bool redraw) {
  XJ_RETURN_IF_ERROR(analytics::CheckSampleDraw(draw, units));
  const std::string what =
      "storing the sample of county " + draw.county_code + " for " + std::to_string(draw.year);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&]() -> Result<int64_t> {
    XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> latest,
                        LatestDraw(*connection, draw.county_code, draw.year));
    if (latest) {
      if (!redraw) return internal::DrawExists(*latest);
      if (latest->closed()) return internal::ClosedDrawNotRedrawn(*latest);
      XJ_ASSIGN_OR_RETURN(
          auto replace,
          connection->Prepare("UPDATE sample_draw SET latest = 0 WHERE draw_id = ?1"));
      replace.Bind(1, latest->id);
      XJ_RETURN_IF_ERROR(replace.Run());
    }
    XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertDraw));
    insert.BindText(1, draw.county_code);
    insert.Bind(2, draw.year);
    insert.Bind(3, static_cast<int64_t>(draw.seed));
    insert.BindText(4, draw.parameters_json);
    insert.BindText(5, draw.drawn_by);
    insert.BindText(6, draw.drawn_at);
    insert.Bind(7, draw.frame_households);
    insert.Bind(8, draw.villages);
    insert.Bind(9, draw.households);
    XJ_ASSIGN_OR_RETURN(const int64_t id, insert.RunForId());
    for (const SampleUnit& u : units) {
      // From the connection's statement cache: compiled once.
      XJ_ASSIGN_OR_RETURN(auto unit, connection->Prepare(kInsertUnit));
      unit.Bind(1, id);
      unit.BindText(2, u.household_id);
      unit.BindText(3, u.village_code);
      unit.BindText(4, analytics::StratumCode(u.stratum));
      unit.BindDouble(5, u.village_probability);
      unit.BindDouble(6, u.probability);
      unit.BindDouble(7, u.weight);
      XJ_RETURN_IF_ERROR(unit.Run());
    }
    return id;
  });
}

Result<std::optional<SampleDraw>> SqlStore::GetDraw(int64_t id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return DrawById(*reader, id);
}

Result<std::vector<SampleDraw>> SqlStore::ListDraws(const analytics::SampleDrawFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckDrawFilter(filter));
  Where where;
  where.AddPrefix("county_code", filter.region_prefix);
  if (filter.year != 0) where.Add("year = " + std::to_string(filter.year));
  if (filter.latest_only) where.Add("latest = 1");
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kSelectDraw) + where.sql + " ORDER BY draw_id"));
  where.Bind(select);
  return ReadRows<SampleDraw>(
      select, [](const Statement& row) -> Result<SampleDraw> { return ReadDraw(row); });
}

Result<std::vector<SampleUnit>> SqlStore::DrawUnits(int64_t draw_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kSelectUnit));
  select.Bind(1, draw_id);
  return ReadRows<SampleUnit>(select, ReadUnit);
}

Status SqlStore::PutResult(const SampleResult& result) {
  XJ_RETURN_IF_ERROR(analytics::CheckSampleResult(result));
  const std::string what = "recording the visit result of household " + result.household_id +
                           " in sample draw " + std::to_string(result.draw_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<bool>(
             *connection, what,
             [&]() -> Result<bool> {
               XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> draw,
                                   DrawById(*connection, result.draw_id));
               if (!draw) return internal::NoSuchDraw(result.draw_id);
               XJ_ASSIGN_OR_RETURN(auto unit,
                                   connection->Prepare("SELECT 1 FROM sample_unit "
                                                       "WHERE draw_id = ?1 AND household_id = ?2"));
               unit.Bind(1, result.draw_id);
               unit.BindText(2, result.household_id);
               XJ_ASSIGN_OR_RETURN(bool is_unit, unit.Step());
               if (!is_unit) return internal::NotAUnit(result.draw_id, result.household_id);
               if (draw->closed()) return internal::DrawClosed(*draw);
               if (!draw->latest) {
                 XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> latest,
                                     LatestDraw(*connection, draw->county_code, draw->year));
                 return internal::DrawReplaced(*draw, latest ? latest->id : 0);
               }
               XJ_ASSIGN_OR_RETURN(auto upsert, connection->Prepare(kUpsertResult));
               const std::string visited_on = result.visited_on.ToString();
               upsert.Bind(1, result.draw_id);
               upsert.BindText(2, result.household_id);
               BindAnswer(upsert, 3, result.meets_criteria);
               BindAnswer(upsert, 4, result.included);
               BindAnswer(upsert, 5, result.comparison_passed);
               BindAnswer(upsert, 6, result.satisfied);
               upsert.BindText(7, visited_on);
               upsert.BindText(8, result.visitor);
               upsert.BindText(9, result.note);
               upsert.BindText(10, result.recorded_by);
               upsert.BindText(11, result.recorded_at);
               XJ_RETURN_IF_ERROR(upsert.Run());
               return true;
             })
      .status();
}

Result<std::vector<SampleResult>> SqlStore::DrawResults(int64_t draw_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kSelectResult));
  select.Bind(1, draw_id);
  return ReadRows<SampleResult>(select, ReadSampleResult);
}

Status SqlStore::CloseDraw(int64_t draw_id, const std::string& by, const std::string& at) {
  XJ_RETURN_IF_ERROR(internal::CheckClosing(by, at));
  const std::string what = "closing sample draw " + std::to_string(draw_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<bool>(
             *connection, what,
             [&]() -> Result<bool> {
               XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> draw, DrawById(*connection, draw_id));
               if (!draw) return internal::NoSuchDraw(draw_id);
               if (draw->closed()) return internal::DrawClosed(*draw);
               XJ_ASSIGN_OR_RETURN(auto close,
                                   connection->Prepare("UPDATE sample_draw SET closed_by = ?2, "
                                                       "closed_at = ?3 WHERE draw_id = ?1"));
               close.Bind(1, draw_id);
               close.BindText(2, by);
               close.BindText(3, at);
               XJ_RETURN_IF_ERROR(close.Run());
               return true;
             })
      .status();
}

}  // namespace xianjie::store
