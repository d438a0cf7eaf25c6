// The input lines of the exchange-format rule cases (cases/*.test), shared by the tests that
// read them: the importer's rule cases and file mode's agreement with them.
#ifndef XIANJIE_TESTS_INGEST_CASE_INPUT_H_
#define XIANJIE_TESTS_INGEST_CASE_INPUT_H_

#include <string>

namespace xianjie::ingest {

// Expands <CR>, <BOM>, <NUL> and <xHH> in an input line and adds its "\n"; <NOEOL> at its end
// drops the newline.
std::string ExpandInputLine(const std::string& line);

}  // namespace xianjie::ingest

#endif  // XIANJIE_TESTS_INGEST_CASE_INPUT_H_
