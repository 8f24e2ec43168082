/*
 * check_catalog.c
 *		Unit tests of the catalog: built-in rows, a fake database's tables
 *		read lazily, and the catalog functions, queried with SQLite SQL as
 *		the translator writes it.
 */
#include "catalog/catalog.h"
#include "common/types.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a fake database: foo(id pk, name varchar(40) unique, amount numeric(12,3)), bar(id, foo_id -> foo) ---- */

static int	details_calls;
static int	ntables = 2;

static int	list_calls;
static int	name_calls;
static int	referencing_calls;

static bool
fake_tables(void *ctx, const char *name, CatTableList *out, PgError *err)
{
	(void) ctx;
	(void) err;
	list_calls += name == NULL;
	name_calls += name != NULL;
	for (int i = 0; i < ntables; i++)
	{
		CatTableRef t = {.kind = 'r'};

		if (i == 0)
			strcpy(t.name, "foo");
		else if (i == 1)
			strcpy(t.name, "bar");
		else
			snprintf(t.name, sizeof(t.name), "t%d", i);
		if (!cat_table_list_add(out, &t))
			return false;
	}
	return true;
}

static void
set_cols(char (**cols)[CAT_NAME_LEN], int n, const char *a, const char *b)
{
	*cols = calloc((size_t) n, CAT_NAME_LEN);
	strcpy((*cols)[0], a);
	if (n > 1)
		strcpy((*cols)[1], b);
}

static bool
fake_details(void *ctx, const CatTableRef *t, CatDetails *d, PgError *err)
{
	(void) ctx;
	(void) err;
	details_calls++;
	if (strcmp(t->name, "foo") == 0)
	{
		d->ncolumns = 3;
		d->columns = calloc(3, sizeof(CatColumn));
		strcpy(d->columns[0].name, "id");
		d->columns[0].type_oid = INT4OID;
		d->columns[0].typmod = -1;
		d->columns[0].notnull = true;
		strcpy(d->columns[1].name, "name");
		d->columns[1].type_oid = VARCHAROID;
		d->columns[1].typmod = 44;
		d->columns[1].notnull = true;
		d->columns[1].default_expr = strdup("'x'::character varying");
		strcpy(d->columns[2].name, "amount");
		d->columns[2].type_oid = NUMERICOID;
		d->columns[2].typmod = ((12 << 16) | 3) + 4;
		d->nindexes = 2;
		d->indexes = calloc(2, sizeof(CatIndex));
		d->indexes[0].primary = d->indexes[0].unique = true;
		d->indexes[0].ncols = 1;
		set_cols(&d->indexes[0].cols, 1, "id", NULL);
		strcpy(d->indexes[1].name, "sqlite_autoindex_foo_1");
		d->indexes[1].unique = true;
		d->indexes[1].ncols = 1;
		set_cols(&d->indexes[1].cols, 1, "name", NULL);
	}
	else if (strcmp(t->name, "bar") == 0)
	{
		d->ncolumns = 2;
		d->columns = calloc(2, sizeof(CatColumn));
		strcpy(d->columns[0].name, "id");
		d->columns[0].type_oid = INT8OID;
		d->columns[0].typmod = -1;
		strcpy(d->columns[1].name, "foo_id");
		d->columns[1].type_oid = INT4OID;
		d->columns[1].typmod = -1;
		d->nfkeys = 1;
		d->fkeys = calloc(1, sizeof(CatForeignKey));
		strcpy(d->fkeys[0].ref.name, "foo");
		d->fkeys[0].ncols = 1;
		set_cols(&d->fkeys[0].cols, 1, "foo_id", NULL);
		set_cols(&d->fkeys[0].ref_cols, 1, "id", NULL);
		d->fkeys[0].on_delete = 'c';
	}
	else
	{
		d->ncolumns = 1;
		d->columns = calloc(1, sizeof(CatColumn));
		strcpy(d->columns[0].name, "x");
		d->columns[0].type_oid = TEXTOID;
		d->columns[0].typmod = -1;
	}
	return true;
}

static bool referencing_listed;	/* bar as tables() lists it, else by name */

