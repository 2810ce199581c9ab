// Calendar dates as the program stores them: YYYY-MM-DD, checked to be a real day, so a typed
// "next Friday" or "2026-02-30" never reaches the record or a report.
#pragma once

#include <string>
#include <string_view>

namespace auditsim {

// True for a real calendar day written YYYY-MM-DD (years 1900 to 9999).
bool is_iso_date(std::string_view s);

// Days in `month` (1-12) of `year`, leap years included; 0 for a month out of range.
int days_in_month(int year, int month);

// Days from `from` to `to` (both YYYY-MM-DD real days): positive when `to` is later; 0 when
// either is not a date.
long days_between(std::string_view from, std::string_view to);

// The message for a value that is not a date: names the field, the value and the fix.
std::string not_a_date_message(std::string_view field, std::string_view value);

}  // namespace auditsim
