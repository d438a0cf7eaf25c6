# Script mode helper of embed.cmake: writes the text file IN into OUT as a raw string literal.
file(READ "${IN}" text)
string(FIND "${text}" ")xj_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string delimiter")
endif()
file(WRITE "${OUT}" "// Generated from ${IN} by cmake/embed_run.cmake. Do not edit.\n#include <string_view>\nnamespace xianjie::embedded {\nstd::string_view ${NAME}() {\n  static constexpr char kText[] = R\"xj_embed(${text})xj_embed\";\n  return {kText, sizeof(kText) - 1};\n}\n}  // namespace xianjie::embedded\n")
