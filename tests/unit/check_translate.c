/*
 * check_translate.c
 *		Unit tests for translate/: splitting a Query string, the kind and
 *		CommandComplete tag of each statement, parsing session commands and
 *		rewriting statements for the database.
 *
 * Expected tags, names and values are what PostgreSQL 16 reports for the
 * same input.
 */
#include "translate/translate.h"

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
	{"create extension hstore", STMT_DDL, "CREATE EXTENSION", TAG_NO_COUNT},
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

/* ---- rewriting ---- */

typedef struct RewriteCase
{
	const char *sql;
	const char *expected;
} RewriteCase;

#define V "'PostgreSQL 16.6 on x86_64, it''s pgwire'"

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

static void
assert_rewrite(const char *sql, const SessionValues *values, const char *expected)
{
	StatementList list = split_ok(sql);
	RewriteContext ctx = {DIALECT_SQLITE, values};
	Buf			out;
	PgError		err;

	ck_assert_uint_eq(list.count, 1);
	buf_init(&out);
	ck_assert_msg(xl_rewrite(sql, &list, &list.stmts[0], &ctx, &out, &err), "<%s>: %s", sql, err.message);
	ck_assert(!buf_failed(&out));
	ck_assert_msg(strcmp(out.data, expected) == 0, "<%s>\n  gave <%s>\n  want <%s>", sql, out.data, expected);
	buf_free(&out);
	xl_statements_free(&list);
}

START_TEST(test_rewrite)
{
	assert_rewrite(rewrite_cases[_i].sql, &session_values, rewrite_cases[_i].expected);
}
END_TEST

START_TEST(test_rewrite_null_and_no_session)
{
	SessionValues no_schema = session_values;

	no_schema.schema = NULL;
	assert_rewrite("select current_schema()", &no_schema, "select NULL AS current_schema");
	assert_rewrite("select current_user", NULL, "select current_user");
}
END_TEST

START_TEST(test_rewrite_second_statement)
{
	const char *sql = "select 1; select version() ; select 3";
	StatementList list = split_ok(sql);
	RewriteContext ctx = {DIALECT_IRIS, &session_values};
	Buf			out;
	PgError		err;

	ck_assert_uint_eq(list.count, 3);
	buf_init(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[1], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "select " V " AS version");
	buf_reset(&out);
	ck_assert(xl_rewrite(sql, &list, &list.stmts[2], &ctx, &out, &err));
	ck_assert_str_eq(out.data, "select 3");
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

static Suite *
translate_suite(void)
{
	Suite	   *s = suite_create("translate");
	TCase	   *split = tcase_create("split");
	TCase	   *tags = tcase_create("tags");
	TCase	   *cmds = tcase_create("session_cmd");
	TCase	   *rewrite = tcase_create("rewrite");

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
	tcase_add_loop_test(cmds, test_session_command_errors, 0,
						(int) (sizeof(cmd_error_cases) / sizeof(cmd_error_cases[0])));
	tcase_add_test(cmds, test_session_command_long_names);
	tcase_add_test(cmds, test_session_command_wrong_kind);
	suite_add_tcase(s, cmds);

	tcase_add_loop_test(rewrite, test_rewrite, 0, (int) (sizeof(rewrite_cases) / sizeof(rewrite_cases[0])));
	tcase_add_test(rewrite, test_rewrite_null_and_no_session);
	tcase_add_test(rewrite, test_rewrite_second_statement);
	tcase_add_test(rewrite, test_append_literal);
	suite_add_tcase(s, rewrite);
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
