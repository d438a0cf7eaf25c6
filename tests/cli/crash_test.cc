// Crash safety (issue 8, decision 0010 step 7): SIGKILL the importer and the server at random
// points under load, on SQLite and on PostgreSQL, and check what a crash may not do: lose a
// write that was acknowledged, leave part of a batch visible, or break the audit chain.
//
// XJ_CRASH_KILLS sets the kills per test and backend: 6 in `make test`; bench/crash.sh runs 50
// (docs/reliability.md). XJ_CRASH_HOUSEHOLDS sets the size of the killed import (6,000).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/serve_process.h"
#include "store/open.h"
#include "store/store_test_support.h"

namespace xianjie::testing {
namespace {

using nlohmann::json;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

const int kKills = EnvInt("XJ_CRASH_KILLS", 6);

struct State {
  int64_t batches, households, members, versions, quarantined;
  bool operator==(const State&) const = default;
};

std::ostream& operator<<(std::ostream& os, const State& s) {
  return os << "{batches " << s.batches << ", households " << s.households << ", members "
            << s.members << ", versions " << s.versions << ", quarantined " << s.quarantined << "}";
}

State Read(const std::string& db) {
  auto store = store::OpenStore(db, store::OpenMode::kExisting);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return {};
  auto c = (*store)->Counts();
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (!c.ok()) return {};
  return {c->batches, c->households, c->members, c->versions, c->quarantined};
}

void ExpectAuditChainVerifies(const std::string& db, const std::string& when) {
  CliResult verify = RunCli({"audit", "verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << when << ": " << verify.out << verify.err;
}

// The ids of the households of a registry file whose id starts with `county`.
std::vector<std::string> HouseholdIds(const std::string& csv, const std::string& county) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // the header
  std::vector<std::string> ids;
  while (std::getline(in, line)) {
    if (line.starts_with(county)) ids.push_back(line.substr(0, line.find(',')));
  }
  return ids;
}

// The crash tests of one backend: "sqlite" (a file per registry) or "postgres" (a schema per
// registry on the test cluster).
class CrashTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCli({"generate", "--households", "2000", "--seed", "1", "--out", dir_ / "base"})
                  .exit_code,
              0);
  }

  // A new registry named `name` holding the base registry of 2,000 households.
  std::string NewRegistry(const std::string& name) {
    std::string db;
    if (GetParam() == "sqlite") {
      db = dir_ / (name + ".db");
    } else {
      auto url = store::testing::TestPostgresUrl(dir_ / name);
      EXPECT_TRUE(url.ok()) << url.status().ToString();
      db = url.ok() ? *url : "";
    }
    CliResult init = RunCli({"init", "--db", db});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    CliResult import = RunCli({"import", "--db", db, "--households", dir_ / "base/households.csv",
                               "--members", dir_ / "base/members.csv"});
    EXPECT_EQ(import.exit_code, 0) << import.err;
    return db;
  }

  TempDir dir_;
  std::mt19937_64 rng_{20261130};
};

TEST_P(CrashTest, AKilledImportLeavesTheRegistryAsBeforeOrAfterTheBatch) {
  // A batch of new households (with some bad rows, so that quarantine writes are in the batch
  // too). Seed 2 reuses some household ids of seed 1: those become new versions.
  const std::string households = std::to_string(EnvInt("XJ_CRASH_HOUSEHOLDS", 6000));
  ASSERT_EQ(RunCli({"generate", "--households", households, "--seed", "2", "--corrupt-rate",
                    "0.001", "--out", dir_ / "big"})
                .exit_code,
            0);
  auto import_args = [&](const std::string& db) -> std::vector<std::string> {
    return {"import",
            "--db",
            db,
            "--households",
            dir_ / "big/households.csv",
            "--members",
            dir_ / "big/members.csv",
            "--source",
            "kill_test"};
  };

  // One complete run gives the "after" state and the duration to spread the kills over.
  const std::string full = NewRegistry("full");
  const State before = Read(full);
  auto t0 = std::chrono::steady_clock::now();
  CliResult done = RunCli(import_args(full));
  auto duration = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const State after = Read(full);
  ASSERT_EQ(after.batches, before.batches + 1);
  ASSERT_GT(after.versions, before.versions);
  ASSERT_GT(after.quarantined, before.quarantined);

  const int64_t max_us =
      std::chrono::duration_cast<std::chrono::microseconds>(duration).count() * 11 / 10;
  int saw_before = 0, saw_after = 0;
  for (int i = 0; i < kKills; ++i) {
    const std::string db = NewRegistry("kill" + std::to_string(i));
    ASSERT_EQ(Read(db), before);
    pid_t pid = StartCli(import_args(db));
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int64_t>(0, max_us)(rng_)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const State s = Read(db);
    if (s == before) {
      ++saw_before;
    } else {
      ASSERT_EQ(s, after) << "kill " << i << " left a partial batch";
      ++saw_after;
    }
    ExpectAuditChainVerifies(db, "after kill " + std::to_string(i));
  }
  EXPECT_GT(saw_before, 0) << "no kill landed inside the import";
  std::printf("%s: %d kills of the importer left the registry before the batch, %d after it\n",
              GetParam().c_str(), saw_before, saw_after);
}

