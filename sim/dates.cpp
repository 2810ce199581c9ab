#include "sim/dates.hpp"

namespace auditsim {

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[k] = parts[k] * 10 + (s[i] - '0');
    }
  const int year = parts[0], month = parts[1], day = parts[2];
  return year >= 1900 && day >= 1 && day <= days_in_month(year, month);
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long day_number(std::string_view s) {
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return days_from_civil(num(0, 4), num(5, 2), num(8, 2));
}

}  // namespace

long days_between(std::string_view from, std::string_view to) {
  if (!is_iso_date(from) || !is_iso_date(to)) return 0;
  return day_number(to) - day_number(from);
}

std::string not_a_date_message(std::string_view field, std::string_view value) {
  return std::string(field) + " \"" + std::string(value) +
         "\" is not a date: write it as YYYY-MM-DD, for example 2026-03-12.";
}

}  // namespace auditsim
