# Compiler settings that every Cepheus target shares: warnings, sanitizers.

set(CEPHEUS_WARNING_FLAGS
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wimplicit-fallthrough -Wold-style-cast -Wcast-qual -Wformat=2
  # Option structs rely on default member initializers with designated initializers.
  -Wno-missing-field-initializers)
if(CEPHEUS_WARNINGS_AS_ERRORS)
  list(APPEND CEPHEUS_WARNING_FLAGS -Werror)
endif()

if(CEPHEUS_SANITIZE)
  add_compile_options(-fsanitize=${CEPHEUS_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CEPHEUS_SANITIZE})
endif()

# cepheus_target_defaults(TARGET): our warnings on one of our own targets.
function(cepheus_target_defaults target)
  target_compile_options(${target} PRIVATE ${CEPHEUS_WARNING_FLAGS})
endfunction()
