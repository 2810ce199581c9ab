// Integer arithmetic on scenario values, saturating at the int64 range: one rule for every place
// a variable's value is computed (effects in the engine and the analysis, arithmetic in
// conditions), so a value never wraps into undefined behaviour or flips sign, and the engine,
// the analysis and a condition always agree on it.
#pragma once

#include <cstdint>
#include <limits>

namespace auditsim {

inline int64_t saturating_add(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r))
    return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  return r;
}

inline int64_t saturating_sub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r))
    return b < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  return r;
}

}  // namespace auditsim
