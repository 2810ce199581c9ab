// A full disk is reported in plain words ("The disk is full"), and nothing half-written stays.
// SQLite's max_page_count makes the database report exactly what a full disk does (SQLITE_FULL)
// without needing a small file system.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cerrno>
#include <map>

#include "store_fixture.hpp"
#include "sim/store/raw_connection.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("a decision that does not fit on the disk says the disk is full and records nothing") {
  fs::path dir = scratch_dir("disk-full");
  Store st = Store::open(dir / "results.db");
  std::string id = start_sample_session(st, "Full evening");
  DecisionRecord first = sample_decision("n", "a");
  st.record_decision(id, first, "{}");
  const int64_t pages = auditsim::store::raw_connection(st).scalar_int("PRAGMA page_count").value_or(0);
  auditsim::store::raw_connection(st).exec("PRAGMA max_page_count=" + std::to_string(pages));

  DecisionRecord big = sample_decision("n", "b");
  big.rationale = std::string(200000, 'r');
  try {
    st.record_decision(id, big, "{}");
    FAIL("the decision cannot fit");
  } catch (const StoreError& e) {
    INFO(std::string(e.what()));
    CHECK(e.kind() == ErrorKind::Io);
    CHECK(std::string(e.what()).rfind("The disk is full.", 0) == 0);
    CHECK(std::string(e.what()).find("nothing was recorded") != std::string::npos);
  }
  CHECK(st.load_session(id)->decisions.size() == 1);

  // Once there is room again, recording carries on where it stopped.
  auditsim::store::raw_connection(st).exec("PRAGMA max_page_count=1073741823");
  st.record_decision(id, big, "{}");
  CHECK(st.load_session(id)->decisions.size() == 2);
  CHECK(st.check().ok());
}

namespace {

// A file system that runs out of space on demand: the default VFS with xWrite failing the way
// the unix VFS reports ENOSPC outside its own SQLITE_FULL paths (an I/O error whose system
// error is ENOSPC), as happens when a new database's WAL index cannot be extended.
bool g_disk_full = false;
sqlite3_vfs* g_real_vfs = nullptr;
std::map<const sqlite3_io_methods*, const sqlite3_io_methods*> g_real_methods;
std::map<const sqlite3_io_methods*, sqlite3_io_methods> g_full_methods;

int full_write(sqlite3_file* f, const void* data, int n, sqlite3_int64 at) {
  const sqlite3_io_methods* real = g_real_methods.at(f->pMethods);
  if (g_disk_full) {
    errno = ENOSPC;
    return SQLITE_IOERR_WRITE;
  }
  return real->xWrite(f, data, n, at);
}

int full_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out) {
  int rc = g_real_vfs->xOpen(g_real_vfs, name, f, flags, out);
  if (rc != SQLITE_OK || !f->pMethods) return rc;
  const sqlite3_io_methods* real = f->pMethods;
  auto [it, fresh] = g_full_methods.try_emplace(real, *real);
  if (fresh) {
    it->second.xWrite = full_write;
    g_real_methods[&it->second] = real;
  }
  f->pMethods = &it->second;
  return rc;
}

// What the VFS reports as the cause of its last failure (the unix VFS reports errno).
int full_last_error(sqlite3_vfs* vfs, int n, char* out) {
  if (g_disk_full) return ENOSPC;
  return g_real_vfs->xGetLastError(vfs, n, out);
}

struct FullDiskVfs {
  sqlite3_vfs vfs{};
  FullDiskVfs() {
    g_real_vfs = sqlite3_vfs_find(nullptr);
    vfs = *g_real_vfs;
    vfs.zName = "auditsim-test-full-disk";
    vfs.xOpen = full_open;
    vfs.xGetLastError = full_last_error;
    sqlite3_vfs_register(&vfs, 1);
  }
  ~FullDiskVfs() {
    sqlite3_vfs_unregister(&vfs);
    g_disk_full = false;
  }
};

}  // namespace

TEST_CASE("a write refused by a full disk (ENOSPC) says the disk is full, not a vague I/O error") {
  FullDiskVfs vfs;
  fs::path dir = scratch_dir("disk-full-enospc");
  Store st = Store::open(dir / "results.db");
  std::string id = start_sample_session(st, "Full evening");
  g_disk_full = true;
  DecisionRecord d = sample_decision("n", "a");
  try {
    st.record_decision(id, d, "{}");
    FAIL("the write must fail");
  } catch (const StoreError& e) {
    INFO(std::string(e.what()));
    CHECK(std::string(e.what()).rfind("The disk is full.", 0) == 0);
  }
  g_disk_full = false;
  CHECK(st.load_session(id)->decisions.empty());
}
