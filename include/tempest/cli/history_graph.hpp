#pragma once
// The revision DAG as a text graph, newest first, in the manner of `git log --graph`: one lane per
// line of descent, `*` for a revision, `|\` where a merge's parents part, `|/` where branches meet
// at the revision they both follow.
/*
     *   0004_merge
     |\
     | * 0003_tags
     * | 0002_comments
     |/
     * 0001_init
*/

#include <algorithm>
#include <string>
#include <vector>

#include "tempest/migration/history.hpp"

namespace tempest::cli {

struct graph_row {
  std::string graph;                 // the lanes, padded to the widest row
  const migration* node = nullptr;   // the revision on this row; null on a connecting row
};

namespace detail {

class graph_drawer {
 public:
  std::vector<graph_row> draw(const history& h) {
    const auto& order = h.ordered();
    for (auto it = order.rbegin(); it != order.rend(); ++it) place(**it);
    std::size_t width = 0;
    for (const auto& r : rows_) width = std::max(width, r.graph.size());
    for (auto& r : rows_)
      if (r.node) r.graph.resize(width, ' ');
    return std::move(rows_);
  }

 private:
  void place(const migration& m) {
    std::vector<std::size_t> waiting;  // lanes that wait for m: its children's
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (lanes_[i] == m.revision) waiting.push_back(i);
    std::size_t col;
    if (waiting.empty()) {  // a head: a lane of its own
      lanes_.push_back(m.revision);
      col = lanes_.size() - 1;
    } else {
      col = waiting.front();
      if (waiting.size() > 1) join(waiting);
    }
    std::string row = lane_row();
    row[2 * col] = '*';
    rows_.push_back({row, &m});

    std::vector<std::string> parents;
    for (const auto& p : m.down_revisions)
      if (std::find(parents.begin(), parents.end(), p) == parents.end()) parents.push_back(p);
    if (parents.empty()) {
      end_lane(col);
      return;
    }
    lanes_[col] = parents.front();
    if (parents.size() > 1) split(col, std::vector<std::string>(parents.begin() + 1, parents.end()));
  }

  // Lanes that wait for the same revision meet in the first of them.
  void join(const std::vector<std::size_t>& waiting) {
    std::string row(2 * lanes_.size(), ' ');
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
      if (i < waiting[1]) row[2 * i] = '|';
      else row[2 * i - 1] = '/';
    }
    rows_.push_back({trimmed(row), nullptr});
    for (auto it = waiting.rbegin(); it + 1 != waiting.rend(); ++it) lanes_.erase(lanes_.begin() + static_cast<long>(*it));
  }

  // A merge: its other parents get lanes right after its own.
  void split(std::size_t col, const std::vector<std::string>& others) {
    std::string row(2 * (lanes_.size() + others.size()) + 1, ' ');
    for (std::size_t i = 0; i <= col; ++i) row[2 * i] = '|';
    for (std::size_t i = col + 1; i < lanes_.size() + 1; ++i) row[2 * i - 1] = '\\';
    rows_.push_back({trimmed(row), nullptr});
    lanes_.insert(lanes_.begin() + static_cast<long>(col) + 1, others.begin(), others.end());
  }

  // A root: its lane ends, and the lanes right of it move left.
  void end_lane(std::size_t col) {
    if (col + 1 < lanes_.size()) {
      std::string row(2 * lanes_.size(), ' ');
      for (std::size_t i = 0; i < col; ++i) row[2 * i] = '|';
      for (std::size_t i = col + 1; i < lanes_.size(); ++i) row[2 * i - 1] = '/';
      rows_.push_back({trimmed(row), nullptr});
    }
    lanes_.erase(lanes_.begin() + static_cast<long>(col));
  }

  std::string lane_row() const {
    std::string row(2 * lanes_.size(), ' ');
    for (std::size_t i = 0; i < lanes_.size(); ++i) row[2 * i] = '|';
    return row;
  }

  static std::string trimmed(std::string row) {
    while (!row.empty() && row.back() == ' ') row.pop_back();
    return row;
  }

  std::vector<std::string> lanes_;  // the revision each lane waits for
  std::vector<graph_row> rows_;
};

}  // namespace detail

inline std::vector<graph_row> draw_history(const history& h) { return detail::graph_drawer().draw(h); }

}  // namespace tempest::cli
