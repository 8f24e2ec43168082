/*
 * check_translate.c
 *		Unit tests for translate/: splitting a Query string, the kind and
 *		CommandComplete tag of each statement, parsing session commands,
 *		describing target lists and rewriting statements for the database.
 *
 * Expected tags, names and values are what PostgreSQL 16 reports for the
 * same input.
 */
#include "translate/translate.h"

#include "common/types.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static StatementList
split_ok(const char *sql)
{
	StatementList list;
	PgError		err;

	xl_statements_init(&list);
	pgerr_clear(&err);
	ck_assert_msg(xl_split(sql, strlen(sql), &list, &err), "splitting <%s> failed: %s",
				  sql, err.message);
	return list;
}

/* Assert statement i of list is the text `text`. */
static void
assert_statement(const char *sql, const StatementList *list, size_t i, const char *text)
{
	const Statement *st;

	ck_assert_msg(i < list->count, "<%s>: no statement %zu (only %zu)", sql, i, list->count);
	st = &list->stmts[i];
	ck_assert_msg(st->len == strlen(text) && memcmp(sql + st->offset, text, st->len) == 0,
				  "<%s> statement %zu is <%.*s>, expected <%s>", sql, i, (int) st->len,
				  sql + st->offset, text);
}

/* ---- splitting ---- */

START_TEST(test_split_basic)
{
	const char *sql = "select 1; select 2;;";
	StatementList list = split_ok(sql);

	ck_assert_uint_eq(list.count, 2);
	assert_statement(sql, &list, 0, "select 1");
	assert_statement(sql, &list, 1, "select 2");
	ck_assert_uint_eq(list.stmts[0].offset, 0);
	ck_assert_uint_eq(list.stmts[0].first_token, 0);
	ck_assert_uint_eq(list.stmts[0].ntokens, 2);
	ck_assert_uint_eq(list.stmts[1].offset, 10);
	ck_assert_uint_eq(list.stmts[1].first_token, 3);
	ck_assert_uint_eq(list.stmts[1].ntokens, 2);
	ck_assert_uint_eq(list.tokens.count, 7);
	xl_statements_free(&list);
	ck_assert_ptr_null(list.stmts);
	ck_assert_uint_eq(list.count, 0);
}
END_TEST

START_TEST(test_split_empty)
{
	static const char *const empties[] = {
		"", ";;", ";", "  \n ", " ; /* c */ ; -- x", "/* only a comment */",
	};

	for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++)
	{
		StatementList list = split_ok(empties[i]);

		ck_assert_msg(list.count == 0, "<%s>: %zu statements", empties[i], list.count);
		xl_statements_free(&list);
	}
}
END_TEST

START_TEST(test_split_semicolons_inside_tokens)
{
	const char *sql = "select ';'; select $$;$$; select $f$ ; $f$;select \"a;b\" /* ; */ -- ;\n;"
		"select E'\\';'; select 'a'\n';'";
	StatementList list = split_ok(sql);

	ck_assert_uint_eq(list.count, 6);
	assert_statement(sql, &list, 0, "select ';'");
	assert_statement(sql, &list, 1, "select $$;$$");
	assert_statement(sql, &list, 2, "select $f$ ; $f$");
	assert_statement(sql, &list, 3, "select \"a;b\"");
	assert_statement(sql, &list, 4, "select E'\\';'");
	assert_statement(sql, &list, 5, "select 'a'\n';'");
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_split_keeps_inner_comments)
{
	const char *sql = "  /* lead */ select /* in */ 1 -- trail\n ; select 2 ";
	StatementList list = split_ok(sql);

	ck_assert_uint_eq(list.count, 2);
	assert_statement(sql, &list, 0, "select /* in */ 1");
	assert_statement(sql, &list, 1, "select 2");
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_split_parens_and_atomic_bodies)
{
	const char *sql = "select (1; 2); "
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
		"SELECT CASE WHEN true THEN 2 END; END; "
		"create or replace procedure p() begin atomic insert into t values (1); end;"
		"begin; select 3; end";
	StatementList list = split_ok(sql);

	ck_assert_uint_eq(list.count, 6);
	assert_statement(sql, &list, 0, "select (1; 2)");
	assert_statement(sql, &list, 1, "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "
					 "SELECT 1; SELECT CASE WHEN true THEN 2 END; END");
	assert_statement(sql, &list, 2, "create or replace procedure p() begin atomic "
					 "insert into t values (1); end");
	assert_statement(sql, &list, 3, "begin");
	assert_statement(sql, &list, 4, "select 3");
	assert_statement(sql, &list, 5, "end");
	ck_assert_int_eq(list.stmts[3].kind, STMT_BEGIN);
	ck_assert_int_eq(list.stmts[5].kind, STMT_COMMIT);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_split_lexical_error)
{
	StatementList list;
	PgError		err;
	const char *sql = "select 1; select 'oops";

	xl_statements_init(&list);
	ck_assert(!xl_split(sql, strlen(sql), &list, &err));
	ck_assert_str_eq(err.sqlstate, "42601");
	ck_assert_str_eq(err.message, "unterminated quoted string at or near \"'oops\"");
	ck_assert_int_eq(err.position, 18);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_split_many_statements)
{
	Buf			q;
	StatementList list;
	PgError		err;

	buf_init(&q);
	for (int i = 0; i < 100; i++)
		buf_appendf(&q, "select %d;", i);
	xl_statements_init(&list);
	ck_assert(xl_split(q.data, q.len, &list, &err));
	ck_assert_uint_eq(list.count, 100);
	assert_statement(q.data, &list, 99, "select 99");
	xl_statements_free(&list);
	buf_free(&q);
}
END_TEST

/* ---- classification ---- */

typedef struct TagCase
{
	const char *sql;
	StmtKind	kind;
	const char *tag;
	TagCount	count;
} TagCase;

static const TagCase tag_cases[] = {
	{"SELECT 1", STMT_SELECT, "SELECT", TAG_COUNT},
	{"select * into t2 from t", STMT_SELECT, "SELECT", TAG_COUNT},
	{"VALUES (1), (2)", STMT_SELECT, "SELECT", TAG_COUNT},
	{"TABLE t", STMT_SELECT, "SELECT", TAG_COUNT},
	{"(SELECT 1) UNION (SELECT 2)", STMT_SELECT, "SELECT", TAG_COUNT},
	{"WITH x AS (SELECT 1) SELECT * FROM x", STMT_SELECT, "SELECT", TAG_COUNT},
	{"with x as (select 1) (select 2)", STMT_SELECT, "SELECT", TAG_COUNT},
	{"WITH RECURSIVE x(a) AS (SELECT 1) INSERT INTO t SELECT * FROM x", STMT_INSERT, "INSERT", TAG_INSERT_COUNT},
	{"with x as (select 1), y as (select 2) update t set a = 1", STMT_UPDATE, "UPDATE", TAG_COUNT},
	{"with x as materialized (select 1) delete from t", STMT_DELETE, "DELETE", TAG_COUNT},
	{"INSERT INTO t VALUES (1)", STMT_INSERT, "INSERT", TAG_INSERT_COUNT},
	{"update t set a = 1", STMT_UPDATE, "UPDATE", TAG_COUNT},
	{"delete from t", STMT_DELETE, "DELETE", TAG_COUNT},
	{"merge into t using s on true when matched then delete", STMT_MERGE, "MERGE", TAG_COUNT},
	{"copy t to stdout", STMT_COPY, "COPY", TAG_COUNT},
	{"create table t (a int generated always as (1) stored)", STMT_DDL, "CREATE TABLE", TAG_NO_COUNT},
	{"create table t2 as select 1", STMT_DDL, "SELECT", TAG_COUNT},
	{"create temp table t2 as execute p", STMT_DDL, "SELECT", TAG_COUNT},
	{"create table t2 as select 1 with no data", STMT_DDL, "CREATE TABLE AS", TAG_NO_COUNT},
	{"create materialized view mv as select 1", STMT_DDL, "SELECT", TAG_COUNT},
	{"create materialized view mv as select 1 WITH NO DATA", STMT_DDL, "CREATE MATERIALIZED VIEW", TAG_NO_COUNT},
	{"CREATE GLOBAL TEMPORARY TABLE t (a int)", STMT_DDL, "CREATE TABLE", TAG_NO_COUNT},
	{"create unlogged table t (a int)", STMT_DDL, "CREATE TABLE", TAG_NO_COUNT},
	{"create unique index i on t (a)", STMT_DDL, "CREATE INDEX", TAG_NO_COUNT},
	{"create or replace recursive view v as select 1", STMT_DDL, "CREATE VIEW", TAG_NO_COUNT},
	{"create temp sequence s", STMT_DDL, "CREATE SEQUENCE", TAG_NO_COUNT},
	{"create schema s", STMT_DDL, "CREATE SCHEMA", TAG_NO_COUNT},
	{"create or replace function f() returns int as $$ select 1; $$ language sql", STMT_DDL, "CREATE FUNCTION", TAG_NO_COUNT},
	{"create procedure p() language sql as ''", STMT_DDL, "CREATE PROCEDURE", TAG_NO_COUNT},
	{"create extension hstore", STMT_EXTENSION, "CREATE EXTENSION", TAG_NO_COUNT},
	{"drop extension if exists vector", STMT_EXTENSION, "DROP EXTENSION", TAG_NO_COUNT},
	{"create type t as (a int)", STMT_DDL, "CREATE TYPE", TAG_NO_COUNT},
	{"create domain d as int", STMT_DDL, "CREATE DOMAIN", TAG_NO_COUNT},
	{"create constraint trigger t after insert on t for each row execute function f()", STMT_DDL, "CREATE TRIGGER", TAG_NO_COUNT},
	{"create role r", STMT_DDL, "CREATE ROLE", TAG_NO_COUNT},
	{"create user bob", STMT_DDL, "CREATE ROLE", TAG_NO_COUNT},
	{"create group g", STMT_DDL, "CREATE ROLE", TAG_NO_COUNT},
	{"create user mapping for bob server s", STMT_DDL, "CREATE USER MAPPING", TAG_NO_COUNT},
	{"create database d", STMT_DDL, "CREATE DATABASE", TAG_NO_COUNT},
	{"create trusted procedural language l", STMT_DDL, "CREATE LANGUAGE", TAG_NO_COUNT},
	{"create default conversion c for 'a' to 'b' from f", STMT_DDL, "CREATE CONVERSION", TAG_NO_COUNT},
	{"create text search dictionary d (template = simple)", STMT_DDL, "CREATE TEXT SEARCH DICTIONARY", TAG_NO_COUNT},
	{"create operator class c for type int using btree as operator 1 <", STMT_DDL, "CREATE OPERATOR CLASS", TAG_NO_COUNT},
	{"create operator === (function = f)", STMT_DDL, "CREATE OPERATOR", TAG_NO_COUNT},
	{"create foreign data wrapper w", STMT_DDL, "CREATE FOREIGN DATA WRAPPER", TAG_NO_COUNT},
	{"create foreign table f () server s", STMT_DDL, "CREATE FOREIGN TABLE", TAG_NO_COUNT},
	{"create event trigger e on ddl_command_start execute function f()", STMT_DDL, "CREATE EVENT TRIGGER", TAG_NO_COUNT},
	{"create access method m type table handler h", STMT_DDL, "CREATE ACCESS METHOD", TAG_NO_COUNT},
	{"drop table t", STMT_DDL, "DROP TABLE", TAG_NO_COUNT},
	{"DROP INDEX CONCURRENTLY i", STMT_DDL, "DROP INDEX", TAG_NO_COUNT},
	{"drop materialized view mv", STMT_DDL, "DROP MATERIALIZED VIEW", TAG_NO_COUNT},
	{"drop procedural language l", STMT_DDL, "DROP LANGUAGE", TAG_NO_COUNT},
	{"drop owned by bob", STMT_DDL, "DROP OWNED", TAG_NO_COUNT},
	{"drop user bob", STMT_DDL, "DROP ROLE", TAG_NO_COUNT},
	{"alter table t add column b int", STMT_DDL, "ALTER TABLE", TAG_NO_COUNT},
	{"alter default privileges grant select on tables to bob", STMT_DDL, "ALTER DEFAULT PRIVILEGES", TAG_NO_COUNT},
	{"alter system set work_mem = 1", STMT_DDL, "ALTER SYSTEM", TAG_NO_COUNT},
	{"alter large object 1 owner to bob", STMT_DDL, "ALTER LARGE OBJECT", TAG_NO_COUNT},
	{"alter user bob set x = 1", STMT_DDL, "ALTER ROLE", TAG_NO_COUNT},
	{"alter sequence s restart", STMT_DDL, "ALTER SEQUENCE", TAG_NO_COUNT},
	{"truncate t", STMT_DDL, "TRUNCATE TABLE", TAG_NO_COUNT},
	{"comment on table t is 'x'", STMT_DDL, "COMMENT", TAG_NO_COUNT},
	{"grant select on t to bob", STMT_DDL, "GRANT", TAG_NO_COUNT},
	{"revoke select on t from bob", STMT_DDL, "REVOKE", TAG_NO_COUNT},
	{"grant admin to bob", STMT_DDL, "GRANT ROLE", TAG_NO_COUNT},
	{"revoke admin from bob", STMT_DDL, "REVOKE ROLE", TAG_NO_COUNT},
	{"reassign owned by a to b", STMT_DDL, "REASSIGN OWNED", TAG_NO_COUNT},
	{"BEGIN", STMT_BEGIN, "BEGIN", TAG_NO_COUNT},
	{"begin work isolation level serializable", STMT_BEGIN, "BEGIN", TAG_NO_COUNT},
	{"START TRANSACTION", STMT_BEGIN, "START TRANSACTION", TAG_NO_COUNT},
	{"COMMIT", STMT_COMMIT, "COMMIT", TAG_NO_COUNT},
	{"end transaction", STMT_COMMIT, "COMMIT", TAG_NO_COUNT},
	{"ROLLBACK", STMT_ROLLBACK, "ROLLBACK", TAG_NO_COUNT},
	{"abort", STMT_ROLLBACK, "ROLLBACK", TAG_NO_COUNT},
	{"savepoint a", STMT_SAVEPOINT, "SAVEPOINT", TAG_NO_COUNT},
	{"release a", STMT_RELEASE, "RELEASE", TAG_NO_COUNT},
	{"rollback to a", STMT_ROLLBACK_TO, "ROLLBACK", TAG_NO_COUNT},
	{"rollback work to savepoint a", STMT_ROLLBACK_TO, "ROLLBACK", TAG_NO_COUNT},
	{"set x = 1", STMT_SET, "SET", TAG_NO_COUNT},
	{"set session x = 1", STMT_SET, "SET", TAG_NO_COUNT},
	{"set time zone 'UTC'", STMT_SET, "SET", TAG_NO_COUNT},
	{"set constraints all deferred", STMT_SET, "SET CONSTRAINTS", TAG_NO_COUNT},
	{"set transaction read only", STMT_SET_TRANSACTION, "SET", TAG_NO_COUNT},
	{"set local transaction read only", STMT_SET_TRANSACTION, "SET", TAG_NO_COUNT},
	{"set session characteristics as transaction read only", STMT_SET_TRANSACTION, "SET", TAG_NO_COUNT},
	{"reset all", STMT_RESET, "RESET", TAG_NO_COUNT},
	{"show all", STMT_SHOW, "SHOW", TAG_NO_COUNT},
	{"discard all", STMT_DISCARD, "DISCARD ALL", TAG_NO_COUNT},
	{"discard plans", STMT_DISCARD, "DISCARD PLANS", TAG_NO_COUNT},
	{"discard sequences", STMT_DISCARD, "DISCARD SEQUENCES", TAG_NO_COUNT},
	{"discard temporary", STMT_DISCARD, "DISCARD TEMP", TAG_NO_COUNT},
	{"prepare p as select 1", STMT_PREPARE, "PREPARE", TAG_NO_COUNT},
	{"execute p", STMT_EXECUTE, "EXECUTE", TAG_NO_COUNT},
	{"deallocate p", STMT_DEALLOCATE, "DEALLOCATE", TAG_NO_COUNT},
	{"deallocate prepare all", STMT_DEALLOCATE, "DEALLOCATE ALL", TAG_NO_COUNT},
	{"declare c cursor for select 1", STMT_CURSOR, "DECLARE CURSOR", TAG_NO_COUNT},
	{"fetch 5 from c", STMT_CURSOR, "FETCH", TAG_COUNT},
	{"move c", STMT_CURSOR, "MOVE", TAG_COUNT},
	{"close c", STMT_CURSOR, "CLOSE CURSOR", TAG_NO_COUNT},
	{"close all", STMT_CURSOR, "CLOSE CURSOR ALL", TAG_NO_COUNT},
	{"listen x", STMT_LISTEN, "LISTEN", TAG_NO_COUNT},
	{"unlisten *", STMT_LISTEN, "UNLISTEN", TAG_NO_COUNT},
	{"notify x", STMT_LISTEN, "NOTIFY", TAG_NO_COUNT},
	{"explain analyze select 1", STMT_EXPLAIN, "EXPLAIN", TAG_NO_COUNT},
	{"vacuum", STMT_MAINTENANCE, "VACUUM", TAG_NO_COUNT},
	{"analyse t", STMT_MAINTENANCE, "ANALYZE", TAG_NO_COUNT},
	{"checkpoint", STMT_MAINTENANCE, "CHECKPOINT", TAG_NO_COUNT},
	{"reindex table t", STMT_MAINTENANCE, "REINDEX", TAG_NO_COUNT},
	{"cluster t", STMT_MAINTENANCE, "CLUSTER", TAG_NO_COUNT},
	{"prepare transaction 'x'", STMT_UNSUPPORTED, "PREPARE TRANSACTION", TAG_NO_COUNT},
	{"commit prepared 'x'", STMT_UNSUPPORTED, "COMMIT PREPARED", TAG_NO_COUNT},
	{"rollback prepared 'x'", STMT_UNSUPPORTED, "ROLLBACK PREPARED", TAG_NO_COUNT},
	{"lock t", STMT_UNSUPPORTED, "LOCK TABLE", TAG_NO_COUNT},
	{"call p()", STMT_UNSUPPORTED, "CALL", TAG_NO_COUNT},
	{"do $$begin end$$", STMT_UNSUPPORTED, "DO", TAG_NO_COUNT},
	{"load 'x'", STMT_UNSUPPORTED, "LOAD", TAG_NO_COUNT},
	{"refresh materialized view mv", STMT_UNSUPPORTED, "REFRESH MATERIALIZED VIEW", TAG_NO_COUNT},
	{"security label on table t is 'x'", STMT_UNSUPPORTED, "SECURITY LABEL", TAG_NO_COUNT},
	{"import foreign schema s from server x into y", STMT_UNSUPPORTED, "IMPORT FOREIGN SCHEMA", TAG_NO_COUNT},
	{"frobnicate now", STMT_OTHER, "FROBNICATE", TAG_NO_COUNT},
	{"start foo", STMT_OTHER, "START", TAG_NO_COUNT},
};

