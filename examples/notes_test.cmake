# The README walkthrough's first step, in an empty directory: check finds both tables missing, and
# notes_migrate (no migrations yet) writes the first migration from the models.
include("${CMAKE_CURRENT_LIST_DIR}/expect_output.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

expect_output("${TOOL}" 1 "Drift: the database differs from the models in;create table notebooks;create table notes" "" check)
expect_output("${TOOL}" 0 "b.create_table(\"notebooks\", [](tempest::table_builder& t) {;t.column<std::string>(\"title\").length(100).unique();t.column<std::int64_t>(\"notebook_id\").index().references(\"notebooks\", \"id\", tempest::fk_action::cascade);.down_revisions = {},;.label = \"notebooks and notes\"" ""
     revision -m "notebooks and notes" --autogenerate --dry)
expect_output("${TOOL}" 0 "Generated;_notebooks_and_notes.hpp;[safe] create table notebooks" ""
     revision -m "notebooks and notes" --autogenerate --directory "${WORK_DIR}/migrations")
if(NOT EXISTS "${WORK_DIR}/migrations/all_migrations.hpp")
  message(FATAL_ERROR "revision wrote no registry in ${WORK_DIR}/migrations")
endif()
