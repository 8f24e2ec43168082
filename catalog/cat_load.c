/*
 * cat_load.c
 *		The database's tables in the catalog: read through the CatSource
 *		and written as PostgreSQL would have them.
 *
 * Owns: PostgreSQL's names for the database's schemas and tables (IRIS's
 * SQLUser and SQLite's main database are public; unquoted-looking names in
 * lower case), stable OIDs (a hash of the object's names, the same in
 * every session), the statements that write the catalog's rows, the list
 * of tables in pg_class (all when the catalog opens, or those of one name
 * a scan asks for, cat_lazy.c), and which tables' details to read: all of
 * them, or those whose foreign keys reference a table. A table's details
 * are written by cat_load_details.c. It must never run a client's query.
 */
#include "catalog/cat_load_internal.h"

#include "common/log.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- names and OIDs ---- */

static void
lower_copy(const char *in, char *out, size_t outlen)
{
	size_t		n = 0;

	for (; in[n] && n + 1 < outlen; n++)
		out[n] = (char) tolower((unsigned char) in[n]);
	out[n] = '\0';
}

void
cat_pg_schema_name(SqlDialect dialect, const char *schema, char *out, size_t outlen)
{
	if (schema == NULL || schema[0] == '\0' || strcasecmp(schema, "main") == 0 ||
		(dialect == DIALECT_IRIS && strcasecmp(schema, "SQLUser") == 0))
		snprintf(out, outlen, "public");
	else if (dialect == DIALECT_POSTGRES || schema[0] == '%' ||
			 strcmp(schema, "INFORMATION_SCHEMA") == 0)
		snprintf(out, outlen, "%s", schema);
	else
		lower_copy(schema, out, outlen);
}

void
cat_pg_object_name(SqlDialect dialect, const char *name, char *out, size_t outlen)
{
	if (dialect == DIALECT_POSTGRES)
	{
		if (out != name)
			snprintf(out, outlen, "%s", name);
	}
	else
		lower_copy(name, out, outlen);
}

int64_t
cat_object_oid(char kind, const char *schema, const char *table, const char *name)
{
	const char *parts[3] = {schema, table, name};
	uint64_t	h = 1469598103934665603ULL;

	h = (h ^ (uint8_t) kind) * 1099511628211ULL;
	for (int i = 0; i < 3; i++)
	{
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			h = (h ^ (uint8_t) *p) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;
	}
	return CAT_FIRST_USER_OID + (int64_t) (h % (uint64_t) (INT32_MAX - CAT_FIRST_USER_OID - 1000000));
}

bool
cat_is_database_relation(Catalog *cat, int64_t oid)
{
	Buf			b;
	bool		found;

	buf_init(&b);
	found = cat_query_text(cat, "SELECT 1 FROM _rel WHERE oid = ?1", oid, &b) != NULL;
	buf_free(&b);
	return found;
}

bool
cat_is_known_oid(Catalog *cat, int64_t oid)
{
	Buf			b;
	bool		found;

	buf_init(&b);
	found = cat_query_text(cat, "SELECT 1 FROM _oids WHERE oid = ?1 UNION ALL SELECT 1 FROM _rel"
						   " WHERE oid = ?1", oid, &b) != NULL;
	buf_free(&b);
	return found;
}

/* A free OID for an object: its hash, or the next one not taken. */
int64_t
cat_claim_oid(Catalog *cat, char kind, const char *schema, const char *table, const char *name)
{
	int64_t		oid = cat_object_oid(kind, schema, table, name);
	char		sql[96];

	while (cat_is_known_oid(cat, oid))
		oid++;
	snprintf(sql, sizeof(sql), "INSERT INTO _oids VALUES (%lld)", (long long) oid);
	(void) sqlite3_exec(cat->db, sql, NULL, NULL, NULL);
	return oid;
}

/* ---- statements ---- */

/* Run sql with the given values bound in order: 'i' int64, 't' text (NULL ok), 'n' NULL. */
bool
cat_exec_bound(Catalog *cat, PgError *err, const char *sql, const char *types,...)
{
	sqlite3_stmt *st;
	va_list		ap;
	int			rc;

	if (!cat_prepare(cat, sql, &st))
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	va_start(ap, types);
	for (int i = 0; types[i]; i++)
	{
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else if (types[i] == 't')
		{
			const char *s = va_arg(ap, const char *);

			if (s != NULL)
				sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
		}
	}
	va_end(ap);
	rc = sqlite3_step(st);
	cat_release(cat, st);
	if (rc != SQLITE_DONE)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}

