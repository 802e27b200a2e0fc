# Embeds text files (migrations, templates, message catalogues, demo data) into the binary,
# so that `build/latitudes` runs from any directory with nothing to install beside it.
#   embed_resources(TARGET name GROUP group BASE dir FILES f1 f2 ...)
# generates a source that registers each file under "group/relative/path".
set(LATITUDES_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedScript.cmake)

function(embed_resources)
  cmake_parse_arguments(ARG "" "TARGET;GROUP;BASE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${ARG_GROUP}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DGROUP=${ARG_GROUP} -DBASE=${ARG_BASE}
            "-DFILES=${ARG_FILES}" -P ${LATITUDES_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${LATITUDES_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_GROUP}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
