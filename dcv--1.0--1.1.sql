/* dcv--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION dcv UPDATE TO '1.1'" to load this file. \quit

--
-- The triggers of dcv's own tables are for those tables only (the functions
-- also refuse to run anywhere else).  Trigger functions need no EXECUTE
-- privilege to fire, only to be attached by CREATE TRIGGER.
--
REVOKE EXECUTE ON FUNCTION dcv_cache_invalidate() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION dcv_builtin_guard() FROM PUBLIC;

-- Everyone may read the dates in force, as they may read the tables.
GRANT SELECT ON dcv_timeline TO PUBLIC;