START_TEST(test_tags)
{
	const TagCase *c = &tag_cases[_i];
	StatementList list = split_ok(c->sql);

	ck_assert_msg(list.count == 1, "<%s>: %zu statements", c->sql, list.count);
	ck_assert_msg(list.stmts[0].kind == c->kind, "<%s>: kind %d, expected %d", c->sql,
				  (int) list.stmts[0].kind, (int) c->kind);
	ck_assert_msg(strcmp(list.stmts[0].tag, c->tag) == 0, "<%s>: tag <%s>, expected <%s>",
				  c->sql, list.stmts[0].tag, c->tag);
	ck_assert_msg(list.stmts[0].tag_count == c->count, "<%s>: tag count %d, expected %d",
				  c->sql, (int) list.stmts[0].tag_count, (int) c->count);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_tag_of_long_unknown_word)
{
	const char *sql = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz x";
	StatementList list = split_ok(sql);

	ck_assert_uint_eq(list.count, 1);
	ck_assert_str_eq(list.stmts[0].tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTU");
	xl_statements_free(&list);
}
END_TEST

/* ---- session commands ---- */

typedef struct CmdCase
{
	const char *sql;
	StmtKind	kind;
	const char *name;
	const char *value;
	bool		is_local;
	bool		is_all;
	bool		is_default;
	bool		and_chain;
	IsolationLevel isolation;
	int			read_only;
	int			deferrable;
} CmdCase;

static const CmdCase cmd_cases[] = {
	{"SET application_name = 'my app'", STMT_SET, "application_name", "my app", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"set Application_Name to MyApp", STMT_SET, "application_name", "myapp", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET \"Quoted\" = \"Value\"", STMT_SET, "Quoted", "Value", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET LOCAL statement_timeout = 5000", STMT_SET, "statement_timeout", "5000", true, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET SESSION extra_float_digits = -5", STMT_SET, "extra_float_digits", "-5", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET extra_float_digits = +5", STMT_SET, "extra_float_digits", "5", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET x = 1.5, -2.5e3, 0x10, 1_000, 99999999999, -99999999999", STMT_SET, "x", "1.5, -2.5e3, 16, 1000, 99999999999, -99999999999", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET x = on, OFF, TRUE, false", STMT_SET, "x", "on, off, true, false", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET DateStyle = ISO, MDY", STMT_SET, "datestyle", "iso, mdy", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET x = 'it''s', E'a\\tb', $$c$$", STMT_SET, "x", "it's, a\tb, c", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET x = ''", STMT_SET, "x", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET myapp.setting = 'v'", STMT_SET, "myapp.setting", "v", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET search_path TO \"$user\", public, 'My Schema'", STMT_SET, "search_path", "\"$user\", public, \"My Schema\"", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET x TO DEFAULT", STMT_SET, "x", "", false, false, true, false, ISO_DEFAULT, -1, -1},
	{"SET x = default", STMT_SET, "x", "", false, false, true, false, ISO_DEFAULT, -1, -1},
	{"SET TIME ZONE 'Europe/Berlin'", STMT_SET, "TimeZone", "Europe/Berlin", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"set time zone UTC", STMT_SET, "TimeZone", "utc", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET TIME ZONE -5", STMT_SET, "TimeZone", "-5", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET TIME ZONE LOCAL", STMT_SET, "TimeZone", "", false, false, true, false, ISO_DEFAULT, -1, -1},
	{"SET LOCAL TIME ZONE DEFAULT", STMT_SET, "TimeZone", "", true, false, true, false, ISO_DEFAULT, -1, -1},
	{"SET NAMES 'UTF8'", STMT_SET, "client_encoding", "UTF8", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET NAMES", STMT_SET, "client_encoding", "", false, false, true, false, ISO_DEFAULT, -1, -1},
	{"SET SCHEMA 'app'", STMT_SET, "search_path", "app", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET XML OPTION DOCUMENT", STMT_SET, "xmloption", "document", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET time = 1", STMT_SET, "time", "1", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY", STMT_SET_TRANSACTION, "", "", false, false, false, false, ISO_SERIALIZABLE, 1, -1},
	{"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE NOT DEFERRABLE", STMT_SET_TRANSACTION, "", "", false, false, false, false, ISO_DEFAULT, 0, 0},
	{"RESET ALL", STMT_RESET, "all", "", false, true, false, false, ISO_DEFAULT, -1, -1},
	{"RESET TimeZone", STMT_RESET, "timezone", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"RESET TIME ZONE", STMT_RESET, "TimeZone", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"reset myapp.x", STMT_RESET, "myapp.x", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SHOW ALL", STMT_SHOW, "all", "", false, true, false, false, ISO_DEFAULT, -1, -1},
	{"SHOW server_version", STMT_SHOW, "server_version", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SHOW TIME ZONE", STMT_SHOW, "TimeZone", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SHOW TRANSACTION ISOLATION LEVEL", STMT_SHOW, "transaction_isolation", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"SHOW SESSION AUTHORIZATION", STMT_SHOW, "session_authorization", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"DISCARD ALL", STMT_DISCARD, "ALL", "", false, true, false, false, ISO_DEFAULT, -1, -1},
	{"DISCARD PLANS", STMT_DISCARD, "PLANS", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"DISCARD SEQUENCES", STMT_DISCARD, "SEQUENCES", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"DISCARD TEMPORARY", STMT_DISCARD, "TEMP", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"BEGIN", STMT_BEGIN, "", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"BEGIN WORK", STMT_BEGIN, "", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"begin transaction isolation level repeatable read read only deferrable", STMT_BEGIN, "", "", false, false, false, false, ISO_REPEATABLE_READ, 1, 1},
	{"START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE", STMT_BEGIN, "", "", false, false, false, false, ISO_READ_COMMITTED, 0, -1},
	{"BEGIN ISOLATION LEVEL READ UNCOMMITTED", STMT_BEGIN, "", "", false, false, false, false, ISO_READ_UNCOMMITTED, -1, -1},
	{"COMMIT", STMT_COMMIT, "", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"END WORK", STMT_COMMIT, "", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"COMMIT TRANSACTION AND CHAIN", STMT_COMMIT, "", "", false, false, false, true, ISO_DEFAULT, -1, -1},
	{"ROLLBACK AND NO CHAIN", STMT_ROLLBACK, "", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"ABORT AND CHAIN", STMT_ROLLBACK, "", "", false, false, false, true, ISO_DEFAULT, -1, -1},
	{"SAVEPOINT Sp1", STMT_SAVEPOINT, "sp1", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"RELEASE SAVEPOINT sp1", STMT_RELEASE, "sp1", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"RELEASE sp1", STMT_RELEASE, "sp1", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"RELEASE savepoint", STMT_RELEASE, "savepoint", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"ROLLBACK TO sp1", STMT_ROLLBACK_TO, "sp1", "", false, false, false, false, ISO_DEFAULT, -1, -1},
	{"ROLLBACK TRANSACTION TO SAVEPOINT \"Sp 1\"", STMT_ROLLBACK_TO, "Sp 1", "", false, false, false, false, ISO_DEFAULT, -1, -1},
};

/* Split sql (one statement) and parse it as a session command. */
static bool
parse_cmd(const char *sql, SessionCmd *cmd, PgError *err)
{
	StatementList list = split_ok(sql);
	bool		ok;

	ck_assert_msg(list.count >= 1, "<%s>: no statement", sql);
	pgerr_clear(err);
	ok = xl_parse_session_cmd(sql, &list, &list.stmts[0], cmd, err);
	xl_statements_free(&list);
	return ok;
}

START_TEST(test_session_commands)
{
	const CmdCase *c = &cmd_cases[_i];
	SessionCmd	cmd;
	PgError		err;

	xl_session_cmd_init(&cmd);
	ck_assert_msg(parse_cmd(c->sql, &cmd, &err), "<%s>: %s", c->sql, err.message);
	ck_assert_msg(cmd.kind == c->kind, "<%s>: kind %d", c->sql, (int) cmd.kind);
	ck_assert_msg(strcmp(cmd.name, c->name) == 0, "<%s>: name <%s>", c->sql, cmd.name);
	ck_assert_msg(strcmp(cmd.value.data ? cmd.value.data : "", c->value) == 0, "<%s>: value <%s>",
				  c->sql, cmd.value.data ? cmd.value.data : "");
	ck_assert_msg(cmd.is_local == c->is_local, "<%s>: is_local", c->sql);
	ck_assert_msg(cmd.is_all == c->is_all, "<%s>: is_all", c->sql);
	ck_assert_msg(cmd.is_default == c->is_default, "<%s>: is_default", c->sql);
	ck_assert_msg(cmd.and_chain == c->and_chain, "<%s>: and_chain", c->sql);
	ck_assert_msg(cmd.txn.isolation == c->isolation, "<%s>: isolation %d", c->sql, (int) cmd.txn.isolation);
	ck_assert_msg(cmd.txn.read_only == c->read_only, "<%s>: read_only %d", c->sql, cmd.txn.read_only);
	ck_assert_msg(cmd.txn.deferrable == c->deferrable, "<%s>: deferrable %d", c->sql, cmd.txn.deferrable);
	xl_session_cmd_free(&cmd);
}
END_TEST

typedef struct SignalCase
{
	const char *sql;
	const char *name;
	int64_t		pid;
	int			pid_param;
	const char *column;
} SignalCase;

static const SignalCase signal_cases[] = {
	{"SELECT pg_cancel_backend(4243)", "pg_cancel_backend", 4243, 0, "pg_cancel_backend"},
	{"select pg_catalog.pg_terminate_backend(1) AS t", "pg_terminate_backend", 1, 0, "t"},
	{"SELECT pg_cancel_backend($1)", "pg_cancel_backend", 0, 1, "pg_cancel_backend"},
	{"SELECT pg_terminate_backend($2::int4) done", "pg_terminate_backend", 0, 2, "done"},
	{"SELECT pg_cancel_backend(99999999999)", "pg_cancel_backend", 0, 0, "pg_cancel_backend"},
};

START_TEST(test_signal_backend_calls)
{
	const SignalCase *c = &signal_cases[_i];
	SessionCmd	cmd;
	PgError		err;
	StatementList list = split_ok(c->sql);

	ck_assert_msg(list.stmts[0].kind == STMT_SIGNAL_BACKEND, "<%s>: kind %d", c->sql, (int) list.stmts[0].kind);
	xl_statements_free(&list);
	xl_session_cmd_init(&cmd);
	ck_assert_msg(parse_cmd(c->sql, &cmd, &err), "<%s>: %s", c->sql, err.message);
	ck_assert_str_eq(cmd.name, c->name);
	ck_assert_int_eq(cmd.pid, c->pid);
	ck_assert_int_eq(cmd.pid_param, c->pid_param);
	ck_assert_str_eq(cmd.column, c->column);
	xl_session_cmd_free(&cmd);
}
END_TEST

/* SELECT set_config('name', 'value', is_local) is SET [LOCAL] name = 'value' */
START_TEST(test_set_config_calls)
{
	SessionCmd	cmd;
	PgError		err;
	StatementList list = split_ok("select pg_catalog.set_config('search_path', '', false)");

	ck_assert_int_eq(list.stmts[0].kind, STMT_SET_CONFIG);
	ck_assert_str_eq(list.stmts[0].tag, "SELECT");
	xl_statements_free(&list);
	xl_session_cmd_init(&cmd);
	ck_assert(parse_cmd("select pg_catalog.set_config('search_path', '', false)", &cmd, &err));
	ck_assert_str_eq(cmd.name, "search_path");
	ck_assert_str_eq(cmd.value.data ? cmd.value.data : "", "");
	ck_assert(!cmd.is_local);
	ck_assert_str_eq(cmd.column, "set_config");
	xl_session_cmd_free(&cmd);

	xl_session_cmd_init(&cmd);
	ck_assert(parse_cmd("SELECT set_config('TimeZone', 'it''s', true) AS \"Z\"", &cmd, &err));
	ck_assert_str_eq(cmd.name, "TimeZone");
	ck_assert_str_eq(cmd.value.data, "it's");
	ck_assert(cmd.is_local);
	ck_assert_str_eq(cmd.column, "Z");
	xl_session_cmd_free(&cmd);

	/* anything else is the database's: columns, parameters, more items */
	for (int i = 0; i < 3; i++)
	{
		static const char *const others[] = {
			"SELECT set_config(name, 'x', false) FROM t", "SELECT set_config($1, 'x', false)",
			"SELECT set_config('a', 'b', false), 1",
		};
		StatementList other = split_ok(others[i]);

		ck_assert_int_eq(other.stmts[0].kind, STMT_SELECT);
		xl_statements_free(&other);
	}
}
END_TEST

/* other calls of the functions go to the database as written */
START_TEST(test_signal_backend_other_calls)
{
	static const char *const sqls[] = {
		"SELECT pg_cancel_backend(pid) FROM t", "SELECT pg_cancel_backend($1::text)",
		"SELECT pg_cancel_backend(1), 2", "SELECT pg_cancel_backend(1) AS",
	};

	for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++)
	{
		StatementList list = split_ok(sqls[i]);

		ck_assert_msg(list.stmts[0].kind != STMT_SIGNAL_BACKEND, "<%s>", sqls[i]);
		xl_statements_free(&list);
	}
}
END_TEST

typedef struct CmdErrorCase
{
	const char *sql;
	const char *sqlstate;
	const char *message;
	int			position;
} CmdErrorCase;

static const CmdErrorCase cmd_error_cases[] = {
	{"SET x =", "42601", "syntax error at end of input", 8},
	{"SET x = ; select 1", "42601", "syntax error at or near \";\"", 9},
	{"SET x 1", "42601", "syntax error at or near \"1\"", 7},
	{"SET x = DEFAULT, 1", "42601", "syntax error at or near \",\"", 16},
	{"SET x = 1,", "42601", "syntax error at end of input", 11},
	{"SET x = B'101'", "42601", "syntax error at or near \"B'101'\"", 9},
	{"SET x = (1)", "42601", "syntax error at or near \"(\"", 9},
	{"SET NAMES utf8", "42601", "syntax error at or near \"utf8\"", 11},
	{"SET TIME ZONE 'UTC' x", "42601", "syntax error at or near \"x\"", 21},
	{"SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE", "0A000", "SET TIME ZONE INTERVAL is not supported by pgwire", 0},
	{"SET ROLE bob", "0A000", "SET ROLE is not supported by pgwire", 0},
	{"SET SESSION AUTHORIZATION bob", "0A000", "SET SESSION AUTHORIZATION is not supported by pgwire", 0},
	{"SET CONSTRAINTS ALL DEFERRED", "0A000", "SET CONSTRAINTS is not supported by pgwire", 0},
	{"SET TRANSACTION SNAPSHOT '1'", "0A000", "SET TRANSACTION SNAPSHOT is not supported by pgwire", 0},
	{"SET x FROM CURRENT", "0A000", "SET FROM CURRENT is not supported by pgwire", 0},
	{"SET CATALOG 'db'", "0A000", "current database cannot be changed", 0},
	{"SET TRANSACTION", "42601", "syntax error at end of input", 16},
	{"SET TRANSACTION ISOLATION LEVEL LOW", "42601", "syntax error at or near \"LOW\"", 33},
	{"BEGIN foo", "42601", "syntax error at or near \"foo\"", 7},
	{"START TRANSACTION READ COMMITTED", "42601", "syntax error at or near \"COMMITTED\"", 24},
	{"START TRANSACTION ISOLATION LEVEL SERIALIZABLE,", "42601", "syntax error at end of input", 48},
	{"COMMIT AND", "42601", "syntax error at end of input", 11},
	{"ROLLBACK WORK NOW", "42601", "syntax error at or near \"NOW\"", 15},
	{"ABORT TO sp", "42601", "syntax error at or near \"TO\"", 7},
	{"SAVEPOINT", "42601", "syntax error at end of input", 10},
	{"SAVEPOINT 'x'", "42601", "syntax error at or near \"'x'\"", 11},
	{"RELEASE a b", "42601", "syntax error at or near \"b\"", 11},
	{"SHOW", "42601", "syntax error at end of input", 5},
	{"SHOW a b", "42601", "syntax error at or near \"b\"", 8},
	{"SHOW TIME", "42601", "syntax error at end of input", 10},
	{"RESET a.", "42601", "syntax error at end of input", 9},
	{"DISCARD foo", "42601", "syntax error at or near \"foo\"", 9},
	{"DISCARD ALL PLANS", "42601", "syntax error at or near \"PLANS\"", 13},
};

START_TEST(test_session_command_errors)
{
	const CmdErrorCase *c = &cmd_error_cases[_i];
	SessionCmd	cmd;
	PgError		err;

	xl_session_cmd_init(&cmd);
	ck_assert_msg(!parse_cmd(c->sql, &cmd, &err), "<%s> parsed", c->sql);
	ck_assert_msg(strcmp(err.sqlstate, c->sqlstate) == 0, "<%s>: %s %s", c->sql, err.sqlstate, err.message);
	ck_assert_msg(strcmp(err.message, c->message) == 0, "<%s>: <%s>", c->sql, err.message);
	ck_assert_msg(err.position == c->position, "<%s>: position %d", c->sql, err.position);
	xl_session_cmd_free(&cmd);
}
END_TEST

START_TEST(test_session_command_long_names)
{
	SessionCmd	cmd;
	PgError		err;
	char		sql[512];
	char		expect[128];

	/* identifiers are cut to 63 bytes, as PostgreSQL's truncate_identifier() */
	snprintf(sql, sizeof(sql), "SAVEPOINT %0100d", 0);
	sql[10] = 'a';
	xl_session_cmd_init(&cmd);
	ck_assert(parse_cmd(sql, &cmd, &err));
	memcpy(expect, sql + 10, 63);
	expect[63] = '\0';
	ck_assert_str_eq(cmd.name, expect);
	xl_session_cmd_free(&cmd);

	/* three full-length parts do not fit a name */
	snprintf(sql, sizeof(sql), "SHOW a%070d.b%070d.c%070d", 0, 0, 0);
	xl_session_cmd_init(&cmd);
	ck_assert(!parse_cmd(sql, &cmd, &err));
	ck_assert_str_eq(err.sqlstate, "42602");
	xl_session_cmd_free(&cmd);
}
END_TEST

START_TEST(test_session_command_wrong_kind)
{
	SessionCmd	cmd;
	PgError		err;

	xl_session_cmd_init(&cmd);
	ck_assert(!parse_cmd("SELECT 1", &cmd, &err));
	ck_assert_str_eq(err.sqlstate, "XX000");
	xl_session_cmd_free(&cmd);
}
END_TEST

/* ---- target lists ---- */

#define ALIAS	0x01
#define STAR	0x02
#define NOT_ANALYSED (-1)

#define COL(name, type)		{name, type, 0}
#define ALIASED(name, type)	{name, type, ALIAS}
#define STAR_COLUMN			{"", 0, STAR}
#define NOT_ANALYSED_CASE(sql)	{sql, NOT_ANALYSED, false, {COL(NULL, 0)}}

typedef struct ColumnExpect
{
	const char *name;
	uint32_t	type;
	int			flags;			/* ALIAS, STAR */
} ColumnExpect;

typedef struct ColumnCase
{
	const char *sql;
	int			ncols;			/* NOT_ANALYSED: xl_select_columns() says false */
	bool		set_operation;
	ColumnExpect cols[8];
} ColumnCase;

static const ColumnCase column_cases[] = {
	/* literals */
	{"SELECT 1", 1, false, {COL("?column?", INT4OID)}},
	{"SELECT 2147483647, 2147483648, -2147483648, -2147483649", 4, false,
	{COL("?column?", INT4OID), COL("?column?", INT8OID), COL("?column?", INT4OID), COL("?column?", INT8OID)}},
	{"SELECT 9223372036854775808, -9223372036854775808, 0x7fffffff, 0x80000000, 1_000", 5, false,
	{COL("?column?", NUMERICOID), COL("?column?", INT8OID), COL("?column?", INT4OID), COL("?column?", INT8OID), COL("?column?", INT4OID)}},
	{"SELECT 1.5, 1e3, 'a', E'b', $$c$$, true, FALSE, NULL", 8, false,
	{COL("?column?", NUMERICOID), COL("?column?", NUMERICOID), COL("?column?", TEXTOID), COL("?column?", TEXTOID),
	COL("?column?", TEXTOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", TEXTOID)}},
	{"SELECT B'101', N'abc', $1, 'a'\n'b'", 4, false,
	{COL("?column?", 0), COL("bpchar", BPCHAROID), COL("?column?", 0), COL("?column?", TEXTOID)}},
	/* names: column references, functions, aliases */
	{"SELECT count(*) FROM t", 1, false, {COL("count", INT8OID)}},
	{"SELECT a.b.c, \"Q\"\"x\", U&\"d\\0061t\", COUNT(x), \"COUNT\"(x) FROM t", 5, false,
	{COL("c", 0), COL("Q\"x", 0), COL("dat", 0), COL("count", INT8OID), COL("COUNT", 0)}},
	{"SELECT pg_catalog.lower(x), s.lower(x), arr[1], (x).f, (x) FROM t", 5, false,
	{COL("lower", TEXTOID), COL("lower", 0), COL("arr", 0), COL("f", 0), COL("x", 0)}},
	{"SELECT a AS \"Mixed\", b bare FROM t", 2, false, {ALIASED("Mixed", 0), ALIASED("bare", 0)}},
	{"SELECT 1 AS Upper, 2 \"Q\"\"x\", 3 AS from, 'a'::text y", 4, false,
	{ALIASED("upper", INT4OID), ALIASED("Q\"x", INT4OID), ALIASED("from", INT4OID), ALIASED("y", TEXTOID)}},
	{"SELECT t.*, u.v FROM t, u", 2, false, {STAR_COLUMN, COL("v", 0)}},
	{"SELECT * FROM t", 1, false, {STAR_COLUMN}},
	/* casts */
	{"SELECT 1::int, x::text, 'a'::text, CAST(1 AS integer) FROM t", 4, false,
	{COL("int4", INT4OID), COL("x", TEXTOID), COL("text", TEXTOID), COL("int4", INT4OID)}},
	{"SELECT 1::double precision, 'a'::character varying(10), now()::timestamp with time zone, 1::float(3)", 4, false,
	{COL("float8", FLOAT8OID), COL("varchar", VARCHAROID), COL("now", TIMESTAMPTZOID), COL("float4", FLOAT4OID)}},
	{"SELECT 'a'::char, 'b'::char(3), x::character varying(2), '1'::numeric(5,2), x::timestamp(3) with time zone FROM t", 5, false,
	{COL("bpchar", BPCHAROID), COL("bpchar", BPCHAROID), COL("x", VARCHAROID), COL("numeric", NUMERICOID), COL("x", TIMESTAMPTZOID)}},
	{"SELECT 1::regclass, '{1}'::int[], x::pg_catalog.int8, 1::myschema.int8, '1'::\"char\"", 5, false,
	{COL("regclass", 0), COL("int4", 0), COL("x", INT8OID), COL("int8", 0), COL("char", CHAROID)}},
	{"SELECT 1::text::int, (SELECT 1)::text, '1'::interval day to second, x::bit varying(3)", 4, false,
	{COL("int4", INT4OID), COL("?column?", TEXTOID), COL("interval", INTERVALOID), COL("x", 0)}},
	{"SELECT date '2024-01-01', interval '1' day, timestamp with time zone 'now', int4 '1'", 4, false,
	{COL("date", DATEOID), COL("interval", INTERVALOID), COL("timestamptz", TIMESTAMPTZOID), COL("int4", INT4OID)}},
	/* special forms */
	{"SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE WHEN a THEN b ELSE c END, CASE WHEN a THEN 1 ELSE 2.5 END, "
	"CASE x WHEN 1 THEN 'x' END, CASE WHEN a THEN 1 ELSE NULL END, CASE WHEN a THEN 1 ELSE y END FROM t", 6, false,
	{COL("case", INT4OID), COL("c", 0), COL("case", 0), COL("case", TEXTOID), COL("case", INT4OID), COL("y", 0)}},
	{"SELECT EXISTS (SELECT 1), ARRAY[1, 2], ARRAY(SELECT 1), ROW(1, 2), (1, 2)", 5, false,
	{COL("exists", BOOLOID), COL("array", 0), COL("array", 0), COL("row", 0), COL("row", 0)}},
	{"SELECT coalesce(NULL, 1), nullif(1, 2.5), greatest(x, 1), least('a', 'b'), max(1), abs(-2::int8) FROM t", 6, false,
	{COL("coalesce", INT4OID), COL("nullif", 0), COL("greatest", 0), COL("least", TEXTOID), COL("max", INT4OID), COL("abs", INT8OID)}},
	{"SELECT current_date, current_timestamp(3), localtimestamp, localtime, current_time, user, "
	"session_user, current_catalog", 8, false,
	{COL("current_date", DATEOID), COL("current_timestamp", TIMESTAMPTZOID), COL("localtimestamp", TIMESTAMPOID),
	COL("localtime", TIMEOID), COL("current_time", TIMETZOID), COL("user", TEXTOID), COL("session_user", TEXTOID),
	COL("current_catalog", TEXTOID)}},
	{"SELECT length(x), upper(x), random(), avg(x), avg(1.5::float8), version(), current_schema(), pg_backend_pid() FROM t", 8, false,
	{COL("length", INT4OID), COL("upper", TEXTOID), COL("random", FLOAT8OID), COL("avg", NUMERICOID), COL("avg", FLOAT8OID),
	COL("version", TEXTOID), COL("current_schema", TEXTOID), COL("pg_backend_pid", INT4OID)}},
	{"SELECT trim(x), trim(leading 'x' from y), count(*) FILTER (WHERE x > 0) OVER (), "
	"percentile_cont(0.5) WITHIN GROUP (ORDER BY x), now() AT TIME ZONE 'UTC', x COLLATE \"C\" FROM t", 6, false,
	{COL("btrim", TEXTOID), COL("ltrim", TEXTOID), COL("count", INT8OID), COL("percentile_cont", 0), COL("timezone", TIMESTAMPOID), COL("x", 0)}},
	{"SELECT (SELECT max(x) FROM t), (SELECT 1), (SELECT x AS y FROM t), (SELECT 1 UNION SELECT 2), (VALUES ('a'))", 5, false,
	{COL("max", 0), COL("?column?", INT4OID), COL("y", 0), COL("?column?", 0), COL("column1", TEXTOID)}},
	/* operators */
	{"SELECT 1 = 1, a <> b, NOT a, a AND b OR c, a IS NULL, a IS NOT TRUE, a IS DISTINCT FROM b, a ISNULL FROM t", 8, false,
	{COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID),
	COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID)}},
	{"SELECT a BETWEEN 1 AND 2, a NOT IN (1, 2), a NOT ILIKE 'x' ESCAPE '!', a SIMILAR TO 'x', a ~ 'x', "
	"a = ANY (ARRAY[1]), 1 + 1 = 2, EXISTS (SELECT 1) AND true FROM t", 8, false,
	{COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID),
	COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID), COL("?column?", BOOLOID)}},
	{"SELECT 'a' || 'b', x || 'a', 1 || 'a', 'a' || '{}'::jsonb, 1 + 2, 1 + 2.5, 2::int8 * 3, 1.5::float8 / 2 FROM t", 8, false,
	{COL("?column?", TEXTOID), COL("?column?", 0), COL("?column?", TEXTOID), COL("?column?", 0),
	COL("?column?", INT4OID), COL("?column?", NUMERICOID), COL("?column?", INT8OID), COL("?column?", FLOAT8OID)}},
	{"SELECT 7 / 2, 1::int2 + 1::int2, 7 % 2.0::float8, x + 1, -x, -1::int, - 1.5, 1 + 2 * 3.0 FROM t", 8, false,
	{COL("?column?", INT4OID), COL("?column?", INT2OID), COL("?column?", 0), COL("?column?", 0),
	COL("?column?", 0), COL("?column?", INT4OID), COL("?column?", NUMERICOID), COL("?column?", NUMERICOID)}},
	{"SELECT 1::float4 + 1::float8, 1::float4 * 2::real, 1::float4 + 1, 2 ^ 2, 1::int8 / 2::int2, 1 % 2::numeric", 6, false,
	{COL("?column?", FLOAT8OID), COL("?column?", FLOAT4OID), COL("?column?", 0), COL("?column?", 0),
	COL("?column?", INT8OID), COL("?column?", NUMERICOID)}},
	/* statement shapes */
	{"SELECT DISTINCT ON (a) a, b FROM t", 2, false, {COL("a", 0), COL("b", 0)}},
	{"SELECT ALL a FROM t WHERE b ORDER BY 1 LIMIT 1 FOR UPDATE", 1, false, {COL("a", 0)}},
	{"SELECT a INTO t2 FROM t", 1, false, {COL("a", 0)}},
	{"SELECT FROM t", 0, false, {COL(NULL, 0)}},
	{"WITH c AS (SELECT 1 AS z) SELECT z FROM c", 1, false, {COL("z", 0)}},
	{"WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c), d AS MATERIALIZED (SELECT 2) SELECT n FROM c", 1, false, {COL("n", 0)}},
	{"SELECT 1 UNION SELECT 2.5", 1, true, {COL("?column?", 0)}},
	{"SELECT a, 1 FROM t EXCEPT SELECT b, 2 FROM u", 2, true, {COL("a", 0), COL("?column?", 0)}},
	{"(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1", 1, true, {COL("a", 0)}},
	{"((SELECT 1 AS x))", 1, false, {ALIASED("x", INT4OID)}},
	{"with x as (select 1) (select 2 y)", 1, false, {ALIASED("y", INT4OID)}},
	{"INSERT INTO t VALUES (1) RETURNING id, id * 2", 2, false, {COL("id", 0), COL("?column?", 0)}},
	{"UPDATE t SET a = 1 WHERE b IN (SELECT c FROM u) RETURNING *, a AS b", 2, false, {STAR_COLUMN, ALIASED("b", 0)}},
	{"WITH r AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT id FROM r RETURNING u.id", 1, false, {COL("id", 0)}},
	{"VALUES (1, 'a')", 2, false, {COL("column1", INT4OID), COL("column2", TEXTOID)}},
	{"VALUES (1, NULL), (2, 'x'), (3, 'y')", 2, false, {COL("column1", INT4OID), COL("column2", TEXTOID)}},
	{"VALUES (1), (2.5)", 1, false, {COL("column1", 0)}},
	{"VALUES (1) UNION SELECT 2", 1, true, {COL("column1", 0)}},
	/* not analysed */
	NOT_ANALYSED_CASE("TABLE t"),
	NOT_ANALYSED_CASE("DELETE FROM t"),
	NOT_ANALYSED_CASE("INSERT INTO t VALUES (1)"),
	NOT_ANALYSED_CASE("CREATE TABLE t2 AS SELECT 1"),
	NOT_ANALYSED_CASE("EXPLAIN SELECT 1"),
	NOT_ANALYSED_CASE("SET x = 1"),
	NOT_ANALYSED_CASE("SELECT a, FROM t"),
	NOT_ANALYSED_CASE("SELECT a b c FROM t"),
	NOT_ANALYSED_CASE("SELECT x IS NORMALIZED"),
	NOT_ANALYSED_CASE("SELECT count(*) OVER FROM t"),
	NOT_ANALYSED_CASE("SELECT x year FROM t"),
	NOT_ANALYSED_CASE("SELECT (SELECT * FROM t)"),
	NOT_ANALYSED_CASE("SELECT 1 AS"),
	NOT_ANALYSED_CASE("SELECT (1"),
	NOT_ANALYSED_CASE("SELECT CASE WHEN a THEN 1"),
	NOT_ANALYSED_CASE("VALUES (1, 2), (3)"),
	NOT_ANALYSED_CASE("WITH c AS (SELECT 1) SEARCH DEPTH FIRST BY a SET o SELECT 1"),
};

/* Describe the target list of sql's only statement into cols. */
static bool
select_columns(const char *sql, ColumnList *cols)
{
	StatementList list = split_ok(sql);
	bool		ok;

	ck_assert_uint_eq(list.count, 1);
	xl_columns_init(cols);
	ok = xl_select_columns(sql, &list, &list.stmts[0], cols);
	xl_statements_free(&list);
	return ok;
}

START_TEST(test_select_columns)
{
	const ColumnCase *c = &column_cases[_i];
	ColumnList	cols;
	bool		ok = select_columns(c->sql, &cols);

	if (c->ncols == NOT_ANALYSED)
	{
		ck_assert_msg(!ok && cols.count == 0, "<%s>: analysed, %zu columns", c->sql, cols.count);
		xl_columns_free(&cols);
		return;
	}
	ck_assert_msg(ok, "<%s>: not analysed", c->sql);
	ck_assert_msg(cols.count == (size_t) c->ncols, "<%s>: %zu columns", c->sql, cols.count);
	ck_assert_msg(cols.set_operation == c->set_operation, "<%s>: set_operation", c->sql);
	for (size_t k = 0; k < cols.count; k++)
	{
		const ColumnInfo *got = &cols.items[k];
		const ColumnExpect *want = &c->cols[k];

		ck_assert_msg(strcmp(got->name, want->name) == 0, "<%s> column %zu: name <%s>, expected <%s>",
					  c->sql, k + 1, got->name, want->name);
		ck_assert_msg(got->type_oid == want->type, "<%s> column %zu (%s): type %u, expected %u",
					  c->sql, k + 1, got->name, got->type_oid, want->type);
		ck_assert_msg(got->has_alias == ((want->flags & ALIAS) != 0), "<%s> column %zu: has_alias",
					  c->sql, k + 1);
		ck_assert_msg(got->is_star == ((want->flags & STAR) != 0), "<%s> column %zu: is_star",
					  c->sql, k + 1);
	}
	xl_columns_free(&cols);
	ck_assert_ptr_null(cols.items);
}
END_TEST

/* Assert column k's expression is written as text in sql. */
static void
assert_span(const char *sql, const ColumnList *cols, size_t k, const char *text)
{
	const ColumnInfo *c = &cols->items[k];

	ck_assert_msg(c->expr_end - c->expr_start == strlen(text) &&
				  memcmp(sql + c->expr_start, text, strlen(text)) == 0,
				  "<%s> column %zu spans <%.*s>, expected <%s>", sql, k + 1,
				  (int) (c->expr_end - c->expr_start), sql + c->expr_start, text);
}

START_TEST(test_select_column_spans)
{
	const char *sql = "SELECT 1; SELECT DISTINCT  count( * ) /* c */ AS n, x\n, t.*, -1::int y,"
		"'a'\n'b' FROM t";
	StatementList list = split_ok(sql);
	ColumnList	cols;

	xl_columns_init(&cols);
	ck_assert(xl_select_columns(sql, &list, &list.stmts[1], &cols));
	ck_assert_uint_eq(cols.count, 5);
	assert_span(sql, &cols, 0, "count( * )");
	assert_span(sql, &cols, 1, "x");
	assert_span(sql, &cols, 2, "t.*");
	assert_span(sql, &cols, 3, "-1::int");
	assert_span(sql, &cols, 4, "'a'\n'b'");
	xl_columns_free(&cols);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_select_column_long_names)
{
	char		sql[256];
	char		expect[64];
	ColumnList	cols;

	/* names are cut to 63 bytes, never inside a UTF-8 character */
	snprintf(sql, sizeof(sql), "SELECT 1 AS a%070d, 2 AS \"%062d\xc3\xa9\"", 0, 0);
	ck_assert(select_columns(sql, &cols));
	ck_assert_uint_eq(cols.count, 2);
	memset(expect, '0', 63);
	expect[0] = 'a';
	expect[63] = '\0';
	ck_assert_str_eq(cols.items[0].name, expect);
	ck_assert_uint_eq(strlen(cols.items[1].name), 62);
	xl_columns_free(&cols);
}
END_TEST

START_TEST(test_select_columns_deep_nesting)
{
	Buf			q;
	ColumnList	cols;

	/* too deep to follow: no answer, no crash */
	buf_init(&q);
	buf_append_str(&q, "SELECT ");
	for (int k = 0; k < 500; k++)
		buf_append_str(&q, "(");
	buf_append_str(&q, "1");
	for (int k = 0; k < 500; k++)
		buf_append_str(&q, ")");
	ck_assert(!select_columns(q.data, &cols));
	xl_columns_free(&cols);
	buf_free(&q);
}
END_TEST

START_TEST(test_select_columns_many)
{
	Buf			q;
	ColumnList	cols;

	buf_init(&q);
	buf_append_str(&q, "SELECT c0");
	for (int k = 1; k < 100; k++)
		buf_appendf(&q, ", c%d", k);
	buf_append_str(&q, " FROM t");
	ck_assert(select_columns(q.data, &cols));
	ck_assert_uint_eq(cols.count, 100);
	ck_assert_str_eq(cols.items[99].name, "c99");
	xl_columns_free(&cols);
	buf_free(&q);
}
END_TEST

/* ---- rewriting ---- */

typedef struct RewriteCase
{
	const char *sql;
	const char *expected;
} RewriteCase;

#define V "'PostgreSQL 16.6 on x86_64, it''s pgwire'"

/* Session functions: the rule every dialect has (shown for PostgreSQL). */
static const RewriteCase rewrite_cases[] = {
	{"SELECT version()", "SELECT " V " AS version"},
	{"select current_user, x from t", "select 'alice' AS current_user, x from t"},
	{"SELECT 'version()'", "SELECT 'version()'"},
	{"SELECT pg_backend_pid() AS p", "SELECT 42 AS p"},
	{"SELECT pg_backend_pid()", "SELECT 42 AS pg_backend_pid"},
	{"SELECT pg_catalog.version(), current_database() , current_catalog,session_user FROM t",
	"SELECT " V " AS version, 'app''db' AS current_database , 'app''db' AS current_catalog,'alice' AS session_user FROM t"},
	{"SELECT PG_CATALOG . VERSION ( )", "SELECT " V " AS version"},
	{"SELECT current_schema, current_schema() c, CURRENT_ROLE", "SELECT 'public' AS current_schema, 'public' c, 'alice' AS current_role"},
	{"select user", "select 'alice' AS \"user\""},
	{"select name, user from t where owner = user", "select name, 'alice' AS \"user\" from t where owner = 'alice'"},
	{"select user.name from user", "select user.name from user"},
	{"select a user", "select a user"},
	{"select t.current_user, x.version() from t", "select t.current_user, x.version() from t"},
	{"select * from t where a = current_user", "select * from t where a = 'alice'"},
	{"select (select version()), coalesce(version(), 'x')", "select (select " V " AS version), coalesce(" V ", 'x')"},
	{"SELECT version() || 'x', version()::text, version() v", "SELECT " V " || 'x', " V "::text, " V " v"},
	{"select distinct current_user", "select distinct 'alice' AS current_user"},
	{"select distinct on (a) current_user, a from t", "select distinct on (a) 'alice' AS current_user, a from t"},
	{"select version() union all select version() order by 1", "select " V " AS version union all select " V " AS version order by 1"},
	{"select version() into t", "select " V " AS version into t"},
	{"select a from t group by a, version()", "select a from t group by a, " V},
	{"select a from t order by a, current_user", "select a from t order by a, 'alice'"},
	{"select /* version() */ version() -- current_user\n", "select /* version() */ " V " AS version"},
	{"select \"version\"(), \"current_user\"", "select \"version\"(), \"current_user\""},
	{"select user(), current_user(), version(1)", "select user(), current_user(), version(1)"},
	{"select 1 as current_user", "select 1 as current_user"},
	{"select * from version()", "select * from version()"},
	{"select $$current_user$$, E'version()'", "select $$current_user$$, E'version()'"},
	{"insert into t values (current_user) returning current_user", "insert into t values ('alice') returning 'alice' AS current_user"},
	{"update t set owner = current_user where id = 1", "update t set owner = 'alice' where id = 1"},
	{"create table t as select current_user", "create table t as select 'alice' AS current_user"},
	{"create view v as select current_user", "create view v as select current_user"},
	{"grant select on t to current_user", "grant select on t to current_user"},
	{"explain select version()", "explain select " V " AS version"},
	{"SELECT  version ( ) ,\n  1", "SELECT  " V " AS version ,\n  1"},
};

static const SessionValues session_values = {
	"PostgreSQL 16.6 on x86_64, it's pgwire", "app'db", "alice", "public", 42
};

/*
 * SQLite (IRIS alike): every unaliased item of the outermost target list is
 * named as PostgreSQL names it, session functions included, once.
 */
static const RewriteCase named_rewrite_cases[] = {
	{"SELECT count(*), 1 AS one, x FROM t", "SELECT count(*) AS \"count\", 1 AS one, x AS \"x\" FROM t"},
	{"SELECT version()", "SELECT " V " AS \"version\""},
	{"SELECT version() v, pg_catalog.version(), user", "SELECT " V " v, " V " AS \"version\", 'alice' AS \"user\""},
	{"select /* version() */ version() -- current_user\n", "select /* version() */ " V " AS \"version\""},
	{"SELECT  a /* first */ ,\n\tb+1   -- tail\nFROM t", "SELECT  a AS \"a\" /* first */ ,\n\tb+1 AS \"?column?\"   -- tail\nFROM t"},
	{"select (select version()), coalesce(version(), 'x')",
	"select (select " V " AS version) AS \"version\", coalesce(" V ", 'x') AS \"coalesce\""},
	{"SELECT current_schema, current_schema() c, CURRENT_ROLE",
	"SELECT 'public' AS \"current_schema\", 'public' c, 'alice' AS \"current_role\""},
	{"select name, user from t where owner = user", "select name AS \"name\", 'alice' AS \"user\" from t where owner = 'alice'"},
	{"SELECT t.*, u.v, * FROM t, u", "SELECT t.*, u.v AS \"v\", * FROM t, u"},
	{"SELECT \"We\"\"ird\", X AS y, 1 + 1 FROM t", "SELECT \"We\"\"ird\" AS \"We\"\"ird\", X AS y, 1 + 1 AS \"?column?\" FROM t"},
	{"SELECT 1 UNION SELECT version() ORDER BY 1", "SELECT 1 AS \"?column?\" UNION SELECT " V " AS version ORDER BY 1"},
	{"(SELECT a FROM t) UNION (SELECT b FROM u)", "(SELECT a AS \"a\" FROM t) UNION (SELECT b FROM u)"},
	{"WITH c AS (SELECT 1) SELECT count(*) FROM c", "WITH c AS (SELECT 1) SELECT count(*) AS \"count\" FROM c"},
	{"SELECT DISTINCT ON (a) a, b FROM t", "SELECT DISTINCT ON (a) a AS \"a\", b AS \"b\" FROM t"},
	{"INSERT INTO t VALUES (1) RETURNING id, id * 2", "INSERT INTO t VALUES (1) RETURNING id AS \"id\", id * 2 AS \"?column?\""},
	{"VALUES (1, 'a'), (2, version())", "VALUES (1, 'a'), (2, " V ")"},
	{"TABLE t", "TABLE t"},
	{"SELECT x IS NORMALIZED FROM t", "SELECT x IS NORMALIZED FROM t"},
	{"create view v as select 1", "create view v as select 1"},
	{"update t set a = 1", "update t set a = 1"},
};

/*
 * What the sqlite dialect makes of a query written expected for the others:
 * one that begins with VALUES or '(' in SELECT * FROM (...), as SQLite's
 * driver runs as a query only what begins with SELECT or WITH. Static: the
 * next call overwrites it.
 */
static const char *
sqlite_query(const char *expected)
{
	static Buf	wrapped;

	if (strncmp(expected, "VALUES", 6) != 0 && expected[0] != '(')
		return expected;
	buf_reset(&wrapped);
	buf_appendf(&wrapped, "SELECT * FROM (%s)", expected);
	return wrapped.data;
}

static void
assert_rewrite(const char *sql, SqlDialect dialect, const SessionValues *values, const char *expected)
{
	StatementList list = split_ok(sql);
	ParamMap	params;
	RewriteContext ctx = {.dialect = dialect,.session = values,.params = &params};
	Buf			out;
	PgError		err;

	ck_assert_uint_eq(list.count, 1);
	xl_params_init(&params);
	buf_init(&out);
	ck_assert_msg(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err), "<%s>: %s", sql, err.message);
	ck_assert(!buf_failed(&out));
	ck_assert_msg(strcmp(out.data, expected) == 0, "<%s>\n  gave <%s>\n  want <%s>", sql, out.data, expected);
	buf_free(&out);
	xl_params_free(&params);
	xl_statements_free(&list);
}

/* $n becomes ?, recorded in marker order with the types casts give. */
START_TEST(test_rewrite_params)
{
	const char *sql = "SELECT $2::int8 AS a, '$1', $1, x FROM t WHERE y = $2 /* $3 */ AND z = $4::text";
	StatementList list = split_ok(sql);
	ParamMap	params;
	RewriteContext ctx = {.dialect = DIALECT_POSTGRES,.session = &session_values,.params = &params};
	Buf			out;
	PgError		err;

	xl_params_init(&params);
	buf_init(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "SELECT ?::int8 AS a, '$1', ?, x FROM t WHERE y = ? /* $3 */ AND z = ?::text");
	ck_assert_uint_eq(params.count, 4);
	ck_assert_int_eq(params.markers[0], 2);
	ck_assert_int_eq(params.markers[1], 1);
	ck_assert_int_eq(params.markers[2], 2);
	ck_assert_int_eq(params.markers[3], 4);
	ck_assert_int_eq(params.max_param, 4);
	ck_assert_uint_eq(xl_params_type(&params, 2), 20);
	ck_assert_uint_eq(xl_params_type(&params, 1), 0);
	ck_assert_uint_eq(xl_params_type(&params, 3), 0);
	ck_assert_uint_eq(xl_params_type(&params, 4), 25);
	ck_assert_uint_eq(xl_params_type(&params, 99), 0);
	buf_free(&out);
	xl_params_free(&params);
	xl_statements_free(&list);
}
END_TEST

/* Which column each parameter goes to: "n:table.column" or "n:table#ordinal", space-separated. */
typedef struct TargetCase
{
	const char *sql;
	const char *expected;
} TargetCase;

static const TargetCase target_cases[] = {
	{"INSERT INTO t (a, \"B\", c) VALUES ($1, $2, lower($3))", "1:t.a 2:t.B"},
	{"insert into s.t values ($2, $1), ($3, 4)", "2:t#1 1:t#2 3:t#1"},
	{"INSERT INTO t AS x (a) VALUES ((($1)))", ""},
	{"INSERT INTO t (a) SELECT $1", ""},
	{"UPDATE t SET a = $1, b = $2 + 1 WHERE id = $3", "1:t.a 3:t.id"},
	{"DELETE FROM ONLY t WHERE $1 = t.id", ""},
	{"DELETE FROM t x WHERE x.id <> $1 AND $2 >= n", "1:t.id 2:t.n"},
	{"SELECT * FROM t WHERE a = $1::int8 OR b = $2", "2:t.b"},
	{"SELECT * FROM t, u WHERE a = $1", ""},
	{"SELECT * FROM t JOIN u ON true WHERE a = $1", ""},
	{"SELECT * FROM t AS x LEFT JOIN u ON true WHERE a = $1", ""},
	{"SELECT * FROM t AS x WHERE x.a = $1 ORDER BY 1", "1:t.a"},
	{"SELECT (SELECT 1 FROM u) FROM t WHERE a = $1", "1:t.a"},
	{"SELECT $1", ""},
};

START_TEST(test_param_targets)
{
	const TargetCase *tc = &target_cases[_i];
	StatementList list = split_ok(tc->sql);
	ParamTargets targets;
	Buf			got;

	xl_param_targets_init(&targets);
	buf_init(&got);
	ck_assert(xl_param_targets(tc->sql, &list, &list.stmts[0], &targets));
	for (size_t k = 0; k < targets.count; k++)
	{
		const ParamTarget *t = &targets.items[k];

		if (k > 0)
			buf_append_byte(&got, ' ');
		if (t->column != NULL)
			buf_appendf(&got, "%d:%s.%s", t->param, t->table, t->column);
		else
			buf_appendf(&got, "%d:%s#%d", t->param, t->table, t->ordinal);
	}
	buf_append_byte(&got, '\0');
	ck_assert_msg(strcmp(got.data, tc->expected) == 0, "<%s>\n  gave <%s>\n  want <%s>",
				  tc->sql, got.data, tc->expected);
	buf_free(&got);
	xl_param_targets_free(&targets);
	xl_statements_free(&list);
}
END_TEST

/* The postgres dialect casts markers to the types Parse declared. */
START_TEST(test_rewrite_declared_types)
{
	const char *sql = "SELECT $1 IS NULL, $2::text, $3, $1";
	static const uint32_t declared[] = {23, 1184, 0};
	StatementList list = split_ok(sql);
	ParamMap	params;
	RewriteContext ctx = {.dialect = DIALECT_POSTGRES,.session = &session_values,.params = &params,
	.declared_types = declared,.ndeclared = 3};
	Buf			out;
	PgError		err;

	xl_params_init(&params);
	buf_init(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "SELECT ?::\"int4\" IS NULL, ?::text, ?, ?::\"int4\"");
	buf_reset(&out);
	ctx.dialect = DIALECT_SQLITE;
	xl_params_free(&params);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "SELECT ? IS NULL AS \"?column?\", CAST(? AS TEXT) AS \"text\", ? AS \"?column?\", ? AS \"?column?\"");
	buf_free(&out);
	xl_params_free(&params);
	xl_statements_free(&list);
}
END_TEST

/* Translate sql for dialect with ctx's parameters, into out and params; false with err on error. */
static bool
rewrite_with(const char *sql, RewriteContext *ctx, ParamMap *params, Buf *out, PgError *err)
{
	StatementList list = split_ok(sql);
	bool		ok;

	xl_params_free(params);
	buf_reset(out);
	ctx->session = &session_values;
	ctx->params = params;
	ok = xl_rewrite(sql, &list, &list.stmts[0], ctx, out, err);
	xl_statements_free(&list);
	return ok;
}

/*
 * The map says which markers are read as vectors (and the vector(n) they
 * are cast to): their type is vector unless the text says another, and a
 * parameter also used plainly is not "only a vector".
 */
START_TEST(test_params_vector_uses)
{
	RewriteContext ctx = {.dialect = DIALECT_IRIS};
	ParamMap	params;
	Buf			out;
	PgError		err;

	xl_params_init(&params);
	buf_init(&out);
	ck_assert(rewrite_with("SELECT id FROM t WHERE e <=> $1 < $3 AND e <#> $2::vector(3) < 0 AND label = $2",
						   &ctx, &params, &out, &err));
	ck_assert_str_eq(out.data, "SELECT id AS \"id\" FROM t WHERE (1 - VECTOR_COSINE(e, TO_VECTOR(?, DOUBLE))) < ? "
					 "AND (-VECTOR_DOT_PRODUCT(e, TO_VECTOR(?, DOUBLE, 3))) < 0 AND label = ?");
	ck_assert_uint_eq(params.count, 4);
	ck_assert_int_eq(xl_params_uses(&params, 1), XL_PARAM_VECTOR);
	ck_assert_int_eq(xl_params_uses(&params, 2), XL_PARAM_VECTOR | XL_PARAM_PLAIN);
	ck_assert_int_eq(xl_params_uses(&params, 3), XL_PARAM_PLAIN);
	ck_assert_int_eq(xl_params_uses(&params, 4), 0);
	ck_assert_uint_eq(xl_params_type(&params, 1), VECTOROID);
	ck_assert_uint_eq(xl_params_type(&params, 3), 0);
	ck_assert_int_eq(xl_params_dims(&params, 1), 0);
	ck_assert_int_eq(xl_params_dims(&params, 2), 3);
	ck_assert(xl_params_any_vector(&params));

	/* a parameter the client declared a vector is one wherever it stands */
	{
		static const uint32_t declared[] = {INT4OID, VECTOROID};

		ctx.declared_types = declared;
		ctx.ndeclared = 2;
		ck_assert(rewrite_with("INSERT INTO t (id, e) VALUES ($1, $2)", &ctx, &params, &out, &err));
		ck_assert_str_eq(out.data, "INSERT INTO t (id, e) VALUES (?, TO_VECTOR(?, DOUBLE))");
		ck_assert_int_eq(xl_params_uses(&params, 2), XL_PARAM_VECTOR);
		ck_assert(rewrite_with("SELECT e <=> $2, $2::vector(3) FROM t", &ctx, &params, &out, &err));
		ck_assert_str_eq(out.data, "SELECT (1 - VECTOR_COSINE(e, TO_VECTOR(?, DOUBLE))) AS \"?column?\", "
						 "TO_VECTOR(?, DOUBLE, 3) AS \"vector\" FROM t");
		ctx.dialect = DIALECT_SQLITE;
		ck_assert(rewrite_with("INSERT INTO t (id, e) VALUES ($1, $2)", &ctx, &params, &out, &err));
		ck_assert_str_eq(out.data, "INSERT INTO t (id, e) VALUES (?, pgw_vector(?))");
		ctx.declared_types = NULL;
		ctx.ndeclared = 0;
	}
	ck_assert(rewrite_with("SELECT $1 + 1", &ctx, &params, &out, &err));
	ck_assert(!xl_params_any_vector(&params));
	buf_free(&out);
	xl_params_free(&params);
}
END_TEST

/*
 * vector_parameters = inline: a vector parameter's value is written as a
 * literal pgwire formats again (never the text given), the map records it
 * as inlined, and only the other parameters keep markers.
 */
START_TEST(test_params_inlined_vectors)
{
	static const char *const literals[] = {"[1.5,2,3]", NULL, "[ 4 , 5e0,6]", "[1,2]"};
	RewriteContext ctx = {.dialect = DIALECT_IRIS,.vector_literals = literals,.nvector_literals = 4};
	const char *sql = "SELECT id, e <=> $1 AS d FROM t WHERE e <#> $3::vector(3) < $2 AND f <=> $2 > 0 ORDER BY e <=> $1";
	ParamMap	params;
	Buf			out;
	PgError		err;

	xl_params_init(&params);
	buf_init(&out);
	ck_assert_msg(rewrite_with(sql, &ctx, &params, &out, &err), "%s", err.message);
	ck_assert_str_eq(out.data, "SELECT id AS \"id\", (1 - VECTOR_COSINE(e, TO_VECTOR('1.5,2,3', DOUBLE))) AS d FROM t "
					 "WHERE (-VECTOR_DOT_PRODUCT(e, TO_VECTOR('4,5,6', DOUBLE, 3))) < ? AND (1 - VECTOR_COSINE(f, NULL)) > 0 "
					 "ORDER BY (1 - VECTOR_COSINE(e, TO_VECTOR('1.5,2,3', DOUBLE)))");
	/* $2 is inlined where it is a vector (a NULL one) and a marker where it is not */
	ck_assert_uint_eq(params.count, 1);
	ck_assert_int_eq(params.markers[0], 2);
	ck_assert_int_eq(params.max_param, 3);
	ck_assert_int_eq(xl_params_uses(&params, 1), XL_PARAM_VECTOR | XL_PARAM_INLINED);
	ck_assert_int_eq(xl_params_uses(&params, 2), XL_PARAM_VECTOR | XL_PARAM_INLINED | XL_PARAM_PLAIN);
	ck_assert_int_eq(xl_params_uses(&params, 3), XL_PARAM_VECTOR | XL_PARAM_INLINED);
	ck_assert_int_eq(xl_params_dims(&params, 3), 3);

	ctx.dialect = DIALECT_SQLITE;
	ck_assert(rewrite_with("SELECT e <-> $1 FROM t", &ctx, &params, &out, &err));
	ck_assert_str_eq(out.data, "SELECT pgw_l2_distance(e, pgw_vector('[1.5,2,3]')) AS \"?column?\" FROM t");
	ck_assert_uint_eq(params.count, 0);

	/* the cast's dimensions are checked, at the parameter */
	ck_assert(!rewrite_with("SELECT $4::vector(3)", &ctx, &params, &out, &err));
	ck_assert_str_eq(err.sqlstate, "22000");
	ck_assert_str_eq(err.message, "expected 3 dimensions, not 2");
	ck_assert_int_eq(err.position, 8);
	/* a simple Query has no parameters, inlined or not */
	ctx.params = NULL;
	{
		StatementList list = split_ok("SELECT e <-> $1 FROM t");

		buf_reset(&out);
		ck_assert(!xl_rewrite("SELECT e <-> $1 FROM t", &list, &list.stmts[0], &ctx, &out, &err));
		ck_assert_str_eq(err.sqlstate, "42P02");
		xl_statements_free(&list);
	}
	buf_free(&out);
	xl_params_free(&params);
}
END_TEST

/* A plan's map holds every step's markers and what they say of each $n. */
START_TEST(test_params_append)
{
	ParamMap	a;
	ParamMap	b;

	xl_params_init(&a);
	xl_params_init(&b);
	ck_assert(xl_params_add(&a, 2, 0));
	ck_assert(xl_params_add(&b, 1, INT4OID));
	ck_assert(xl_params_add(&b, 3, 0));
	xl_params_mark_vector(&b, 3, 4);
	ck_assert(xl_params_add_inlined(&b, 5, -1));
	ck_assert(xl_params_append(&a, &b));
	ck_assert_uint_eq(a.count, 3);
	ck_assert_int_eq(a.markers[1], 1);
	ck_assert_int_eq(a.markers[2], 3);
	ck_assert_int_eq(a.max_param, 5);
	ck_assert_uint_eq(xl_params_type(&a, 1), INT4OID);
	ck_assert_int_eq(xl_params_uses(&a, 2), XL_PARAM_PLAIN);
	ck_assert_int_eq(xl_params_uses(&a, 3), XL_PARAM_VECTOR);
	ck_assert_int_eq(xl_params_dims(&a, 3), 4);
	ck_assert_int_eq(xl_params_uses(&a, 5), XL_PARAM_VECTOR | XL_PARAM_INLINED);
	ck_assert_int_eq(xl_params_first_marker(&a, 3), 3);
	xl_params_free(&a);
	xl_params_free(&b);
}
END_TEST

START_TEST(test_returning_position)
{
	static const struct
	{
		const char *sql;
		int			position;
	}			cases[] = {
		{"INSERT INTO t VALUES (1) RETURNING id", 26},
		{"update t set a = 1 returning *", 20},
		{"DELETE FROM t WHERE a IN (SELECT returning FROM u)", 0},
		{"WITH r AS (DELETE FROM t RETURNING *) SELECT * FROM r", 0},
		{"INSERT INTO t SELECT 1", 0},
	};

	for (size_t i = 0; i < lengthof(cases); i++)
	{
		StatementList list = split_ok(cases[i].sql);

		ck_assert_msg(xl_returning_position(cases[i].sql, &list, &list.stmts[0]) == cases[i].position,
					  "<%s>", cases[i].sql);
		xl_statements_free(&list);
	}
}
END_TEST

/* INSERT ... RETURNING as a plan: per row an INSERT, then the one SELECT, repeated. */
START_TEST(test_plan_dml_steps)
{
	const char *sql = "INSERT INTO t (a) VALUES ($1), ($2) RETURNING id, $3";
	static const char *const texts[] = {
		"INSERT INTO t (a) VALUES ($1)",
		"SELECT id, $3 FROM t WHERE pgwire_inserted_row()",
		"INSERT INTO t (a) VALUES ($2)",
		"SELECT id, $3 FROM t WHERE pgwire_inserted_row()",
	};
	static const char *const sqlite[] = {
		"INSERT INTO t (a) VALUES (?)",
		"SELECT id AS \"id\", ? AS \"?column?\" FROM t WHERE rowid = last_insert_rowid()",
		"INSERT INTO t (a) VALUES (?)",
		"SELECT id AS \"id\", ? AS \"?column?\" FROM t WHERE rowid = last_insert_rowid()",
	};
	static const int marker[] = {1, 3, 2, 3};
	StatementList list = split_ok(sql);
	RewriteContext ctx = {.dialect = DIALECT_SQLITE};
	XlPlan		plan;
	PgError		err;

	xl_plan_init(&plan);
	ck_assert(xl_plan_dml(sql, &list, &list.stmts[0], DIALECT_SQLITE, &plan, &err));
	ck_assert_uint_eq(plan.count, 4);
	for (size_t k = 0; k < plan.count; k++)
	{
		StatementList step;
		ParamMap	params;
		Buf			out;

		ck_assert_str_eq(xl_plan_step_text(&plan, k), texts[k]);
		ck_assert(plan.steps[k].returns_rows == (k % 2 == 1));
		ck_assert_int_eq(plan.steps[k].same_as, k == 3 ? 1 : -1);
		xl_statements_init(&step);
		xl_params_init(&params);
		buf_init(&out);
		ctx.params = &params;
		ck_assert(xl_plan_rewrite_step(sql, &plan, k, &ctx, &step, &out, &err));
		ck_assert_str_eq(out.data, sqlite[k]);
		ck_assert_uint_eq(params.count, 1);
		ck_assert_int_eq(params.markers[0], marker[k]);
		buf_free(&out);
		xl_params_free(&params);
		xl_statements_free(&step);
	}
	xl_plan_free(&plan);

	/* the postgres dialect reads RETURNING itself; no RETURNING, no plan */
	ck_assert(xl_plan_dml(sql, &list, &list.stmts[0], DIALECT_POSTGRES, &plan, &err));
	ck_assert_uint_eq(plan.count, 0);
	xl_statements_free(&list);
	list = split_ok("INSERT INTO t (a) VALUES (1), (2)");
	ck_assert(xl_plan_dml("INSERT INTO t (a) VALUES (1), (2)", &list, &list.stmts[0], DIALECT_IRIS,
						  &plan, &err));
	ck_assert_uint_eq(plan.count, 0);
	xl_plan_free(&plan);
	xl_statements_free(&list);
}
END_TEST

/* Thousands of rows: two steps each, built and translated in linear time. */
START_TEST(test_plan_dml_many_rows)
{
	Buf			sql;
	StatementList list;
	XlPlan		plan;
	PgError		err;
	RewriteContext ctx = {.dialect = DIALECT_IRIS};

	buf_init(&sql);
	buf_append_str(&sql, "INSERT INTO t (a, b) VALUES ");
	for (int i = 0; i < 5000; i++)
		buf_appendf(&sql, "%s(%d, 'r%d')", i ? ", " : "", i, i);
	buf_append_str(&sql, " RETURNING id");
	list = split_ok(sql.data);
	xl_plan_init(&plan);
	ck_assert(xl_plan_dml(sql.data, &list, &list.stmts[0], DIALECT_IRIS, &plan, &err));
	ck_assert_uint_eq(plan.count, 10000);
	ck_assert_str_eq(xl_plan_step_text(&plan, 9998), "INSERT INTO t (a, b) VALUES (4999, 'r4999')");
	for (size_t k = 0; k < plan.count; k++)
	{
		StatementList step;
		Buf			out;

		xl_statements_init(&step);
		buf_init(&out);
		ck_assert(xl_plan_rewrite_step(sql.data, &plan, k, &ctx, &step, &out, &err));
		buf_free(&out);
		xl_statements_free(&step);
	}
	xl_plan_free(&plan);
	xl_statements_free(&list);
	buf_free(&sql);
}
END_TEST

/* The marker of a plan's step means nothing in a client's own statement. */
START_TEST(test_plan_marker_only_in_steps)
{
	const char *sql = "SELECT pgwire_inserted_row()";
	StatementList list = split_ok(sql);
	RewriteContext ctx = {.dialect = DIALECT_IRIS};
	Buf			out;
	PgError		err;

	buf_init(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "SELECT pgwire_inserted_row() AS \"pgwire_inserted_row\"");
	buf_free(&out);
	xl_statements_free(&list);
}
END_TEST

/* A simple Query has no parameters: PostgreSQL's 42P02 at the $n. */
START_TEST(test_rewrite_param_in_simple_query)
{
	const char *sql = "SELECT 1 WHERE x = $1";
	StatementList list = split_ok(sql);
	RewriteContext ctx = {.dialect = DIALECT_SQLITE,.session = &session_values};
	Buf			out;
	PgError		err;

	buf_init(&out);
	ck_assert(!xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(err.sqlstate, "42P02");
	ck_assert_str_eq(err.message, "there is no parameter $1");
	ck_assert_int_eq(err.position, 20);
	buf_free(&out);
	xl_statements_free(&list);

	/* and none past what Bind can carry, even with parameters */
	{
		ParamMap	params;

		sql = "SELECT $65536";
		list = split_ok(sql);
		xl_params_init(&params);
		ctx.params = &params;
		buf_init(&out);
		ck_assert(!xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err));
		ck_assert_str_eq(err.message, "there is no parameter $65536");
		xl_params_free(&params);
	}
	buf_free(&out);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_rewrite)
{
	assert_rewrite(rewrite_cases[_i].sql, DIALECT_POSTGRES, &session_values, rewrite_cases[_i].expected);
}
END_TEST

START_TEST(test_rewrite_names_columns)
{
	assert_rewrite(named_rewrite_cases[_i].sql, DIALECT_SQLITE, &session_values,
				   sqlite_query(named_rewrite_cases[_i].expected));
	assert_rewrite(named_rewrite_cases[_i].sql, DIALECT_IRIS, &session_values,
				   named_rewrite_cases[_i].expected);
}
END_TEST

START_TEST(test_rewrite_postgres_keeps_names)
{
	assert_rewrite("SELECT count(*), x, 1 FROM t", DIALECT_POSTGRES, &session_values,
				   "SELECT count(*), x, 1 FROM t");
}
END_TEST

START_TEST(test_rewrite_null_and_no_session)
{
	SessionValues no_schema = session_values;

	no_schema.schema = NULL;
	assert_rewrite("select current_schema()", DIALECT_POSTGRES, &no_schema, "select NULL AS current_schema");
	assert_rewrite("select current_user", DIALECT_POSTGRES, NULL, "select current_user");
	assert_rewrite("select current_schema()", DIALECT_SQLITE, &no_schema, "select NULL AS \"current_schema\"");
	assert_rewrite("select current_user", DIALECT_SQLITE, NULL, "select current_user AS \"current_user\"");
}
END_TEST

START_TEST(test_rewrite_second_statement)
{
	const char *sql = "select 1; select version() ; select 3";
	StatementList list = split_ok(sql);
	RewriteContext ctx = {.dialect = DIALECT_IRIS,.session = &session_values};
	Buf			out;
	PgError		err;

	ck_assert_uint_eq(list.count, 3);
	buf_init(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[1], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "select " V " AS \"version\"");
	buf_reset(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[2], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "select 3 AS \"?column?\"");
	buf_free(&out);
	xl_statements_free(&list);
}
END_TEST

START_TEST(test_append_literal)
{
	Buf			out;

	buf_init(&out);
	xl_append_literal(&out, "it's a 'test'\\");
	ck_assert_str_eq(out.data, "'it''s a ''test''\\'");
	buf_reset(&out);
	xl_append_literal(&out, "");
	ck_assert_str_eq(out.data, "''");
	buf_reset(&out);
	xl_append_literal(&out, NULL);
	ck_assert_str_eq(out.data, "NULL");
	buf_free(&out);
}
END_TEST

/* ---- casts (the sqlite dialect's cast rule) ---- */

/*
 * Casts of constants fold into the literal SQLite stores. VALUES items
 * take no column names, so each case shows only what the casts became.
 */
static const RewriteCase cast_constant_cases[] = {
	/* as psycopg 3 binds parameters client-side */
	{"VALUES ('2024-01-02'::date)", "VALUES ('2024-01-02')"},
	{"VALUES ('2024-01-02 03:04:05.500000'::timestamp)", "VALUES ('2024-01-02 03:04:05.5')"},
	{"VALUES ('2024-01-02 03:04:05.500000+00:00'::timestamptz)", "VALUES ('2024-01-02 03:04:05.5+00')"},
	{"VALUES ('03:04:05.500000'::time)", "VALUES ('03:04:05.5')"},
	{"VALUES ('\\x0001ff'::bytea)", "VALUES (X'0001ff')"},
	{"VALUES ('1.5'::numeric, 'Infinity'::float8, '-Infinity'::float8)", "VALUES (1.5, 9e999, -9e999)"},
	{"VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid)", "VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')"},
	{"VALUES ('{\"a\": 1}'::jsonb, '{\"a\":1}'::jsonb, '[1, \"x\"]'::json)", "VALUES ('{\"a\": 1}', '{\"a\":1}', '[1, \"x\"]')"},
	{"VALUES (1.5, true, NULL, ' -1')", "VALUES (1.5, true, NULL, ' -1')"},
	/* as psycopg2 quotes them */
	{"VALUES ('2024-01-02T03:04:05.500000'::timestamp)", "VALUES ('2024-01-02 03:04:05.5')"},
	{"VALUES ('2024-01-02T03:04:05.500000+05:30'::timestamptz)", "VALUES ('2024-01-02 03:04:05.5+05:30')"},
	{"VALUES ('Infinity'::float, '-Infinity'::float)", "VALUES (9e999, -9e999)"},
	{"VALUES (E'\\\\x0001ff'::bytea)", "VALUES (X'0001ff')"},
	/* integers: PostgreSQL 16's input syntax */
	{"VALUES ('42'::int, ' -7 '::int4, '+5'::smallint, '9223372036854775807'::bigint)", "VALUES (42, -7, 5, 9223372036854775807)"},
	{"VALUES ('-32768'::int2, '0x1F'::integer, '1_000'::int8, '-0b101'::int)", "VALUES (-32768, 31, 1000, -5)"},
	/* floats are REAL literals */
	{"VALUES ('1.5'::float8, '1'::float4, ' 1e-3 '::double precision, '1e20'::real, '-0'::float8)", "VALUES (1.5, 1.0, 0.001, 1e+20, -0.0)"},
	/* numeric: validated, canonical, numeric(p, s) rounds half away from zero */
	{"VALUES ('1.50'::numeric, ' -0.500 '::decimal, '1e3'::numeric, '.5'::numeric, '-0'::numeric)", "VALUES (1.50, -0.500, 1000, 0.5, 0)"},
	{"VALUES ('1.235'::numeric(5,2), '-1.235'::numeric(5,2), '12.5'::numeric(3), '123'::numeric(2,-1), '1.5'::numeric(4,2))", "VALUES (1.24, -1.24, 13, 120, 1.50)"},
	/* boolean: PostgreSQL's words and unique prefixes */
	{"VALUES ('t'::bool, 'yes'::boolean, ' ON '::bool, '1'::bool, 'tr'::bool, 'Y'::bool)", "VALUES (1, 1, 1, 1, 1, 1)"},
	{"VALUES ('f'::bool, 'no'::bool, 'of'::bool, '0'::bool, 'FALSE'::bool, 'n'::bool)", "VALUES (0, 0, 0, 0, 0, 0)"},
	/* the string types: explicit casts cut to the length */
	{"VALUES ('abc'::text, 'abcdef'::varchar(3), 'abc'::character varying, 'xyz'::char(2), 'xyz'::char, 'it''s'::bpchar)", "VALUES ('abc', 'abc', 'abc', 'xy', 'x', 'it''s')"},
	{"VALUES ('h\xc3\xa9llo'::varchar(2), 'x'::name, 'xy'::\"char\")", "VALUES ('h\xc3\xa9', 'x', 'x')"},
	{"VALUES (E'a\\nb'::text, $$d'q$$::text, U&'d\\0061t'::text, 'a'\n'b'::text)", "VALUES ('a\nb', 'd''q', 'dat', 'ab')"},
	/* date: ISO, a time part dropped, and the special words */
	{"VALUES ('2024-02-29'::date, ' 2024-1-2 '::date, '2024-01-02 23:59:59+05'::date, '2024-01-02T03:04'::date, 'epoch'::date)", "VALUES ('2024-02-29', '2024-01-02', '2024-01-02', '2024-01-02', '1970-01-01')"},
	{"VALUES ('today'::date, ' NOW '::date, 'tomorrow'::date, 'yesterday'::date)", "VALUES (date('now'), date('now'), date('now', '+1 day'), date('now', '-1 day'))"},
	/* timestamp: PostgreSQL's output form, fractions rounded to six digits */
	{"VALUES ('2024-01-02'::timestamp, '2024-01-02 03:04'::timestamp, '2024-01-02 03:04:05.1234567'::timestamp)", "VALUES ('2024-01-02 00:00:00', '2024-01-02 03:04:00', '2024-01-02 03:04:05.123457')"},
	{"VALUES ('2024-12-31 23:59:59.9999995'::timestamp, '2024-01-02 03:04:05.5'::timestamp(0), '2024-01-02 03:04:05+05:30'::timestamp)", "VALUES ('2025-01-01 00:00:00', '2024-01-02 03:04:06', '2024-01-02 03:04:05')"},
	{"VALUES ('epoch'::timestamp, 'now'::timestamp, 'today'::timestamp without time zone)", "VALUES ('1970-01-01 00:00:00', CURRENT_TIMESTAMP, datetime('now', 'start of day'))"},
	/* timestamptz: the offset kept as PostgreSQL prints one */
	{"VALUES ('2024-01-02 03:04:05Z'::timestamptz, '2024-01-02 03:04:05 +0530'::timestamp with time zone, '2024-01-02 03:04:05-08'::timestamptz, '2024-01-02 03:04:05 UTC'::timestamptz)", "VALUES ('2024-01-02 03:04:05+00', '2024-01-02 03:04:05+05:30', '2024-01-02 03:04:05-08', '2024-01-02 03:04:05+00')"},
	{"VALUES ('now'::timestamptz, 'epoch'::timestamptz)", "VALUES ((CURRENT_TIMESTAMP || '+00'), '1970-01-01 00:00:00+00')"},
	/* time */
	{"VALUES ('03:04'::time, '2024-01-02 03:04:05'::time, '23:59:59.9999999'::time, '03:04:05.678'::time(1), 'now'::time)", "VALUES ('03:04:00', '03:04:05', '24:00:00', '03:04:05.7', CURRENT_TIME)"},
	/* bytea: hex (blanks between pairs) and escape format */
	{"VALUES ('\\xDEAD beef'::bytea, 'a\\\\b\\001'::bytea, ''::bytea)", "VALUES (X'deadbeef', X'615c6201', X'')"},
	/* uuid: braces and missing dashes accepted, printed canonically */
	{"VALUES ('{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid)", "VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')"},
	{"VALUES (' {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"]} '::json)", "VALUES (' {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"]} ')"},
	/* numeric literals */
	{"VALUES (42::int, 1.5::int, 2.5::int, 1.4::int8, 1e3::int2, -2.5::int, - 1::int)", "VALUES (42, 2, 3, 1, 1000, -3, - 1)"},
	{"VALUES (0e3::int, 0.4::int, 0.00::numeric, 0.5::int)", "VALUES (0, 0, 0.00, 1)"},
	{"VALUES (1.5::float8, 1::float8, 1.50::numeric, 1e3::numeric, 0x10::numeric, 1_000::int)", "VALUES (1.5, 1.0, 1.50, 1000, 16, 1000)"},
	{"VALUES (42::text, 1.50::varchar, 1e3::text, 0::bool, 7::boolean)", "VALUES ('42', '1.50', '1000', 0, 1)"},
	/* NULL, TRUE and FALSE */
	{"VALUES (NULL::int, NULL::date, NULL::regclass, NULL::int[], CAST(NULL AS text))", "VALUES (NULL, NULL, NULL, NULL, NULL)"},
	{"VALUES (true::bool, false::int, TRUE::int4, true::text, false::varchar)", "VALUES (1, 0, 1, 'true', 'false')"},
	/* chains fold through every cast, as PostgreSQL casts step by step */
	{"VALUES ('1'::int::text, '1.5'::float8::int, '2.5'::float8::int, '1.5'::numeric::int, 't'::bool::text, '1'::text::int::bool)", "VALUES ('1', 2, 2, 2, 'true', 1)"},
	{"VALUES ('1.1'::float4::float8, 1e20::float8::text, '70000'::int::int8, 0.1::float4::numeric)", "VALUES (1.100000023841858, '1e+20', 70000, 0.1)"},
	{"VALUES ('2024-01-02 03:04:05'::timestamp::date, '2024-01-02'::date::timestamp, '2024-01-02 03:04:05'::timestamp::time)", "VALUES ('2024-01-02', '2024-01-02 00:00:00', '03:04:05')"},
	{"VALUES ('today'::date::text, '\\x01'::bytea::text, 'now'::text::timestamp)", "VALUES (CAST(date('now') AS TEXT), '\\x01', CURRENT_TIMESTAMP)"},
	{"VALUES (('t'::bool)::text, CAST('t'::bool AS text), CAST(CAST('1' AS int) AS text), ('7')::int, (('x'))::text)", "VALUES ('true', 'true', '1', 7, 'x')"},
	/* CAST(... AS ...) and typed literals */
	{"VALUES (CAST('2024-01-02' AS date), CAST('abc' AS varchar(2)), CAST(1.5 AS integer), CAST ( ' 7 ' AS pg_catalog.int4 ))", "VALUES ('2024-01-02', 'ab', 2, 7)"},
	{"VALUES (date '2024-01-02', timestamp with time zone '2024-01-02 03:04:05+01', double precision '1.5', int4 '7', pg_catalog.bool 'yes', date '2024-01-02'::text)", "VALUES ('2024-01-02', '2024-01-02 03:04:05+01', 1.5, 7, 1, '2024-01-02')"},
};

