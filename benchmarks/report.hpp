#pragma once
// What the benchmarks share: the median of repeated timings, the `result:` lines scripts/bench
// collects, and the few options a benchmark takes on its command line.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
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

inline double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// How long `body` takes, in milliseconds.
inline double time_ms(const std::function<void()>& body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return ms_since(start);
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

// A benchmark's command line: [--runs N] [--sizes N,N...] [sqlite|postgresql|mysql...]. scripts/bench
// passes nothing, so the defaults are what it measures.
struct options {
  int runs = 0;
  std::vector<int> sizes;
  std::vector<std::string> databases;  // empty: all
};

inline options parse_options(int argc, char** argv, options defaults) {
  options out = std::move(defaults);
  std::vector<std::string> databases;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "--runs" || arg == "--sizes") && i + 1 < argc) {
      std::string_view value = argv[++i];
      if (arg == "--runs") {
        out.runs = std::atoi(value.data());
        continue;
      }
      out.sizes.clear();
      for (std::size_t start = 0; start <= value.size();) {
        auto end = std::min(value.find(',', start), value.size());
        out.sizes.push_back(std::atoi(std::string(value.substr(start, end - start)).c_str()));
        start = end + 1;
      }
    } else if (arg == "sqlite" || arg == "postgresql" || arg == "mysql") {
      databases.emplace_back(arg);
    } else {
      std::fprintf(stderr, "usage: %s [--runs N] [--sizes N,N...] [sqlite|postgresql|mysql...]\n", argv[0]);
      std::exit(2);
    }
  }
  if (out.runs < 1 || std::any_of(out.sizes.begin(), out.sizes.end(), [](int n) { return n < 1; })) {
    std::fprintf(stderr, "%s: --runs and --sizes take positive numbers\n", argv[0]);
    std::exit(2);
  }
  if (!databases.empty()) out.databases = std::move(databases);
  return out;
}

}  // namespace bench
