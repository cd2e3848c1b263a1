// Runtime of reflect() and of rendering the CREATE statements for 100 models x 10 columns, against a
// baseline measured in the same run: a deep copy of the same schema IR (what merely materialising
// the result costs).

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "models_100x10.hpp"

namespace {

// Best per-call time in microseconds over several batches: the least disturbed by a shared machine.
template <class Body>
double best_microseconds(Body body, int calls_per_batch = 50, int batches = 7) {
  double best = 1e300;
  for (int b = 0; b < batches; ++b) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls_per_batch; ++i) body();
    std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count() / calls_per_batch);
  }
  return best;
}

}  // namespace

int main() {
  const tempest::schema schema = bench_models::reflect_all();
  if (schema.tables.size() != 100) return 1;

  double copy = best_microseconds([&] {
    tempest::schema copied = schema;
    benchmark::DoNotOptimize(copied);
  });
  double reflect = best_microseconds([] {
    auto reflected = bench_models::reflect_all();
    benchmark::DoNotOptimize(reflected);
  });
  fmt::print("result: reflect_100x10_us {:.1f} us\n", reflect);
  fmt::print("result: schema_copy_100x10_us {:.1f} us\n", copy);
  fmt::print("result: reflect_vs_copy {:.2f} x\n", reflect / copy);

  for (auto kind : {tempest::dialect_kind::sqlite, tempest::dialect_kind::postgresql, tempest::dialect_kind::mysql}) {
    const auto& dialect = tempest::dialect_for(kind);
    double render = best_microseconds([&] {
      auto statements = tempest::create_schema(dialect, schema);
      benchmark::DoNotOptimize(statements);
    });
    fmt::print("result: render_100x10_{}_us {:.1f} us\n", tempest::to_string(kind), render);
    fmt::print("result: render_100x10_{}_vs_copy {:.2f} x\n", tempest::to_string(kind), render / copy);
  }
}
