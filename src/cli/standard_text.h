// A standard as text for people (xianjie standard show), and amounts as the files write them.
#ifndef XIANJIE_CLI_STANDARD_TEXT_H_
#define XIANJIE_CLI_STANDARD_TEXT_H_

#include <string>

#include "base/money.h"
#include "rules/standard.h"

namespace xianjie::cli {

// Several lines: name, scope, version (`how`: "built-in, in force", "loaded from …"), the line,
// the parameters, the rules with their risks, the types in priority order.
std::string DescribeStandard(const rules::Standard& standard, const std::string& how);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_STANDARD_TEXT_H_
