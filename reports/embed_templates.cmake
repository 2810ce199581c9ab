# Writes a C++ source holding every report template as a raw string literal, so the program
# needs no template files at run time. Run by reports/CMakeLists.txt whenever a template changes.
# Inputs: OUTPUT (the .cpp to write), TEMPLATES (list of files), and optionally FUNCTION (the
# function that returns a file by name; default report_template) and SOURCE (where the files
# come from, for the comment).
if(NOT FUNCTION)
  set(FUNCTION report_template)
endif()
if(NOT SOURCE)
  set(SOURCE reports/templates)
endif()
set(body "// Generated from ${SOURCE} by reports/embed_templates.cmake. Do not edit.\n")
string(APPEND body "#include \"reports/templates.hpp\"\n\nnamespace auditsim::reports {\n\n")
string(APPEND body "std::string_view ${FUNCTION}(std::string_view name) {\n")
foreach(file ${TEMPLATES})
  get_filename_component(name ${file} NAME)
  file(READ ${file} content)
  string(FIND "${content}" ")AUDITSIM_TPL\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )AUDITSIM_TPL\"")
  endif()
  string(APPEND body "  if (name == \"${name}\") return R\"AUDITSIM_TPL(${content})AUDITSIM_TPL\";\n")
endforeach()
string(APPEND body "  return {};\n}\n\n}  // namespace auditsim::reports\n")
file(WRITE ${OUTPUT}.tmp "${body}")
# Only touch the output when it changed, so an unchanged template does not trigger a rebuild.
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