/* Other operands: SQLite's conversion around them (aliases given, so none is added). */
static const RewriteCase cast_expression_cases[] = {
	{"SELECT x::int2 AS a, x::integer AS b, x::bigint AS c, x::real AS d, x::float8 AS e, x::numeric AS f FROM t",
	"SELECT CAST(x AS INTEGER) AS a, CAST(x AS INTEGER) AS b, CAST(x AS INTEGER) AS c, CAST(x AS REAL) AS d, CAST(x AS REAL) AS e, CAST(x AS NUMERIC) AS f FROM t"},
	{"SELECT x::text AS a, x::varchar AS b, x::varchar(3) AS c, x::char AS d, x::name AS e, x::bpchar(2) AS f FROM t",
	"SELECT CAST(x AS TEXT) AS a, CAST(x AS TEXT) AS b, substr(CAST(x AS TEXT), 1, 3) AS c, substr(CAST(x AS TEXT), 1, 1) AS d, CAST(x AS TEXT) AS e, substr(CAST(x AS TEXT), 1, 2) AS f FROM t"},
	{"SELECT x::bytea AS a, x::bool AS b, x::json AS c, x::jsonb AS d, x::uuid AS e FROM t",
	"SELECT CAST(x AS BLOB) AS a, x AS b, x AS c, x AS d, x AS e FROM t"},
	{"SELECT x::timestamp AS a, x::timestamptz AS b, x::date AS c, x::time AS d, x::timestamp(6) AS e FROM t",
	"SELECT x AS a, x AS b, date(x) AS c, time(x) AS d, x AS e FROM t"},
	{"SELECT now()::date AS d, CAST(x AS integer) AS i, $1::int AS p FROM t",
	"SELECT date(strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')) AS d, CAST(x AS INTEGER) AS i, CAST(? AS INTEGER) AS p FROM t"},
	/* casts inside operands, operands of every shape */
	{"SELECT lower(x::text) AS a, (a + b)::int AS b, coalesce(x, '0')::int AS c FROM t",
	"SELECT lower(CAST(x AS TEXT)) AS a, CAST((a + b) AS INTEGER) AS b, CAST(coalesce(x, '0') AS INTEGER) AS c FROM t"},
	{"SELECT f(g(x)::int)::text AS a, CASE WHEN x THEN 1 END::text AS b, count(*) OVER ()::int AS c FROM t",
	"SELECT CAST(f(CAST(g(x) AS INTEGER)) AS TEXT) AS a, CAST(CASE WHEN x THEN 1 END AS TEXT) AS b, CAST(count(*) OVER () AS INTEGER) AS c FROM t"},
	{"SELECT t.x::int AS a, x[1]::int AS b, (x).f::int AS c, pg_catalog.lower(x)::text AS d, \"Q\"::int AS e FROM t",
	"SELECT CAST(t.x AS INTEGER) AS a, CAST(x[1] AS INTEGER) AS b, CAST((x).f AS INTEGER) AS c, CAST(pg_catalog.lower(x) AS TEXT) AS d, CAST(\"Q\" AS INTEGER) AS e FROM t"},
	{"SELECT CAST(a + b AS bool) AS a, (a = b)::bool AS b, CAST(x::int AS text) AS c, CAST(a || b AS date) AS d FROM t",
	"SELECT (a + b) AS a, (a = b) AS b, CAST(CAST(x AS INTEGER) AS TEXT) AS c, date(a || b) AS d FROM t"},
	{"SELECT x::int::text AS a, x :: float8 :: int AS b, (x::int)::text AS c FROM t",
	"SELECT CAST(CAST(x AS INTEGER) AS TEXT) AS a, CAST(CAST(x AS REAL) AS INTEGER) AS b, CAST(CAST(x AS INTEGER) AS TEXT) AS c FROM t"},
	{"SELECT NOT (x)::bool AS a FROM t ORDER BY (y)::int, z::text DESC",
	"SELECT NOT x AS a FROM t ORDER BY CAST(y AS INTEGER), CAST(z AS TEXT) DESC"},
	{"SELECT 1 AS one FROM t WHERE d > date '2024-01-01' AND n = '5'::int AND s = x::text",
	"SELECT 1 AS one FROM t WHERE d > '2024-01-01' AND n = 5 AND s = CAST(x AS TEXT)"},
	{"INSERT INTO t VALUES ('2024-01-02'::date, 'x'::varchar(1), NULL::int) RETURNING id::text AS i",
	"INSERT INTO t VALUES ('2024-01-02', 'x', NULL) RETURNING CAST(id AS TEXT) AS i"},
	{"UPDATE t SET a = '5'::int, b = now()::date WHERE c = 't'::bool",
	"UPDATE t SET a = 5, b = date(strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')) WHERE c = 1"},
	{"create table t (d date default '2024-01-02'::date, n int default '5'::int)",
	"create table t (d date default '2024-01-02', n int default 5)"},
	{"SELECT x AT TIME ZONE 'UTC' AS a, x AT TIME ZONE (z)::text AS b FROM t",
	"SELECT x AT TIME ZONE 'UTC' AS a, x AT TIME ZONE CAST(z AS TEXT) AS b FROM t"},
};

