// exchange/registry_updates.h: the registry fields departments may set, checked in contracts.
#include "exchange/registry_updates.h"

#include <gtest/gtest.h>

#include "ingest/source_contract.h"

namespace xianjie::exchange {
namespace {

TEST(RegistryUpdatesTest, ShippedContractsSetOnlyUpdatableFields) {
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) {
    const Status s = CheckContractUpdates(c);
    EXPECT_TRUE(s.ok()) << c.name << ": " << s.ToString();
  }
}

TEST(RegistryUpdatesTest, UnknownFieldsAndValuesAreRefused) {
  ingest::SourceContract c;
  c.name = "x";
  c.origin = "x.toml";
  c.updates = {{"member.name", "张三", ""}};
  Status s = CheckContractUpdates(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("x.toml: update[0]: 'member.name' cannot be set by a department"),
            std::string::npos)
      << s.message();
  c.updates = {{"member.health", "sick", ""}};
  s = CheckContractUpdates(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'sick' is not a value of member.health"), std::string::npos)
      << s.message();
  // An enum column whose values are not all values of the field.
  c.columns = {{"stage",
                "学段",
                {},
                ingest::ColumnType::kEnum,
                false,
                {{"初中", "junior"}, {"研究生", "graduate"}}}};
  c.updates = {{"member.school_stage", "", "stage"}};
  s = CheckContractUpdates(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("column 'stage' has the value 'graduate'"), std::string::npos)
      << s.message();
}

TEST(RegistryUpdatesTest, AppliesToTheRowsPersonAndTheHousehold) {
  ingest::SourceContract c;
  c.name = "x";
  c.columns = {{"stage", "学段", {}, ingest::ColumnType::kEnum, false, {}}};
  c.updates = {{"member.school_stage", "", "stage"},
               {"member.enrolled", "false", ""},
               {"household.housing_safe", "false", ""}};
  registry::HouseholdRecord record;
  record.members.resize(2);
  record.members[0].id_number = "A";
  record.members[1].id_number = "B";
  record.members[1].enrolled = true;
  ingest::MappedRow row;
  row.values.resize(1);
  row.values[0] = {true, "junior", 0, 0};
  ASSERT_TRUE(ApplyRowUpdates(c, row, "B", record).ok());
  EXPECT_EQ(record.members[1].school_stage, registry::SchoolStage::kJunior);
  EXPECT_FALSE(record.members[1].enrolled);
  EXPECT_FALSE(record.household.housing_safe);
  EXPECT_EQ(record.members[0].school_stage, registry::SchoolStage::kNone);

  // A column value the field does not take: an error naming the row and the field.
  row.number = 7;
  row.values[0] = {true, "graduate", 0, 0};
  const Status s = ApplyRowUpdates(c, row, "B", record);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("row 7: 'graduate' is not a value of member.school_stage"),
            std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace xianjie::exchange
