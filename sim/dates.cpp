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

std::string not_a_date_message(std::string_view field, std::string_view value) {
  return std::string(field) + " \"" + std::string(value) +
         "\" is not a date: write it as YYYY-MM-DD, for example 2026-03-12.";
}

}  // namespace auditsim
