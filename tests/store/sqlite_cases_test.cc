// What only the SQLite store promises about cases, measures and applications (migrations 0006,
// 0007, 0008): a database of schema 0005, 0006 or 0007 is upgraded in place and keeps its data,
// cases and applications survive reopening, the rows follow the schema's conventions, the
// partial unique index holds even against SQL, and a damaged row is data loss naming its table,
// row and column.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/case_builders.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using cases::Attachment;
using cases::CaseKind;
using cases::CaseRecord;
using cases::CaseState;
using cases::Episode;
using cases::EventRecord;
using cases::EventType;
using cases::EventWrite;
using cases::Lead;
using cases::WorkflowLimits;

class SqliteCasesTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open(OpenMode mode = OpenMode::kCreate) {
    auto store = SqliteStore::Open(db_, mode);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Case 1 of H1 (the lead, then applied: events 1 and 2 with fields and attachments), case 2
  // of H2 monitored with episode 1, a lead on that episode, an attachment and limits.
  void WriteCases(SqlStore& store) {
    ASSERT_EQ(
        store.OpenCases({MakeNewCase("H1"), MakeNewCase("H2", "run:1", "630103001001")}).value(),
        (std::vector<int64_t>{1, 2}));
    XJ_ASSERT_OK(store.PutAttachment(attachment_, content_));
    XJ_ASSERT_OK(store.AppendEvent(Apply()));
    EventWrite approve = Write(store, 2, EventType::kCountyApprove, CaseState::kMonitored);
    approve.open_episode = MakeEpisode("H2", "630103001001");
    XJ_ASSERT_OK(store.AppendEvent(approve));
    Lead on_episode = MakeLead("H2", "run:2");
    on_episode.episode_id = 1;
    XJ_ASSERT_OK(store.AddLead(on_episode));
    XJ_ASSERT_OK(store.PutLimits("630000", limits_));
  }

  EventWrite Apply() {
    CaseRecord next = MakeCase("H1");
    next.id = 1;
    next.state = CaseState::kHomeVisit;
    next.state_since = Day(30);
    next.notice_start = Day(30);
    EventRecord record = MakeEvent(EventType::kApply, CaseState::kLead, CaseState::kHomeVisit, 2);
    record.case_id = 1;
    record.fields = {{"applicant", "王五 \"Wang\""}, {"authorization_signed", "true"}};
    record.attachments = {1};
    EventWrite write;
    write.next = next;
    write.record = record;
    write.expected_version = 1;
    return write;
  }

  // The write that takes the stored case `id` to `to` by `event`.
  EventWrite Write(SqlStore& store, int64_t id, EventType event, CaseState to) {
    CaseRecord c = store.GetCase(id).value().value_or(CaseRecord{});
    EventWrite write;
    write.next = c;
    write.expected_version = c.version;
    write.next.state = to;
    write.record = MakeEvent(event, c.state, to, c.version + 1);
    write.record.case_id = id;
    return write;
  }

  // A database of schema `version`, as the xianjie of that version made it: the migrations are
  // frozen, so applying the first `version` of them gives that schema.
  void MakeDatabaseOfVersion(int version) {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
              "");
    for (const Migration& m : Migrations()) {
      if (m.version > version) break;
      ASSERT_EQ(raw.Exec(m.sql), "") << m.name;
      ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
                         ", '" + std::string(m.name) + "', '2026-11-01T00:00:00Z')"),
                "");
    }
  }

  // Takes the database back to schema 0005, as the xianjie before 0006 made it, with a user.
  void Make0005Database() {
    MakeDatabaseOfVersion(5);
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("INSERT INTO app_user VALUES ('zhang', '张三', 'county', '630102', "
                       "'$argon2id$x', 0, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"),
              "");
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
  Attachment attachment_{.case_id = 1,
                         .filename = "授权书.pdf",
                         .content_type = "application/pdf",
                         .sha256 = std::string(64, 'b'),
                         .bytes = 5,
                         .uploaded_by = "li.si",
                         .uploaded_at = "2026-11-30T01:00:00Z"};
  std::string content_ = std::string("%PDF\0", 5);
  WorkflowLimits limits_{.application_days = 4, .overall_days = 20};
};