static bool
fake_referencing(void *ctx, const CatTableRef *t, CatTableList *out, PgError *err)
{
	CatTableRef bar = {.kind = 'r'};

	(void) ctx;
	(void) err;
	referencing_calls++;
	out->listed = referencing_listed;
	strcpy(bar.name, "bar");
	return strcmp(t->name, "foo") != 0 || cat_table_list_add(out, &bar);
}

static bool
fake_setting(void *ctx, const char *name, Buf *out)
{
	(void) ctx;
	if (strcmp(name, "server_version_num") != 0)
		return false;
	buf_append_str(out, "160006");
	return true;
}

static void
fake_activity(void *ctx, void (*emit) (void *, const CatActivity *), void *arg)
{
	CatActivity a = {.pid = 4242, .state = "active"};

	(void) ctx;
	strcpy(a.user, "tester");
	strcpy(a.query, "SELECT 1");
	emit(arg, &a);
}

static Config fake_config;

static const Config *
fake_params(void *ctx)
{
	(void) ctx;
	return &fake_config;
}

static const CatSource source = {NULL, fake_tables, fake_details, fake_referencing};
static const CatSession session = {NULL, DIALECT_SQLITE, "tester", "testdb", "PostgreSQL 16.6", true,
fake_setting, fake_activity, fake_params};

static CatTemplate template_image;
static bool use_template;

static Catalog *
open_catalog(void)
{
	Catalog    *cat;
	PgError		err;

	details_calls = 0;
	ck_assert(config_init_defaults(&fake_config));
	if (!cat_open(&cat, use_template ? &template_image : NULL, &source, &session, &err))
		ck_abort_msg("cat_open: %s", err.message);
	return cat;
}

static void
close_catalog(Catalog *cat)
{
	cat_close(cat);
	config_free(&fake_config);
}

/* The rows of sql, each "a|b|c", joined by newlines. */
static char *
query(Catalog *cat, const char *sql)
{
	static char out[8192];
	sqlite3_stmt *st;
	size_t		len = 0;
	int			rc;

	out[0] = '\0';
	cat_begin_statement(cat);
	if (sqlite3_prepare_v2(cat_db(cat), sql, -1, &st, NULL) != SQLITE_OK)
		ck_abort_msg("prepare %s: %s", sql, sqlite3_errmsg(cat_db(cat)));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
	{
		for (int i = 0; i < sqlite3_column_count(st); i++)
		{
			const char *v = (const char *) sqlite3_column_text(st, i);

			len += (size_t) snprintf(out + len, sizeof(out) - len, "%s%s", i ? "|" : (len ? "\n" : ""),
									 v ? v : "NULL");
		}
	}
	if (rc != SQLITE_DONE)
		ck_abort_msg("step %s: %s", sql, sqlite3_errmsg(cat_db(cat)));
	sqlite3_finalize(st);
	return out;
}

START_TEST(test_builtin_types)
{
	Catalog    *cat = open_catalog();
	int16_t		len;

	ck_assert_str_eq(query(cat, "SELECT oid, typname, typarray FROM pg_type WHERE typname IN ('int4', 'text', 'vector')"
						   " ORDER BY oid"), "23|int4|1007\n25|text|1009\n16385|vector|16386");
	ck_assert_str_eq(query(cat, "SELECT typname FROM pg_type WHERE oid = pgw_regtype('vector')"), "vector");
	ck_assert_str_eq(query(cat, "SELECT format_type(1043, 44), format_type(1700, 786439), format_type(1184, -1),"
						   " format_type(1007, -1), format_type(18, -1), format_type(0, NULL)"),
					 "character varying(40)|numeric(12,3)|timestamp with time zone|integer[]|\"char\"|-");
	/* every type pgwire codes is in pg_type under its OID, name and length */
	for (size_t i = 0; i < pgtype_count(); i++)
	{
		const PgType *t = pgtype_at(i);

		ck_assert_uint_eq(cat_type_oid(cat, t->name, &len), t->oid);
		ck_assert_int_eq(len, t->typlen);
	}
	ck_assert_int_eq(details_calls, 0);
	close_catalog(cat);
}
END_TEST

