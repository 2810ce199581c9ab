// The council's front sheet for a committee paper: the page democratic services put before every
// report (committee, date, author, wards, key decision, Part A or B, purpose, implications), plus
// the parts of a scrutiny report only people can write: the chair's foreword and the responses
// of the Corporate Management Team and Cabinet. Saved per event in the results store and given
// to the command line as a small YAML file (format `auditsim-front-sheet/1`, docs/reports.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/diagnostics.hpp"

namespace auditsim {

inline constexpr const char* kFrontSheetFormat = "auditsim-front-sheet/1";
// A front sheet file larger than this is refused before it is parsed.
inline constexpr size_t kMaxFrontSheetBytes = 256 * 1024;
// The longest text any one field may hold (a foreword of a few pages fits many times over).
inline constexpr size_t kMaxFrontSheetText = 20000;
// Schedule 12A to the Local Government Act 1972 has seven paragraphs of exempt information.
inline constexpr int kFirstSchedule12AParagraph = 1;
inline constexpr int kLastSchedule12AParagraph = 7;

struct FrontSheetImplications {
  std::string financial, legal, equality, risk, data_protection, climate;
};

struct FrontSheet {
  std::string committee;     // "Overview and Scrutiny Committee"
  std::string meeting_date;  // YYYY-MM-DD, or empty while not yet fixed
  std::string report_author;  // an officer's name and post: a public role, fine in Part A
  std::string contact;        // telephone or email for the report
  std::vector<std::string> wards_affected;  // "All wards", or each ward named
  bool key_decision = false;
  bool part_b = false;                      // the report is exempt (Part B)
  std::vector<int> schedule_12a_paragraphs;  // 1..7, ascending, each once
  std::string purpose;
  std::string recommendations_summary;  // the recommendations in short
  FrontSheetImplications implications;
  std::vector<std::string> background_papers;
  std::string chairs_foreword;
  std::string cmt_response;      // the Corporate Management Team's response
  std::string cabinet_response;  // Cabinet's response

  // True when nothing at all has been filled in (a default-constructed sheet).
  bool empty() const;
  bool operator==(const FrontSheet& o) const;
  bool operator!=(const FrontSheet& o) const { return !(*this == o); }
};

// Every key of the file format, in the order `front_sheet_to_yaml` writes them.
const std::vector<std::string>& front_sheet_keys();

// The stable codes of front sheet problems (listed in docs/reports.md).
inline constexpr const char* kFsUnknownKey = "FS001";
inline constexpr const char* kFsWrongType = "FS002";
inline constexpr const char* kFsBadDate = "FS003";
inline constexpr const char* kFsBadParagraph = "FS004";
inline constexpr const char* kFsBadFormat = "FS005";
inline constexpr const char* kFsDuplicateKey = "FS006";
inline constexpr const char* kFsSyntax = "FS007";
inline constexpr const char* kFsUnreadable = "FS008";
inline constexpr const char* kFsTooLong = "FS009";
inline constexpr const char* kFsBadValue = "FS010";

struct FrontSheetResult {
  FrontSheet sheet;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return !has_errors(diagnostics); }
};

// Parses a front sheet file's text; `file` names it in the diagnostics. Never throws for content:
// huge, deeply nested, binary or hostile text comes back as diagnostics.
FrontSheetResult parse_front_sheet(std::string_view text, const std::string& file);
// Reads and parses a file; a folder, pipe, device or oversized file is refused before reading.
FrontSheetResult load_front_sheet_file(const std::string& path);

// The sheet in the file format, every key written (empty ones too) so a clerk can fill them in;
// parse_front_sheet reads it back to the same sheet.
std::string front_sheet_to_yaml(const FrontSheet& s);

// The problem with a field the desktop form or a caller set, in plain words; empty when fine.
// Checks the meeting date and the Schedule 12A paragraphs, as the file parser does.
std::string front_sheet_problem(const FrontSheet& s);

// The form the store keeps it in (JSON, so erasure can rewrite names inside any text) and back.
// from_json returns false for a document this program did not write.
std::string front_sheet_to_json(const FrontSheet& s);
bool front_sheet_from_json(std::string_view json, FrontSheet& out);

// "1, 3 and 7" for the paragraphs.
std::string schedule_12a_list(const std::vector<int>& paragraphs);

}  // namespace auditsim
