// A fresh database on the tests' and benchmarks' throwaway PostgreSQL server
// (tests/postgres/pg-server), set up as council IT sets one up (packaging/postgres/roles.sql):
// owned by auditsim_owner, the two working roles allowed to connect and stage imports.
#pragma once

#include <string>

#include "sim/store/db.hpp"

namespace auditsim::test {

// Drops any database of that name and makes it again. `superuser` is the server's address as
// its superuser ("postgresql://postgres@127.0.0.1:18932"); returns the new database's address
// as its owner.
inline std::string fresh_server_database(const std::string& superuser, const std::string& name) {
  store::Db admin = store::Db::open_postgres(superuser + "/postgres");
  admin.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  admin.exec("CREATE DATABASE " + name + " OWNER auditsim_owner");
  admin.exec("GRANT CONNECT, TEMPORARY ON DATABASE " + name +
             " TO auditsim_recorder, auditsim_reporter");
  std::string url = superuser + "/" + name;
  url.replace(url.find("postgres@"), 9, "auditsim_owner@");
  return url;
}

// The same database's address as another role (auditsim_recorder, auditsim_reporter).
inline std::string as_server_role(std::string owner_url, const std::string& role) {
  owner_url.replace(owner_url.find("auditsim_owner@"), 15, role + "@");
  return owner_url;
}

}  // namespace auditsim::test
