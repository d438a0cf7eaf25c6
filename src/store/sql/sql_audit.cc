// SqlStore: the audit log (access::AuditStore) in the audit_log table of migration 0004. An
// append reads the last entry and inserts the next in one BEGIN IMMEDIATE transaction, so two
// processes appending at once cannot fork the chain. There is no UPDATE or DELETE of audit_log
// in the code, and the table's triggers refuse both.
#include <string>

#include "base/clock.h"
#include "store/sql/connection.h"
#include "store/sql/internal/reader.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using access::AuditEntry;
using sql_internal::Annotate;
using sql_internal::Connection;

constexpr char kLastEntry[] = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr char kInsertEntry[] =
    "INSERT INTO audit_log (seq, time, user_name, action, subject, detail, prev_hash, hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kEntries[] =
    "SELECT seq, time, user_name, action, subject, detail, prev_hash, hash FROM audit_log "
    "ORDER BY seq";

// Reads the last entry and inserts `e` after it, inside the caller's write transaction.
Status WriteEntry(Connection& connection, AuditEntry& e) {
  {
    XJ_ASSIGN_OR_RETURN(auto last, connection.Prepare(kLastEntry));
    XJ_ASSIGN_OR_RETURN(bool row, last.Step());
    e.seq = row ? last.Int(0) + 1 : 1;
    e.prev_hash = row ? std::string(last.Text(1)) : std::string(access::kGenesisHash);
  }
  e.time = UtcNowIso8601();
  e.hash = access::AuditEntryHash(e);
  XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(kInsertEntry));
  insert.Bind(1, e.seq);
  insert.BindText(2, e.time);
  insert.BindText(3, e.user);
  insert.BindText(4, e.action);
  insert.BindText(5, e.subject);
  insert.BindText(6, e.detail);
  insert.BindText(7, e.prev_hash);
  insert.BindText(8, e.hash);
  return insert.Run();
}

}  // namespace

Result<AuditEntry> SqlStore::Append(const std::string& user, const std::string& action,
                                    const std::string& subject, const std::string& detail) {
  if (user.empty() || action.empty()) {
    return InvalidArgument("an audit entry needs a user and an action");
  }
  const std::string what = "appending '" + action + "' to the audit log";
  AuditEntry e;
  e.user = user;
  e.action = action;
  e.subject = subject;
  e.detail = detail;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_RETURN_IF_ERROR(Annotate(connection->BeginWrite(), what));
  Status status = WriteEntry(*connection, e);
  if (status.ok()) status = connection->Commit();
  if (!status.ok()) {
    if (connection->InTransaction()) (void)connection->Rollback();
    return Annotate(status, what);
  }
  return e;
}

Status SqlStore::ForEach(const std::function<Status(const AuditEntry&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One snapshot; streamed (a cursor on PostgreSQL).
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(auto select, reader->PrepareScan(kEntries));
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    AuditEntry e;
    e.seq = select.Int(0);
    e.time.assign(select.Text(1));
    e.user.assign(select.Text(2));
    e.action.assign(select.Text(3));
    e.subject.assign(select.Text(4));
    e.detail.assign(select.Text(5));
    e.prev_hash.assign(select.Text(6));
    e.hash.assign(select.Text(7));
    XJ_RETURN_IF_ERROR(fn(e));
  }
}

Result<int64_t> SqlStore::Count() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto count, reader->Prepare("SELECT count(*) FROM audit_log"));
  XJ_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.Int(0) : 0;
}

}  // namespace xianjie::store