TEST_F(SqliteCasesTest, A0005DatabaseIsUpgradedAndItsDataStays) {
  Make0005Database();
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Int("SELECT max(version) FROM schema_migrations"), 5);
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'case_record'"), 0);
  }
  {
    auto store = Open(OpenMode::kExisting);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->GetUser("zhang").value().value_or(access::User{}).display_name, "张三");
    WriteCases(*store);
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 6"), "0006_cases");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteCasesTest, A0006DatabaseGetsMeasuresAndKeepsItsLimitsWithTheEliminationDefaults) {
  MakeDatabaseOfVersion(6);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'measure'"), 0);
    ASSERT_EQ(raw.Exec("INSERT INTO workflow_limits VALUES ('63', 4, 3, 5, 2, 6, 1, 2, 2, 20, 3)"),
              "");
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  WorkflowLimits expected{.application_days = 4, .notice_min_days = 6, .overall_days = 20};
  EXPECT_EQ(store->GetLimits("63").value(), expected);
  EXPECT_EQ(expected.elimination_min_months, 6);  // the defaults, as the migration gives them
  cases::Measure m;
  m.household_id = "H1";
  m.item = "产业奖补";
  m.start = Day(1);
  m.recorded_by = "li.si";
  m.recorded_at = "2026-11-01T02:00:00Z";
  EXPECT_EQ(store->PutMeasure(m).value(), 1);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 7"), "0007_elimination");
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteCasesTest, MeasureRowsFollowTheSchemaConventions) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  cases::Measure m;
  m.household_id = "H1";
  m.category = cases::MeasureCategory::kSafetyNet;
  m.status = cases::MeasureStatus::kInProgress;
  m.item = "低保";
  m.start = Day(1);
  m.amount_fen = 123456;
  m.risks = "R03;R08";
  m.recorded_by = "li.si";
  m.recorded_at = "2026-11-01T02:00:00Z";
  ASSERT_EQ(store->PutMeasure(m).value(), 1);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT category || ' ' || status || ' ' || start_on || ' ' || "
                     "typeof(end_on) || ' ' || amount_fen || ' ' || risks FROM measure"),
            "safety_net in_progress 2026-11-01 null 123456 R03;R08");
}

TEST_F(SqliteCasesTest, ADamagedMeasureRowIsDataLossNamingItsColumn) {
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"UPDATE measure SET category = 'charity'", "category"},
      {"UPDATE measure SET status = 'finished'", "status"},
      {"UPDATE measure SET start_on = '2026-13-01'", "start_on"},
      {"UPDATE measure SET end_on = 'later'", "end_on"},
  };
  for (const auto& [sql, column] : damages) {
    SCOPED_TRACE(sql);
    std::filesystem::remove(db_);
    std::filesystem::remove(db_ + "-wal");
    std::filesystem::remove(db_ + "-shm");
    auto store = Open();
    ASSERT_NE(store, nullptr);
    cases::Measure m;
    m.household_id = "H1";
    m.item = "产业奖补";
    m.start = Day(1);
    m.recorded_by = "li.si";
    m.recorded_at = "2026-11-01T02:00:00Z";
    ASSERT_EQ(store->PutMeasure(m).value(), 1);
    {
      RawDb raw(db_);
      ASSERT_EQ(raw.Exec(sql), "");
    }
    Status s = store->MeasuresOf("H1").status();
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
    for (const std::string& part : {std::string("measure"), std::string("measure_id=1"), column}) {
      EXPECT_NE(s.message().find(part), std::string::npos) << part << " in " << s.message();
    }
  }
}

TEST_F(SqliteCasesTest, CasesSurviveReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteCases(*store);
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  CaseRecord expected = Apply().next;
  expected.version = 2;
  EXPECT_EQ(store->GetCase(1).value(), expected);
  std::vector<EventRecord> events = store->CaseEvents(1).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1], Apply().record);
  EXPECT_EQ(store->GetCase(2).value()->episode_id, 1);
  Episode episode = MakeEpisode("H2", "630103001001");
  episode.id = 1;
  episode.identification_case = 2;
  EXPECT_EQ(store->EpisodesOf("H2").value(), std::vector<Episode>{episode});
  std::vector<Lead> leads = store->LeadsOf("H2").value();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[1].id, 3);
  EXPECT_EQ(leads[1].episode_id, 1);
  std::string content;
  Attachment attachment = attachment_;
  attachment.id = 1;
  EXPECT_EQ(store->GetAttachment(1, &content).value(), attachment);
  EXPECT_EQ(content, content_);
  EXPECT_EQ(store->GetLimits("630000").value(), limits_);
  // Numbering goes on from the stored rows.
  EXPECT_EQ(store->OpenCases({MakeNewCase("H3")}).value(), std::vector<int64_t>{3});
}

