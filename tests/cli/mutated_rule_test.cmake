# A template with one rule mutated (a threshold, a window, a removed step) must
# fail its tests, and the report must explain why. Arguments:
#   CEPHEUS   the command line;  TEMPLATE  the template folder;  WORK  a scratch folder
#   FILE      the rule file, relative to the template
#   FROM, TO  the text replaced and its replacement (%NL% stands for a line break)
#   EXPECTED  texts the report must contain, separated by '|'
file(REMOVE_RECURSE ${WORK})
file(COPY ${TEMPLATE}/ DESTINATION ${WORK})
file(READ ${WORK}/${FILE} rules)
string(REPLACE "%NL%" "\n" from "${FROM}")
string(REPLACE "%NL%" "\n" to "${TO}")
string(REPLACE "${from}" "${to}" mutated "${rules}")
if(mutated STREQUAL rules)
  message(FATAL_ERROR "the mutation did not apply: '${from}' is not in ${FILE}")
endif()
file(WRITE ${WORK}/${FILE} "${mutated}")
execute_process(COMMAND ${CEPHEUS} test ${WORK} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "cepheus test exited ${code}, not 1:\n${out}${err}")
endif()
string(REPLACE "|" ";" expected_list "${EXPECTED}")
foreach(expected IN LISTS expected_list)
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the report lacks '${expected}':\n${out}")
  endif()
endforeach()
