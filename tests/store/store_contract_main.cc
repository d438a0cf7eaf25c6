// Runs the storage contract suite (store_contract_*_test.cc) once per backend.
#include "store/store_contract_test.h"

namespace xianjie::store::testing {

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace xianjie::store::testing