// One officer's session on a running server.
struct Session {
  explicit Session(int port) : client("127.0.0.1", port) {
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto login = client.Post("/api/v1/login", R"({"username":"crash","password":"crash-password"})",
                             "application/json");
    if (!login || login->status != 200) return;
    const std::string cookie = login->get_header_value("Set-Cookie");
    headers = {{"Cookie", cookie.substr(0, cookie.find(';'))},
               {"X-CSRF-Token", json::parse(login->body)["csrf_token"].get<std::string>()}};
    ok = true;
  }
  httplib::Client client;
  httplib::Headers headers;
  bool ok = false;
};

TEST_P(CrashTest, AKilledServerKeepsEveryAcknowledgedWrite) {
  const std::string db = NewRegistry("server");
  CliResult added = RunCli({"user", "add", "--db", db, "--username", "crash", "--password",
                            "crash-password", "--role", "county", "--scope", "630224"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::vector<std::string> households = HouseholdIds(dir_ / "base/households.csv", "630224");
  ASSERT_GT(households.size(), 100u);

  // Visits the server answered 201 for, by household.
  std::map<std::string, std::set<int64_t>> acknowledged;
  std::mutex mu;
  int64_t writes = 0, refused = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    ServeProcess server({"serve", "--db", db, "--listen", "127.0.0.1:0", "--access-log", ""},
                        dir_.path());
    ASSERT_GT(server.port(), 0) << server.output();
    // Four officers record home visits as fast as the server takes them, until it dies.
    std::atomic<bool> stop = false;
    std::vector<std::thread> officers;
    for (int t = 0; t < 4; ++t) {
      officers.emplace_back([&, t, seed = rng_()] {
        Session session(server.port());
        if (!session.ok) return;
        std::mt19937_64 rng(seed);
        while (!stop) {
          const std::string& id = households[rng() % households.size()];
          json visit = {{"visited_on", "2026-11-01"},
                        {"visitor", "干部" + std::to_string(t)},
                        {"found", "家中情况稳定"},
                        {"risks_seen", json::array()}};
          auto reply = session.client.Post("/api/v1/households/" + id + "/visits", session.headers,
                                           visit.dump(), "application/json");
          if (!reply) return;  // the server is gone
          std::lock_guard lock(mu);
          if (reply->status == 201) {
            acknowledged[id].insert(json::parse(reply->body)["id"].get<int64_t>());
            ++writes;
          } else {
            ++refused;
            ADD_FAILURE() << "visit to " << id << ": " << reply->status << " " << reply->body;
            return;
          }
        }
      });
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 2000)(rng_)));
    EXPECT_EQ(server.SignalAndWait(SIGKILL, 30), -SIGKILL);
    stop = true;
    for (std::thread& t : officers) t.join();
    ASSERT_EQ(refused, 0);
    ExpectAuditChainVerifies(db, "after kill " + std::to_string(kill));
  }
  ASSERT_GT(writes, 0) << "no visit was acknowledged before a kill";

  // After the last kill, every acknowledged visit is there.
  ServeProcess server({"serve", "--db", db, "--listen", "127.0.0.1:0", "--access-log", ""},
                      dir_.path());
  ASSERT_GT(server.port(), 0) << server.output();
  Session session(server.port());
  ASSERT_TRUE(session.ok);
  int64_t found = 0;
  for (const auto& [id, visits] : acknowledged) {
    auto reply = session.client.Get("/api/v1/households/" + id + "/visits", session.headers);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->status, 200) << reply->body;
    const json body = json::parse(reply->body);
    std::set<int64_t> stored;
    for (const json& v : body["items"]) stored.insert(v["id"].get<int64_t>());
    for (int64_t visit : visits) {
      EXPECT_TRUE(stored.count(visit)) << "visit " << visit << " to " << id << " was lost";
      found += stored.count(visit);
    }
  }
  EXPECT_EQ(found, writes);
  std::printf("%s: %d kills of the server under load; all %lld acknowledged visits kept\n",
              GetParam().c_str(), kKills, static_cast<long long>(writes));
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace xianjie::testing
