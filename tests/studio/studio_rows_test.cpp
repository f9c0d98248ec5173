// The pattern builder's and the field table's rows: read from clause text, and
// written back as text the parser reads the same way.
#include <gtest/gtest.h>

#include "field_rows.h"
#include "pattern_rows.h"

namespace cepheus::studio {
namespace {

TEST(PatternRows, ReadsStepsAbsencesConnectorsAndCounts) {
  const auto rows = read_pattern_rows(
      "every hot: readings{3,} reluctant where temp > 80 within 60s\n"
      "next cool: readings? where temp<50\n"
      "then any x: readings{2,4}\n"
      "then not maintenance where kind == \"repair\" within 5m");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 4u);
  const PatternRow& hot = (*rows)[0];
  EXPECT_EQ(hot.kind, PatternRow::Kind::kStep);
  EXPECT_TRUE(hot.every);
  EXPECT_EQ(hot.connector, "");
  EXPECT_EQ(hot.binding, "hot");
  EXPECT_EQ(hot.stream, "readings");
  EXPECT_EQ(hot.count, StepCount::kAtLeast);
  EXPECT_EQ(hot.min, 3);
  EXPECT_TRUE(hot.reluctant);
  EXPECT_EQ(hot.where, "temp > 80");
  EXPECT_EQ(hot.within, "1m");  // canonical spelling
  EXPECT_EQ((*rows)[1].connector, "next");
  EXPECT_EQ((*rows)[1].count, StepCount::kOptional);
  EXPECT_EQ((*rows)[1].where, "temp < 50");
  EXPECT_EQ((*rows)[2].connector, "then any");
  EXPECT_EQ((*rows)[2].count, StepCount::kBetween);
  EXPECT_EQ((*rows)[2].max, 4);
  const PatternRow& absence = (*rows)[3];
  EXPECT_EQ(absence.kind, PatternRow::Kind::kAbsence);
  EXPECT_EQ(absence.connector, "then");
  EXPECT_EQ(absence.stream, "maintenance");
  EXPECT_EQ(absence.where, "kind == \"repair\"");
  EXPECT_EQ(absence.within, "5m");
}

TEST(PatternRows, WritesBackTheCanonicalClause) {
  const std::string clause =
      "every hot: readings{3,} reluctant where temp > 80 within 1m\n"
      "next cool: readings? where temp < 50\n"
      "then any x: readings{2,4}\n"
      "then y: readings+\n"
      "then z: readings*\n"
      "then w: readings{2}\n"
      "then not maintenance within 5m";
  const auto rows = read_pattern_rows(clause);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(write_pattern_rows(*rows), clause);
}

TEST(PatternRows, GroupsStayWholeAsText) {
  const auto rows = read_pattern_rows("a: logins\nthen (b: logins where ok and c: resets)");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].kind, PatternRow::Kind::kGroup);
  EXPECT_EQ((*rows)[1].text, "(b: logins where ok and c: resets)");
  EXPECT_EQ(write_pattern_rows(*rows), "a: logins\nthen (b: logins where ok and c: resets)");

  const auto whole = read_pattern_rows("every (a: logins then b: resets)");
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_EQ((*whole)[0].kind, PatternRow::Kind::kGroup);
  EXPECT_EQ(write_pattern_rows(*whole), "every (a: logins then b: resets)");
}

TEST(PatternRows, EditedRowsBecomeTheClauseThatWasMeant) {
  auto rows = read_pattern_rows("every hot: readings where temp > 80");
  ASSERT_TRUE(rows.ok());
  (*rows)[0].count = StepCount::kExactly;
  (*rows)[0].min = 3;
  (*rows)[0].within = "1m";
  PatternRow absence;
  absence.kind = PatternRow::Kind::kAbsence;
  absence.connector = "then";
  absence.stream = "maintenance";
  absence.within = "5m";
  rows->push_back(absence);
  EXPECT_EQ(write_pattern_rows(*rows),
            "every hot: readings{3} where temp > 80 within 1m\nthen not maintenance within 5m");
  // A reluctant flag on a single step means nothing and is not written.
  (*rows)[0].count = StepCount::kOnce;
  (*rows)[0].reluctant = true;
  EXPECT_EQ(write_pattern_rows(*rows), "every hot: readings where temp > 80 within 1m\nthen not maintenance within 5m");
}

TEST(PatternRows, RefusesTextThatDoesNotParse) {
  const auto rows = read_pattern_rows("every hot: readings where");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("line"), std::string::npos) << rows.status().message();
}

TEST(PatternRows, CountWordsRoundTrip) {
  for (std::size_t i = 0; i < step_count_words().size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(step_count_from_word(step_count_words()[i])), i);
  EXPECT_EQ(step_count_from_word("several"), StepCount::kOnce);
}

TEST(FieldRows, ReadsTypesOptionalsDefaultsAndComments) {
  const auto rows = read_field_rows(
      "device: string,\n"
      "-- may be missing\n"
      "vibration: double?,\n"
      "unit: string = \"C--F\",  -- default when missing\n"
      "ts: timestamp");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].name, "device");
  EXPECT_EQ((*rows)[0].type, "string");
  EXPECT_TRUE((*rows)[1].optional);
  EXPECT_EQ((*rows)[1].comment, "may be missing");
  EXPECT_EQ((*rows)[2].default_value, "\"C--F\"");
  EXPECT_EQ((*rows)[2].comment, "default when missing");
  EXPECT_EQ((*rows)[3].type, "timestamp");
  EXPECT_EQ(write_field_rows(*rows),
            "device: string,\n"
            "vibration: double?,  -- may be missing\n"
            "unit: string = \"C--F\",  -- default when missing\n"
            "ts: timestamp,");
}

TEST(FieldRows, SaysWhichLineDoesNotParse) {
  const auto rows = read_field_rows("device: string,\ntemp double,");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message().rfind("line 2: ", 0), 0u) << rows.status().message();
}

TEST(FieldRows, TypesAreTheLanguagesTypes) {
  EXPECT_EQ(field_type_names(), (std::vector<std::string>{"bool", "int", "double", "string", "timestamp", "duration"}));
}

}  // namespace
}  // namespace cepheus::studio
