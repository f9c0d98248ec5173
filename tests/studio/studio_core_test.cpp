// The studio's plain C++ core: the graph read from rule text, canvas edits as
// text edits, the inspector's forms and the layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"
#include "cepheus/dsl/project.h"
#include "expression_completion.h"
#include "layered_layout.h"
#include "project_graph.h"
#include "schema_inference.h"
#include "statement_edits.h"
#include "statement_form.h"

namespace cepheus::studio {
namespace {

namespace fs = std::filesystem;

RuleTexts read_template(const std::string& name) {
  RuleTexts texts;
  const fs::path root = fs::path(CEPHEUS_TEMPLATES) / name;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".cep") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back({fs::relative(file, root).string(), text.str()});
  }
  return texts;
}

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(CEPHEUS_TEMPLATES))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

ProjectGraph graph_of(const RuleTexts& texts) {
  dsl::Diagnostics diagnostics;
  const dsl::Project project = parse_texts(texts, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  return extract_graph(project);
}

bool has_wire(const ProjectGraph& graph, const std::string& from, const std::string& to, Port port) {
  const GraphWire wire{from, to, port};
  return std::find(graph.wires.begin(), graph.wires.end(), wire) != graph.wires.end();
}

const RuleTexts kExample{{"rules.cep",
                          "-- the shapes\n"
                          "schema Reading {\n  device: string,\n  temp: double,\n  ts: timestamp,\n}\n\n"
                          "source readings: Reading\n  from mqtt \"plant/{device}/readings\" qos 1\n"
                          "  event time ts lateness 10s\n\n"
                          "-- hot ones\n"
                          "stream hot from readings\n  where temp > 80  -- degrees\n\n"
                          "alert too_hot from hot\n  severity high\n  message \"{device} is hot\"\n"}};

TEST(ProjectGraph, ReadsNodesAndEveryKindOfWireFromTheRunningExample) {
  const ProjectGraph graph = graph_of(read_template("predictive-maintenance"));
  EXPECT_EQ(graph.nodes.size(), 15u);
  EXPECT_TRUE(has_wire(graph, "Reading", "readings", Port::kSchema));
  EXPECT_TRUE(has_wire(graph, "readings", "enriched", Port::kInput));
  EXPECT_TRUE(has_wire(graph, "devices", "enriched", Port::kJoin));
  EXPECT_TRUE(has_wire(graph, "temp_stats", "device_state", Port::kUpdate));
  EXPECT_TRUE(has_wire(graph, "device_state", "drifting", Port::kRead));
  EXPECT_TRUE(has_wire(graph, "readings", "overheating", Port::kStep));
  EXPECT_TRUE(has_wire(graph, "maintenance", "overheating", Port::kStep));
  EXPECT_TRUE(has_wire(graph, "overheating", "overheated", Port::kInput));
  EXPECT_EQ(graph.find("readings")->detail, "mqtt \"plant/{site}/{device}/readings\"");
  EXPECT_EQ(graph.find("temp_stats")->detail, "sliding 5m every 30s");
}

TEST(ProjectGraph, GraphToTextToGraphIsTheIdentityOnEveryTemplate) {
  ASSERT_GE(template_names().size(), 2u);
  for (const std::string& name : template_names()) {
    SCOPED_TRACE(name);
    const RuleTexts texts = read_template(name);
    RuleTexts formatted = texts;
    for (RuleText& text : formatted) {
      const dsl::SourceFile source(text.path, text.text);
      dsl::Diagnostics diagnostics;
      text.text = dsl::format_file(dsl::parse(source, diagnostics));
    }
    const ProjectGraph before = graph_of(texts);
    const ProjectGraph after = graph_of(formatted);
    ASSERT_EQ(before.nodes.size(), after.nodes.size());
    for (std::size_t i = 0; i < before.nodes.size(); ++i) {
      EXPECT_EQ(before.nodes[i].name, after.nodes[i].name);
      EXPECT_EQ(before.nodes[i].kind, after.nodes[i].kind);
      EXPECT_EQ(before.nodes[i].detail, after.nodes[i].detail);
    }
    EXPECT_EQ(before.wires, after.wires);
  }
}

TEST(StatementEdits, CanonicalStatementFormatsOneStatementAndRefusesTheRest) {
  EXPECT_EQ(*canonical_statement("stream   hot from readings where temp>80"),
            "stream hot from readings\n  where temp > 80");
  const auto broken = canonical_statement("stream hot from");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(canonical_statement("sink a from b to log\nsink c from d to log").ok());
}

TEST(StatementEdits, AddingAppendsCanonicalTextAndTouchesNothingElse) {
  const auto texts = add_statement(kExample, 0, "sink out from hot to log");
  ASSERT_TRUE(texts.ok());
  EXPECT_EQ((*texts)[0].text, kExample[0].text + "\nsink out from hot\n  to log\n");
}

TEST(StatementEdits, RemovingTakesTheCommentAboveAndKeepsTheRest) {
  const auto texts = remove_statements(kExample, {"hot"});
  ASSERT_TRUE(texts.ok());
  const std::string& text = (*texts)[0].text;
  EXPECT_EQ(text.find("hot ones"), std::string::npos);
  EXPECT_EQ(text.find("stream hot"), std::string::npos);
  EXPECT_NE(text.find("-- the shapes\nschema Reading"), std::string::npos);
  EXPECT_NE(text.find("lateness 10s\n\nalert too_hot from hot\n"), std::string::npos);
  EXPECT_FALSE(remove_statements(kExample, {"nothing"}).ok());
}

TEST(StatementEdits, RenamingFollowsEveryReferenceIncludingTwinReadsInMessages) {
  const RuleTexts texts = read_template("predictive-maintenance");
  const auto renamed = rename_statement(texts, "device_state", "press_state");
  ASSERT_TRUE(renamed.ok()) << renamed.status().message();
  std::string all;
  for (const RuleText& text : *renamed) all += text.text;
  EXPECT_EQ(all.find("device_state"), std::string::npos);
  EXPECT_NE(all.find("{press_state.baseline}"), std::string::npos);
  const ProjectGraph graph = graph_of(*renamed);
  EXPECT_TRUE(has_wire(graph, "press_state", "drifting", Port::kRead));

  const auto stream = rename_statement(kExample, "hot", "hot_readings");
  ASSERT_TRUE(stream.ok());
  EXPECT_NE((*stream)[0].text.find("stream hot_readings from readings\n  where temp > 80  -- degrees"),
            std::string::npos);
  EXPECT_NE((*stream)[0].text.find("alert too_hot from hot_readings"), std::string::npos);
  EXPECT_FALSE(rename_statement(kExample, "hot", "readings").ok());
  EXPECT_FALSE(rename_statement(kExample, "hot", "very hot").ok());
  EXPECT_FALSE(rename_statement(kExample, "hot", "2hot").ok());
}

TEST(StatementEdits, ConnectingRewritesTheReadingStatementOnly) {
  RuleTexts texts = *add_statement(kExample, 0, "stream cold from readings where temp < 0");
  const auto moved = connect(texts, {"cold", "too_hot", Port::kInput});
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_NE((*moved)[0].text.find("alert too_hot from cold\n"), std::string::npos);
  EXPECT_NE((*moved)[0].text.find("where temp > 80  -- degrees"), std::string::npos);
}

TEST(StatementEdits, ConnectingAJoinAddsTheClauseWithTheTablesKey) {
  RuleTexts texts = *add_statement(kExample, 0, "schema Device { device: string, site: string }");
  texts = *add_statement(texts, 0, "table devices: Device from csv \"devices.csv\" key device");
  const auto joined = connect(texts, {"devices", "hot", Port::kJoin});
  ASSERT_TRUE(joined.ok()) << joined.status().message();
  EXPECT_NE((*joined)[0].text.find("stream hot from readings\n  join devices on device\n  where temp > 80"),
            std::string::npos);
  const auto parted = disconnect(*joined, {"devices", "hot", Port::kJoin});
  ASSERT_TRUE(parted.ok());
  EXPECT_EQ(graph_of(*parted).wires, graph_of(texts).wires);
}

TEST(StatementEdits, WiresThatCannotBeAreRefusedWithTheReason) {
  const ProjectGraph graph = graph_of(kExample);
  EXPECT_EQ(refuse_reason(graph, {"readings", "hot", Port::kInput}), "'hot' already reads 'readings' there");
  EXPECT_NE(refuse_reason(graph, {"Reading", "hot", Port::kInput}).find("a schema describes events"),
            std::string::npos);
  EXPECT_NE(refuse_reason(graph, {"too_hot", "hot", Port::kInput}).find("ends a flow"), std::string::npos);
  EXPECT_NE(refuse_reason(graph, {"hot", "readings", Port::kSchema}).find("takes a schema"), std::string::npos);
  EXPECT_NE(refuse_reason(graph, {"hot", "hot", Port::kInput}).find("itself"), std::string::npos);
  EXPECT_NE(refuse_reason(graph, {"hot", "too_hot", Port::kJoin}).find("has no join port"), std::string::npos);
  RuleTexts texts = *add_statement(kExample, 0, "stream warm from hot");
  EXPECT_NE(refuse_reason(graph_of(texts), {"warm", "hot", Port::kInput}).find("close a loop"), std::string::npos);
  EXPECT_FALSE(connect(texts, {"warm", "hot", Port::kInput}).ok());
  EXPECT_FALSE(disconnect(kExample, {"readings", "hot", Port::kInput}).ok());
}

TEST(StatementEdits, ConnectingAStepOrAnUpdateAddsOne) {
  RuleTexts texts = *add_statement(kExample, 0, new_statement_text(dsl::StatementKind::kPattern, "seq", "hot", ""));
  texts = *add_statement(texts, 0, new_statement_text(dsl::StatementKind::kTwin, "state", "hot", ""));
  const auto stepped = connect(texts, {"readings", "seq", Port::kStep});
  ASSERT_TRUE(stepped.ok()) << stepped.status().message();
  EXPECT_TRUE(has_wire(graph_of(*stepped), "readings", "seq", Port::kStep));
  const auto updated = connect(texts, {"readings", "state", Port::kUpdate});
  ASSERT_TRUE(updated.ok()) << updated.status().message();
  EXPECT_TRUE(has_wire(graph_of(*updated), "readings", "state", Port::kUpdate));
  const auto one_less = disconnect(*updated, {"hot", "state", Port::kUpdate});
  ASSERT_TRUE(one_less.ok()) << one_less.status().message();
  EXPECT_FALSE(has_wire(graph_of(*one_less), "hot", "state", Port::kUpdate));
  EXPECT_FALSE(disconnect(*one_less, {"readings", "state", Port::kUpdate}).ok());
}

TEST(StatementEdits, EveryPaletteStatementParses) {
  for (std::size_t i = 0; i < dsl::kStatementKeywords.size(); ++i) {
    const auto kind = static_cast<dsl::StatementKind>(i);
    const std::string text = new_statement_text(kind, default_name(kind), "readings", "Reading");
    EXPECT_TRUE(canonical_statement(text).ok()) << text;
  }
  EXPECT_EQ(unique_name(graph_of(kExample), "hot"), "hot_2");
  EXPECT_EQ(unique_name(graph_of(kExample), "cold"), "cold");
}

TEST(StatementForm, EveryTemplateStatementRoundTripsThroughItsForm) {
  for (const std::string& name : template_names()) {
    for (const RuleText& file : read_template(name)) {
      const dsl::SourceFile source(file.path, file.text);
      dsl::Diagnostics diagnostics;
      const dsl::RuleFile parsed = dsl::parse(source, diagnostics);
      for (const dsl::Statement& statement : parsed.statements) {
        const auto canonical = canonical_statement(source.slice(statement.span));
        ASSERT_TRUE(canonical.ok());
        const auto form = read_form(*canonical);
        ASSERT_TRUE(form.ok()) << form.status().message() << "\n" << *canonical;
        const auto written = write_form(*form);
        ASSERT_TRUE(written.ok()) << written.status().message() << "\n" << *canonical;
        EXPECT_EQ(*written, *canonical);
      }
    }
  }
}

TEST(StatementForm, FieldsChangeClausesAndBadValuesAreRefused) {
  auto form = read_form(*canonical_statement("alert a from b severity high message \"x \\\"y\\\" {z}\""));
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->find("message")->value, "x \"y\" {z}");
  EXPECT_EQ(form->find("severity")->value, "high");
  EXPECT_EQ(form->find("severity")->choices.size(), 5u);
  form->find("throttle")->value = "10m per device";
  form->find("severity")->value = "";
  EXPECT_EQ(*write_form(*form), "alert a from b\n  message \"x \\\"y\\\" {z}\"\n  throttle 10m per device");
  form->find("throttle")->value = "ten minutes";
  EXPECT_FALSE(write_form(*form).ok());
  form->find("throttle")->value = "";
  form->find("message")->value = "";
  const auto missing = write_form(*form);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "Message is required");
}

