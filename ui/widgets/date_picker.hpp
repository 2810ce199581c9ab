// A calendar date picker: a button showing the date that opens a month grid. Dates are only
// ever picked, never typed, so a field can hold a real YYYY-MM-DD date or nothing at all.
#pragma once

#include <string>

namespace auditsim::ui {

// `value` is "" or YYYY-MM-DD. Shows `placeholder` when empty; `clearable` offers a Clear
// button. True when the date changed. Day buttons are labelled "<day>##<label>-day".
bool date_picker(const char* label, std::string* value, const char* placeholder, bool clearable);

}  // namespace auditsim::ui
