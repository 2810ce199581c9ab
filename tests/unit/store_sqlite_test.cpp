// The RAII layer over SQLite: statements, transactions, errors.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "sim/store/sqlite.hpp"

using namespace auditsim::store;

namespace {
Db memory_db() {
  Db db = Db::open(":memory:", OpenMode::ReadWrite);
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER)");
  return db;
}
int64_t count(Db& db) { return db.scalar_int("SELECT count(*) FROM t").value_or(-1); }
}  // namespace

TEST_CASE("statements bind, step and read columns, including NULL and embedded NUL bytes") {
  Db db = memory_db();
  {
    Query q = db.query("INSERT INTO t(name, n) VALUES(?, ?)");
    q->bind(1, std::string("a\0b", 3)).bind_null(2).run();
  }
  Query q = db.query("SELECT name, n FROM t");
  REQUIRE(q->step());
  CHECK(q->column_text(0) == std::string("a\0b", 3));
  CHECK(q->column_null(1));
  CHECK(q->column_text(1).empty());
  CHECK_FALSE(q->step());
}

TEST_CASE("a cached statement is reused and reset when its Query ends") {
  Db db = memory_db();
  for (int i = 0; i < 3; ++i) {
    Query q = db.query("INSERT INTO t(name, n) VALUES(?, ?)");
    q->bind_all("x", i).run();
  }
  {
    Query q = db.query("SELECT n FROM t ORDER BY n");
    REQUIRE(q->step());
    CHECK(q->column_int(0) == 0);
    // Left mid-result: the destructor must reset so the next use starts from the top.
  }
  Query again = db.query("SELECT n FROM t ORDER BY n");
  REQUIRE(again->step());
  CHECK(again->column_int(0) == 0);
}

TEST_CASE("a transaction rolls back unless committed") {
  Db db = memory_db();
  {
    Transaction tx(db);
    db.exec("INSERT INTO t(name) VALUES('dropped')");
  }
  CHECK(count(db) == 0);
  CHECK(db.transaction_depth() == 0);
  {
    Transaction tx(db);
    db.exec("INSERT INTO t(name) VALUES('kept')");
    tx.commit();
  }
  CHECK(count(db) == 1);
}

TEST_CASE("a nested transaction is a savepoint inside the outer one") {
  Db db = memory_db();
  {
    Transaction outer(db);
    db.exec("INSERT INTO t(name) VALUES('outer')");
    {
      Transaction inner(db);
      db.exec("INSERT INTO t(name) VALUES('inner, rolled back')");
    }
    {
      Transaction inner(db);
      db.exec("INSERT INTO t(name) VALUES('inner, kept')");
      inner.commit();
    }
    outer.commit();
  }
  CHECK(count(db) == 2);
  CHECK(db.scalar_int("SELECT count(*) FROM t WHERE name LIKE 'inner, kept'") == 1);
}

TEST_CASE("errors carry SQLite's code, a kind and plain words") {
  Db db = memory_db();
  Query q = db.query("INSERT INTO t(name) VALUES(?)");
  q->bind_null(1);
  try {
    q->run();
    FAIL("a NOT NULL violation must throw");
  } catch (const StoreError& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
    CHECK((e.sqlite_code() & 0xff) == SQLITE_CONSTRAINT);
    CHECK(std::string(e.what()).find("refused") != std::string::npos);
  }
  CHECK_THROWS_AS(db.exec("SELECT * FROM no_such_table"), StoreError);
  CHECK_THROWS_AS(Db::open("/no/such/folder/x.db", OpenMode::ReadWrite), StoreError);
}

TEST_CASE("connections are opened with the durability and safety settings") {
  Db db = memory_db();
  CHECK(db.scalar_int("PRAGMA foreign_keys") == 1);
  CHECK(db.scalar_int("PRAGMA secure_delete") == 1);
  CHECK(db.scalar_int("PRAGMA synchronous") == 2);  // FULL
  CHECK(db.scalar_int("PRAGMA trusted_schema") == 0);
  int defensive = 0;
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  CHECK(defensive == 1);
}