TEST(ExpressionCompletion, OffersWhatTheStatementCanReadThenFunctions) {
  const RuleTexts texts = read_template("predictive-maintenance");
  auto texts_of = [](const std::vector<Completion>& list) {
    std::vector<std::string> out;
    for (const Completion& completion : list) out.push_back(completion.text);
    return out;
  };
  // A stream that joins devices: the input's fields, the table's, then functions.
  EXPECT_EQ(texts_of(complete_expression(texts, "enriched", "temp > dev")),
            (std::vector<std::string>{"device", "devices.device", "devices.site", "devices.model", "devices.max_temp",
                                      "device_state.baseline", "device_state.updates"}));
  const auto temp = complete_expression(texts, "enriched", "te");
  ASSERT_FALSE(temp.empty());
  EXPECT_EQ(temp.front(), (Completion{"temp", "double, from readings"}));
  EXPECT_EQ(texts_of(complete_expression(texts, "over_limit", "abs(ro")), (std::vector<std::string>{"round("}));
  // Aggregates only where they are allowed.
  EXPECT_EQ(texts_of(complete_expression(texts, "temp_stats", "perc")), (std::vector<std::string>{"percentile("}));
  EXPECT_TRUE(complete_expression(texts, "over_limit", "perc").empty());
  // Pattern steps by their binding.
  EXPECT_EQ(texts_of(complete_expression(texts, "overheating", "hot.te")), (std::vector<std::string>{"hot.temp"}));
  EXPECT_EQ(word_before_cursor("a > devices.si"), "devices.si");
  EXPECT_TRUE(complete_expression(texts, "no_such_statement", "t").empty());
}

