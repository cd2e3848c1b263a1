#pragma once
// The canonical text of a timestamp literal, for comparing a model's default with the one a database
// prints back: PostgreSQL prints `'2024-02-29 13:45:00+00'` (in the session's time zone), MariaDB's
// DATETIME(6) `'2024-02-29 13:45:00.000000'`, and a model may say `2024-02-29T13:45:00Z`. All of them
// are "2024-02-29 13:45:00": a timestamp is an instant in UTC (type_kind::timestamp), so a time
// without an offset is one in UTC, and one with an offset is moved to UTC.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace tempest::detail {

// Reads exactly `count` digits at `at`.
inline std::optional<int> fixed_digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

// "YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z|±HH[[:]MM]]" as "YYYY-MM-DD HH:MM:SS[.fraction]" in UTC,
// the fraction without trailing zeros; anything else (PostgreSQL's 'infinity', MariaDB's zero date)
// has no canonical form.
inline std::optional<std::string> canonical_timestamp(std::string_view text) {
  using namespace std::chrono;
  std::size_t at = 0;
  auto expect = [&](char c) { return at < text.size() && text[at] == c ? (++at, true) : false; };
  auto year = fixed_digits(text, at, 4);
  if (!year || !expect('-')) return std::nullopt;
  auto month = fixed_digits(text, at, 2);
  if (!month || !expect('-')) return std::nullopt;
  auto day = fixed_digits(text, at, 2);
  if (!day) return std::nullopt;
  const year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                            std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  std::string fraction;
  if (expect(' ') || expect('T')) {
    auto h = fixed_digits(text, at, 2);
    if (!h || !expect(':')) return std::nullopt;
    auto m = fixed_digits(text, at, 2);
    if (!m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (expect(':')) {
      auto s = fixed_digits(text, at, 2);
      if (!s) return std::nullopt;
      second = *s;
      if (expect('.')) {
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') fraction += text[at++];
        if (fraction.empty()) return std::nullopt;
      }
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  minutes offset{0};
  if (expect('Z')) {
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at++] == '-' ? -1 : 1;
    auto h = fixed_digits(text, at, 2);
    if (!h) return std::nullopt;
    int m = 0;
    if (at < text.size()) {
      expect(':');
      auto mm = fixed_digits(text, at, 2);
      if (!mm) return std::nullopt;
      m = *mm;
    }
    if (*h > 15 || m > 59) return std::nullopt;
    offset = minutes{sign * (*h * 60 + m)};
  }
  if (at != text.size()) return std::nullopt;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  const auto instant = sys_days{date} + hours{hour} + minutes{minute} + seconds{second} - offset;
  const auto day_start = floor<days>(instant);
  const year_month_day utc_date{day_start};
  const hh_mm_ss time{instant - day_start};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}", static_cast<int>(utc_date.year()),
                     static_cast<unsigned>(utc_date.month()), static_cast<unsigned>(utc_date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), fraction.empty() ? "" : "." + fraction);
}

}  // namespace tempest::detail
