#include "cepheus/core/toml.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace cepheus {
namespace {

using Kind = TomlValue::Kind;
using Names = std::vector<std::string>;

// The error message of parsing `text`, or "parsed" when it parses.
std::string error_of(std::string_view text) {
  auto doc = TomlDocument::parse(text);
  if (doc.ok()) return "parsed";
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  return doc.status().message();
}

// The single value `v = <value>` parses to.
TomlValue value_of(const std::string& value) {
  auto doc = TomlDocument::parse("v = " + value);
  EXPECT_TRUE(doc.ok()) << value << ": " << doc.status().message();
  if (!doc.ok() || !doc->find("v")) return {};
  return *doc->find("v");
}

constexpr std::string_view kNodeConfig = R"(# Cepheus node configuration
listen = "0.0.0.0:7400"
data_dir = '/var/lib/cepheus'
token = "s3cr\u00E9t"   # from the control plane

[log]
level = "info"    # debug, info, warn, error
format = "json"

[mqtt]
url = "mqtts://broker.plant.local:8883"
username = "node-7"
password = """
p@ss\
    word"""
tls = true
qos = 1

[brokers.plant]
url = "tcp://10.0.0.5:1883"

[brokers.cloud]
url = "ssl://cloud.example.com:8883"
topics = [
  "plant/+/readings",  # the presses
  "plant/+/alarms",
]

[limits]
max_events_per_second = 50_000
queue_bytes = 0x10_0000
window_hours = 1.5
retention_days = 30
)";

TEST(TomlTest, ReadsANodeConfiguration) {
  auto doc = TomlDocument::parse(kNodeConfig);
  ASSERT_TRUE(doc.ok()) << doc.status().message();

  ASSERT_NE(doc->find("listen"), nullptr);
  EXPECT_EQ(doc->find("listen")->kind, Kind::kString);
  EXPECT_EQ(doc->find("listen")->text, "0.0.0.0:7400");
  EXPECT_EQ(doc->find("listen")->line, 2);
  EXPECT_EQ(doc->find("data_dir")->text, "/var/lib/cepheus");
  EXPECT_EQ(doc->find("token")->text, "s3cr\xC3\xA9t");
  EXPECT_EQ(doc->find("log.level")->text, "info");
  EXPECT_EQ(doc->find("log.format")->text, "json");
  EXPECT_EQ(doc->find("mqtt.url")->text, "mqtts://broker.plant.local:8883");
  EXPECT_EQ(doc->find("mqtt.username")->text, "node-7");
  EXPECT_EQ(doc->find("mqtt.password")->text, "p@ssword");
  EXPECT_EQ(doc->find("mqtt.password")->line, 13);
  EXPECT_EQ(doc->find("mqtt.tls")->kind, Kind::kBool);
  EXPECT_TRUE(doc->find("mqtt.tls")->flag);
  EXPECT_EQ(doc->find("mqtt.tls")->line, 16);
  EXPECT_EQ(doc->find("mqtt.qos")->kind, Kind::kInteger);
  EXPECT_EQ(doc->find("mqtt.qos")->integer, 1);
  EXPECT_EQ(doc->find("brokers.plant.url")->text, "tcp://10.0.0.5:1883");
  EXPECT_EQ(doc->find("brokers.cloud.url")->text, "ssl://cloud.example.com:8883");
  const TomlValue* topics = doc->find("brokers.cloud.topics");
  ASSERT_NE(topics, nullptr);
  ASSERT_EQ(topics->kind, Kind::kArray);
  ASSERT_EQ(topics->items.size(), 2u);
  EXPECT_EQ(topics->items[0].text, "plant/+/readings");
  EXPECT_EQ(topics->items[1].text, "plant/+/alarms");
  EXPECT_EQ(topics->line, 24);
  EXPECT_EQ(topics->items[1].line, 26);
  EXPECT_EQ(doc->find("limits.max_events_per_second")->integer, 50000);
  EXPECT_EQ(doc->find("limits.queue_bytes")->integer, 0x100000);
  EXPECT_EQ(doc->find("limits.window_hours")->kind, Kind::kFloat);
  EXPECT_DOUBLE_EQ(doc->find("limits.window_hours")->number, 1.5);
  EXPECT_EQ(doc->find("limits.retention_days")->integer, 30);

  EXPECT_EQ(doc->find("mqtt"), nullptr);  // a table, not a value
  EXPECT_EQ(doc->find("mqtt.port"), nullptr);
  EXPECT_EQ(doc->find("url"), nullptr);

  Names keys;
  for (const auto& [key, value] : doc->entries()) keys.push_back(key);
  EXPECT_EQ(keys, (Names{"listen", "data_dir", "token", "log.level", "log.format", "mqtt.url", "mqtt.username",
                         "mqtt.password", "mqtt.tls", "mqtt.qos", "brokers.plant.url", "brokers.cloud.url",
                         "brokers.cloud.topics", "limits.max_events_per_second", "limits.queue_bytes",
                         "limits.window_hours", "limits.retention_days"}));

  EXPECT_EQ(doc->tables_under(""), (Names{"log", "mqtt", "brokers", "limits"}));
  EXPECT_EQ(doc->tables_under("brokers"), (Names{"plant", "cloud"}));
  EXPECT_TRUE(doc->tables_under("brokers.plant").empty());
  EXPECT_TRUE(doc->tables_under("listen").empty());
  EXPECT_TRUE(doc->tables_under("nowhere").empty());
  EXPECT_TRUE(doc->has_table("log"));
  EXPECT_TRUE(doc->has_table("brokers"));  // implied by [brokers.plant]
  EXPECT_TRUE(doc->has_table("brokers.cloud"));
  EXPECT_FALSE(doc->has_table("listen"));
  EXPECT_FALSE(doc->has_table("brokers.cloud.url"));
  EXPECT_FALSE(doc->has_table("tls"));
  EXPECT_FALSE(doc->has_table(""));
}

