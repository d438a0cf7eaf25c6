// Quarantined rows as a CSV file a clerk can open, fix and re-submit.
#ifndef XIANJIE_INGEST_QUARANTINE_CSV_H_
#define XIANJIE_INGEST_QUARANTINE_CSV_H_

#include <ostream>
#include <span>
#include <string>

#include "base/status.h"
#include "registry/store.h"

namespace xianjie::ingest {

// Columns: batch_id,file,line,column,rule,value,message,record (UTF-8 with BOM, so that Excel
// shows the Chinese text correctly).
void WriteQuarantineCsv(std::span<const registry::QuarantineEntry> entries, std::ostream& out);
Status WriteQuarantineCsv(std::span<const registry::QuarantineEntry> entries,
                          const std::string& path);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_QUARANTINE_CSV_H_
