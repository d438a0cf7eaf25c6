// `xianjie demo`: a demo province to try the system with: a synthetic Qinghai registry, imported,
// screened under the 2024 standard, one user per role for the web UI (passwords printed and
// written to DIR/users.txt), the case workflow around those users in every state
// (demo_cases.h), and the assistance plans, responsible persons, visits and the county's
// verification sample around the monitoring objects (demo_assist.h).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "base/clock.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/demo_assist.h"
#include "cli/demo_cases.h"
#include "cli/department_files.h"
#include "cli/screening_common.h"
#include "demo/generator.h"
#include "ingest/importer.h"
#include "rules/screening_run.h"
#include "service/cases.h"
#include "service/exchange.h"
#include "service/workspace.h"
#include "store/open.h"

namespace xianjie::cli {
namespace {

struct DemoOptions {
  std::string dir = "demo";
  int64_t households = 50000;
  uint64_t seed = 2024;
};

// A short picture of the registry: households and people per prefecture, income levels.
// Returns the first household id, for the hints that follow.
Result<std::string> PrintSummary(registry::Store& store, const registry::RegionTable& regions) {
  struct Row {
    int64_t households = 0, members = 0, lifted = 0;
  };
  std::map<RegionCode, Row> by_prefecture;
  std::vector<int64_t> per_capita_fen;
  std::string sample_household;
  XJ_RETURN_IF_ERROR(store.ScanCurrent([&](const registry::HouseholdVersion& v) -> Status {
    const auto& h = v.record.household;
    if (sample_household.empty()) sample_household = h.household_id;
    Row& row = by_prefecture[h.village_code.Ancestor(RegionLevel::kPrefecture)];
    ++row.households;
    row.members += static_cast<int64_t>(v.record.members.size());
    row.lifted += h.status == registry::HouseholdStatus::kLifted ? 1 : 0;
    int counted = registry::CountedMembers(v.record);
    if (counted > 0) per_capita_fen.push_back(registry::NetIncome(h).fen() / counted);
    return Status::Ok();
  }));
  std::printf("\n%s %10s %10s %8s\n", PadRight("prefecture", 34).c_str(), "households", "members",
              "lifted");
  Row total;
  for (const auto& [code, row] : by_prefecture) {
    const registry::Region* r = regions.Find(code);
    std::printf("%s %10s %10s %7.1f%%\n",
                PadRight(r != nullptr ? r->name : code.Prefix(), 34).c_str(),
                WithThousands(row.households).c_str(), WithThousands(row.members).c_str(),
                100.0 * static_cast<double>(row.lifted) / static_cast<double>(row.households));
    total.households += row.households;
    total.members += row.members;
    total.lifted += row.lifted;
  }
  std::printf("%s %10s %10s %7.1f%%\n", PadRight("青海省 total", 34).c_str(),
              WithThousands(total.households).c_str(), WithThousands(total.members).c_str(),
              total.households > 0 ? 100.0 * static_cast<double>(total.lifted) /
                                         static_cast<double>(total.households)
                                   : 0.0);
  if (!per_capita_fen.empty()) {
    std::sort(per_capita_fen.begin(), per_capita_fen.end());
    auto pct = [&](double p) {
      return Money::FromFen(per_capita_fen[static_cast<size_t>(
                                p * static_cast<double>(per_capita_fen.size() - 1))])
          .ToYuanString();
    };
    std::printf("per-capita net income (yuan): p10 %s, median %s, p90 %s\n", pct(0.1).c_str(),
                pct(0.5).c_str(), pct(0.9).c_str());
  }
  return sample_household;
}

// Step 4 of the demo: screens the registry under Qinghai's 2024 standard (the demo's facts are
// as of 2024-09-01) and stores the run, so that the warnings are there to look at. Returns a
// flagged household to explain.
Result<std::string> ScreenDemo(store::Database& database) {
  std::printf("\n4/7 screening under the 2024 standard\n");
  XJ_ASSIGN_OR_RETURN(rules::Standard standard, StandardInForce(&database, "63", "", 2024));
  XJ_ASSIGN_OR_RETURN(auto compiled, CompileStandard(standard));
  XJ_ASSIGN_OR_RETURN(int64_t batch, database.LastCommittedBatch());
  XJ_ASSIGN_OR_RETURN(auto snapshot, ReadRegistrySnapshot(database, "63"));
  XJ_ASSIGN_OR_RETURN(rules::FactColumns facts,
                      DepartmentFacts(database, snapshot, ChinaToday(), {compiled.get()}));
  rules::ScreeningRequest request;
  request.user = CurrentUser();
  request.facts = &facts;
  XJ_ASSIGN_OR_RETURN(
      rules::ScreeningRunResult run,
      rules::RunScreening(database, database, *snapshot, batch, *compiled, request));
  XJ_ASSIGN_OR_RETURN(
      cases::LeadsTaken leads,
      service::TakeRunLeads(database, *snapshot, run.run.run_id, run.results, UtcNowIso8601()));
  const rules::ScreeningTotals& t = run.totals;
  std::printf(
      "run %lld: %s of %s households flagged (%.1f%%)\n", static_cast<long long>(run.run.run_id),
      WithThousands(t.flagged).c_str(), WithThousands(t.screened).c_str(),
      t.screened > 0 ? 100.0 * static_cast<double>(t.flagged) / static_cast<double>(t.screened)
                     : 0.0);
  for (size_t i = 0; i < standard.types.size(); ++i) {
    std::printf("  %s %s\n", PadRight(standard.types[i].code, 18).c_str(),
                WithThousands(t.types[i]).c_str());
  }
  std::printf("%s cases opened in state lead\n", WithThousands(leads.opened).c_str());
  // The demo's users work in the largest village with warnings (by households, then warnings),
  // so that every page has something to show: the run's leads, and households left for the
  // cases the last step stages (at the default size it is also the village with the most
  // warnings). Its first flagged household is the one to explain.
  std::map<uint64_t, std::pair<int64_t, int64_t>> in_village;  // households, warnings
  for (uint32_t row = 0; row < snapshot->households(); ++row) {
    ++in_village[snapshot->village_code()[row]].first;
  }
  for (const rules::HouseholdResult& r : run.results) {
    const int64_t row = snapshot->Find(r.household_id);
    if (row >= 0) ++in_village[snapshot->village_code()[row]].second;
  }
  uint64_t busiest = 0;
  std::pair<int64_t, int64_t> most{0, 0};
  for (const auto& [village, counts] : in_village) {
    if (counts.second > 0 && counts > most) {
      busiest = village;
      most = counts;
    }
  }
  for (const rules::HouseholdResult& r : run.results) {
    const int64_t row = snapshot->Find(r.household_id);
    if (row >= 0 && snapshot->village_code()[row] == busiest) return r.household_id;
  }
  return std::string();
}

// A password of 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string DemoPassword(std::mt19937_64& rng) {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string password;
  for (int i = 0; i < 12; ++i) password += kAlphabet[pick(rng)];
  return password;
}

// Step 5: one user per role, scoped to the village of `household_id` and the regions above it,
// with fresh random passwords, printed and written to `users_file` (readable by its owner only).
// Returns the village.
Result<std::string> CreateDemoUsers(store::Database& database, const std::string& household_id,
                                    const std::string& users_file) {
  std::printf("\n5/7 creating one demo user per role\n");
  std::vector<std::string> ids = {household_id};
  XJ_ASSIGN_OR_RETURN(auto current, database.GetCurrent(ids));
  if (current.empty())
    return NotFound("demo household " + household_id + " is not in the registry");
  const std::string village = current.front().record.household.village_code.Prefix();
  struct DemoUser {
    access::Role role;
    std::string scope;
    const char* name;
  };
  const std::vector<DemoUser> users = {
      {access::Role::kAdmin, "63", "系统管理员"},
      {access::Role::kProvince, "63", "省级分析员"},
      {access::Role::kPrefecture, village.substr(0, 4), "市州干部"},
      {access::Role::kCounty, village.substr(0, 6), "县级干部"},
      {access::Role::kTownship, village.substr(0, 9), "乡镇干部"},
      {access::Role::kVillage, village, "村干部"},
      {access::Role::kDepartment, village.substr(0, 6), "行业部门数据员"},
      {access::Role::kAuditor, "63", "纪检监督员"},
  };
  access::Accounts accounts(database, database);
  std::random_device seed;
  std::mt19937_64 rng((static_cast<uint64_t>(seed()) << 32) | seed());
  std::string text = "# Demo users of " + users_file + " (username password role scope)\n";
  std::printf("%-12s %-14s %-12s %-14s %s\n", "username", "password", "role", "scope", "name");
  for (const DemoUser& u : users) {
    const std::string username(access::RoleName(u.role));
    const std::string password = DemoPassword(rng);
    XJ_RETURN_IF_ERROR(
        accounts.AddUser(CurrentUser(), username, password, u.role, u.scope, u.name));
    std::printf("%-12s %-14s %-12s %-14s %s\n", username.c_str(), password.c_str(),
                username.c_str(), u.scope.c_str(), u.name);
    text += username + " " + password + " " + username + " " + u.scope + "\n";
  }
  std::error_code ec;
  std::filesystem::remove(users_file, ec);
  std::ofstream out(users_file);
  out << text;
  out.close();
  std::filesystem::permissions(
      users_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  if (!out) return IoError("cannot write " + users_file);
  return village;
}

// The demo village's story in department data: the county medical insurance office's file about
// two of the village's households. The first household's head had a hospital stay whose own
// share is over every line: a warning, whose lead opens a new case in the village's worklist
// (or joins the household's open case when every household of the village has one, as at small
// demo sizes); the second household's head was settled under both the residents' and the
// employees' insurance: cross-check Q05, a finding in the worklist. Households without an open
// case or monitoring episode come first. The file is written to `path`; returns its text.
Result<std::string> WriteVillageStory(store::Database& database, service::Workspace& ws,
                                      const std::string& village, const std::string& path) {
  XJ_RETURN_IF_ERROR(ws.Refresh());
  const std::shared_ptr<const service::WorkspaceView> view = ws.view();
  const registry::Snapshot& snapshot = view->snapshot();
  std::vector<std::string> quiet, busy;  // without and with an open case or episode
  for (uint32_t h = 0; h < snapshot.households(); ++h) {
    if (std::to_string(snapshot.village_code()[h]) != village) continue;
    const std::string id(snapshot.household_id(h));
    XJ_ASSIGN_OR_RETURN(auto open, database.OpenCaseOf(id));
    XJ_ASSIGN_OR_RETURN(auto episodes, database.EpisodesOf(id));
    const bool monitored = std::any_of(episodes.begin(), episodes.end(),
                                       [](const cases::Episode& e) { return !e.eliminated_on; });
    (open || monitored ? busy : quiet).push_back(id);
  }
  std::vector<std::string> chosen = quiet;
  chosen.insert(chosen.end(), busy.begin(), busy.end());
  if (chosen.size() < 2) {
    return FailedPrecondition("the demo village " + village + " has fewer than two households");
  }
  chosen.resize(2);
  XJ_ASSIGN_OR_RETURN(auto current, database.GetCurrent(chosen));
  std::map<std::string, const registry::Member*> heads;
  for (const registry::HouseholdVersion& v : current) {
    for (const registry::Member& m : v.record.members) {
      if (m.relation == registry::Relation::kHead) heads[v.record.household.household_id] = &m;
    }
  }
  if (heads.size() < 2) return Internal("the demo village's households have no head");
  const CivilDate today = cases::ChinaDateOf(UtcNowIso8601());
  auto day = [&](int days_ago) {
    return CivilDate::FromDays(today.ToDays() - days_ago).ToString();
  };
  const registry::Member& sick = *heads[chosen[0]];
  const registry::Member& dual = *heads[chosen[1]];
  std::string text =
      "身份证号,姓名,参保类型,就诊类型,就诊机构,医疗费用总额（元）,统筹基金支付（元）,"
      "个人自付金额（元）,结算日期\n";
  text += sick.id_number + "," + sick.name + ",城乡居民医保,住院,省人民医院,86000.00,31000.00," +
          "55000.00," + day(12) + "\n";
  text += dual.id_number + "," + dual.name +
          ",城乡居民医保,普通门诊,乡镇卫生院,160.00,96.00,64.00," + day(40) + "\n";
  text += dual.id_number + "," + dual.name + ",职工医保,普通门诊,县人民医院,420.00,300.00,120.00," +
          day(25) + "\n";
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return IoError("cannot write " + path);
  return text;
}

// The demo village's own medical insurance file (WriteVillageStory), written to `story` and
// uploaded before the staging of step 6 takes the village's households through the procedure,
// so that its warning's lead is a new case waiting in the village's worklist.
Status UploadVillageStory(store::Database& database, const std::string& village,
                          const std::string& story) {
  service::Workspace ws(database);
  XJ_ASSIGN_OR_RETURN(std::string text, WriteVillageStory(database, ws, village, story));
  service::DepartmentFile file;
  file.source = "medical_insurance";
  file.file_name = std::filesystem::path(story).filename().string();
  file.content = std::move(text);
  XJ_ASSIGN_OR_RETURN(exchange::UploadReport r,
                      service::UploadDepartmentFile(ws, "demo", "", file));
  std::printf(
      "the demo village's medical insurance file %s: %s warning, %s lead (%s new case, %s "
      "joined an open one); the checks opened %s finding\n",
      story.c_str(), WithThousands(r.upload.warnings).c_str(),
      WithThousands(r.leads.opened + r.leads.joined + r.leads.on_episode).c_str(),
      WithThousands(r.leads.opened).c_str(), WithThousands(r.leads.joined).c_str(),
      WithThousands(r.findings).c_str());
  return Status::Ok();
}

// "omission 3.1% [0.0, 8.2]": a sample estimate with its 95% interval, or "not estimated".
std::string EstimateText(const char* name, const std::optional<analytics::RatioEstimate>& e) {
  if (!e) return std::string(name) + " not estimated";
  char text[96];
  std::snprintf(text, sizeof text, "%s %.1f%% [%.1f, %.1f]", name, 100 * e->estimate,
                100 * e->lower, 100 * e->upper);
  return text;
}

// The end of step 6: the assistance around the monitoring objects and the county's
// verification sample (demo_assist.h), and what they left.
Status StageAssistance(store::Database& database, const registry::RegionTable& regions,
                       const std::string& village) {
  const auto start = std::chrono::steady_clock::now();
  XJ_ASSIGN_OR_RETURN(DemoAssistSummary a, StageDemoAssistance(database, village, UtcNowIso8601()));
  XJ_ASSIGN_OR_RETURN(DemoSampleSummary sample,
                      StageDemoSample(database, village, UtcNowIso8601()));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("assistance plans of the province:");
  for (size_t i = 0; i < assist::kAllPlanStates.size(); ++i) {
    std::printf("%s %s %s", i == 0 ? "" : ",", WithThousands(a.plans[i]).c_str(),
                std::string(assist::PlanStateCode(assist::kAllPlanStates[i])).c_str());
  }
  std::printf(
      "; %s responsible persons, %s follow-up visits (%s recording a lead), %s measures added; "
      "coordination findings of the county: %s open, %s justified\n",
      WithThousands(a.responsible).c_str(), WithThousands(a.visits).c_str(),
      WithThousands(a.visit_leads).c_str(), WithThousands(a.measures).c_str(),
      WithThousands(a.open_findings).c_str(), WithThousands(a.justified).c_str());
  const registry::Region* county = regions.Find(std::string_view(village).substr(0, 6));
  std::printf(
      "verification sample %lld of %s: %s households drawn, results recorded for %s: %s, %s, "
      "%s (in %.1f s)\n",
      static_cast<long long>(sample.draw_id),
      county != nullptr ? county->name.c_str() : village.substr(0, 6).c_str(),
      WithThousands(sample.households).c_str(), WithThousands(sample.recorded).c_str(),
      EstimateText("omission", sample.estimates.omission).c_str(),
      EstimateText("wrong inclusion", sample.estimates.wrong_inclusion).c_str(),
      EstimateText("approval", sample.estimates.approval).c_str(), took.count());
  return Status::Ok();
}

// Step 6: the demo village's own department file (UploadVillageStory), then the case workflow
// around the demo users (demo_cases.h), and what it left per state.
Status StageCases(store::Database& database, const registry::RegionTable& regions,
                  const std::string& village, const std::string& data_dir) {
  auto name = [&](size_t digits) {
    const registry::Region* r = regions.Find(std::string_view(village).substr(0, digits));
    return r != nullptr ? r->name : village.substr(0, digits);
  };
  std::printf("\n6/7 staging the case workflow around %s, %s, %s\n", name(6).c_str(),
              name(9).c_str(), name(12).c_str());
  XJ_RETURN_IF_ERROR(UploadVillageStory(
      database, village, data_dir + "/village/medical_insurance-" + village + ".csv"));
  const auto start = std::chrono::steady_clock::now();
  XJ_ASSIGN_OR_RETURN(DemoCasesSummary s, StageDemoCases(database, village, UtcNowIso8601()));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%lld households taken through the procedure over the last 11 months in %.1f s",
              static_cast<long long>(s.households), took.count());
  if (s.outside_county > 0) {
    std::printf(" (%lld outside the county, which has too few households)",
                static_cast<long long>(s.outside_county));
  }
  std::printf("; public applications: %lld\n", static_cast<long long>(s.applications));
  std::printf("%-18s %9s %8s %9s %8s\n", "cases by state", "province", "county", "township",
              "village");
  for (size_t i = 0; i < cases::kAllStates.size(); ++i) {
    std::printf("%-18s %9s %8s %9s %8s\n",
                std::string(cases::StateCode(cases::kAllStates[i])).c_str(),
                WithThousands(s.province[i]).c_str(), WithThousands(s.county[i]).c_str(),
                WithThousands(s.township[i]).c_str(), WithThousands(s.village[i]).c_str());
  }
  std::printf(
      "%s open cases of the county overdue; the escalation sweep wrote %s escalate events\n",
      WithThousands(s.overdue).c_str(), WithThousands(s.escalated).c_str());
  if (s.townships > 0) {
    std::printf("%s other townships of the county given a monitoring object and an elimination\n",
                WithThousands(s.townships).c_str());
  }
  return StageAssistance(database, regions, village);
}

// Uploads every department file of `dir` as its department would: warnings become leads in the
// villages' worklists, the cross-checks open findings.
Status UploadDepartments(store::Database& database, const std::string& dir) {
  namespace fs = std::filesystem;
  std::printf("\n7/7 uploading the departments' files of %s\n", dir.c_str());
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  service::Workspace ws(database);
  std::printf("%-20s %8s %9s %12s %10s %9s %6s\n", "source", "read", "accepted", "quarantined",
              "unmatched", "warnings", "leads");
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    service::DepartmentFile file;
    file.source = path.stem().string();
    file.file_name = path.filename().string();
    file.content = bytes.str();
    XJ_ASSIGN_OR_RETURN(exchange::UploadReport r,
                        service::UploadDepartmentFile(ws, "demo", "", file));
    const exchange::UploadRecord& u = r.upload;
    std::printf("%-20s %8s %9s %12s %10s %9s %6s\n", u.source.c_str(),
                WithThousands(u.read).c_str(), WithThousands(u.accepted).c_str(),
                WithThousands(u.quarantined).c_str(), WithThousands(u.unmatched).c_str(),
                WithThousands(u.warnings).c_str(),
                WithThousands(r.leads.opened + r.leads.joined + r.leads.on_episode).c_str());
  }
  return Status::Ok();
}