/* The namespace of a database schema, created on first sight. */
static int64_t
namespace_oid(Catalog *cat, const char *pg_schema, PgError *err)
{
	sqlite3_stmt *st;
	int64_t		oid = -1;

	if (!cat_prepare(cat, "SELECT oid FROM _pg_namespace WHERE nspname = ?1", &st))
	{
		cat_sqlite_error(cat, err);
		return -1;
	}
	sqlite3_bind_text(st, 1, pg_schema, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		oid = sqlite3_column_int64(st, 0);
	cat_release(cat, st);
	if (oid >= 0)
		return oid;
	oid = cat_claim_oid(cat, 'n', pg_schema, NULL, NULL);
	if (!cat_exec_bound(cat, err, "INSERT INTO _pg_namespace VALUES (?1, ?2, 10, NULL)", "it", oid, pg_schema))
		return -1;
	return oid;
}

bool
cat_add_description(Catalog *cat, int64_t objoid, int subid, const char *text, PgError *err)
{
	if (text == NULL || text[0] == '\0')
		return true;
	return cat_exec_bound(cat, err, "INSERT INTO _pg_description VALUES (?1, 1259, ?2, ?3)", "iit",
			   objoid, (int64_t) subid, text);
}

/*
 * A pg_class row: a table or view ('r', 'v') or an index ('i'). A table
 * has triggers (PostgreSQL's foreign keys are triggers, and psql asks for
 * foreign keys only of tables that have them) and an index until its
 * details say otherwise.
 */
bool
cat_add_class_row(Catalog *cat, int64_t oid, const char *name, int64_t nspoid, char kind, int natts,
			  PgError *err)
{
	char		k[2] = {kind, '\0'};

	return cat_exec_bound(cat, err,
			   "INSERT INTO _pg_class VALUES (?1, ?2, ?3, 0, 0, 10,"
			   " CASE ?4 WHEN 'r' THEN 2 WHEN 'i' THEN 403 ELSE 0 END, CASE ?4 WHEN 'v' THEN 0 ELSE ?1 END,"
			   " 0, 0, -1, 0, 0, ?4 = 'r', 0, 'p', ?4, ?5, 0, ?4 = 'v', ?4 = 'r', 0, 0, 0, 1,"
			   " CASE ?4 WHEN 'r' THEN 'd' ELSE 'n' END, 0, 0, 0, 0, NULL, NULL, NULL)",
			   "ititi", oid, name, nspoid, k, (int64_t) natts);
}

/*
 * The oid of the database table named ref, or 0. A name in another case
 * is the table when no name matches exactly: SQLite and IRIS report a
 * foreign key's table as its REFERENCES clause spells it (REFERENCES BAR
 * for bar), and neither tells names apart by case.
 */
static int64_t
table_oid(Catalog *cat, const CatTableRef *ref)
{
	sqlite3_stmt *st;
	int64_t		oid = 0;

	if (!cat_prepare(cat, "SELECT oid FROM _rel WHERE db_name = ?2 COLLATE NOCASE"
					 " AND coalesce(db_schema, '') = ?1 COLLATE NOCASE"
					 " ORDER BY db_name = ?2 AND coalesce(db_schema, '') = ?1 DESC, oid LIMIT 1", &st))
		return 0;
	sqlite3_bind_text(st, 1, ref->schema, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, ref->name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		oid = sqlite3_column_int64(st, 0);
	cat_release(cat, st);
	return oid;
}

/* Add a table of the database (not there yet) to _rel and pg_class. */
static bool
add_table(Catalog *cat, const CatTableRef *t, const char *only_name, PgError *err)
{
	SqlDialect	d = cat->session->dialect;
	char		schema[CAT_NAME_LEN];
	char		name[CAT_NAME_LEN];
	char		kind[2] = {t->kind, '\0'};
	int64_t		nsp;
	int64_t		oid;

	cat_pg_schema_name(d, t->schema, schema, sizeof(schema));
	if (strcmp(schema, "pg_catalog") == 0 || strcmp(schema, "information_schema") == 0 ||
		strncmp(schema, "pg_toast", 8) == 0)
		return true;
	cat_pg_object_name(d, t->name, name, sizeof(name));
	if ((only_name != NULL && strcmp(name, only_name) != 0) || table_oid(cat, t) != 0)
		return true;
	if ((nsp = namespace_oid(cat, schema, err)) < 0)
		return false;
	oid = cat_object_oid('r', schema, NULL, name);
	while (cat_is_known_oid(cat, oid))
		oid++;
	cat->generation++;
	return cat_exec_bound(cat, err, "INSERT INTO _rel (oid, db_schema, db_name, kind) VALUES (?1, ?2, ?3, ?4)",
			   "itt" "t", oid, t->schema, t->name, kind) &&
		cat_add_class_row(cat, oid, name, nsp, t->kind, 0, err) &&
		cat_add_description(cat, oid, 0, t->remarks, err);
}

/* Were the tables of this name read already (a query run again asks again)? */
static bool
name_read(Catalog *cat, const char *name)
{
	sqlite3_stmt *st;
	bool		found = false;

	if (cat_prepare(cat, "SELECT 1 FROM _names_read WHERE name = ?1", &st))
	{
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		found = sqlite3_step(st) == SQLITE_ROW;
		cat_release(cat, st);
	}
	return found;
}

bool
cat_load_tables(Catalog *cat, const char *name, PgError *err)
{
	CatTableList list = {0};
	bool		ok;

	if (cat->tables_listed || (name != NULL && name_read(cat, name)))
		return true;
	if (!cat->source->tables(cat->source->ctx, name, &list, err))
		return false;
	ok = cat_exec(cat, "SAVEPOINT load_tables", err);
	for (size_t i = 0; ok && i < list.count; i++)
		ok = add_table(cat, &list.items[i], name, err);
	if (ok && name != NULL)
		ok = cat_exec_bound(cat, err, "INSERT OR IGNORE INTO _names_read VALUES (?1)", "t", name);
	if (ok)
		ok = cat_exec(cat, "RELEASE load_tables", err);
	else
		(void) sqlite3_exec(cat->db, "ROLLBACK TO load_tables; RELEASE load_tables", NULL, NULL, NULL);
	cat_table_list_free(&list);
	cat->tables_listed = ok && name == NULL;
	return ok;
}

/* The oid of the database table named ref, listing it if need be; 0 if there is none. */
int64_t
cat_table_oid_listed(Catalog *cat, const CatTableRef *ref, PgError *err)
{
	int64_t		oid = table_oid(cat, ref);
	char		name[CAT_NAME_LEN];

	if (oid != 0)
		return oid;
	cat_pg_object_name(cat->session->dialect, ref->name, name, sizeof(name));
	if (!cat_load_tables(cat, name, err))
		return 0;
	if ((oid = table_oid(cat, ref)) == 0 && cat_load_tables(cat, NULL, err))
		oid = table_oid(cat, ref);
	return oid;
}

bool
cat_load_all(Catalog *cat, PgError *err)
{
	sqlite3_stmt *st;
	int64_t    *oids = NULL;
	size_t		n = 0;
	bool		ok = true;

	if (cat->all_loaded)
		return true;
	if (!cat_load_tables(cat, NULL, err))
		return false;
	log_debug("catalog: reading every table's details");
	if (!cat_prepare(cat, "SELECT oid FROM _rel WHERE NOT loaded", &st))
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
	{
		int64_t    *more = realloc(oids, (n + 1) * sizeof(int64_t));

		if (more == NULL)
		{
			ok = false;
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			break;
		}
		oids = more;
		oids[n++] = sqlite3_column_int64(st, 0);
	}
	cat_release(cat, st);
	if (ok)
		ok = cat_exec(cat, "SAVEPOINT load_all", err);
	for (size_t i = 0; ok && i < n; i++)
		ok = cat_load_details(cat, oids[i], err);
	if (ok)
		ok = cat_exec(cat, "RELEASE load_all", err);
	free(oids);
	cat->all_loaded = ok;
	return ok;
}

bool
cat_load_referencing(Catalog *cat, int64_t reloid, PgError *err)
{
	TableInfo	t;
	CatTableList list = {0};
	bool		loaded = false;
	bool		ok;
	Buf			b;

	buf_init(&b);
	if (!cat_table_info(cat, reloid, &t, &loaded) ||
		cat_query_text(cat, "SELECT 1 FROM _rel WHERE oid = ?1 AND refs_loaded", reloid, &b) != NULL)
	{
		buf_free(&b);
		return true;
	}
	buf_free(&b);
	/* once every table's details are in, so are the foreign keys to this one */
	ok = cat_exec_bound(cat, err, "UPDATE _rel SET refs_loaded = 1 WHERE oid = ?1", "i", reloid) &&
		cat_load_details(cat, reloid, err) &&
		(cat->all_loaded || cat->source->referencing(cat->source->ctx, &t.ref, &list, err));
	for (size_t i = 0; ok && i < list.count; i++)
	{
		const CatTableRef *ref = &list.items[i];
		int64_t		oid;

		/* a table the source listed in full is added as it is, one it only named is looked up */
		if (list.listed && !(ok = add_table(cat, ref, NULL, err)))
			break;
		oid = list.listed ? table_oid(cat, ref) : cat_table_oid_listed(cat, ref, err);
		if (oid != 0)
			ok = cat_load_details(cat, oid, err);
	}
	cat_table_list_free(&list);
	cat->generation++;
	return ok;
}

bool
cat_table_column(Catalog *cat, const char *schema, const char *table, const char *column,
				 uint32_t *rel, int16_t *attnum)
{
	CatTableRef ref;
	char		name[CAT_NAME_LEN];
	int64_t		oid;
	PgError		err;
	sqlite3_stmt *st;
	bool		found = false;

	memset(&ref, 0, sizeof(ref));
	snprintf(ref.schema, sizeof(ref.schema), "%s", schema);
	snprintf(ref.name, sizeof(ref.name), "%s", table);
	if ((oid = cat_table_oid_listed(cat, &ref, &err)) == 0 || !cat_load_details(cat, oid, &err))
		return false;
	cat_pg_object_name(cat->session->dialect, column, name, sizeof(name));
	if (!cat_prepare(cat, "SELECT attnum FROM _pg_attribute WHERE attrelid = ?1 AND attname = ?2", &st))
		return false;
	sqlite3_bind_int64(st, 1, oid);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
	{
		*rel = (uint32_t) oid;
		*attnum = (int16_t) sqlite3_column_int(st, 0);
		found = true;
	}
	cat_release(cat, st);
	return found;
}
