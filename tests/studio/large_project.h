// A generated project of about 1,000 nodes and 1,500 wires, for measuring the
// canvas: one schema, 100 sources, 500 streams in chains, 300 patterns that
// each read three streams, and 99 alerts.
#pragma once

#include <string>

namespace cepheus::studio {

inline std::string large_project_text() {
  std::string text = "schema E {\n  k: string,\n  v: double,\n  ts: timestamp,\n}\n";
  for (int i = 0; i < 100; ++i)
    text +=
        "\nsource s" + std::to_string(i) + ": E\n  from mqtt \"in/" + std::to_string(i) + "\" qos 1\n  event time ts\n";
  for (int i = 0; i < 500; ++i) {
    const std::string input = i < 100 ? "s" + std::to_string(i) : "f" + std::to_string(i - 100);
    text += "\nstream f" + std::to_string(i) + " from " + input + "\n  where v > " + std::to_string(i % 50) + "\n";
  }
  for (int i = 0; i < 300; ++i) {
    const auto step = [&](int offset) { return "f" + std::to_string((i + offset * 97) % 500); };
    text += "\npattern p" + std::to_string(i) + "\n  partition by k\n  within 1m\n  match every a: " + step(0) +
            "\n    then b: " + step(1) + "\n    then c: " + step(2) + "\n";
  }
  for (int i = 0; i < 99; ++i)
    text += "\nalert a" + std::to_string(i) + " from p" + std::to_string(i) + "\n  message \"{k}\"\n";
  return text;
}

}  // namespace cepheus::studio
