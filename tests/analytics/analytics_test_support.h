// What the analytics tests share: a short maker of civil dates for hand-built inputs.
#ifndef XIANJIE_TESTS_ANALYTICS_ANALYTICS_TEST_SUPPORT_H_
#define XIANJIE_TESTS_ANALYTICS_ANALYTICS_TEST_SUPPORT_H_

#include "base/date.h"

namespace xianjie::analytics::testing {

// The date `y`-`m`-`d` (a valid date: CivilDate::FromYmd).
inline CivilDate D(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }

}  // namespace xianjie::analytics::testing

#endif  // XIANJIE_TESTS_ANALYTICS_ANALYTICS_TEST_SUPPORT_H_
