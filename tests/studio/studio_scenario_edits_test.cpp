// The scenario editor's text edits (only the lines an edit must change) and its
// field-spec form, on small texts and on every template's scenarios.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cepheus/core/toml.h"
#include "field_spec_form.h"
#include "recording_import.h"
#include "scenario_form.h"
#include "toml_edits.h"

namespace cepheus::studio {
namespace {

namespace fs = std::filesystem;

const char* const kScenario = R"(# A plant.
description = "twelve presses"
seed = 7

[population.presses]
count = 12   # the hall
names = "press-{n:02}"

# Readings every 20 seconds.
[generate.readings]
per = "presses"
every = "20s"

[generate.readings.fields]
temp = "normal 70 1"
pressure = "uniform 1 2"

[script]
events = """
+1h readings {"device": "press-01", "temp": 90}
"""
)";

TEST(TomlEdits, SetReplacesAValueInPlaceAndKeepsItsComment) {
  const std::string out = toml_set(kScenario, "population.presses", "count", "20");
  EXPECT_NE(out.find("count = 20   # the hall\n"), std::string::npos);
  EXPECT_EQ(out.size(), std::string(kScenario).size());
}

TEST(TomlEdits, SetFindsAKeyWrittenUnderASubTable) {
  const std::string out = toml_set(kScenario, "generate.readings", "fields.pressure", toml_string("constant 1.5"));
  EXPECT_NE(out.find("pressure = \"constant 1.5\""), std::string::npos);
  EXPECT_EQ(out.find("fields.pressure"), std::string::npos);
}

TEST(TomlEdits, ANewKeyGoesAfterTheLastKeyOfItsTable) {
  const std::string out = toml_set(kScenario, "generate.readings", "limit", "100");
  // Under [generate.readings], not under its sub-table, where it would be fields.limit.
  EXPECT_NE(out.find("every = \"20s\"\nlimit = 100\n\n[generate.readings.fields]"), std::string::npos) << out;
  const std::string top = toml_set(kScenario, "", "duration", toml_string("8h"));
  EXPECT_NE(top.find("seed = 7\nduration = \"8h\"\n\n[population"), std::string::npos) << top;
}

TEST(TomlEdits, ANewTableGoesAfterTheLastOfItsKind) {
  const std::string out = toml_set(kScenario, "generate.maintenance", "every", toml_string("1h"));
  const auto at = out.find("[generate.maintenance]\nevery = \"1h\"\n");
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_LT(out.find("pressure = "), at);
  EXPECT_LT(at, out.find("[script]"));
  EXPECT_NE(out.find("pressure = \"uniform 1 2\"\n\n[generate.maintenance]\nevery = \"1h\"\n\n[script]"),
            std::string::npos)
      << out;
  const std::string anomaly = toml_set(kScenario, "anomaly.hot", "at", toml_string("3h"));
  EXPECT_NE(anomaly.find("pressure = \"uniform 1 2\"\n\n[anomaly.hot]\nat = \"3h\"\n\n[script]"), std::string::npos)
      << anomaly;
  const std::string first = toml_set("", "population.a", "count", "3");
  EXPECT_EQ(first, "[population.a]\ncount = 3\n");
}

TEST(TomlEdits, RemovingATableTakesItsSubTablesAndTheCommentAbove) {
  const std::string out = toml_remove_table(kScenario, "generate.readings");
  EXPECT_EQ(out.find("readings]"), std::string::npos) << out;
  EXPECT_EQ(out.find("Readings every"), std::string::npos) << out;
  EXPECT_EQ(out.find("pressure"), std::string::npos) << out;
  EXPECT_NE(out.find("names = \"press-{n:02}\"\n\n[script]"), std::string::npos) << out;
  EXPECT_TRUE(TomlDocument::parse(out).ok());
  EXPECT_EQ(toml_remove_key(kScenario, "population.presses", "count").find("count"), std::string::npos);
}

TEST(TomlEdits, RenamingATableRenamesItsSubTables) {
  const std::string out = toml_rename_table(kScenario, "generate.readings", "generate.\"hall readings\"");
  EXPECT_NE(out.find("[generate.\"hall readings\"]\n"), std::string::npos);
  EXPECT_NE(out.find("[generate.\"hall readings\".fields]\n"), std::string::npos);
  EXPECT_TRUE(toml_has_table(out, "generate.\"hall readings\""));
  EXPECT_FALSE(toml_has_table(out, "generate.readings"));
}

TEST(TomlEdits, ScriptLinesAreAddedReplacedAndRemoved) {
  std::string out = toml_append_to_block(kScenario, "script", "events", "+2h readings {\"temp\": 1}");
  EXPECT_NE(out.find("\"temp\": 90}\n+2h readings {\"temp\": 1}\n\"\"\"\n"), std::string::npos) << out;
  out = replace_line(out, 20, "+5m readings {}");
  EXPECT_NE(out.find("events = \"\"\"\n+5m readings {}\n+2h"), std::string::npos) << out;
  out = remove_line(out, 20);
  EXPECT_NE(out.find("events = \"\"\"\n+2h"), std::string::npos) << out;
  const std::string fresh = toml_append_to_block("seed = 1\n", "script", "events", "+0s a {}");
  EXPECT_EQ(fresh, "seed = 1\n\n[script]\nevents = \"\"\"\n+0s a {}\n\"\"\"\n");
}

TEST(TomlEdits, StringsAreQuotedSoTheyReadBack) {
  EXPECT_EQ(toml_string("normal 70 1"), "\"normal 70 1\"");
  EXPECT_EQ(toml_string("one of \"far east\":2 west"), "'one of \"far east\":2 west'");
  EXPECT_EQ(toml_string("a\\b\"c'"), "\"a\\\\b\\\"c'\"");
  EXPECT_EQ(toml_string_array({"a", "b c"}), "[\"a\", \"b c\"]");
}

std::vector<fs::path> template_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(CEPHEUS_TEMPLATES))
    if (entry.path().extension() == ".toml" && entry.path().parent_path().filename() == "scenarios")
      files.push_back(entry.path());
  return files;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each table of each template scenario removed in turn: the rest of the
