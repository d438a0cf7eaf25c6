// store::Database: one database holding everything the domain stores, as the composite of the
// domain modules' storage ports. Every backend (memory, sqlite, later postgres) implements it
// whole; the composition roots open one with OpenStore and hand each module its port.
#ifndef XIANJIE_STORE_DATABASE_H_
#define XIANJIE_STORE_DATABASE_H_

#include "access/audit.h"
#include "access/user_store.h"
#include "analytics/assessment_store.h"
#include "analytics/sample_store.h"
#include "assist/assist_store.h"
#include "cases/case_store.h"
#include "exchange/exchange_store.h"
#include "registry/store.h"
#include "rules/screening_store.h"

namespace xianjie::store {

// The registry (registry::Store), the standards and screening runs (rules::ScreeningStore), the
// audit log (access::AuditStore), the users and sessions (access::UserStore), the cases,
// leads, monitoring episodes and measures (cases::CaseStore), the department data
// (exchange::ExchangeStore: uploads, their rows, warnings, findings) and assistance
// (assist::AssistStore: plans, responsible persons, visits, catalogue versions), the
// provinces' assessment settings (analytics::AssessmentStore) and the verification samples
// (analytics::SampleStore: draws, their units, visit results) of one database; later modules
// add their ports here. Thread safety is that of each port: a Database may be used from several
// threads. Screening, audit, user, case, finding and assistance writes
// do not need the registry's batch: they may be made while an import is open (a SQLite backend
// waits for the import's write lock up to its busy timeout). An upload
// (exchange::ExchangeStore::BeginUpload) is a batch: the one-writer rule counts it as one.
class Database : public registry::Store,
                 public rules::ScreeningStore,
                 public access::AuditStore,
                 public access::UserStore,
                 public cases::CaseStore,
                 public exchange::ExchangeStore,
                 public assist::AssistStore,
                 public analytics::AssessmentStore,
                 public analytics::SampleStore {
 public:
  ~Database() override = default;
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_DATABASE_H_
