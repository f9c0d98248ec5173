#include "cepheus/core/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cepheus {
namespace {

// All records of `text`, each as fields joined by '|', or the error.
std::vector<std::string> records(std::string_view text, char delimiter = ',') {
  CsvReader reader(text, delimiter);
  std::vector<std::string> out;
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    std::string joined;
    for (std::size_t i = 0; i < fields.size(); ++i) joined += (i ? "|" : "") + std::string(fields[i]);
    out.push_back(joined);
  }
  if (!reader.status().ok()) out.push_back("error: " + reader.status().message());
  return out;
}

using Records = std::vector<std::string>;

TEST(CsvReaderTest, ReadsPlainRecordsWithLfOrCrlf) {
  EXPECT_EQ(records("a,b\n1,2\n"), (Records{"a|b", "1|2"}));
  EXPECT_EQ(records("a,b\r\n1,2\r\n"), (Records{"a|b", "1|2"}));
  EXPECT_EQ(records("a,b\n1,2"), (Records{"a|b", "1|2"})) << "the last line may have no line ending";
}

TEST(CsvReaderTest, ReadsQuotedFieldsWithDelimitersNewlinesAndDoubledQuotes) {
  EXPECT_EQ(records("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n"), (Records{"a,b|say \"hi\"|two\nlines"}));
  EXPECT_EQ(records("\"\",x\n"), (Records{"|x"}));
}

TEST(CsvReaderTest, KeepsEmptyFields) {
  EXPECT_EQ(records(",,\n"), (Records{"||"}));
  EXPECT_EQ(records("a,\n"), (Records{"a|"}));
}

TEST(CsvReaderTest, SkipsEmptyLinesAndAByteOrderMark) {
  EXPECT_EQ(records("\xEF\xBB\xBF"
                    "a\n\n\r\nb\n\n"),
            (Records{"a", "b"}));
  EXPECT_TRUE(records("").empty());
}

TEST(CsvReaderTest, UsesAnotherDelimiterWhenAsked) {
  EXPECT_EQ(records("a;b\n1,5;2\n", ';'), (Records{"a|b", "1,5|2"}));
}

TEST(CsvReaderTest, TellsTheLineEachRecordStartsOn) {
  CsvReader reader("h\n\"multi\nline\"\nnext\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.record_line(), 1u);
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.record_line(), 2u);
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.record_line(), 4u);
}

TEST(CsvReaderTest, AnUnclosedQuoteNamesWhereItOpened) {
  EXPECT_EQ(records("a,b\n1,\"open\n2,3\n"),
            (Records{"a|b", "error: line 2, column 3: the quoted field that starts here is never closed with '\"'"}));
}

TEST(CsvReaderTest, TextAfterAClosingQuoteIsAnError) {
  EXPECT_EQ(records("\"a\"b,c\n"),
            (Records{"error: line 1, column 4: unexpected 'b' after a closing quote; write a quote inside a quoted "
                     "field as \"\""}));
}

TEST(CsvReaderTest, AQuoteInsideAnUnquotedFieldIsAnError) {
  EXPECT_EQ(records("ab\"c\n"),
            (Records{"error: line 1, column 3: a '\"' inside an unquoted field; quote the whole field and write the "
                     "quote as \"\""}));
}

TEST(CsvReaderTest, InvalidUtf8IsAnErrorWithItsField) {
  EXPECT_EQ(records("ok,\xFF\n"),
            (Records{"error: line 1, column 4: field 2 is not valid UTF-8: a byte that cannot start a character"}));
}

TEST(CsvReaderTest, RefusesAbsurdlyWideRecords) {
  const std::string wide(10'000, ',');
  const Records got = records(wide);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "error: line 1, column 4097: more than 4096 fields in one record");
}

TEST(CsvReaderTest, StopsAfterTheFirstError) {
  CsvReader reader("\"bad\"x\nfine\n");
  std::vector<std::string_view> fields;
  EXPECT_FALSE(reader.next(fields));
  EXPECT_FALSE(reader.next(fields));
  EXPECT_FALSE(reader.status().ok());
}

}  // namespace
}  // namespace cepheus