int RunDemo(const DemoOptions& o) {
  namespace fs = std::filesystem;
  std::string data_dir = o.dir + "/data";
  std::string db = o.dir + "/xianjie.db";
  std::printf("1/7 generating %s households of a synthetic Qinghai registry in %s\n",
              WithThousands(o.households).c_str(), data_dir.c_str());
  demo::GeneratorOptions g;
  g.households = o.households;
  g.seed = o.seed;
  // The departments' files cover the 12 months up to today: they are uploaded today.
  g.departments_as_of = cases::ChinaDateOf(UtcNowIso8601());
  demo::DepartmentFiles departments;
  auto stats =
      demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), data_dir, &departments);
  if (!stats.ok()) return Fail(stats.status());
  if (Status s = WriteDepartmentFiles(departments, data_dir); !s.ok()) return Fail(s);

  std::printf("2/7 creating the registry %s\n", db.c_str());
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix, ec);
  auto store = store::OpenStore(db, store::OpenMode::kCreate);
  if (!store.ok()) return Fail(store.status());
  const registry::RegionTable& regions = registry::RegionTable::BuiltIn();
  if (Status s = (*store)->ReplaceRegions(regions.all()); !s.ok()) return Fail(s);

  std::printf("3/7 importing\n");
  ingest::ImportRequest req;
  req.households_path = data_dir + "/households.csv";
  req.members_path = data_dir + "/members.csv";
  req.source = "demo";
  req.user = CurrentUser();
  req.as_of = CivilDate::FromYmd(2024, 9, 1);
  auto report = ingest::ImportExchangeFiles(**store, regions, req);
  if (!report.ok()) return Fail(report.status());
  std::printf("imported batch %lld in %.1f s: %s households, %s members, %s quarantined rows\n",
              static_cast<long long>(report->batch_id), report->seconds,
              WithThousands(report->households.accepted).c_str(),
              WithThousands(report->members.accepted).c_str(),
              WithThousands(report->households.quarantined + report->members.quarantined).c_str());
  auto sample = PrintSummary(**store, regions);
  if (!sample.ok()) return Fail(sample.status());
  auto flagged = ScreenDemo(**store);
  if (!flagged.ok()) return Fail(flagged.status());
  const std::string& explained = flagged->empty() ? *sample : *flagged;
  auto village = CreateDemoUsers(**store, explained, o.dir + "/users.txt");
  if (!village.ok()) return Fail(village.status());
  if (Status s = StageCases(**store, regions, *village, data_dir); !s.ok()) return Fail(s);
  if (Status s = UploadDepartments(**store, data_dir + "/departments"); !s.ok()) return Fail(s);
  // The hints name this very binary, as a path the user can paste.
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  std::string program = ec ? "xianjie" : fs::relative(self, fs::current_path(), ec).string();
  if (ec || program.empty()) program = self.string();
  std::printf(
      "\nThe demo registry is %s. Try:\n"
      "  %s history --db %s --household %s\n"
      "  %s regions --db %s --within 630102\n"
      "  %s export --db %s --out %s/export\n"
      "  %s explain --db %s --household %s --province 63 --year 2024\n"
      "  %s whatif --db %s --standard 63-2024 --vs 63-2025\n"
      "  %s case list --db %s --as village --worklist\n"
      "  %s plan list --db %s --as county\n"
      "  %s assessment scorecards --db %s --year %d --region %s\n"
      "The demo users are in %s/users.txt.\n",
      db.c_str(), program.c_str(), db.c_str(), sample->c_str(), program.c_str(), db.c_str(),
      program.c_str(), db.c_str(), o.dir.c_str(), program.c_str(), db.c_str(), explained.c_str(),
      program.c_str(), db.c_str(), program.c_str(), db.c_str(), program.c_str(), db.c_str(),
      program.c_str(), db.c_str(), cases::ChinaDateOf(UtcNowIso8601()).year(),
      village->substr(0, 4).c_str(), o.dir.c_str());
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Create a demo province: generate households, import, screen, create demo users");
  cmd->add_option("--dir", o->dir, "Directory for the data and the registry (default: demo)");
  // Fewer households leave the demo village without the two households its department file
  // names, and its stories spill out of the county.
  cmd->add_option("--households", o->households,
                  "Number of households, at least 2000 (default: 50000)")
      ->check(CLI::Range(int64_t{2'000}, int64_t{10'000'000}));
  cmd->add_option("--seed", o->seed, "Random seed");
  cmd->callback([o, exit_code] { *exit_code = RunDemo(*o); });
}

}  // namespace xianjie::cli