// document reads exactly as before.
TEST(TomlEdits, RemovingAnyTemplateTableLeavesEveryOtherValue) {
  const auto files = template_scenarios();
  ASSERT_GE(files.size(), 6u);
  for (const fs::path& file : files) {
    const std::string text = read(file);
    const auto doc = TomlDocument::parse(text);
    ASSERT_TRUE(doc.ok()) << file;
    for (const std::string& kind : doc->tables_under("")) {
      for (const std::string& name : doc->tables_under(kind)) {
        const std::string table = kind + "." + TomlDocument::quote_key(name);
        const auto after = TomlDocument::parse(toml_remove_table(text, table));
        ASSERT_TRUE(after.ok()) << file << " without " << table;
        for (const auto& [key, value] : doc->entries()) {
          const TomlValue* kept = after->find(key);
          if (key.starts_with(table + ".")) {
            EXPECT_EQ(kept, nullptr) << key;
          } else {
            ASSERT_NE(kept, nullptr) << file << " lost " << key << " without " << table;
            EXPECT_EQ(kept->text, value.text) << key;
          }
        }
      }
    }
  }
}

// Every value set to itself, written again: the text does not change.
TEST(TomlEdits, SettingTemplateStringsToThemselvesChangesNothing) {
  for (const fs::path& file : template_scenarios()) {
    const std::string text = read(file);
    const auto doc = TomlDocument::parse(text);
    ASSERT_TRUE(doc.ok());
    for (const auto& [key, value] : doc->entries()) {
      if (value.kind != TomlValue::Kind::kString || value.text.find('\n') != std::string::npos) continue;
      const std::string out = toml_set(text, "", key, toml_string(value.text));
      const auto again = TomlDocument::parse(out);
      ASSERT_TRUE(again.ok()) << key;
      EXPECT_EQ(again->find(key)->text, value.text) << key;
      EXPECT_EQ(again->entries().size(), doc->entries().size()) << file << " " << key;
    }
  }
}

TEST(FieldSpecForm, TakesEveryTemplateSpecApartAndBackTogether) {
  int specs = 0;
  for (const fs::path& file : template_scenarios()) {
    const auto doc = TomlDocument::parse(read(file));
    ASSERT_TRUE(doc.ok());
    for (const auto& [key, value] : doc->entries()) {
      if (key.find(".fields.") == std::string::npos) continue;
      const FieldSpecForm form = read_field_spec_form(value.text);
      EXPECT_FALSE(form.kind.empty()) << file << ": " << value.text;
      EXPECT_EQ(write_field_spec(form), value.text) << file;
      ++specs;
    }
  }
  EXPECT_GT(specs, 50);
}

