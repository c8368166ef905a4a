-- PostgreSQL roles for the Leermiddelendashboard in production (README, "PostgreSQL roles").
-- Run once as a superuser (or a role with CREATEROLE and CREATEDB), e.g.
--   psql -v ON_ERROR_STOP=1 -f docs/postgres-roles.sql
-- then give the dashboard:
--   DATABASE_MIGRATION_URL=postgresql://ldb_owner:<owner password>@db.example/leermiddelendashboard
--   DATABASE_URL=postgresql://ldb_app:<app password>@db.example/leermiddelendashboard
-- At every start the dashboard migrates as ldb_owner and then grants ldb_app what it needs
-- (lib/db/roles.ts): SELECT, INSERT, UPDATE, DELETE on its tables, INSERT and SELECT only on
-- access_log. ldb_app owns nothing, so it cannot drop or disable the access log's trigger.
-- lib/db/roles.test.ts runs this file (with its own role names) against a PostgreSQL server.

-- Owns the schema and runs the migrations; the dashboard uses it only for that, briefly at start-up.
CREATE ROLE ldb_owner LOGIN PASSWORD 'change-me-owner';

-- The dashboard's everyday connection. Never a superuser, never a member of ldb_owner
-- (the dashboard logs an error at start-up if it is either).
CREATE ROLE ldb_app LOGIN PASSWORD 'change-me-app' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;

-- The database belongs to the owner; on PostgreSQL 15 and later so does its public schema
-- (pg_database_owner), and nobody else may create objects in it.
CREATE DATABASE leermiddelendashboard OWNER ldb_owner;

-- Only the two roles connect.
REVOKE CONNECT ON DATABASE leermiddelendashboard FROM PUBLIC;
GRANT CONNECT ON DATABASE leermiddelendashboard TO ldb_owner, ldb_app;

-- On PostgreSQL 14 and older, also run in the new database (psql: \c leermiddelendashboard):
--   REVOKE CREATE ON SCHEMA public FROM PUBLIC;
--   ALTER SCHEMA public OWNER TO ldb_owner;
