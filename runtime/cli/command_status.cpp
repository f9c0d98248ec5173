// `cepheus status`: the deployments of a node, or what one of them is doing.
#include <cstdio>

#include "cepheus/core/json_value.h"
#include "commands.h"
#include "node_client.h"

namespace cepheus::cli {
namespace {

const std::string kStatusHelp = std::string(R"(Usage: cepheus status [NAME] --node URL --token TOKEN [--json]

Without NAME: the node's deployments, one per line: name, running version,
state (running or stopped), when that version was deployed, and how many
versions the node keeps. With NAME: that deployment's statements with their
counters (events in, out, dropped, late), latency, and for patterns the partial
matches in flight.

)") + kNodeOptionsHelp + R"(  --json          print the node's JSON answer as it is

Exit status: 0 done, 1 no such deployment, 2 usage problems or the node cannot be reached.
)";

std::string member(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.find(key);
  return v ? v->text() : "";
}

}  // namespace

int run_status(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"node", "token"}, {"help", "json"});
  if (!parsed.ok()) return usage_error("status", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kStatusHelp.c_str(), stdout);
    return 0;
  }
  if (parsed->positional().size() > 1) return usage_error("status", "give at most one deployment name");
  auto node = node_target(*parsed);
  if (!node.ok()) return usage_error("status", node.status().message());
  const bool one = parsed->positional().size() == 1;
  const std::string path = one ? "/api/v1/deployments/" + parsed->positional()[0] + "/status" : "/api/v1/deployments";
  auto response = node_call(*node, "GET", path);
  if (!response.ok()) {
    std::fprintf(stderr, "cepheus status: %s\n", response.status().message().c_str());
    return 2;
  }
  if (response->status >= 300) {
    std::fprintf(stderr, "cepheus status: %s\n", node_error(*response).c_str());
    return response->status == 401 ? 2 : 1;
  }
  if (parsed->flag("json")) {
    std::printf("%s\n", response->body.c_str());
    return 0;
  }
  auto answer = JsonValue::parse(response->body);
  if (!answer.ok()) {
    std::fprintf(stderr, "cepheus status: the node's answer is not JSON: %s\n", answer.status().message().c_str());
    return 2;
  }
  if (!one) {
    const JsonValue* list = answer->find("deployments");
    std::printf("%-24s %7s  %-8s %-32s %s\n", "NAME", "VERSION", "STATE", "DEPLOYED AT", "VERSIONS");
    for (const JsonValue& d : list ? list->items() : std::vector<JsonValue>{}) {
      std::printf("%-24s %7s  %-8s %-32s %s\n", member(d, "name").c_str(), member(d, "version").c_str(),
                  member(d, "state").c_str(), member(d, "deployed_at").c_str(), member(d, "versions").c_str());
    }
    return 0;
  }
  std::printf("%s version %s: %s\n", member(*answer, "name").c_str(), member(*answer, "version").c_str(),
              member(*answer, "state").c_str());
  std::printf("%-24s %-8s %10s %10s %10s %6s %12s\n", "STATEMENT", "KIND", "IN", "OUT", "DROPPED", "LATE", "P99 NS");
  const JsonValue* statements = answer->find("statements");
  for (const JsonValue& s : statements ? statements->items() : std::vector<JsonValue>{}) {
    const JsonValue* latency = s.find("latency_ns");
    std::printf("%-24s %-8s %10s %10s %10s %6s %12s\n", member(s, "name").c_str(), member(s, "kind").c_str(),
                member(s, "in").c_str(), member(s, "out").c_str(), member(s, "dropped").c_str(),
                member(s, "late").c_str(), latency ? member(*latency, "p99").c_str() : "");
    const JsonValue* in_flight = s.find("in_flight");
    if (!in_flight) continue;
    std::printf("  %s keys, %s partial matches, %s matches\n", member(s, "keys").c_str(),
                member(s, "partial_matches").c_str(), member(s, "matches").c_str());
    for (const JsonValue& m : in_flight->items()) {
      std::printf("    [%s] waits in '%s' with %s events since %s, deadline %s\n", member(m, "key").c_str(),
                  member(m, "step").c_str(), member(m, "events").c_str(), member(m, "start").c_str(),
                  m.find("deadline") && m.find("deadline")->is_string() ? member(m, "deadline").c_str() : "none");
    }
  }
  return 0;
}

}  // namespace cepheus::cli
