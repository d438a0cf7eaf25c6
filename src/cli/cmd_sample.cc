// `xianjie sample draw|show|estimates|record`: a county's verification sample (抽样核查, DOMAIN.md
// §10; decision 0008, service/sample.h) drawn from the registry and stored, the latest sample of a
// county and year with its households and visit results, its estimates of omission, wrong
// inclusion and approval, and the visit of one of its households recorded — as a province officer
// of the county's province (ID numbers masked, every draw, read and visit in the audit log), as
// tables or --json as the API answers.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/date.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "service/sample.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

struct SampleOptions {
  std::string db;
  std::string county;
  int year = 0;
  std::optional<uint64_t> seed;
  int villages = 10;
  int households = 300;
  bool redraw = false;
  bool json = false;
  // record: the household and its visit; each answer yes, no or unknown.
  std::string household;
  std::string meets_criteria = "unknown";
  std::string included = "unknown";
  std::string comparison_passed = "unknown";
  std::string satisfied = "unknown";
  std::string visited_on;
  std::string visitor;
  std::string note;
};

// The 6-digit county's province officer, as the command reads and writes.
access::Principal ProvinceOf(const std::string& county) {
  return {CurrentUser(), access::Role::kProvince, county.substr(0, 2)};
}

std::string Percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100 * share);
  return text;
}

std::string AnswerText(const std::optional<bool>& answer) {
  if (!answer) return "-";
  return *answer ? "yes" : "no";
}

void PrintHeader(const service::SampleFile& f) {
  const analytics::SampleDraw& d = f.draw;
  std::printf(
      "Sample %lld of county %s %s for %d: seed %llu, %lld of %lld households in %lld "
      "villages (asked: %d villages, %d households)%s%s\n",
      static_cast<long long>(d.id), d.county_code.c_str(), f.county_name.c_str(), d.year,
      static_cast<unsigned long long>(d.seed), static_cast<long long>(d.households),
      static_cast<long long>(d.frame_households), static_cast<long long>(d.villages),
      f.parameters.villages, f.parameters.households, d.latest ? "" : "; replaced by a redraw",
      d.closed() ? "; closed" : "");
  std::printf("drawn by %s at %s; %lld households visited\n", d.drawn_by.c_str(),
              d.drawn_at.c_str(), static_cast<long long>(d.recorded));
}

void PrintStrata(const service::SampleFile& f) {
  std::printf("%-16s %8s %8s %7s\n", "stratum", "frame", "sampled", "weight");
  for (size_t i = 0; i < f.strata.size(); ++i) {
    const analytics::StratumAllocation& a = f.strata[i];
    const std::string stratum(analytics::StratumCode(a.stratum));
    std::printf("%-16s %8lld %8lld %7d\n", stratum.c_str(), static_cast<long long>(a.frame),
                static_cast<long long>(a.sampled), f.parameters.stratum_weights[i]);
  }
}

void PrintUnits(const service::SampleFile& f) {
  std::printf("%-12s %-20s %s %-18s %-16s %8s %5s %5s %5s %5s\n", "village", "household",
              PadRight("head", 10).c_str(), "ID number", "stratum", "weight", "meets", "incl.",
              "comp.", "sat.");
  for (const service::SampleUnitItem& u : f.units) {
    std::string answers[4];  // empty until visited
    if (const std::optional<analytics::SampleResult>& r = u.result) {
      answers[0] = AnswerText(r->meets_criteria);
      answers[1] = AnswerText(r->included);
      answers[2] = AnswerText(r->comparison_passed);
      answers[3] = AnswerText(r->satisfied);
    }
    const std::string stratum(analytics::StratumCode(u.unit.stratum));
    std::printf("%-12s %-20s %s %-18s %-16s %8.2f %5s %5s %5s %5s\n", u.unit.village_code.c_str(),
                u.unit.household_id.c_str(), PadRight(u.head_name, 10).c_str(),
                u.head_id_number.c_str(), stratum.c_str(), u.unit.weight, answers[0].c_str(),
                answers[1].c_str(), answers[2].c_str(), answers[3].c_str());
  }
}

void PrintEstimates(const service::SampleFile& f) {
  std::printf("%-16s %9s %19s %10s %8s %s\n", "rate", "estimate", "95% interval", "households",
              "villages", "method");
  const std::pair<const char*, const std::optional<analytics::RatioEstimate>*> rows[] = {
      {"omission", &f.estimates.omission},
      {"wrong_inclusion", &f.estimates.wrong_inclusion},
      {"approval", &f.estimates.approval}};
  for (const auto& [name, e] : rows) {
    if (!e->has_value()) {
      std::printf("%-16s %9s   (no visit answers what it needs yet)\n", name, "-");
      continue;
    }
    const analytics::RatioEstimate& r = **e;
    const std::string interval = Percent(r.lower) + " - " + Percent(r.upper);
    std::printf("%-16s %9s %19s %10lld %8lld %s\n", name, Percent(r.estimate).c_str(),
                interval.c_str(), static_cast<long long>(r.households),
                static_cast<long long>(r.villages),
                std::string(analytics::IntervalMethodCode(r.method)).c_str());
  }
}