START_TEST(test_lazy_details)
{
	Catalog    *cat = open_catalog();
	char		sql[512];
	char		oid[32];

	snprintf(oid, sizeof(oid), "%s", query(cat, "SELECT c.oid FROM pg_class c WHERE c.relname = 'foo'"));
	ck_assert_int_eq(details_calls, 1);
	ck_assert_int_ge(atoi(oid), 16384);
	snprintf(sql, sizeof(sql), "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
			 " (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = a.attrelid"
			 " AND d.adnum = a.attnum) FROM pg_attribute a WHERE a.attrelid = '%s' AND a.attnum > 0"
			 " ORDER BY a.attnum", oid);
	ck_assert_str_eq(query(cat, sql), "id|integer|1|NULL\nname|character varying(40)|1|'x'::character varying\n"
					 "amount|numeric(12,3)|0|NULL");
	snprintf(sql, sizeof(sql), "SELECT c2.relname, i.indisprimary, pg_get_indexdef(i.indexrelid, 0, 1),"
			 " pg_get_constraintdef(con.oid, 1) FROM pg_class c, pg_class c2, pg_index i"
			 " LEFT JOIN pg_constraint con ON conrelid = i.indrelid AND conindid = i.indexrelid"
			 " WHERE c.oid = '%s' AND c.oid = i.indrelid AND i.indexrelid = c2.oid"
			 " ORDER BY i.indisprimary DESC, c2.relname", oid);
	ck_assert_str_eq(query(cat, sql),
					 "foo_pkey|1|CREATE UNIQUE INDEX foo_pkey ON public.foo USING btree (id)|PRIMARY KEY (id)\n"
					 "foo_name_key|0|CREATE UNIQUE INDEX foo_name_key ON public.foo USING btree (name)|UNIQUE (name)");
	ck_assert_int_eq(details_calls, 1);
	close_catalog(cat);
}
END_TEST

/* psql's "Referenced by" for foo: bar, read through the referencing tables, named or listed in full. */
START_TEST(test_referenced_by)
{
	Catalog    *cat;
	char		sql[512];
	char		oid[32];

	referencing_listed = _i == 1;
	name_calls = 0;
	cat = open_catalog();
	snprintf(oid, sizeof(oid), "%s", query(cat, "SELECT c.oid FROM pg_class c WHERE c.relname = 'foo'"));
	snprintf(sql, sizeof(sql), "SELECT conname, pgw_regclass_name(conrelid), pg_get_constraintdef(oid, 1)"
			 " FROM pg_constraint c WHERE confrelid IN (SELECT pg_partition_ancestors('%s') UNION ALL"
			 " VALUES (pgw_regclass('%s'))) AND contype = 'f'", oid, oid);
	ck_assert_str_eq(query(cat, sql),
					 "bar_foo_id_fkey|bar|FOREIGN KEY (foo_id) REFERENCES foo(id) ON DELETE CASCADE");
	ck_assert_int_eq(details_calls, 2);
	/* bar listed in full is not looked up by name */
	ck_assert_int_eq(name_calls, (referencing_listed ? 1 : 2));
	close_catalog(cat);
	referencing_listed = false;
}
END_TEST

