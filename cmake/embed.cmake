# xj_embed_text(TARGET_VAR NAME FILE): generates a .cc that defines
#   std::string_view xianjie::embedded::NAME()
# returning the bytes of FILE, and appends the .cc to TARGET_VAR. Used for the vendored region
# table, so that the binary works without data files beside it.
function(xj_embed_text out_var name file)
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc")
  add_custom_command(
    OUTPUT "${gen}"
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${gen} -DNAME=${name}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake"
    COMMENT "Embedding ${file}")
  # A generated file is one large literal: it gains nothing from a unity batch.
  set_source_files_properties("${gen}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  set(${out_var} ${${out_var}} "${gen}" PARENT_SCOPE)
endfunction()
