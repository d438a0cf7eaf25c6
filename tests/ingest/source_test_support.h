// What the tests of department files (source_table.h, source_rows.h) share: the day their rows
// are mapped as uploaded on.
#ifndef XIANJIE_TESTS_INGEST_SOURCE_TEST_SUPPORT_H_
#define XIANJIE_TESTS_INGEST_SOURCE_TEST_SUPPORT_H_

#include "base/date.h"

namespace xianjie::ingest::testing {

// The upload day SourceRowMapper::Map is given (China's date of the upload).
inline const CivilDate kUpload = CivilDate::FromYmd(2026, 4, 15);

}  // namespace xianjie::ingest::testing

#endif  // XIANJIE_TESTS_INGEST_SOURCE_TEST_SUPPORT_H_