TEST_F(SqliteCasesTest, RowsFollowTheSchemaConventions) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteCases(*store);
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT kind || ' ' || state || ' ' || channel FROM case_record "
                     "WHERE case_id = 1"),
            "identification home_visit department_warning");
  EXPECT_EQ(raw.Text("SELECT opened_on || ' ' || state_since || ' ' || notice_start "
                     "FROM case_record WHERE case_id = 1"),
            "2026-11-29 2026-11-30 2026-11-30");
  EXPECT_EQ(raw.Text("SELECT typeof(paused_since) || typeof(notice_end) FROM case_record "
                     "WHERE case_id = 1"),
            "nullnull");
  EXPECT_EQ(raw.Text("SELECT json_extract(fields, '$.applicant') FROM case_event "
                     "WHERE case_id = 1 AND seq = 2"),
            "王五 \"Wang\"");
  EXPECT_EQ(raw.Text("SELECT event || ' ' || from_state || ' ' || to_state || ' ' || on_date || "
                     "' ' || attachments FROM case_event WHERE case_id = 1 AND seq = 2"),
            "apply lead home_visit 2026-11-30 [1]");
  EXPECT_EQ(raw.Text("SELECT typeof(content) || length(content) FROM case_attachment"), "blob5");
  EXPECT_EQ(raw.Text("SELECT identified_on || ' ' || typeof(eliminated_on) FROM episode"),
            "2026-11-20 null");
  EXPECT_EQ(raw.Int("SELECT application_days + overall_days FROM workflow_limits "
                    "WHERE province = '630000'"),
            24);
}

TEST_F(SqliteCasesTest, TheUniqueIndexKeepsOneOpenCaseEvenAgainstSql) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteCases(*store);
  }
  RawDb raw(db_);
  const std::string copy =
      "INSERT INTO case_record SELECT NULL, kind, household_id, village_code, '%s', channel, "
      "relapse, opened_at, opened_on, state_since, updated_at, version, paused_days, "
      "step_paused_days, paused_since, open_objections, home_visit_done, comparison_done, "
      "notice_start, notice_end, proposed_type, proposed_risks, decided_type, decided_risks, "
      "method, reason, closed_at, escalation, episode_id FROM case_record WHERE case_id = 1";
  auto with_state = [&](const std::string& state) {
    std::string sql = copy;
    sql.replace(sql.find("%s"), 2, state);
    return raw.Exec(sql);
  };
  EXPECT_NE(with_state("lead").find("UNIQUE"), std::string::npos);
  EXPECT_EQ(with_state("dismissed"), "");
  EXPECT_EQ(with_state("rejected"), "");
}

// A damaged value in each decoded column, and the read that must report it.
struct Damage {
  const char* sql;
  std::function<Status(SqlStore&)> read;
  std::vector<std::string> named;  // what the message names
};

