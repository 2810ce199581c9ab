// Replacing a file so that readers see either the old content or the new, never half of it, and
// so that nobody can redirect the write: the temporary file is created exclusively beside the
// target without following links, given its mode when it is created (0600 for files that hold
// names or Part B content), written, flushed to disk, renamed over the target, and the folder is
// flushed too so the rename survives a power cut.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

namespace auditsim {

// Owner-only: for reports with participants' names or Part B content, and settings.
inline constexpr mode_t kOwnerOnly = 0600;
// Readable by everyone (subject to the umask): for public material.
inline constexpr mode_t kPublicFile = 0644;

// Writes `bytes` to `path` as described above. Refuses (returns false) when `path` is a symbolic
// link or anything but a regular file. On failure `error` holds a sentence with the cause and
// what to do, no temporary file is left behind, and an existing file at `path` is unchanged.
bool write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode,
                           std::string* error);

}  // namespace auditsim