// An answer of --meets-criteria and the others: yes, no or unknown (not answered).
Result<std::optional<bool>> AnswerOf(const std::string& option, const std::string& text) {
  if (text == "yes") return std::optional<bool>(true);
  if (text == "no") return std::optional<bool>(false);
  if (text == "unknown") return std::optional<bool>();
  return InvalidArgument(option + " must be yes, no or unknown, not '" + text + "'");
}

// The visit of --household as the options give it (the answers, the day, who, the note).
Result<analytics::SampleResult> VisitOf(const SampleOptions& o) {
  analytics::SampleResult r;
  XJ_ASSIGN_OR_RETURN(r.meets_criteria, AnswerOf("--meets-criteria", o.meets_criteria));
  XJ_ASSIGN_OR_RETURN(r.included, AnswerOf("--included", o.included));
  XJ_ASSIGN_OR_RETURN(r.comparison_passed, AnswerOf("--comparison-passed", o.comparison_passed));
  XJ_ASSIGN_OR_RETURN(r.satisfied, AnswerOf("--satisfied", o.satisfied));
  auto day = ParseDate(o.visited_on);
  if (!day.ok()) return InvalidArgument("--visited-on: " + day.status().message());
  r.visited_on = *day;
  if (o.visitor.find_first_not_of(" \t") == std::string::npos) {
    return InvalidArgument("--visitor must name who visited the household");
  }
  r.visitor = o.visitor;
  r.note = o.note;
  return r;
}

// Opens the database and a workspace over it; runs `body` with them.
template <typename Body>
int WithWorkspace(const SampleOptions& o, Body body) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  service::Workspace ws(**db);
  if (Status s = ws.Refresh(); !s.ok()) return Fail(s);
  return body(ws);
}

Status CheckCounty(const std::string& county) {
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument("--county must be a county code of 6 digits, e.g. 630121; got '" +
                           county + "'");
  }
  return Status::Ok();
}

int RunDraw(const SampleOptions& o) {
  if (Status s = CheckCounty(o.county); !s.ok()) return Fail(s);
  return WithWorkspace(o, [&](service::Workspace& ws) {
    service::DrawRequest request;
    request.county = o.county;
    request.year = o.year;
    request.seed = o.seed;
    request.parameters.villages = o.villages;
    request.parameters.households = o.households;
    request.redraw = o.redraw;
    auto file = service::DrawSample(ws, ProvinceOf(o.county), request);
    if (!file.ok()) return Fail(file.status());
    if (o.json) {
      std::printf("%s\n", service::SampleFileJson(*file).c_str());
      return kExitOk;
    }
    PrintHeader(*file);
    PrintStrata(*file);
    std::printf("xianjie sample show for the households, --json for everything\n");
    return kExitOk;
  });
}

int RunShow(const SampleOptions& o, bool estimates_only) {
  if (Status s = CheckCounty(o.county); !s.ok()) return Fail(s);
  return WithWorkspace(o, [&](service::Workspace& ws) {
    auto file = service::LatestSample(ws, ProvinceOf(o.county), o.county, o.year);
    if (!file.ok()) return Fail(file.status());
    if (o.json) {
      if (!estimates_only) {
        std::printf("%s\n", service::SampleFileJson(*file).c_str());
        return kExitOk;
      }
      const nlohmann::json all = nlohmann::json::parse(service::SampleFileJson(*file));
      nlohmann::ordered_json j;
      for (const char* key : {"id", "county", "year", "households", "recorded", "closed"}) {
        j[key] = all[key];
      }
      j["estimates"] = all["estimates"];
      std::printf("%s\n", j.dump().c_str());
      return kExitOk;
    }
    PrintHeader(*file);
    if (!estimates_only) PrintUnits(*file);
    PrintEstimates(*file);
    return kExitOk;
  });
}

