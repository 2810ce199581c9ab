// The store's one exception type, apart from the SQLite wrapper, so that callers of the store
// (the CLI, the desktop program, the reports) handle its failures without seeing SQLite.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace auditsim::store {

// What went wrong, as far as the caller needs to decide what to tell the user.
enum class ErrorKind {
  NotSqlite,  // the file is not an SQLite database
  Foreign,    // an SQLite database, but not one of ours
  TooNew,     // written by a newer version of the program
  Corrupt,    // damaged: failed an integrity check or SQLite reported corruption
  Busy,       // another program held the database for too long
  Io,         // could not open, read or write (permissions, disk full, missing folder)
  NotFound,   // a session, event, participant or action that does not exist
  Invalid,    // a request the store refuses (empty reason, unknown value, ambiguous id)
  Internal,   // anything else SQLite reports
};

// The single exception type of the store. what() is a complete sentence for the user.
class StoreError : public std::runtime_error {
 public:
  StoreError(ErrorKind kind, std::string message, int sqlite_code = 0)
      : std::runtime_error(std::move(message)), kind_(kind), code_(sqlite_code) {}
  ErrorKind kind() const { return kind_; }
  int sqlite_code() const { return code_; }  // extended result code, 0 when not from SQLite

 private:
  ErrorKind kind_;
  int code_;
};

}  // namespace auditsim::store