START_TEST(test_scoped_loading)
{
	Catalog    *cat;

	ntables = 500;
	list_calls = 0;
	name_calls = 0;
	referencing_calls = 0;
	cat = open_catalog();
	/* one table by name: neither the list of all tables nor other tables' details */
	ck_assert_str_eq(query(cat, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
						   " WHERE c.relname = 't42'"), "1");
	ck_assert_int_eq(details_calls, 1);
	ck_assert_int_eq(list_calls, 0);
	ck_assert_int_eq(name_calls, 1);
	/* the same name again (a query run again because the catalog read more): not asked again */
	ck_assert_str_eq(query(cat, "SELECT count(*) FROM pg_class WHERE relname = 't42'"), "1");
	ck_assert_int_eq(name_calls, 1);
	/* tables by kind: the list, no details */
	ck_assert_str_eq(query(cat, "SELECT count(*) FROM pg_class WHERE relkind IN ('r', 'p')"), "500");
	ck_assert_int_eq(details_calls, 1);
	ck_assert_int_eq(list_calls, 1);
	/* a scan asking for nothing in particular reads every table once */
	ck_assert_str_eq(query(cat, "SELECT count(*) FROM pg_index"), "2");
	ck_assert_int_eq(details_calls, 500);
	ck_assert_int_eq(list_calls, 1);
	/* every table's foreign keys are in: which reference foo needs no asking */
	ck_assert_str_eq(query(cat, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid ="
						   " (SELECT oid FROM pg_class WHERE relname = 'foo')"), "bar_foo_id_fkey");
	ck_assert_int_eq(referencing_calls, 0);
	close_catalog(cat);
	ntables = 2;
}
END_TEST

START_TEST(test_information_schema)
{
	Catalog    *cat = open_catalog();

	ck_assert_str_eq(query(cat, "SELECT table_schema, table_name, table_type FROM \"information_schema.tables\""
						   " ORDER BY table_name"), "public|bar|BASE TABLE\npublic|foo|BASE TABLE");
	ck_assert_str_eq(query(cat, "SELECT column_name, data_type, character_maximum_length, numeric_precision,"
						   " numeric_scale, is_nullable FROM \"information_schema.columns\" WHERE table_name = 'foo'"
						   " ORDER BY ordinal_position"),
					 "id|integer|NULL|32|0|NO\nname|character varying|40|NULL|NULL|NO\n"
					 "amount|numeric|NULL|12|3|YES");
	ck_assert_str_eq(query(cat, "SELECT constraint_name, column_name, ordinal_position FROM"
						   " \"information_schema.key_column_usage\" ORDER BY constraint_name"),
					 "bar_foo_id_fkey|foo_id|1\nfoo_name_key|name|1\nfoo_pkey|id|1");
	ck_assert_str_eq(query(cat, "SELECT current_setting('server_version_num'), pg_get_userbyid(10),"
						   " pgw_regclass_name(pgw_regclass('foo')) = 'foo', 'foo' REGEXP '^(fo+)$',"
						   " 'FOO' MATCH '^fo'"), "160006|tester|1|1|1");
	ck_assert_str_eq(query(cat, "SELECT pid, usename, state, query FROM pg_stat_activity"), "4242|tester|active|SELECT 1");
	ck_assert_str_eq(query(cat, "SELECT setting FROM pg_settings WHERE name = 'DateStyle'"), "ISO, MDY");
	ck_assert_str_eq(query(cat, "SELECT 16 IN (SELECT value FROM json_each(pgw_array_json('{16,23}'))),"
						   " array_to_string(pgw_array('a', 'b c'), ','), pgw_array_elem('1 3', 1)"), "1|a,b c|3");
	close_catalog(cat);
}
END_TEST

START_TEST(test_template)
{
	Catalog    *cat;
	PgError		err;

	ck_assert_msg(cat_template_build(&template_image, &err), "template: %s", err.message);
	use_template = true;
	cat = open_catalog();
	ck_assert_str_eq(query(cat, "SELECT typname FROM pg_type WHERE oid = 16385"), "vector");
	ck_assert_str_eq(query(cat, "SELECT datname FROM pg_database"), "testdb");
	ck_assert_str_eq(query(cat, "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
						   " WHERE c.relname = 'foo' AND a.attnum = 2"), "name");
	close_catalog(cat);
	use_template = false;
	cat_template_free(&template_image);
}
END_TEST

static Suite *
catalog_suite(void)
{
	Suite	   *s = suite_create("catalog");
	TCase	   *tc = tcase_create("core");

	tcase_add_test(tc, test_builtin_types);
	tcase_add_test(tc, test_lazy_details);
	tcase_add_loop_test(tc, test_referenced_by, 0, 2);
	tcase_add_test(tc, test_scoped_loading);
	tcase_add_test(tc, test_information_schema);
	tcase_add_test(tc, test_template);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(catalog_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
