#pragma once
// The commands that only look: status, current, heads, history.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/cli/context.hpp"
#include "tempest/cli/history_graph.hpp"
#include "tempest/runtime/runner.hpp"

namespace tempest::cli {

namespace detail {

inline std::string state_word(migration_state s) { return s == migration_state::unknown ? "unknown" : std::string(to_string(s)); }

inline colour state_colour(migration_state s) {
  switch (s) {
    case migration_state::applied: return colour::green;
    case migration_state::pending: return colour::yellow;
    case migration_state::unknown:
    case migration_state::dirty: return colour::red;
  }
  return colour::none;
}

inline std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

}  // namespace detail

inline int status_command(context& ctx) {
  auto h = history::view(ctx.cfg().migrations);
  connection db = ctx.connect();
  auto entries = runner(db, h, {ctx.cfg().version_table, ctx.cfg().lock_timeout, {}}).status();
  json list = json::array();
  int counts[4] = {0, 0, 0, 0};
  std::size_t width = 8;
  for (const auto& e : entries) width = std::max(width, e.revision.size());
  ctx.line(ctx.paint(fmt::format("{} {} {} {} {}", detail::pad("revision", width), detail::pad("state", 8),
                                 detail::pad("batch", 5), detail::pad("applied at", 20), "label"),
                     colour::bold));
  for (const auto& e : entries) {
    ++counts[static_cast<int>(e.state)];
    json j = {{"revision", e.revision}, {"label", e.label}, {"state", detail::state_word(e.state)}};
    if (e.state != migration_state::pending) {
      j["batch"] = e.batch;
      j["applied_at"] = e.applied_at;
    }
    j["checksum_mismatch"] = e.checksum_mismatch;
    if (e.state == migration_state::dirty) {
      j["error"] = e.error;
      j["next_statement"] = e.next_statement;
    }
    list.push_back(j);
    const bool recorded = e.state != migration_state::pending;
    ctx.line(fmt::format("{} {} {} {} {}", detail::pad(e.revision, width),
                         ctx.paint(detail::pad(detail::state_word(e.state), 8), detail::state_colour(e.state)),
                         detail::pad(recorded ? std::to_string(e.batch) : "", 5),
                         detail::pad(recorded ? e.applied_at : "", 20), e.label));
    if (e.checksum_mismatch)
      ctx.line(ctx.paint("    ! changed since it was applied (its checksum differs)", colour::red));
    if (e.state == migration_state::dirty)
      ctx.line(ctx.paint(fmt::format("    ! stopped at statement {}: {}", e.next_statement + 1, e.error), colour::red));
  }
  ctx.doc()["migrations"] = list;
  ctx.doc()["applied"] = counts[static_cast<int>(migration_state::applied)];
  ctx.doc()["pending"] = counts[static_cast<int>(migration_state::pending)];
  ctx.doc()["dirty"] = counts[static_cast<int>(migration_state::dirty)];
  ctx.doc()["unknown"] = counts[static_cast<int>(migration_state::unknown)];
  ctx.line(fmt::format("{} applied, {} pending{}{}", counts[0], counts[1],
                       counts[3] ? fmt::format(", {} dirty", counts[3]) : "",
                       counts[2] ? fmt::format(", {} unknown", counts[2]) : ""));
  return exit_code::ok;
}

// The applied revisions no other applied revision follows: where the database is.
inline int current_command(context& ctx) {
  auto h = history::view(ctx.cfg().migrations);
  connection db = ctx.connect();
  auto rows = version_table(db, ctx.cfg().version_table).rows_if_exists().value_or(std::vector<version_row>{});
  std::set<std::string> followed;
  for (const auto& r : rows)
    if (const migration* m = h.find(r.revision); m && r.state == "applied")
      followed.insert(m->down_revisions.begin(), m->down_revisions.end());
  const auto heads = h.heads();
  json list = json::array();
  for (const auto& r : rows) {
    if (followed.count(r.revision)) continue;
    const bool head = std::count(heads.begin(), heads.end(), r.revision) > 0;
    const bool known = h.find(r.revision) != nullptr;
    list.push_back({{"revision", r.revision}, {"label", r.label}, {"state", r.state}, {"head", head}, {"known", known}});
    ctx.line(fmt::format("{} ({}){}{}{}", r.revision, r.label, head ? ctx.paint(" (head)", colour::green) : "",
                         known ? "" : ctx.paint(" (not among the migrations given)", colour::red),
                         r.state == "applied" ? "" : ctx.paint(fmt::format(" ({})", r.state), colour::red)));
  }
  if (list.empty()) ctx.line("No revision applied.");
  ctx.doc()["current"] = list;
  return exit_code::ok;
}

inline int heads_command(context& ctx) {
  auto h = history::view(ctx.cfg().migrations);
  json list = json::array();
  for (const auto& r : h.heads()) {
    list.push_back({{"revision", r}, {"label", h.at(r).label}});
    ctx.line(fmt::format("{} ({})", r, h.at(r).label));
  }
  ctx.doc()["heads"] = list;
  return exit_code::ok;
}

inline int history_command(context& ctx) {
  auto h = history::view(ctx.cfg().migrations);
  std::map<std::string, std::vector<std::string>> children;
  for (const auto& m : h.migrations())
    for (const auto& p : m.down_revisions) children[p].push_back(m.revision);
  const auto heads = h.heads();
  json nodes = json::array();
  for (const auto& row : draw_history(h)) {
    if (!row.node) {
      ctx.line(row.graph);
      continue;
    }
    const migration& m = *row.node;
    const auto& kids = children[m.revision];
    const bool head = std::count(heads.begin(), heads.end(), m.revision) > 0;
    std::string marks;
    if (head) marks += ctx.paint(" (head)", colour::green);
    if (m.down_revisions.size() > 1) marks += fmt::format(" (merge of {})", fmt::join(m.down_revisions, ", "));
    if (kids.size() > 1) marks += fmt::format(" (branch point: {})", fmt::join(kids, ", "));
    if (m.down_revisions.empty()) marks += " (root)";
    ctx.line(fmt::format("{} {} {}{}", row.graph, ctx.paint(m.revision, colour::bold), m.label, marks));
    nodes.push_back({{"revision", m.revision},
                     {"label", m.label},
                     {"down_revisions", m.down_revisions},
                     {"children", kids},
                     {"head", head},
                     {"merge", m.down_revisions.size() > 1},
                     {"branch_point", kids.size() > 1},
                     {"graph", row.graph}});
  }
  ctx.doc()["history"] = nodes;
  return exit_code::ok;
}

}  // namespace tempest::cli
