# The README walkthrough's first step: in an empty directory, notes_migrate (no migrations yet)
# writes the first migration from the models; a second database matches nothing yet; check says so.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(tool expected_rc expected_lines)
  execute_process(COMMAND "${TOOL}" ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expected_rc)
    message(FATAL_ERROR "notes_migrate ${ARGN}: exit ${rc}, not ${expected_rc}:\n${out}\n${err}")
  endif()
  foreach(line IN LISTS expected_lines)
    string(FIND "${out}" "${line}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "notes_migrate ${ARGN} did not print \"${line}\":\n${out}\n${err}")
    endif()
  endforeach()
endfunction()

tool(1 "Drift: the database differs from the models in;create table notebooks;create table notes" check)
tool(0 "b.create_table(\"notebooks\", [](tempest::table_builder& t) {;t.column<std::string>(\"title\").length(100).unique();t.column<std::int64_t>(\"notebook_id\").index().references(\"notebooks\", \"id\", tempest::fk_action::cascade);.down_revisions = {},;.label = \"notebooks and notes\""
     revision -m "notebooks and notes" --autogenerate --dry)
tool(0 "Generated;_notebooks_and_notes.hpp;[safe] create table notebooks"
     revision -m "notebooks and notes" --autogenerate --directory "${WORK_DIR}/migrations")
if(NOT EXISTS "${WORK_DIR}/migrations/all_migrations.hpp")
  message(FATAL_ERROR "revision wrote no registry in ${WORK_DIR}/migrations")
endif()
