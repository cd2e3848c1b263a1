#pragma once
// What the benchmarks share: the median of repeated timings, and the `result:` lines scripts/bench
// collects.

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
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

// Runs a benchmark's measurements one by one: a failure is reported on stderr and counted, and the
// others still run.
class measurements {
 public:
  explicit measurements(std::string benchmark) : benchmark_(std::move(benchmark)) {}

  void run(const std::string& name, const std::function<void()>& body) {
    try {
      body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s %s: %s\n", benchmark_.c_str(), name.c_str(), e.what());
      ++failures_;
    }
  }

  int exit_code() const { return failures_ == 0 ? 0 : 1; }

 private:
  std::string benchmark_;
  int failures_ = 0;
};

}  // namespace bench
