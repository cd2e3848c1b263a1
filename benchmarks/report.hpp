#pragma once
// What the benchmarks share: the median of repeated timings, and the `result:` lines scripts/bench
// collects.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace bench {

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

inline void result(const std::string& name, double value, const char* unit) {
  fmt::print("result: {} {:.3f} {}\n", name, value, unit);
  std::fflush(stdout);
}

}  // namespace bench
