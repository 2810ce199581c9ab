-- The results store on a council's PostgreSQL server: its database and three roles.
-- Run once, as a superuser (psql -f roles.sql), then give each login role a password
-- (\password auditsim_recorder) or use the council's own authentication (docs/deployment.md).
--
--   auditsim_owner     owns the database; the schema is created and upgraded by auditsim
--                      connecting as this role (run any auditsim command once after installing
--                      or updating auditsim, e.g. `auditsim sessions --db postgresql://...`).
--   auditsim_recorder  what every desktop, e-learning copy and facilitator's laptop uses: it
--                      records play (sessions, decisions, notes, the desktop audit, device
--                      votes, the xAPI outbox) and reads what it needs to resume, but may not
--                      erase a person or remove records.
--   auditsim_reporter  for internal audit and democratic services: everything the recorder may
--                      do, and also erasure (data protection requests) and removing records.
--
-- The table privileges themselves are granted by auditsim each time it creates or upgrades the
-- schema (sim/store/store_server.cpp), so they always match the tables of that version.

CREATE ROLE auditsim_owner LOGIN;
CREATE ROLE auditsim_recorder LOGIN;
CREATE ROLE auditsim_reporter LOGIN;

CREATE DATABASE auditsim OWNER auditsim_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE auditsim FROM PUBLIC;
-- TEMPORARY: an import stages the laptop's file in temporary tables, and a report over
-- thousands of sessions keeps the ids it reads in one.
GRANT CONNECT, TEMPORARY ON DATABASE auditsim TO auditsim_recorder, auditsim_reporter;