// Records the visit of --household in the county's latest sample of the year (the only one that
// takes visits) and prints it.
int RunRecord(const SampleOptions& o) {
  if (Status s = CheckCounty(o.county); !s.ok()) return Fail(s);
  auto visit = VisitOf(o);
  if (!visit.ok()) return Fail(visit.status());
  return WithWorkspace(o, [&](service::Workspace& ws) {
    const access::Principal principal = ProvinceOf(o.county);
    auto file = service::LatestSample(ws, principal, o.county, o.year);
    if (!file.ok()) return Fail(file.status());
    auto unit = service::RecordSampleResult(ws, principal, file->draw.id, o.household, *visit);
    if (!unit.ok()) return Fail(unit.status());
    if (o.json) {
      std::printf("%s\n", service::SampleUnitJson(*unit).c_str());
      return kExitOk;
    }
    const analytics::SampleResult& r = *unit->result;
    std::printf(
        "Visit of household %s (%s) recorded in sample %lld of county %s for %d: "
        "meets %s, included %s, comparison %s, satisfied %s; visited on %s by %s\n",
        o.household.c_str(), unit->head_name.c_str(), static_cast<long long>(file->draw.id),
        o.county.c_str(), file->draw.year, AnswerText(r.meets_criteria).c_str(),
        AnswerText(r.included).c_str(), AnswerText(r.comparison_passed).c_str(),
        AnswerText(r.satisfied).c_str(), r.visited_on.ToString().c_str(), r.visitor.c_str());
    std::printf("xianjie sample estimates for the estimates\n");
    return kExitOk;
  });
}

void AddCommon(CLI::App* cmd, SampleOptions& o) {
  cmd->add_option("--db", o.db, "Registry database")->required();
  cmd->add_option("--county", o.county, "The county, 6 digits, e.g. 630121")->required();
  cmd->add_option("--year", o.year, "The year assessed, e.g. 2026")->required();
  cmd->add_flag("--json", o.json, "Print one JSON object, as the API answers");
}

}  // namespace

void AddSampleCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "sample",
      "The verification sample of a county (抽样核查, DOMAIN.md §10): draw, show, "
      "estimates, record");
  cmd->require_subcommand(1);

  auto draw_options = std::make_shared<SampleOptions>();
  CLI::App* draw = cmd->add_subcommand(
      "draw",
      "Draw and store the county's sample for the year from the registry: villages by PPS, "
      "households in six strata (the three object types, illness, disaster, other); the same "
      "seed draws the same sample from the same registry");
  AddCommon(draw, *draw_options);
  draw->add_option("--seed", draw_options->seed,
                   "Seed, 0 to 9007199254740991 (default: the county code followed by the year, "
                   "e.g. 6301212026)");
  draw->add_option("--villages", draw_options->villages, "Villages to draw (default 10)");
  draw->add_option("--households", draw_options->households, "Households to draw (default 300)");
  draw->add_flag("--redraw", draw_options->redraw,
                 "Replace the county's sample of the year (the earlier one is kept)");
  draw->callback([draw_options, exit_code] { *exit_code = RunDraw(*draw_options); });

  auto show_options = std::make_shared<SampleOptions>();
  CLI::App* show = cmd->add_subcommand(
      "show",
      "The county's latest sample of the year: its households (ID numbers masked) with "
      "their visit results, and the estimates");
  AddCommon(show, *show_options);
  show->callback([show_options, exit_code] { *exit_code = RunShow(*show_options, false); });

  auto estimates_options = std::make_shared<SampleOptions>();
  CLI::App* estimates = cmd->add_subcommand(
      "estimates",
      "Omission, wrong inclusion and approval estimated from the visits recorded "
      "in the county's latest sample of the year, with 95% intervals");
  AddCommon(estimates, *estimates_options);
  estimates->callback(
      [estimates_options, exit_code] { *exit_code = RunShow(*estimates_options, true); });

  auto record_options = std::make_shared<SampleOptions>();
  CLI::App* record = cmd->add_subcommand(
      "record",
      "Record (or correct) the visit of a household of the county's latest sample of "
      "the year, until the sample is closed: the four answers, the day, who visited");
  AddCommon(record, *record_options);
  record->add_option("--household", record_options->household, "The household visited")->required();
  record->add_option("--visited-on", record_options->visited_on, "The day of the visit, YYYY-MM-DD")
      ->required();
  record->add_option("--visitor", record_options->visitor, "Who visited")->required();
  record->add_option("--meets-criteria", record_options->meets_criteria,
                     "Meets the criteria of a monitoring object: yes, no or unknown (default)");
  record->add_option("--included", record_options->included,
                     "Is a monitoring object: yes, no or unknown (default)");
  record->add_option("--comparison-passed", record_options->comparison_passed,
                     "Passes the comparison of its data: yes, no or unknown (default)");
  record->add_option("--satisfied", record_options->satisfied,
                     "Is satisfied with the work: yes, no or unknown (default)");
  record->add_option("--note", record_options->note, "A note");
  record->callback([record_options, exit_code] { *exit_code = RunRecord(*record_options); });
}

}  // namespace xianjie::cli