TEST(FieldSpecForm, ReadsKindsArgumentsAndModifiers) {
  const FieldSpecForm walk = read_field_spec_form("per key normal 70 2 drift 1/h min 60 round 1");
  EXPECT_TRUE(walk.per_key);
  EXPECT_EQ(walk.kind, "normal");
  EXPECT_EQ(walk.first, "70");
  EXPECT_EQ(walk.second, "2");
  EXPECT_EQ(walk.drift, "1/h");
  EXPECT_EQ(walk.min, "60");
  EXPECT_EQ(walk.max, "");
  EXPECT_EQ(walk.round, "1");
  EXPECT_EQ(read_field_spec_form("constant \"out of order\"").first, "\"out of order\"");
  EXPECT_EQ(read_field_spec_form("counter").kind, "counter");
  EXPECT_EQ(read_field_spec_form("counter 5 max 9").first, "5");
  EXPECT_EQ(read_field_spec_form("one of north:2 south").values, "north:2 south");
  const FieldSpecForm odd = read_field_spec_form("normal 70");
  EXPECT_EQ(odd.kind, "");
  EXPECT_EQ(write_field_spec(odd), "normal 70");
  FieldSpecForm made;
  made.kind = "uniform";
  made.first = "1";
  made.second = "2";
  made.max = "1.5";
  EXPECT_EQ(write_field_spec(made), "uniform 1 2 max 1.5");
  made.kind = "key";
  made.per_key = true;
  EXPECT_EQ(write_field_spec(made), "key");
}

TEST(ScenarioForm, ReadsSettingsItemsAndScriptRows) {
  const auto form = read_scenario_form(kScenario);
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->settings.at("description"), "twelve presses");
  EXPECT_EQ(form->settings.at("seed"), "7");
  ASSERT_EQ(form->items.size(), 2u);
  EXPECT_EQ(form->items[0].kind, "population");
  EXPECT_EQ(form->items[0].values.at("count"), "12");
  EXPECT_EQ(form->items[0].first_line, 6);
  EXPECT_EQ(form->items[0].last_line, 7);
  const ScenarioItem& readings = form->items[1];
  EXPECT_EQ(readings.name, "readings");
  EXPECT_EQ(readings.values.at("every"), "20s");
  ASSERT_EQ(readings.specs.size(), 2u);
  EXPECT_EQ(readings.specs[0], std::make_pair(std::string("temp"), std::string("normal 70 1")));
  EXPECT_EQ(readings.specs[1].first, "pressure");
  ASSERT_EQ(form->script.size(), 1u);
  EXPECT_EQ(form->script[0].line, 20);
  EXPECT_EQ(form->script[0].offset, "+1h");
  EXPECT_EQ(form->script[0].source, "readings");
  EXPECT_EQ(form->script[0].json, "{\"device\": \"press-01\", \"temp\": 90}");
  EXPECT_EQ(script_line({0, "5m", "maintenance", ""}), "+5m maintenance {}");
  EXPECT_FALSE(read_scenario_form("[generate.a\n").ok());
}

TEST(RecordingImport, GuessesTheSourceAndMapsCsvColumns) {
  const std::vector<SourceShape> sources = {
      {"readings", "ts", {{"device", "string"}, {"temp", "double"}, {"ts", "timestamp"}}},
      {"maintenance", "ts", {{"device", "string"}, {"technician", "string"}, {"ts", "timestamp"}}}};
  const auto csv = guess_recording("monday.csv", "ts,Device,temp,humidity\n2026-11-20T06:00:00Z,p1,70,3\n", sources);
  ASSERT_TRUE(csv.ok());
  EXPECT_TRUE(csv->csv);
  EXPECT_FALSE(csv->names_sources);
  EXPECT_EQ(csv->source, "readings");
  ASSERT_EQ(csv->columns.size(), 1u);
  EXPECT_EQ(csv->columns[0], std::make_pair(std::string("Device"), std::string("device")));
  EXPECT_EQ(csv->unknown, std::vector<std::string>{"humidity"});

  const auto plain = guess_recording("visits.jsonl", "\n{\"device\": \"p1\", \"technician\": \"ana\"}\n", sources);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->source, "maintenance");
  const auto named = guess_recording("run.jsonl", "{\"source\": \"readings\", \"event\": {\"temp\": 1}}\n", sources);
  ASSERT_TRUE(named.ok());
  EXPECT_TRUE(named->names_sources);
  EXPECT_EQ(named->source, "readings");
  const auto bad = guess_recording("x.jsonl", "temp=1\n", sources);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("x.jsonl: the first record is not a JSON object"), std::string::npos);
  EXPECT_FALSE(guess_recording("x.csv", "", sources).ok());
}

}  // namespace
}  // namespace cepheus::studio
