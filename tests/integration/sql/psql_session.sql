-- A psql session against pgwire: DDL, DML, transactions, an error inside a
-- block, multi-statement queries, session commands. The expected output
-- was checked against PostgreSQL 15 (VERBOSITY sqlstate makes the error
-- lines comparable across databases).
\set VERBOSITY sqlstate
\pset null '(null)'
CREATE TABLE items (id integer PRIMARY KEY, name varchar(40) NOT NULL, price real, in_stock boolean, added date);
INSERT INTO items VALUES (1, 'apple', 1.5, true, '2024-01-02');
INSERT INTO items VALUES (2, 'pear', 2.25, false, '2024-02-03'), (3, 'plum', NULL, true, NULL);
UPDATE items SET price = 3 WHERE id = 3;
UPDATE items SET price = 9 WHERE id = 42;
DELETE FROM items WHERE id = 2;
SELECT id, name, price, in_stock, added FROM items ORDER BY id;
SELECT name FROM items WHERE id > 100;
-- a rolled-back transaction leaves nothing behind
BEGIN;
INSERT INTO items VALUES (4, 'kiwi', 0.5, true, NULL);
SELECT count(*) FROM items;
ROLLBACK;
SELECT count(*) FROM items;
START TRANSACTION;
INSERT INTO items VALUES (5, 'fig', 4, false, NULL);
COMMIT;
SELECT count(*) FROM items;
-- an error inside a block: everything until ROLLBACK is refused
BEGIN;
INSERT INTO items VALUES (1, 'duplicate', 0, true, NULL);
SELECT 1;
COMMIT;
SELECT count(*) FROM items;
-- savepoints
BEGIN;
INSERT INTO items VALUES (7, 'lime', 1, true, NULL);
SAVEPOINT before_error;
INSERT INTO items VALUES (7, 'lime again', 1, true, NULL);
ROLLBACK TO SAVEPOINT before_error;
RELEASE before_error;
COMMIT;
SELECT name FROM items WHERE id = 7;
-- statements of one Query string run in one implicit transaction
INSERT INTO items VALUES (8, 'a', 1, true, NULL)\; INSERT INTO items VALUES (8, 'b', 1, true, NULL);
SELECT count(*) FROM items WHERE id = 8;
SELECT 1 AS one\; SELECT 2 AS two;
-- transaction control outside a block: warnings, as PostgreSQL
COMMIT;
ROLLBACK;
-- session parameters
SET application_name = 'session-test';
SHOW application_name;
SET extra_float_digits TO 0;
SHOW extra_float_digits;
RESET extra_float_digits;
SHOW extra_float_digits;
SHOW DateStyle;
SET no_such_parameter = 1;
SET port = 1;
SHOW TimeZone;
SET TIME ZONE 'Europe/Berlin';
SHOW TimeZone;
SELECT 'it''s' AS quoted, 'a;b' AS semicolon;
-- DISCARD ALL resets the session, but not inside a transaction block
BEGIN;
DISCARD ALL;
ROLLBACK;
DISCARD ALL;
SHOW TimeZone;
SHOW application_name;
DROP TABLE items;
SELECT * FROM items;
-- what pg_dump writes at the top of a dump
SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
SET default_tablespace = '';
SET default_table_access_method = heap;
RESET search_path;
-- client_min_messages hides warnings below it
ROLLBACK;
SET client_min_messages = error;
ROLLBACK;
RESET client_min_messages;
BEGIN;
SELECT set_config('application_name', 'in a block', true) AS app;
SHOW application_name;
COMMIT;
SHOW application_name;
-- INSERT ... RETURNING: one row, several, DEFAULT VALUES, expressions
CREATE TABLE notes (id serial PRIMARY KEY, title varchar(40) NOT NULL UNIQUE, hits integer DEFAULT 0);
INSERT INTO notes (title) VALUES ('first') RETURNING id, title, hits;
INSERT INTO notes (title, hits) VALUES ('second', 2), ('third', 3) RETURNING *;
INSERT INTO notes AS n (title, hits) VALUES ('fourth', 4) RETURNING n.id, upper(n.title) AS shout, n.hits * 10 > 30 AS many;
-- a failing row: nothing of the statement stays, and a block fails
INSERT INTO notes (title) VALUES ('fifth'), ('first') RETURNING id;
SELECT count(*) FROM notes;
BEGIN;
INSERT INTO notes (title) VALUES ('sixth') RETURNING title;
INSERT INTO notes (title) VALUES ('seventh'), ('second') RETURNING title;
SELECT 1;
ROLLBACK;
SELECT title FROM notes ORDER BY title;
-- upserts
INSERT INTO notes (title, hits) VALUES ('first', 10) ON CONFLICT (title) DO UPDATE SET hits = EXCLUDED.hits;
INSERT INTO notes (title, hits) VALUES ('first', 20) ON CONFLICT (title) DO NOTHING;
INSERT INTO notes (title, hits) VALUES ('second', 7) ON CONFLICT (title) DO UPDATE SET hits = notes.hits + EXCLUDED.hits WHERE notes.hits < 5;
INSERT INTO notes (title, hits) VALUES ('third', 7) ON CONFLICT (title) DO UPDATE SET hits = notes.hits + EXCLUDED.hits WHERE notes.hits > 5;
SELECT title, hits FROM notes ORDER BY title;
DROP TABLE notes;