/* With the other rules: session functions, column names, comments, spacing, quoting. */
static const RewriteCase cast_composition_cases[] = {
	{"SELECT '1'::int, x::text FROM t", "SELECT 1 AS \"int4\", CAST(x AS TEXT) AS \"x\" FROM t"},
	{"SELECT version()::text, current_user::varchar, user::text",
	"SELECT CAST(" V " AS TEXT) AS \"version\", CAST('alice' AS TEXT) AS \"current_user\", CAST('alice' AS TEXT) AS \"user\""},
	{"SELECT (SELECT version())::text", "SELECT CAST((SELECT " V " AS version) AS TEXT) AS \"version\""},
	{"SELECT /* a */ '2024-01-02'::date /* b */ ,\n\tx :: int -- c\nFROM t",
	"SELECT /* a */ '2024-01-02' AS \"date\" /* b */ ,\n\tCAST(x AS INTEGER) AS \"x\" -- c\nFROM t"},
	{"SELECT lower( /* keep */ x )::text FROM t", "SELECT CAST(lower( /* keep */ x ) AS TEXT) AS \"lower\" FROM t"},
	{"select'1'::int, 2 FROM t", "select 1 AS \"int4\", 2 AS \"?column?\" FROM t"},
	{"SELECT x -'-1'::int FROM t", "SELECT x - -1 AS \"?column?\" FROM t"},
	{"SELECT x FROM t WHERE a=-'-1'::int", "SELECT x AS \"x\" FROM t WHERE a=- -1"},
	{"SELECT '::int', 'x::text' AS \"y::int\", $$1::int$$, E'CAST(x AS int)' FROM t -- ::int\n",
	"SELECT '::int' AS \"?column?\", 'x::text' AS \"y::int\", $$1::int$$ AS \"?column?\", E'CAST(x AS int)' AS \"?column?\" FROM t"},
	{"SELECT \"CAST\"(1) /* '1'::int */, \"x::int\" FROM t", "SELECT \"CAST\"(1) AS \"CAST\" /* '1'::int */, \"x::int\" AS \"x::int\" FROM t"},
};