TEST(TomlTest, KindPhrases) {
  EXPECT_EQ(value_of("'x'").kind_phrase(), "a string");
  EXPECT_EQ(value_of("1").kind_phrase(), "an integer");
  EXPECT_EQ(value_of("1.0").kind_phrase(), "a float");
  EXPECT_EQ(value_of("false").kind_phrase(), "a boolean");
  EXPECT_EQ(value_of("[]").kind_phrase(), "an array");
}

TEST(TomlTest, ReadsBasicStringsWithEveryEscape) {
  const TomlValue s = value_of(R"("a\tb \"q\" back\\slash \u00e9 \U0001F600 \b\f\r\n end")");
  EXPECT_EQ(s.kind, Kind::kString);
  EXPECT_EQ(s.text, "a\tb \"q\" back\\slash \xC3\xA9 \xF0\x9F\x98\x80 \b\f\r\n end");
  EXPECT_EQ(value_of("\"tab\tinside\"").text, "tab\tinside");
  EXPECT_EQ(value_of("\"\"").text, "");
  EXPECT_EQ(value_of("\"caf\xC3\xA9 # not a comment\"").text, "caf\xC3\xA9 # not a comment");
}

TEST(TomlTest, ReadsLiteralStringsAsWritten) {
  EXPECT_EQ(value_of(R"('C:\Users\node\n')").text, R"(C:\Users\node\n)");
  EXPECT_EQ(value_of(R"('say "hi"')").text, R"(say "hi")");
  EXPECT_EQ(value_of("''").text, "");
}

