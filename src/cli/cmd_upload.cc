// `xianjie upload`: one department file for one source (decision 0006): read by the source's
// contract, matched to the registry, its updates, facts and warnings applied in one transaction,
// the warnings' leads taken; prints the report. A file that cannot be read at all exits 1 with a
// one-line reason and changes nothing.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "service/exchange.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

struct UploadOptions {
  std::string db;
  std::string source;
  std::string file;
  std::string encoding = "auto";
  std::string sheet;
  std::string user;
  bool json = false;
};

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void PrintReport(const exchange::UploadReport& r, const std::string& db) {
  const exchange::UploadRecord& u = r.upload;
  if (r.duplicate) {
    std::printf("this file was uploaded before as upload %lld (%s, %s): nothing changed\n",
                static_cast<long long>(u.id), u.file_name.c_str(), u.uploaded_at.c_str());
  } else {
    std::printf("upload %lld of %s (%s%s%s) in %.1f s\n", static_cast<long long>(u.id),
                u.source.c_str(), u.format.c_str(), u.encoding.empty() ? "" : ", ",
                u.encoding.c_str(), r.seconds);
  }
  if (!r.skipped_rows.empty()) std::printf("  %s\n", r.HeaderNote().c_str());
  std::printf("  read %s: accepted %s, quarantined %s, unmatched %s (match rate %.1f%%)\n",
              WithThousands(u.read).c_str(), WithThousands(u.accepted).c_str(),
              WithThousands(u.quarantined).c_str(), WithThousands(u.unmatched).c_str(),
              100.0 * r.match_rate());
  std::printf("  registry: %s households updated\n", WithThousands(u.updated_households).c_str());
  std::printf("  warnings: %s new", WithThousands(u.warnings).c_str());
  std::printf(" → leads: %s cases opened, %s joined open cases, %s on monitoring episodes\n",
              WithThousands(r.leads.opened).c_str(), WithThousands(r.leads.joined).c_str(),
              WithThousands(r.leads.on_episode).c_str());
  std::printf("  findings: %s opened by the cross-checks\n", WithThousands(r.findings).c_str());
  if (!r.quarantined_by_rule.empty()) {
    std::printf("  quarantined cells by rule:\n");
    for (const auto& [rule, n] : r.quarantined_by_rule) {
      std::printf("    %-24s %s\n", rule.c_str(), WithThousands(n).c_str());
    }
    const size_t shown = std::min<size_t>(r.issues.size(), 5);
    for (size_t i = 0; i < shown; ++i) {
      const exchange::UploadIssue& issue = r.issues[i];
      std::printf("    row %lld, %s: %s\n", static_cast<long long>(issue.row),
                  issue.column.empty() ? "(row)" : issue.column.c_str(), issue.message.c_str());
    }
    std::printf("  all of them: xianjie quarantine --db %s --batch %lld --out FILE\n", db.c_str(),
                static_cast<long long>(u.batch_id));
  }
}

int RunUpload(const UploadOptions& o) {
  auto encoding = ingest::ParseTextEncoding(o.encoding);
  if (!encoding.ok()) return Fail(InvalidArgument("--encoding: " + encoding.status().message()));
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Fail(IoError("cannot read " + o.file));
  std::ostringstream bytes;
  bytes << in.rdbuf();

  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  service::Workspace ws(**store);
  service::DepartmentFile file;
  file.source = o.source;
  file.file_name = BaseName(o.file);
  file.content = bytes.str();
  file.encoding = *encoding;
  file.sheet = o.sheet;
  auto report =
      service::UploadDepartmentFile(ws, o.user.empty() ? CurrentUser() : o.user, "", file);
  if (!report.ok()) return Fail(report.status());
  if (o.json) {
    std::printf("%s\n", report->ToJson().c_str());
  } else {
    PrintReport(*report, store::DisplayName(o.db));
  }
  return kExitOk;
}

}  // namespace

void AddUploadCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<UploadOptions>();
  CLI::App* cmd = app.add_subcommand(
      "upload", "Upload a department's file (XLSX or CSV) for one source; see `source list`");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--source", o->source, "The source's name (xianjie source list)")->required();
  cmd->add_option("FILE", o->file, "The file: .xlsx, or .csv in UTF-8 or GBK")->required();
  cmd->add_option("--encoding", o->encoding, "CSV text encoding: auto (default), utf-8 or gbk");
  cmd->add_option("--sheet", o->sheet, "XLSX: the sheet to read (default: the first)");
  cmd->add_option("--user", o->user, "Who uploads (default: the system user)");
  cmd->add_flag("--json", o->json, "Print the report as one JSON object");
  cmd->callback([o, exit_code] { *exit_code = RunUpload(*o); });
}

}  // namespace xianjie::cli