TEST_F(SqliteCasesTest, ADamagedRowIsDataLossNamingItsTableRowAndColumn) {
  const std::vector<Damage> damages = {
      {"UPDATE case_record SET state = 'paused' WHERE case_id = 1",
       [](SqlStore& s) { return s.GetCase(1).status(); },
       {"case_record", "case_id=1", "state", "'paused'"}},
      {"UPDATE case_record SET kind = '' WHERE case_id = 2",
       [](SqlStore& s) { return s.ListCases({}).status(); },
       {"case_record", "case_id=2", "kind"}},
      {"UPDATE case_record SET notice_start = '2026-02-30' WHERE case_id = 1",
       [](SqlStore& s) { return s.OpenCaseOf("H1").status(); },
       {"case_record", "notice_start", "2026-02-30"}},
      {"UPDATE case_record SET channel = 'fax' WHERE case_id = 1",
       [](SqlStore& s) {
         EventWrite w;
         w.next = MakeCase("H1");
         w.expected_version = 2;
         w.next.id = 1;
         w.record = MakeEvent(EventType::kComment, CaseState::kHomeVisit, CaseState::kHomeVisit, 3);
         return s.AppendEvent(w);
       },
       {"case_record", "channel", "fax"}},
      {"UPDATE case_event SET fields = '{\"a\": 1}' WHERE seq = 2",
       [](SqlStore& s) { return s.CaseEvents(1).status(); },
       {"case_event", "case_id=1 seq=2", "fields"}},
      {"UPDATE case_event SET attachments = '[1' WHERE seq = 2",
       [](SqlStore& s) { return s.CaseEvents(1).status(); },
       {"case_event", "attachments"}},
      {"UPDATE case_event SET event = 'undo' WHERE seq = 1 AND case_id = 2",
       [](SqlStore& s) { return s.CaseEvents(2).status(); },
       {"case_event", "case_id=2 seq=1", "event", "undo"}},
      {"UPDATE case_event SET to_state = 'x', on_date = '30/11/2026' WHERE seq = 2",
       [](SqlStore& s) { return s.CaseEvents(1).status(); },
       {"case_event", "to_state"}},
      {"UPDATE lead SET channel = 'rumour' WHERE lead_id = 3",
       [](SqlStore& s) { return s.LeadsOf("H2").status(); },
       {"lead", "lead_id=3", "channel", "rumour"}},
      {"UPDATE episode SET eliminated_on = 'soon'",
       [](SqlStore& s) { return s.ListEpisodes("", false).status(); },
       {"episode", "episode_id=1", "eliminated_on", "soon"}},
  };
  for (const Damage& damage : damages) {
    SCOPED_TRACE(damage.sql);
    std::filesystem::remove(db_);
    std::filesystem::remove(db_ + "-wal");
    std::filesystem::remove(db_ + "-shm");
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteCases(*store);
    {
      RawDb raw(db_);
      ASSERT_EQ(raw.Exec(damage.sql), "");
    }
    Status s = damage.read(*store);
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
    for (const std::string& part : damage.named) {
      EXPECT_NE(s.message().find(part), std::string::npos) << part << " in " << s.message();
    }
  }
}

// An application of village 630102001001 from the public page, every field set.
cases::Application MakeStoredApplication() {
  cases::Application a;
  a.reference = "7KQ2-M9XD";
  a.village_code = "630102001001";
  a.received_at = "2026-11-29T03:04:05Z";
  a.applicant_name = "王小明";
  a.id_number = TestIdNumberEndingInX();
  a.phone = "13800000000";
  a.relation = cases::ApplicantRelation::kProxy;
  a.text = "母亲住院";
  a.client_hash = std::string(64, 'c');
  a.household_id = "H1";
  a.case_id = 3;
  a.status = cases::ApplicationStatus::kMatched;
  return a;
}

TEST_F(SqliteCasesTest, A0007DatabaseGetsApplicationsAndKeepsItsCases) {
  MakeDatabaseOfVersion(7);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'application'"), 0);
  }
  {
    // Cases written by the 0007 schema stay readable after the upgrade.
    auto store = Open(OpenMode::kExisting);
    ASSERT_NE(store, nullptr);
    WriteCases(*store);
    EXPECT_EQ(store->PutApplication(MakeStoredApplication()).value(), 1);
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  cases::Application expected = MakeStoredApplication();
  expected.id = 1;
  EXPECT_EQ(store->GetApplication(1).value(), expected);
  EXPECT_EQ(store->GetCase(1).value().value_or(CaseRecord{}).state, CaseState::kHomeVisit);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 8"), "0008_application");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteCasesTest, ApplicationRowsFollowTheSchemaConventions) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_EQ(store->PutApplication(MakeStoredApplication()).value(), 1);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT status || ' ' || relation || ' ' || typeof(case_id) || ' ' || "
                     "case_id || ' ' || village_code || ' ' || handled_at || '|' FROM application"),
            "matched proxy integer 3 630102001001 |");
}

TEST_F(SqliteCasesTest, ADamagedApplicationRowIsDataLossNamingItsColumn) {
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"UPDATE application SET status = 'lost'", "status"},
      {"UPDATE application SET relation = 'cousin'", "relation"},
  };
  for (const auto& [sql, column] : damages) {
    SCOPED_TRACE(sql);
    std::filesystem::remove(db_);
    std::filesystem::remove(db_ + "-wal");
    std::filesystem::remove(db_ + "-shm");
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(store->PutApplication(MakeStoredApplication()).value(), 1);
    {
      RawDb raw(db_);
      ASSERT_EQ(raw.Exec(sql), "");
    }
    for (const Status& s :
         {store->GetApplication(1).status(), store->ListApplications({}).status()}) {
      EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
      for (const std::string& part :
           {std::string("application"), std::string("application_id=1"), column}) {
        EXPECT_NE(s.message().find(part), std::string::npos) << part << " in " << s.message();
      }
    }
  }
}

}  // namespace
}  // namespace xianjie::store::testing
