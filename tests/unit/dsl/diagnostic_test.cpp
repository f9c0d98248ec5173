#include "cepheus/dsl/diagnostic.h"

#include <gtest/gtest.h>

#include "cepheus/dsl/suggest.h"

namespace cepheus::dsl {
namespace {

TEST(DiagnosticTest, RendersFileLineColumnSourceCaretAndHint) {
  SourceFile file("rules/main.cep", "schema R {\n  temprature: double,\n}\n");
  const Diagnostic d{Severity::kError, &file, {13, 23}, "unknown field 'temprature'", "did you mean 'temperature'?"};
  EXPECT_EQ(render_text(d),
            "rules/main.cep:2:3: error: unknown field 'temprature'\n"
            " 2 |   temprature: double,\n"
            "   |   ^~~~~~~~~~\n"
            "hint: did you mean 'temperature'?\n");
}

TEST(DiagnosticTest, CaretsCountCharactersNotBytes) {
  SourceFile file("a.cep", "x \"\xC3\xA9t\xC3\xA9\" y");
  const Diagnostic d{Severity::kWarning, &file, {10, 11}, "w", ""};
  EXPECT_EQ(render_text(d), "a.cep:1:9: warning: w\n 1 | x \"\xC3\xA9t\xC3\xA9\" y\n   |         ^\n");
}

TEST(DiagnosticTest, RendersJsonForTools) {
  SourceFile file("a.cep", "ab\ncd");
  const Diagnostic d{Severity::kError, &file, {3, 5}, "bad \"cd\"", "fix"};
  EXPECT_EQ(
      render_json(d),
      R"({"file":"a.cep","line":2,"column":1,"end_line":2,"end_column":3,"severity":"error","message":"bad \"cd\"","hint":"fix"})");
}

TEST(DiagnosticTest, SortsByFileThenPlaceAndCountsBySeverity) {
  SourceFile a("a.cep", "0123456789");
  SourceFile b("b.cep", "0123456789");
  Diagnostics list;
  list.error(b, {1, 2}, "b1");
  list.warning(a, {5, 6}, "a5");
  list.error(a, {2, 3}, "a2");
  list.sort();
  ASSERT_EQ(list.all().size(), 3u);
  EXPECT_EQ(list.all()[0].message, "a2");
  EXPECT_EQ(list.all()[1].message, "a5");
  EXPECT_EQ(list.all()[2].message, "b1");
  EXPECT_EQ(list.error_count(), 2u);
  EXPECT_EQ(list.warning_count(), 1u);
}

TEST(DiagnosticTest, KeepsABoundedNumberAndCountsTheRest) {
  SourceFile file("a.cep", "x");
  Diagnostics list;
  for (std::size_t i = 0; i < Diagnostics::kMaxKept + 7; ++i) list.error(file, {0, 1}, "e");
  EXPECT_EQ(list.all().size(), Diagnostics::kMaxKept);
  EXPECT_EQ(list.dropped(), 7u);
  EXPECT_EQ(list.error_count(), Diagnostics::kMaxKept + 7);
}

TEST(SuggestTest, FindsCloseSpellingsOnly) {
  EXPECT_EQ(closest_match("temprature", {"temperature", "device"}), "temperature");
  EXPECT_EQ(closest_match("strem", {"stream", "schema"}), "stream");
  EXPECT_EQ(closest_match("Temp", {"temp"}), "temp");
  EXPECT_EQ(closest_match("xyz", {"temperature"}), "");
  EXPECT_EQ(closest_match("temperature", {"temp", "device"}), "temp");
  EXPECT_EQ(closest_match("dev", {"temp", "device"}), "device");
  EXPECT_EQ(closest_match("te", {"temp"}), "");
  EXPECT_EQ(did_you_mean("devcie", {"device"}), "did you mean 'device'?");
  EXPECT_EQ(did_you_mean("q", {"device"}), "");
}

}  // namespace
}  // namespace cepheus::dsl
