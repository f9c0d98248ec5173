#include "field_spec_form.h"

#include <algorithm>

#include "cepheus/testbench/field_spec_words.h"

namespace cepheus::studio {
namespace {

std::string joined(const std::vector<std::string>& w, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < w.size(); ++i) out += (i > from ? " " : "") + w[i];
  return out;
}

bool is_modifier(const std::string& w) {
  return w == "drift" || w == "min" || w == "max" || w == "round";
}

// Reads "drift X", "min X", ... from w[i] on; false on anything else.
bool read_modifiers(const std::vector<std::string>& w, std::size_t i, FieldSpecForm& form) {
  for (; i < w.size(); i += 2) {
    if (!is_modifier(w[i]) || i + 1 >= w.size()) return false;
    std::string& slot = w[i] == "drift" ? form.drift : w[i] == "min" ? form.min : w[i] == "max" ? form.max : form.round;
    slot = w[i + 1];
  }
  return true;
}

FieldSpecForm unreadable(std::string_view spec) {
  FieldSpecForm form;
  form.text = std::string(spec);
  return form;
}

}  // namespace

const std::vector<std::string>& field_spec_kinds() {
  static const std::vector<std::string> kinds = {"key",  "time",   "constant", "uniform", "normal",
                                                 "walk", "one of", "sequence", "counter"};
  return kinds;
}

FieldSpecForm read_field_spec_form(std::string_view spec) {
  const std::vector<std::string> w = testbench::field_spec_words(spec);
  FieldSpecForm form;
  form.text = std::string(spec);
  std::size_t i = 0;
  if (w.size() >= 2 && w[0] == "per" && w[1] == "key") {
    form.per_key = true;
    i = 2;
  }
  if (i >= w.size()) return unreadable(spec);
  const std::string& kind = w[i];
  if (kind == "key" || kind == "time") {
    if (i + 1 != w.size() || form.per_key) return unreadable(spec);
    form.kind = kind;
  } else if (kind == "constant") {
    if (i + 1 >= w.size()) return unreadable(spec);
    form.kind = kind;
    form.first = joined(w, i + 1);
  } else if (kind == "uniform" || kind == "normal" || kind == "walk") {
    if (i + 2 >= w.size() || !read_modifiers(w, i + 3, form)) return unreadable(spec);
    form.kind = kind;
    form.first = w[i + 1];
    form.second = w[i + 2];
  } else if (kind == "counter") {
    std::size_t next = i + 1;
    if (next < w.size() && !is_modifier(w[next])) form.first = w[next++];
    if (!read_modifiers(w, next, form)) return unreadable(spec);
    form.kind = kind;
  } else if (kind == "one" && i + 1 < w.size() && w[i + 1] == "of") {
    form.kind = "one of";
    form.values = joined(w, i + 2);
  } else if (kind == "sequence") {
    form.kind = kind;
    form.values = joined(w, i + 1);
  } else {
    return unreadable(spec);
  }
  return form;
}

std::string write_field_spec(const FieldSpecForm& form) {
  if (form.kind.empty()) return form.text;
  std::string out = form.per_key && form.kind != "key" && form.kind != "time" ? "per key " : "";
  out += form.kind;
  const auto add = [&out](const std::string& word) {
    if (!word.empty()) out += " " + word;
  };
  if (form.kind == "one of" || form.kind == "sequence") {
    add(form.values);
    return out;
  }
  if (form.kind == "key" || form.kind == "time") return out;
  add(form.first);
  if (form.kind == "constant") return out;
  if (form.kind != "counter") add(form.second);
  if (!form.drift.empty()) add("drift " + form.drift);
  if (!form.min.empty()) add("min " + form.min);
  if (!form.max.empty()) add("max " + form.max);
  if (!form.round.empty()) add("round " + form.round);
  return out;
}

std::string suggested_field_spec(std::string_view type, bool is_key_field) {
  std::string t(type);
  if (t.ends_with('?')) t.pop_back();
  if (is_key_field) return "key";
  if (t == "timestamp") return "time";
  if (t == "double") return "normal 50 10";
  if (t == "int") return "uniform 0 100";
  if (t == "bool") return "one of true:1 false:9";
  if (t == "duration") return "constant \"1m\"";
  return "one of a b c";
}

}  // namespace cepheus::studio