/* Refusals: PostgreSQL's error for a bad constant, 0A000 for what SQLite cannot hold. */
typedef struct CastErrorCase
{
	const char *sql;
	const char *sqlstate;
	const char *message;
	int			position;
} CastErrorCase;

#define NOT_SQLITE(what) what " is not supported by the sqlite dialect"

static const CastErrorCase cast_error_cases[] = {
	/* bad constants, as PostgreSQL reports them */
	{"SELECT 'abc'::int", "22P02", "invalid input syntax for type integer: \"abc\"", 8},
	{"SELECT '1.5'::int8", "22P02", "invalid input syntax for type bigint: \"1.5\"", 8},
	{"SELECT '1__0'::int", "22P02", "invalid input syntax for type integer: \"1__0\"", 8},
	{"SELECT '99999999999'::int", "22003", "value \"99999999999\" is out of range for type integer", 8},
	{"SELECT '70000'::smallint", "22003", "value \"70000\" is out of range for type smallint", 8},
	{"SELECT '9223372036854775808'::int8", "22003", "value \"9223372036854775808\" is out of range for type bigint", 8},
	{"SELECT 'x'::float4", "22P02", "invalid input syntax for type real: \"x\"", 8},
	{"SELECT '1e400'::float8", "22003", "\"1e400\" is out of range for type double precision", 8},
	{"SELECT '1.2.3'::numeric", "22P02", "invalid input syntax for type numeric: \"1.2.3\"", 8},
	{"SELECT '999.995'::numeric(5,2)", "22003", "numeric field overflow", 8},
	{"SELECT 'maybe'::bool", "22P02", "invalid input syntax for type boolean: \"maybe\"", 8},
	{"SELECT 'o'::boolean", "22P02", "invalid input syntax for type boolean: \"o\"", 8},
	{"SELECT '2024-02-30'::date", "22008", "date/time field value out of range: \"2024-02-30\"", 8},
	{"SELECT '25:00'::time", "22008", "date/time field value out of range: \"25:00\"", 8},
	{"SELECT '\\x0g'::bytea", "22023", "invalid hexadecimal digit: \"g\"", 8},
	{"SELECT '\\x012'::bytea", "22023", "invalid hexadecimal data: odd number of digits", 8},
	{"SELECT 'a\\9'::bytea", "22P02", "invalid input syntax for type bytea", 8},
	{"SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid", "22P02", "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"", 8},
	{"SELECT 'a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11'::uuid", "22P02", "invalid input syntax for type uuid: \"a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11\"", 8},
	{"SELECT '{\"a\":1,}'::jsonb", "22P02", "invalid input syntax for type json", 8},
	{"SELECT '[01]'::json", "22P02", "invalid input syntax for type json", 8},
	/* casts PostgreSQL refuses */
	{"SELECT 1.5::bool", "42846", "cannot cast type numeric to boolean", 11},
	{"SELECT 3000000000::bool", "42846", "cannot cast type bigint to boolean", 18},
	{"SELECT true::int8", "42846", "cannot cast type boolean to bigint", 12},
	{"SELECT '2024-01-02'::date::time", "42846", "cannot cast type date to time without time zone", 26},
	{"SELECT 3000000000::int", "22003", "integer out of range", 18},
	{"SELECT -2147483648::int", "22003", "integer out of range", 19},
	{"SELECT '70000'::int::int2", "22003", "smallint out of range", 20},
	{"SELECT 'NaN'::float8::int", "22003", "integer out of range", 21},
	{"SELECT 'x'::varchar(0)", "22023", "length for type varchar must be at least 1", 13},
	{"SELECT '1'::numeric(1001)", "22023", "NUMERIC precision 1001 must be between 1 and 1000", 13},
	{"SELECT '1'::int4(5)", "42601", "type modifier is not allowed for type \"int4\"", 13},
	/* what SQLite cannot hold, or pgwire does not fold */
	{"SELECT 'NaN'::float8", "0A000", "NaN cannot be stored in SQLite", 8},
	{"SELECT ' nan '::numeric", "0A000", "NaN cannot be stored in SQLite", 8},
	{"SELECT 'Jan 2 2024'::date", "0A000", NOT_SQLITE("date input \"Jan 2 2024\""), 8},
	{"SELECT 'infinity'::date", "0A000", NOT_SQLITE("date input \"infinity\""), 8},
	{"SELECT '2024-01-02 03:04:05 BC'::timestamp", "0A000", NOT_SQLITE("timestamp input \"2024-01-02 03:04:05 BC\""), 8},
	{"SELECT '2024-01-02 03:04:05'::timestamptz", "0A000",
	NOT_SQLITE("timestamp with time zone input \"2024-01-02 03:04:05\" without a UTC offset"), 8},
	{"SELECT '2024-01-02 03:04:05 Europe/Paris'::timestamptz", "0A000",
	NOT_SQLITE("timestamp with time zone input \"2024-01-02 03:04:05 Europe/Paris\""), 8},
	{"SELECT '1 days 0.000000 seconds'::interval", "0A000", NOT_SQLITE("type interval"), 35},
	{"SELECT interval '1' day", "0A000", NOT_SQLITE("type interval"), 8},
	{"SELECT x::regclass FROM t", "0A000", NOT_SQLITE("type regclass"), 11},
	{"SELECT x::int[] FROM t", "0A000", NOT_SQLITE("type int[]"), 11},
	{"SELECT '{1,2}'::integer ARRAY", "0A000", NOT_SQLITE("type integer ARRAY"), 17},
	{"SELECT x::oid, 1 FROM t", "0A000", NOT_SQLITE("type oid"), 11},
	{"SELECT x::time with time zone FROM t", "0A000", NOT_SQLITE("type time with time zone"), 11},
	{"SELECT x::myschema.int4 FROM t", "0A000", NOT_SQLITE("type myschema.int4"), 11},
	{"SELECT x::numeric(10,2) FROM t", "0A000", NOT_SQLITE("a cast of an expression to numeric(10, 2)"), 11},
	{"SELECT x::timestamp(0) FROM t", "0A000", NOT_SQLITE("a cast of an expression to timestamp(0)"), 11},
	{"SELECT '1'::jsonb::text", "0A000", NOT_SQLITE("cast from jsonb to text"), 18},
	{"SELECT '2024-01-02'::date::timestamptz", "0A000", NOT_SQLITE("cast from date to timestamp with time zone"), 26},
	{"SELECT B'101'::int", "0A000", NOT_SQLITE("a cast of a bit-string constant"), 8},
	{"SELECT (x).*::text FROM t", "0A000", NOT_SQLITE("a :: cast of this expression"), 13},
	{"SELECT x:: FROM t", "0A000", NOT_SQLITE("a :: cast of this expression"), 9},
	{"SELECT CAST(x AS) FROM t", "0A000", NOT_SQLITE("this form of CAST"), 8},
	{"SELECT x::int::int::int::int::int::int::int::int::int::int::int::int::int::int::int::int::int FROM t", "0A000",
	NOT_SQLITE("a chain of more than 16 casts"), 8},
	{"create table t (ts timestamp default 'now'::timestamp)", "0A000", NOT_SQLITE("\"now\" in a stored expression"), 38},
	/* positions count characters, inside operands too */
	{"SELECT 'h\xc3\xa9', 'x'::int", "22P02", "invalid input syntax for type integer: \"x\"", 14},
	{"SELECT lower(x::regclass) FROM t", "0A000", NOT_SQLITE("type regclass"), 17},
	{"SELECT 1 FROM t WHERE a = CAST(b AS int) AND c = ('x')::int", "22P02", "invalid input syntax for type integer: \"x\"", 51},
};

/* iris and postgres keep every cast as written. */
static const char *const casts_kept[] = {
	"VALUES ('2024-01-02'::date, x::text, CAST(y AS int), date '2024-01-01', '1 day'::interval, 'NaN'::float8)",
	"VALUES ('abc'::int, x::regclass, x::numeric(10,2), 'now'::timestamp, '\\x01'::bytea, x::)",
	"SELECT x::int AS a, '1'::int::text AS b FROM t WHERE c = 't'::bool",
};

START_TEST(test_cast_constants)
{
	assert_rewrite(cast_constant_cases[_i].sql, DIALECT_SQLITE, &session_values,
				   sqlite_query(cast_constant_cases[_i].expected));
}
END_TEST

START_TEST(test_cast_expressions)
{
	assert_rewrite(cast_expression_cases[_i].sql, DIALECT_SQLITE, &session_values,
				   cast_expression_cases[_i].expected);
}
END_TEST

START_TEST(test_cast_composition)
{
	assert_rewrite(cast_composition_cases[_i].sql, DIALECT_SQLITE, &session_values,
				   cast_composition_cases[_i].expected);
}
END_TEST

START_TEST(test_cast_errors)
{
	const CastErrorCase *c = &cast_error_cases[_i];
	StatementList list = split_ok(c->sql);
	RewriteContext ctx = {.dialect = DIALECT_SQLITE,.session = &session_values};
	Buf			out;
	PgError		err;

	buf_init(&out);
	pgerr_clear(&err);
	ck_assert_msg(!xl_rewrite(c->sql, &list, &list.stmts[0], &ctx, &out, &err),
				  "<%s> was rewritten as <%s>", c->sql, out.data);
	ck_assert_msg(strcmp(err.sqlstate, c->sqlstate) == 0 && strcmp(err.message, c->message) == 0 &&
				  err.position == c->position,
				  "<%s>\n  gave %s <%s> at %d\n  want %s <%s> at %d", c->sql, err.sqlstate,
				  err.message, err.position, c->sqlstate, c->message, c->position);
	buf_free(&out);
	xl_statements_free(&list);
}
END_TEST

/* PostgreSQL keeps casts as written (IRIS's are in tests/translate/casts.txt). */
START_TEST(test_cast_other_dialects)
{
	assert_rewrite(casts_kept[_i], DIALECT_POSTGRES, &session_values, casts_kept[_i]);
}
END_TEST

START_TEST(test_cast_many_and_deep)
{
	Buf			q;
	Buf			want;
	StatementList list;
	RewriteContext ctx = {.dialect = DIALECT_SQLITE,.session = &session_values};
	Buf			out;
	PgError		err;

	/* many casts in one statement */
	buf_init(&q);
	buf_init(&want);
	buf_append_str(&q, "VALUES ('0'::int");
	buf_append_str(&want, "VALUES (0");
	for (int k = 1; k < 2000; k++)
	{
		buf_appendf(&q, ", '%d'::int", k);
		buf_appendf(&want, ", %d", k);
	}
	buf_append_str(&q, ")");
	buf_append_str(&want, ")");
	assert_rewrite(q.data, DIALECT_SQLITE, &session_values, sqlite_query(want.data));

	/* casts inside casts' operands, too deep to follow: refused, no crash */
	buf_reset(&q);
	buf_append_str(&q, "SELECT ");
	for (int k = 0; k < 100; k++)
		buf_append_str(&q, "f(");
	buf_append_str(&q, "x");
	for (int k = 0; k < 100; k++)
		buf_append_str(&q, ")::int");
	list = split_ok(q.data);
	buf_init(&out);
	ck_assert(!xl_rewrite(q.data, &list, &list.stmts[0], &ctx, &out, &err));
	ck_assert_str_eq(err.sqlstate, "0A000");
	ck_assert_str_eq(err.message, NOT_SQLITE("casts nested more than 64 deep"));
	xl_statements_free(&list);

	/* deep parentheses around a cast's operand */
	buf_reset(&q);
	buf_append_str(&q, "VALUES (");
	for (int k = 0; k < 500; k++)
		buf_append_str(&q, "(");
	buf_append_str(&q, "'7'");
	for (int k = 0; k < 500; k++)
		buf_append_str(&q, ")");
	buf_append_str(&q, "::int)");
	assert_rewrite(q.data, DIALECT_SQLITE, &session_values, "SELECT * FROM (VALUES (7))");
	buf_free(&out);
	buf_free(&want);
	buf_free(&q);
}
END_TEST

/* ---- catalog queries (catalog_scope.c) ---- */

static void
assert_scope(const char *sql, XlCatalogScope expected, int expected_position)
{
	StatementList list = split_ok(sql);
	int			position = -1;
	XlCatalogScope got = xl_catalog_scope(sql, &list, &list.stmts[0], &position);

	ck_assert_msg(got == expected, "<%s>: scope %d, expected %d", sql, (int) got, (int) expected);
	if (expected == XL_SCOPE_MIXED)
		ck_assert_msg(position == expected_position, "<%s>: position %d, expected %d", sql, position,
					  expected_position);
	xl_statements_free(&list);
}

START_TEST(test_catalog_scope)
{
	assert_scope("SELECT a FROM t WHERE b = 1", XL_SCOPE_DATABASE, 0);
	assert_scope("SELECT 1", XL_SCOPE_DATABASE, 0);
	assert_scope("SELECT extract(year FROM d), region FROM t", XL_SCOPE_DATABASE, 0);
	assert_scope("INSERT INTO pg_things VALUES (1)", XL_SCOPE_DATABASE, 0);
	assert_scope("SELECT relname FROM pg_catalog.pg_class", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT * FROM information_schema.tables", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT format_type(23, -1)", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT 'foo'::regclass", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT current_setting('DateStyle')", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT name FROM pg_settings WHERE setting IS DISTINCT FROM boot_val", XL_SCOPE_CATALOG, 0);
	assert_scope("WITH t AS (SELECT oid FROM pg_type) SELECT * FROM t", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT s FROM pg_catalog.generate_series(1, 3) s, pg_attribute a", XL_SCOPE_CATALOG, 0);
	assert_scope("SELECT * FROM items JOIN pg_class ON relname = name", XL_SCOPE_MIXED, 15);
	assert_scope("SELECT relname FROM pg_class WHERE relname IN (SELECT name FROM public.items)",
				 XL_SCOPE_MIXED, 65);
}
END_TEST

static Suite *
translate_suite(void)
{
	Suite	   *s = suite_create("translate");
	TCase	   *split = tcase_create("split");
	TCase	   *tags = tcase_create("tags");
	TCase	   *cmds = tcase_create("session_cmd");
	TCase	   *columns = tcase_create("select_columns");
	TCase	   *rewrite = tcase_create("rewrite");
	TCase	   *scope = tcase_create("catalog_scope");
	TCase	   *casts = tcase_create("casts");

	tcase_add_test(split, test_split_basic);
	tcase_add_test(split, test_split_empty);
	tcase_add_test(split, test_split_semicolons_inside_tokens);
	tcase_add_test(split, test_split_keeps_inner_comments);
	tcase_add_test(split, test_split_parens_and_atomic_bodies);
	tcase_add_test(split, test_split_lexical_error);
	tcase_add_test(split, test_split_many_statements);
	suite_add_tcase(s, split);

	tcase_add_loop_test(tags, test_tags, 0, (int) (sizeof(tag_cases) / sizeof(tag_cases[0])));
	tcase_add_test(tags, test_tag_of_long_unknown_word);
	suite_add_tcase(s, tags);

	tcase_add_loop_test(cmds, test_session_commands, 0, (int) (sizeof(cmd_cases) / sizeof(cmd_cases[0])));
	tcase_add_loop_test(cmds, test_signal_backend_calls, 0, (int) (sizeof(signal_cases) / sizeof(signal_cases[0])));
	tcase_add_test(cmds, test_signal_backend_other_calls);
	tcase_add_test(cmds, test_set_config_calls);
	tcase_add_loop_test(cmds, test_session_command_errors, 0,
						(int) (sizeof(cmd_error_cases) / sizeof(cmd_error_cases[0])));
	tcase_add_test(cmds, test_session_command_long_names);
	tcase_add_test(cmds, test_session_command_wrong_kind);
	suite_add_tcase(s, cmds);

	tcase_add_loop_test(columns, test_select_columns, 0,
						(int) (sizeof(column_cases) / sizeof(column_cases[0])));
	tcase_add_test(columns, test_select_column_spans);
	tcase_add_test(columns, test_select_column_long_names);
	tcase_add_test(columns, test_select_columns_deep_nesting);
	tcase_add_test(columns, test_select_columns_many);
	suite_add_tcase(s, columns);

	tcase_add_loop_test(rewrite, test_rewrite, 0, (int) (sizeof(rewrite_cases) / sizeof(rewrite_cases[0])));
	tcase_add_loop_test(rewrite, test_rewrite_names_columns, 0,
						(int) (sizeof(named_rewrite_cases) / sizeof(named_rewrite_cases[0])));
	tcase_add_test(rewrite, test_rewrite_postgres_keeps_names);
	tcase_add_test(rewrite, test_rewrite_null_and_no_session);
	tcase_add_test(rewrite, test_rewrite_second_statement);
	tcase_add_test(rewrite, test_append_literal);
	tcase_add_test(rewrite, test_rewrite_params);
	tcase_add_test(rewrite, test_rewrite_param_in_simple_query);
	tcase_add_test(rewrite, test_rewrite_declared_types);
	tcase_add_test(rewrite, test_params_vector_uses);
	tcase_add_test(rewrite, test_params_inlined_vectors);
	tcase_add_test(rewrite, test_params_append);
	tcase_add_test(rewrite, test_returning_position);
	tcase_add_test(rewrite, test_plan_dml_steps);
	tcase_add_test(rewrite, test_plan_dml_many_rows);
	tcase_add_test(rewrite, test_plan_marker_only_in_steps);
	tcase_add_loop_test(rewrite, test_param_targets, 0, (int) lengthof(target_cases));
	suite_add_tcase(s, rewrite);
	tcase_add_test(scope, test_catalog_scope);
	suite_add_tcase(s, scope);

	tcase_add_loop_test(casts, test_cast_constants, 0, (int) lengthof(cast_constant_cases));
	tcase_add_loop_test(casts, test_cast_expressions, 0, (int) lengthof(cast_expression_cases));
	tcase_add_loop_test(casts, test_cast_composition, 0, (int) lengthof(cast_composition_cases));
	tcase_add_loop_test(casts, test_cast_errors, 0, (int) lengthof(cast_error_cases));
	tcase_add_loop_test(casts, test_cast_other_dialects, 0, (int) lengthof(casts_kept));
	tcase_add_test(casts, test_cast_many_and_deep);
	suite_add_tcase(s, casts);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(translate_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
