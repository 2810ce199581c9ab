// The words an enum is written as (in YAML, JSON, the database and on the command line), in one
// table per enum so writing a value and parsing it back always agree: the enum's values are the
// table's indices. Used by the model's and the store's vocabularies.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace auditsim {

template <typename E, size_t N>
struct KeyTable {
  std::array<const char*, N> words;

  const char* operator()(E e) const {
    const auto i = static_cast<size_t>(e);
    return words[i < N ? i : 0];
  }
  std::optional<E> parse(std::string_view s) const {
    for (size_t i = 0; i < N; ++i)
      if (s == words[i]) return static_cast<E>(i);
    return std::nullopt;
  }
};

}  // namespace auditsim