TEST(SchemaInference, TypesComeFromTheSampleAndNestedMembersAreLeftOut) {
  const auto inferred =
      infer_schema_fields(R"({"device": "press-7", "temp": 81.5, "count": 3, "ok": true, "ts": "2026-11-21T08:00:00Z",)"
                          R"( "note": null, "temp-c": 1.5, "site": {"name": "north"}, "tags": []})");
  ASSERT_TRUE(inferred.ok()) << inferred.status().message();
  EXPECT_EQ(
      inferred->fields,
      "device: string,\ntemp: double,\ncount: int,\nok: bool,\nts: timestamp,\nnote: string?,\n`temp-c`: double,");
  EXPECT_EQ(inferred->skipped, (std::vector<std::string>{"site", "tags"}));
  // What it gives is a schema the parser takes.
  EXPECT_TRUE(canonical_statement("schema S {\n" + inferred->fields + "\n}").ok());
  EXPECT_FALSE(infer_schema_fields("[1, 2]").ok());
  EXPECT_FALSE(infer_schema_fields("{\"a\": ").ok());
  EXPECT_FALSE(infer_schema_fields("{}").ok());
}

TEST(LayeredLayout, EveryWireGoesRightAndNoTwoNodesShareAPlace) {
  const ProjectGraph graph = graph_of(read_template("predictive-maintenance"));
  const Positions positions = layered_layout(graph);
  ASSERT_EQ(positions.size(), graph.nodes.size());
  for (const GraphWire& wire : graph.wires) EXPECT_LT(positions.at(wire.from).x, positions.at(wire.to).x);
  std::set<std::pair<double, double>> places;
  for (const auto& [name, at] : positions) EXPECT_TRUE(places.insert({at.x, at.y}).second) << name;
  const Point placed = place_new_node(graph, positions, "overheated");
  EXPECT_GT(placed.x, positions.at("overheating").x);
}

}  // namespace
}  // namespace cepheus::studio