TEST(TomlTest, ReadsMultiLineBasicStrings) {
  // The line ending right after the opening quotes is dropped; CRLF reads as "\n".
  EXPECT_EQ(value_of("\"\"\"\nRoses\r\nViolets\"\"\"").text, "Roses\nViolets");
  // A backslash at the end of a line joins it to the next non-blank text.
  EXPECT_EQ(value_of("\"\"\"\nThe quick \\\n\n    brown \\   \n  fox.\\\n\"\"\"").text, "The quick brown fox.");
  EXPECT_EQ(value_of("\"\"\"a \\t \\u0041 \"\" b\"\"\"").text, "a \t A \"\" b");
  // Up to two quotes before the closing three belong to the text.
  EXPECT_EQ(value_of(R"("""say "hi"""")").text, "say \"hi\"");
  EXPECT_EQ(value_of(R"("""x""""")").text, "x\"\"");
  EXPECT_EQ(value_of(R"("""""")").text, "");
}

TEST(TomlTest, ReadsMultiLineLiteralStrings) {
  EXPECT_EQ(value_of("'''\nfirst\n  second \\n\n'''").text, "first\n  second \\n\n");
  EXPECT_EQ(value_of("''''quoted''''").text, "'quoted'");
  EXPECT_EQ(value_of("'''a\\\nb'''").text, "a\\\nb");  // no line-ending backslash in literals
}

TEST(TomlTest, ReadsIntegers) {
  const auto integer = [](const std::string& text) {
    const TomlValue value = value_of(text);
    EXPECT_EQ(value.kind, Kind::kInteger) << text;
    return value.integer;
  };
  EXPECT_EQ(integer("0"), 0);
  EXPECT_EQ(integer("+0"), 0);
  EXPECT_EQ(integer("-0"), 0);
  EXPECT_EQ(integer("+99"), 99);
  EXPECT_EQ(integer("-17"), -17);
  EXPECT_EQ(integer("1_000"), 1000);
  EXPECT_EQ(integer("5_349_221"), 5349221);
  EXPECT_EQ(integer("0xDEAD_beef"), 0xDEADBEEF);
  EXPECT_EQ(integer("0x00ff"), 255);
  EXPECT_EQ(integer("0o755"), 0755);
  EXPECT_EQ(integer("0b1101_0110"), 0xD6);
  EXPECT_EQ(integer("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(integer("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(integer("0x7FFFFFFFFFFFFFFF"), std::numeric_limits<std::int64_t>::max());
}

TEST(TomlTest, ReadsFloats) {
  const auto number = [](const std::string& text) {
    const TomlValue value = value_of(text);
    EXPECT_EQ(value.kind, Kind::kFloat) << text;
    return value.number;
  };
  EXPECT_DOUBLE_EQ(number("+1.0"), 1.0);
  EXPECT_DOUBLE_EQ(number("3.1415"), 3.1415);
  EXPECT_DOUBLE_EQ(number("-0.01"), -0.01);
  EXPECT_DOUBLE_EQ(number("5e+22"), 5e22);
  EXPECT_DOUBLE_EQ(number("1e06"), 1e6);
  EXPECT_DOUBLE_EQ(number("-2E-2"), -0.02);
  EXPECT_DOUBLE_EQ(number("6.626e-34"), 6.626e-34);
  EXPECT_DOUBLE_EQ(number("224_617.445_991"), 224617.445991);
  EXPECT_DOUBLE_EQ(number("0e0"), 0.0);
  EXPECT_TRUE(std::signbit(number("-0.0")));
  EXPECT_EQ(number("inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("+inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("-inf"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(number("nan")));
  EXPECT_TRUE(std::isnan(number("+nan")));
  EXPECT_TRUE(std::isnan(number("-nan")));
}

TEST(TomlTest, ReadsBooleans) {
  EXPECT_EQ(value_of("true").kind, Kind::kBool);
  EXPECT_TRUE(value_of("true").flag);
  EXPECT_EQ(value_of("false").kind, Kind::kBool);
  EXPECT_FALSE(value_of("false").flag);
}

TEST(TomlTest, ReadsArrays) {
  EXPECT_TRUE(value_of("[]").items.empty());
  EXPECT_TRUE(value_of("[ \n ]").items.empty());
  const TomlValue mixed = value_of("[1, 'two', 3.0, true, [4, [5]], []]");
  ASSERT_EQ(mixed.kind, Kind::kArray);
  ASSERT_EQ(mixed.items.size(), 6u);
  EXPECT_EQ(mixed.items[0].integer, 1);
  EXPECT_EQ(mixed.items[1].text, "two");
  EXPECT_DOUBLE_EQ(mixed.items[2].number, 3.0);
  EXPECT_TRUE(mixed.items[3].flag);
  ASSERT_EQ(mixed.items[4].items.size(), 2u);
  EXPECT_EQ(mixed.items[4].items[1].items[0].integer, 5);
  EXPECT_EQ(mixed.items[5].kind, Kind::kArray);

  auto doc = TomlDocument::parse("ports = [ # the listeners\n  7400,\n\n  # spare\n  7401 , # last\n]\nnext = 1\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const TomlValue* ports = doc->find("ports");
  ASSERT_EQ(ports->items.size(), 2u);
  EXPECT_EQ(ports->items[0].integer, 7400);
  EXPECT_EQ(ports->items[0].line, 2);
  EXPECT_EQ(ports->items[1].integer, 7401);
  EXPECT_EQ(ports->items[1].line, 5);
  EXPECT_EQ(doc->find("next")->line, 7);
}

TEST(TomlTest, ReadsQuotedAndDottedKeys) {
  auto doc = TomlDocument::parse(R"(
"site 1" = 'a'
'quoted "key"' = 'b'
"" = 'c'
server . host = "d"
server."port" = 7
"a.b".c = 'e'
1234 = 'f'
3.14 = 'g'
[ brokers . "plant north" ]
url = 'h'
)");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  Names keys;
  for (const auto& [key, value] : doc->entries()) keys.push_back(key);
  EXPECT_EQ(keys, (Names{R"("site 1")", R"("quoted \"key\"")", R"("")", "server.host", "server.port", R"("a.b".c)",
                         "1234", "3.14", R"(brokers."plant north".url)"}));
  EXPECT_EQ(doc->find(R"("site 1")")->text, "a");
  EXPECT_EQ(doc->find(R"('site 1')")->text, "a");
  EXPECT_EQ(doc->find(R"('quoted "key"')")->text, "b");
  EXPECT_EQ(doc->find(R"("")")->text, "c");
  EXPECT_EQ(doc->find("server.host")->text, "d");
  EXPECT_EQ(doc->find(" server . 'host' ")->text, "d");
  EXPECT_EQ(doc->find("server.port")->integer, 7);
  EXPECT_EQ(doc->find(R"("a.b".c)")->text, "e");
  EXPECT_EQ(doc->find("a.b.c"), nullptr);
  EXPECT_EQ(doc->find("3.14")->text, "g");
  EXPECT_EQ(doc->find(R"(brokers."plant north".url)")->text, "h");
  EXPECT_EQ(doc->find(""), nullptr);
  EXPECT_EQ(doc->find("server..host"), nullptr);
  EXPECT_EQ(doc->find("server.host = 1"), nullptr);

  EXPECT_TRUE(doc->has_table("server"));  // defined by dotted keys
  EXPECT_TRUE(doc->has_table(R"("a.b")"));
  EXPECT_TRUE(doc->has_table("3"));
  EXPECT_EQ(doc->tables_under(""), (Names{"server", "a.b", "3", "brokers"}));
  EXPECT_EQ(doc->tables_under("brokers"), (Names{"plant north"}));
  const std::string key = "brokers." + TomlDocument::quote_key(doc->tables_under("brokers")[0]) + ".url";
  EXPECT_EQ(doc->find(key)->text, "h");
}

TEST(TomlTest, QuotesKeysThatAreNotBare) {
  EXPECT_EQ(TomlDocument::quote_key("plant_1-a"), "plant_1-a");
  EXPECT_EQ(TomlDocument::quote_key("plant north"), "\"plant north\"");
  EXPECT_EQ(TomlDocument::quote_key("a.b"), "\"a.b\"");
  EXPECT_EQ(TomlDocument::quote_key(""), "\"\"");
  EXPECT_EQ(TomlDocument::quote_key("q\"\\\t\x01"), "\"q\\\"\\\\\\t\\u0001\"");
}

TEST(TomlTest, BuildsTablesFromHeadersAndDottedKeys) {
  auto doc = TomlDocument::parse(R"(
[fruit]
apple.color = "red"
apple.taste.sweet = true
[fruit.apple.texture]   # a sub-table of a table made by dotted keys
smooth = true
[x.y.z]
[x]                     # x was only implied: defining it now is fine
y.w = 1                 # so was x.y
)");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->find("fruit.apple.color")->text, "red");
  EXPECT_TRUE(doc->find("fruit.apple.taste.sweet")->flag);
  EXPECT_TRUE(doc->find("fruit.apple.texture.smooth")->flag);
  EXPECT_EQ(doc->find("x.y.w")->integer, 1);
  EXPECT_EQ(doc->tables_under("fruit"), (Names{"apple"}));
  EXPECT_EQ(doc->tables_under("fruit.apple"), (Names{"taste", "texture"}));
  EXPECT_EQ(doc->tables_under("x.y"), (Names{"z"}));
  EXPECT_TRUE(doc->has_table("fruit.apple.taste"));
  EXPECT_TRUE(doc->has_table("x.y.z"));
  EXPECT_FALSE(doc->has_table("fruit.apple.color"));
}

TEST(TomlTest, AcceptsCrlfBomAndEmptyDocuments) {
  auto doc = TomlDocument::parse("\xEF\xBB\xBF# config\r\n[log]\r\nlevel = 'debug' # note\r\n\r\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->find("log.level")->text, "debug");
  EXPECT_EQ(doc->find("log.level")->line, 3);
  auto empty = TomlDocument::parse("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->entries().empty());
  EXPECT_TRUE(empty->tables_under("").empty());
  EXPECT_TRUE(TomlDocument::parse("  \n# only a comment\n\t\n").ok());
  EXPECT_EQ(error_of("\xEF\xBB\xBFlevel = info"),
            "line 1, column 9: 'info' is not a value; strings need quotes (\"...\")");
}

TEST(TomlTest, RefusesWhatCepheusDoesNotSupport) {
  EXPECT_EQ(error_of("point = { x = 1, y = 2 }"),
            "line 1, column 9: inline tables ({...}) are not supported in Cepheus configuration files; use a [table] "
            "section");
  EXPECT_EQ(error_of("a = [1, {x = 1}]"),
            "line 1, column 9: inline tables ({...}) are not supported in Cepheus configuration files; use a [table] "
            "section");
  EXPECT_EQ(error_of("listen = 'x'\n\n[[brokers]]\nurl = 'y'"),
            "line 3, column 1: arrays of tables ([[...]]) are not supported in Cepheus configuration files");
  const std::string dates = "dates and times are not supported in Cepheus configuration files; write them as strings";
  EXPECT_EQ(error_of("when = 1979-05-27"), "line 1, column 8: " + dates);
  EXPECT_EQ(error_of("when = 1979-05-27T07:32:00Z"), "line 1, column 8: " + dates);
  EXPECT_EQ(error_of("when = 1979-05-27 07:32:00"), "line 1, column 8: " + dates);
  EXPECT_EQ(error_of("at = 07:32:00"), "line 1, column 6: " + dates);
}

TEST(TomlTest, RefusesDuplicateKeys) {
  EXPECT_EQ(error_of("a = 1\nb = 2\n\na = 3"), "line 4, column 1: key 'a' is already defined on line 1");
  EXPECT_EQ(error_of("[mqtt]\nurl = 'x'\n  url = 'y'"),
            "line 3, column 3: key 'mqtt.url' is already defined on line 2");
  EXPECT_EQ(error_of("\"a\" = 1\na = 2"), "line 2, column 1: key 'a' is already defined on line 1");
  EXPECT_EQ(error_of("a.b = 1\n'a'.\"b\" = 2"), "line 2, column 1: key 'a.b' is already defined on line 1");
  EXPECT_EQ(error_of("[a]\nb.c = 1\n[d]\n[a.b]\nc = 2"),
            "line 4, column 1: table 'a.b' is already defined by dotted keys on line 2");
}

TEST(TomlTest, RefusesRedefiningATable) {
  EXPECT_EQ(error_of("[log]\nlevel = 'x'\n[mqtt]\n[log]"),
            "line 4, column 1: table 'log' is already defined on line 1");
  EXPECT_EQ(error_of("[a.b]\n[a]\n[a]"), "line 3, column 1: table 'a' is already defined on line 2");
  EXPECT_EQ(error_of("[fruit]\napple.color = 'red'\n[fruit.apple]"),
            "line 3, column 1: table 'fruit.apple' is already defined by dotted keys on line 2");
  // a.b, implied by [a.b.c], is defined by the dotted key b.x: no header for it after that.
  EXPECT_EQ(error_of("[a.b.c]\n[a]\nb.x = 1\n[a.b]"),
            "line 4, column 1: table 'a.b' is already defined by dotted keys on line 3");
  EXPECT_EQ(error_of("[a.b]\nx = 1\n[a]\nb.y = 2"),
            "line 4, column 1: table 'a.b' has its own header on line 1; add keys to it under that header");
  EXPECT_EQ(error_of("[a.b.c]\n[a]\nb.c.t = 1"),
            "line 3, column 1: table 'a.b.c' has its own header on line 1; add keys to it under that header");
}

TEST(TomlTest, RefusesAKeyThatIsBothAValueAndATable) {
  EXPECT_EQ(error_of("mqtt = 'x'\n[mqtt]"),
            "line 2, column 1: key 'mqtt' is already a value (line 1); it cannot also be a table");
  EXPECT_EQ(error_of("mqtt = 'x'\n[mqtt.tls]"),
            "line 2, column 1: key 'mqtt' is already a value (line 1); it cannot also be a table");
  EXPECT_EQ(error_of("a = 1\na.b = 2"),
            "line 2, column 1: key 'a' is already a value (line 1); it cannot also be a table");
  EXPECT_EQ(error_of("a.b = 1\na = 2"),
            "line 2, column 1: key 'a' is already a table (line 1); it cannot also be a value");
  EXPECT_EQ(error_of("[a.b]\n[a]\nb = 1"),
            "line 3, column 1: key 'a.b' is already a table (line 1); it cannot also be a value");
}

TEST(TomlTest, ExplainsMalformedLines) {
  EXPECT_EQ(error_of("listen \"0.0.0.0\""), "line 1, column 8: expected '=' after the key 'listen', found '\"'");
  EXPECT_EQ(error_of("[log]\nlevel\n"),
            "line 2, column 6: expected '=' after the key 'level', found the end of the line");
  EXPECT_EQ(error_of("a.b"), "line 1, column 4: expected '=' after the key 'a.b', found the end of the file");
  EXPECT_EQ(error_of("= 1"), "line 1, column 1: expected a key, found '='");
  EXPECT_EQ(error_of("a. = 1"), "line 1, column 4: expected a key, found '='");
  EXPECT_EQ(error_of("a ="), "line 1, column 4: expected a value, found the end of the file");
  EXPECT_EQ(error_of("a =\nb = 1"), "line 1, column 4: expected a value, found the end of the line");
  EXPECT_EQ(error_of("a = # no value"), "line 1, column 5: expected a value, found '#'");
  EXPECT_EQ(error_of("[]"), "line 1, column 2: expected a table name, found ']'");
  EXPECT_EQ(error_of("[log"), "line 1, column 5: expected ']' after the table name, found the end of the file");
  EXPECT_EQ(error_of("[log level]"), "line 1, column 6: expected ']' after the table name, found 'l'");
  EXPECT_EQ(error_of("caf\xC3\xA9 = 1"),
            "line 1, column 4: a bare key may use only A-Z a-z 0-9 _ and -; put this key in quotes");
  EXPECT_EQ(error_of("\"\"\"a\"\"\" = 1"), "line 1, column 1: a key cannot be a multi-line string");
  EXPECT_EQ(error_of("level = info"), "line 1, column 9: 'info' is not a value; strings need quotes (\"...\")");
  EXPECT_EQ(error_of("url = mqtt://x:1 # c"),
            "line 1, column 7: 'mqtt://x:1' is not a value; strings need quotes (\"...\")");
  EXPECT_EQ(error_of("flag = True"), "line 1, column 8: 'True' is not a value; strings need quotes (\"...\")");
}

TEST(TomlTest, RefusesTextAfterAValue) {
  EXPECT_EQ(error_of("a = 1 2"), "line 1, column 7: unexpected '2' after the value");
  EXPECT_EQ(error_of("a = 'x' b = 'y'"), "line 1, column 9: unexpected 'b' after the value");
  EXPECT_EQ(error_of("a = \"x\"y"), "line 1, column 8: unexpected 'y' after the value");
  EXPECT_EQ(error_of("a = [1] ]"), "line 1, column 9: unexpected ']' after the value");
  EXPECT_EQ(error_of("a = \"\"\"x\"\"\"\"\"\""), "line 1, column 14: unexpected '\"' after the value");
  EXPECT_EQ(error_of("a = 'x''"), "line 1, column 8: unexpected \"'\" after the value");
  EXPECT_EQ(error_of("[log] level = 1"), "line 1, column 7: unexpected 'l' after the table header");
  EXPECT_EQ(error_of("[log]]"), "line 1, column 6: unexpected ']' after the table header");
}

TEST(TomlTest, RefusesUnterminatedStringsAndArrays) {
  EXPECT_EQ(error_of("a = \"abc\nb = 1"),
            "line 1, column 5: the string that starts here is not closed with '\"' on its line");
  EXPECT_EQ(error_of("a = 'abc"), "line 1, column 5: the string that starts here is not closed with \"'\" on its line");
  EXPECT_EQ(error_of("\n\"key = 1"),
            "line 2, column 1: the string that starts here is not closed with '\"' on its line");
  EXPECT_EQ(error_of("a = \"\"\"abc\n\"\""),
            "line 1, column 5: the multi-line string that starts here is not closed with '\"\"\"'");
  EXPECT_EQ(error_of("a = '''abc''"),
            "line 1, column 5: the multi-line string that starts here is not closed with \"'''\"");
  EXPECT_EQ(error_of("a = [1,\n  2"), "line 1, column 5: the array that starts here is not closed with ']'");
  EXPECT_EQ(error_of("a = \"x\\"),
            "line 1, column 7: invalid escape '\\' followed by the end of the file; the escapes "
            "are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX");
}

TEST(TomlTest, RefusesInvalidEscapes) {
  const std::string escapes = "; the escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX";
  EXPECT_EQ(error_of(R"(a = "\x41")"), "line 1, column 6: invalid escape '\\x'" + escapes);
  EXPECT_EQ(error_of(R"(a = "\e")"), "line 1, column 6: invalid escape '\\e'" + escapes);
  EXPECT_EQ(error_of("a = \"\"\"x\\ y\"\"\""), "line 1, column 9: invalid escape '\\' followed by ' '" + escapes);
  EXPECT_EQ(error_of("a = \"x\\\ny\""),
            "line 1, column 7: invalid escape '\\' followed by the end of the line" + escapes);
  EXPECT_EQ(error_of(R"(a = "\u12")"), "line 1, column 6: \\u needs four hexadecimal digits");
  EXPECT_EQ(error_of(R"(a = "\U0001F60")"), "line 1, column 6: \\U needs eight hexadecimal digits");
  EXPECT_EQ(error_of(R"(a = "\uD800")"),
            "line 1, column 6: escape \\uD800 is not a Unicode character (surrogates and values above U+10FFFF are "
            "not)");
  EXPECT_EQ(error_of(R"(a = "\U00110000")"),
            "line 1, column 6: escape \\U00110000 is not a Unicode character (surrogates and values above U+10FFFF "
            "are not)");
  EXPECT_EQ(error_of(R"("\q" = 1)"), "line 1, column 2: invalid escape '\\q'" + escapes);
}

TEST(TomlTest, RefusesControlCharactersAndBadLineEndings) {
  EXPECT_EQ(error_of("a = \"x\x01y\""),
            "line 1, column 7: control character U+0001 in a string; write it as an escape such as \\t or \\u0007");
  EXPECT_EQ(error_of("a = 'x\x7Fy'"),
            "line 1, column 7: control character U+007F in a literal string; use a \"...\" string with an escape");
  EXPECT_EQ(error_of("a = '''x\x1B'''"),
            "line 1, column 9: control character U+001B in a literal string; use a \"...\" string with an escape");
  EXPECT_EQ(error_of(std::string("a = \"\"\"x\0\"\"\"", 12)),
            "line 1, column 9: control character U+0000 in a string; write it as an escape such as \\t or \\u0007");
  EXPECT_EQ(error_of("a = 1 # bell\x07"), "line 1, column 13: control character U+0007 in a comment");
  EXPECT_EQ(error_of("a = 1\rb = 2"), "line 1, column 6: a carriage return (U+000D) must be followed by a line feed");
  EXPECT_EQ(error_of("a = '''x\ry'''"), "line 1, column 9: a carriage return (U+000D) must be followed by a line feed");
  EXPECT_EQ(error_of("\x01"), "line 1, column 1: expected a key, found control character U+0001");
}

TEST(TomlTest, RefusesInvalidUtf8) {
  EXPECT_EQ(error_of("a = 'ok'\nb = \"\xC3\x28\""), "line 2, column 6: invalid UTF-8: a character cut short");
  EXPECT_EQ(error_of("# \xC0\xAF"), "line 1, column 3: invalid UTF-8: a byte that cannot start a character");
  EXPECT_EQ(error_of("a = '\xED\xA0\x80'"), "line 1, column 6: invalid UTF-8: an encoded surrogate");
  // Columns count characters, not bytes.
  EXPECT_EQ(error_of("a = '\xC3\xA9\xC3\xA9' x"), "line 1, column 10: unexpected 'x' after the value");
}

TEST(TomlTest, RefusesMalformedIntegers) {
  EXPECT_EQ(error_of("a = 0123"), "line 1, column 5: invalid number '0123': leading zeros are not allowed");
  EXPECT_EQ(error_of("a = -01"), "line 1, column 5: invalid number '-01': leading zeros are not allowed");
  EXPECT_EQ(error_of("a = 0_1"), "line 1, column 5: invalid number '0_1': leading zeros are not allowed");
  EXPECT_EQ(error_of("a = 1__000"),
            "line 1, column 5: invalid number '1__000': an underscore must be between two digits");
  EXPECT_EQ(error_of("a = 1_"), "line 1, column 5: invalid number '1_': an underscore must be between two digits");
  EXPECT_EQ(error_of("a = _1"), "line 1, column 5: invalid number '_1': expected a digit");
  EXPECT_EQ(error_of("a = +"), "line 1, column 5: invalid number '+': expected a digit after the sign");
  EXPECT_EQ(error_of("a = 12a"), "line 1, column 5: invalid number '12a': unexpected 'a'");
  EXPECT_EQ(error_of("a = +0x10"),
            "line 1, column 5: invalid number '+0x10': hexadecimal, octal and binary integers take no sign");
  EXPECT_EQ(error_of("a = 0x"), "line 1, column 5: invalid number '0x': expected a digit after '0x'");
  EXPECT_EQ(error_of("a = 0x_1"), "line 1, column 5: invalid number '0x_1': expected a digit after '0x'");
  EXPECT_EQ(error_of("a = 0o8"), "line 1, column 5: invalid number '0o8': expected a digit after '0o'");
  EXPECT_EQ(error_of("a = 0b102"), "line 1, column 5: invalid number '0b102': unexpected '2'");
  EXPECT_EQ(error_of("a = 0XFF"), "line 1, column 5: invalid number '0XFF': unexpected 'X'");
  const std::string range = "' is out of range; integers are 64-bit (-9223372036854775808 to 9223372036854775807)";
  EXPECT_EQ(error_of("a = 9223372036854775808"), "line 1, column 5: integer '9223372036854775808" + range);
  EXPECT_EQ(error_of("a = -9223372036854775809"), "line 1, column 5: integer '-9223372036854775809" + range);
  EXPECT_EQ(error_of("a = 0x8000000000000000"), "line 1, column 5: integer '0x8000000000000000" + range);
  EXPECT_EQ(error_of("a = 99999999999999999999999"), "line 1, column 5: integer '99999999999999999999999" + range);
}

TEST(TomlTest, RefusesMalformedFloats) {
  EXPECT_EQ(error_of("a = 1."), "line 1, column 5: invalid number '1.': expected a digit after '.'");
  EXPECT_EQ(error_of("a = .5"), "line 1, column 5: invalid number '.5': expected a digit");
  EXPECT_EQ(error_of("a = 1.e5"), "line 1, column 5: invalid number '1.e5': expected a digit after '.'");
  EXPECT_EQ(error_of("a = 1e"), "line 1, column 5: invalid number '1e': expected a digit in the exponent");
  EXPECT_EQ(error_of("a = 1e_5"), "line 1, column 5: invalid number '1e_5': expected a digit in the exponent");
  EXPECT_EQ(error_of("a = 1._5"), "line 1, column 5: invalid number '1._5': expected a digit after '.'");
  EXPECT_EQ(error_of("a = 1.2.3"), "line 1, column 5: invalid number '1.2.3': unexpected '.'");
  EXPECT_EQ(error_of("a = 03.14"), "line 1, column 5: invalid number '03.14': leading zeros are not allowed");
  EXPECT_EQ(error_of("a = 1e400"), "line 1, column 5: float '1e400' is out of the range of a 64-bit float");
  EXPECT_EQ(error_of("a = infinity"), "line 1, column 5: 'infinity' is not a value; strings need quotes (\"...\")");
  EXPECT_EQ(error_of("a = -infinity"), "line 1, column 5: invalid number '-infinity': expected a digit after the sign");
}

TEST(TomlTest, RefusesMalformedArrays) {
  EXPECT_EQ(error_of("a = [1 2]"), "line 1, column 8: expected ',' or ']' after an array item, found '2'");
  EXPECT_EQ(error_of("a = [,]"), "line 1, column 6: expected a value, found ','");
  EXPECT_EQ(error_of("a = [1,,2]"), "line 1, column 8: expected a value, found ','");
  EXPECT_EQ(error_of("a = [\n  1\n  2\n]"), "line 3, column 3: expected ',' or ']' after an array item, found '2'");
}

TEST(TomlTest, LimitsNesting) {
  const std::string deep_ok = "a = " + std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(TomlDocument::parse(deep_ok).ok());
  EXPECT_EQ(error_of("a = " + std::string(100, '[') + std::string(100, ']')),
            "line 1, column 69: arrays are nested more than 64 levels deep");
  std::string long_key = "k";
  for (int i = 1; i < 64; ++i) long_key += ".k";
  EXPECT_TRUE(TomlDocument::parse(long_key + " = 1").ok());
  EXPECT_EQ(error_of(long_key + ".k = 1"), "line 1, column 129: a key may have at most 64 parts");
}

}  // namespace
}  // namespace cepheus
