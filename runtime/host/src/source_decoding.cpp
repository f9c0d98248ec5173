#include "cepheus/host/source_decoding.h"

namespace cepheus::host {

std::string time_field_of(const dsl::PlanStatement& source) {
  const auto& body = std::get<dsl::CheckedSource>(source.body);
  return body.processing_time ? std::string() : source.output->field(body.time_field).name;
}

}  // namespace cepheus::host
