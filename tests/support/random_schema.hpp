#pragma once
// A seeded generator of schema pairs for the differ's round-trip property (diff_roundtrip.cpp): a
// schema C with the rows it holds, and a schema S derived from C by random changes those rows
// survive. The same seed and options give the same pair: std::mt19937_64, no other randomness.
//
// The rows: every table of C holds `row_count` rows, and row i holds value_of(type, i) in each
// column (NULL in row 0 of some nullable columns). So a key or unique index over a non-boolean
// column holds distinct values, and a foreign key between columns of one type finds its row: row i
// of the child refers to row i of the parent. A column S adds to a table of C holds its default (or
// NULL) in every row. S adds only what those rows satisfy: unique indexes over distinct values,
// checks true of every row, NOT NULL where no row is NULL, foreign keys whose rows match.
//
// C: tables of int16, int32, int64, boolean, float64, decimal(p,s), varchar(n), text, date,
// timestamp, blob and enum columns (native enum types on PostgreSQL, inline ENUM on MySQL),
// nullable or not, with literal defaults; single and composite primary keys; unique and plain
// indexes, some descending; foreign keys between tables and to themselves, cycles included, with
// ON DELETE actions; `"col" > 0` checks and allowed-values checks; named and unnamed constraints;
// reserved words, quotes, spaces and non-ASCII letters in some names. Each dialect gets only what
// its database holds.
// S: C changed by 1 to 6 random changes (random_schema_changes.hpp). S never lacks a table of C
// (the differ never drops one): a renamed table or column carries a rename hint.

#include "support/random_schema_changes.hpp"

namespace tempest_test::random_schema {

inline schema_pair generate(std::uint64_t seed, const options& o = {}) {
  return detail::pair_generator(seed, o).run(seed);
}

}  // namespace tempest_test::random_schema
