/*
 * cat_load.c
 *		The database's tables in the catalog: read through the CatSource
 *		and written as PostgreSQL would have them.
 *
 * Owns: PostgreSQL's names for the database's schemas and tables (IRIS's
 * SQLUser and SQLite's main database are public; unquoted-looking names in
 * lower case), stable OIDs (a hash of the object's names, the same in
 * every session), and the rows of a table in pg_class, pg_attribute,
 * pg_attrdef, pg_index, pg_constraint and pg_description: the list of
 * tables when the catalog opens, each table's details when a scan asks
 * (cat_lazy.c). A primary key is an index and a constraint named
 * <table>_pkey unless the database names it; a unique index the database
 * made for a constraint is a UNIQUE constraint too. It must never run a
 * client's query.
 */
#include "catalog/cat_internal.h"

#include "common/log.h"
#include "common/types.h"

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
static int64_t
claim_oid(Catalog *cat, char kind, const char *schema, const char *table, const char *name)
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
static bool
run(Catalog *cat, PgError *err, const char *sql, const char *types,...)
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
	oid = claim_oid(cat, 'n', pg_schema, NULL, NULL);
	if (!run(cat, err, "INSERT INTO _pg_namespace VALUES (?1, ?2, 10, NULL)", "it", oid, pg_schema))
		return -1;
	return oid;
}

static bool
add_description(Catalog *cat, int64_t objoid, int subid, const char *text, PgError *err)
{
	if (text == NULL || text[0] == '\0')
		return true;
	return run(cat, err, "INSERT INTO _pg_description VALUES (?1, 1259, ?2, ?3)", "iit",
			   objoid, (int64_t) subid, text);
}

/*
 * A pg_class row: a table or view ('r', 'v') or an index ('i'). A table
 * has triggers (PostgreSQL's foreign keys are triggers, and psql asks for
 * foreign keys only of tables that have them) and an index until its
 * details say otherwise.
 */
static bool
add_class_row(Catalog *cat, int64_t oid, const char *name, int64_t nspoid, char kind, int natts,
			  PgError *err)
{
	char		k[2] = {kind, '\0'};

	return run(cat, err,
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
	return run(cat, err, "INSERT INTO _rel (oid, db_schema, db_name, kind) VALUES (?1, ?2, ?3, ?4)",
			   "itt" "t", oid, t->schema, t->name, kind) &&
		add_class_row(cat, oid, name, nsp, t->kind, 0, err) &&
		add_description(cat, oid, 0, t->remarks, err);
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
		ok = run(cat, err, "INSERT OR IGNORE INTO _names_read VALUES (?1)", "t", name);
	if (ok)
		ok = cat_exec(cat, "RELEASE load_tables", err);
	else
		(void) sqlite3_exec(cat->db, "ROLLBACK TO load_tables; RELEASE load_tables", NULL, NULL, NULL);
	cat_table_list_free(&list);
	cat->tables_listed = ok && name == NULL;
	return ok;
}

/* The oid of the database table named ref, listing it if need be; 0 if there is none. */
static int64_t
table_oid_listed(Catalog *cat, const CatTableRef *ref, PgError *err)
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

/* ---- a table's details ---- */

typedef struct TableInfo
{
	int64_t		oid;
	int64_t		nspoid;
	char		relname[CAT_NAME_LEN];
	CatTableRef ref;			/* the database's names */
} TableInfo;

static bool
table_info(Catalog *cat, int64_t oid, TableInfo *t, bool *loaded)
{
	sqlite3_stmt *st;
	bool		found = false;

	memset(t, 0, sizeof(*t));
	if (!cat_prepare(cat, "SELECT r.db_schema, r.db_name, r.kind, r.loaded, c.relname,"
						   " c.relnamespace FROM _rel r JOIN _pg_class c ON c.oid = r.oid WHERE r.oid = ?1", &st))
		return false;
	sqlite3_bind_int64(st, 1, oid);
	if (sqlite3_step(st) == SQLITE_ROW)
	{
		found = true;
		t->oid = oid;
		snprintf(t->ref.schema, sizeof(t->ref.schema), "%s",
				 sqlite3_column_text(st, 0) ? (const char *) sqlite3_column_text(st, 0) : "");
		snprintf(t->ref.name, sizeof(t->ref.name), "%s", (const char *) sqlite3_column_text(st, 1));
		t->ref.kind = ((const char *) sqlite3_column_text(st, 2))[0];
		*loaded = sqlite3_column_int(st, 3) != 0;
		snprintf(t->relname, sizeof(t->relname), "%s", (const char *) sqlite3_column_text(st, 4));
		t->nspoid = sqlite3_column_int64(st, 5);
	}
	cat_release(cat, st);
	return found;
}

/* attnum of column name (1-based position in the details), 0 if none. */
static int
attnum_of(const CatDetails *d, const char *name)
{
	for (size_t i = 0; i < d->ncolumns; i++)
	{
		if (strcmp(d->columns[i].name, name) == 0)
			return (int) i + 1;
	}
	for (size_t i = 0; i < d->ncolumns; i++)
	{
		if (strcasecmp(d->columns[i].name, name) == 0)
			return (int) i + 1;
	}
	return 0;
}

/* attnums of cols as int2vector text ("1 2") or array text ("{1,2}"); false if a column is missing. */
static bool
attnums_text(const CatDetails *d, char (*cols)[CAT_NAME_LEN], int ncols, bool array, Buf *out)
{
	buf_reset(out);
	if (array)
		buf_append_byte(out, '{');
	for (int k = 0; k < ncols; k++)
	{
		int			n = attnum_of(d, cols[k]);

		if (n == 0)
			return false;
		buf_appendf(out, "%s%d", k ? (array ? "," : " ") : "", n);
	}
	if (array)
		buf_append_byte(out, '}');
	return !buf_failed(out);
}

static bool
add_columns(Catalog *cat, const TableInfo *t, const CatDetails *d, PgError *err)
{
	bool		ok = true;

	for (size_t i = 0; ok && i < d->ncolumns; i++)
	{
		const CatColumn *c = &d->columns[i];
		char		name[CAT_NAME_LEN];
		int64_t		attnum = (int64_t) i + 1;
		uint32_t	type = c->type_oid ? c->type_oid : TEXTOID;

		cat_pg_object_name(cat->session->dialect, c->name, name, sizeof(name));
		ok = run(cat, err,
				 "INSERT INTO _pg_attribute SELECT ?1, ?2, t.oid, -1, t.typlen, ?3, 0, -1, ?4, t.typbyval,"
				 " t.typalign, t.typstorage, '', ?5, ?6, 0, '', '', 0, 1, 0,"
				 " CASE WHEN t.typcollation <> 0 THEN 100 ELSE 0 END, NULL, NULL, NULL, NULL"
				 " FROM pg_type t WHERE t.oid = coalesce((SELECT oid FROM pg_type WHERE oid = ?7), 25)",
				 "itiiiii", t->oid, name, attnum, (int64_t) c->typmod, (int64_t) c->notnull,
				 (int64_t) (c->default_expr != NULL), (int64_t) type);
		if (ok && c->default_expr != NULL)
			ok = run(cat, err, "INSERT INTO _pg_attrdef VALUES (?1, ?2, ?3, ?4)", "iiit",
					 claim_oid(cat, 'd', t->ref.schema, t->ref.name, c->name), t->oid, attnum,
					 c->default_expr);
		if (ok)
			ok = add_description(cat, t->oid, (int) attnum, c->remarks, err);
	}
	return ok;
}

/*
 * The name PostgreSQL would give an index: the database's, unless it made
 * one up (SQLite's sqlite_autoindex_t_1, no name for a primary key).
 */
static void
index_name(const TableInfo *t, const CatIndex *ix, Buf *out)
{
	buf_reset(out);
	if (ix->name[0] != '\0' && strncmp(ix->name, "sqlite_autoindex_", 17) != 0)
	{
		buf_append_str(out, ix->name);
		return;
	}
	buf_append_str(out, t->relname);
	if (ix->primary)
	{
		buf_append_str(out, "_pkey");
		return;
	}
	for (int k = 0; k < ix->ncols; k++)
		buf_appendf(out, "_%s", ix->cols[k]);
	buf_append_str(out, "_key");
}

/* Is ix a unique index the database made for a UNIQUE constraint? */
static bool
backs_constraint(const CatIndex *ix)
{
	size_t		n = strlen(ix->name);

	return ix->unique && !ix->primary &&
		(strncmp(ix->name, "sqlite_autoindex_", 17) == 0 || (n > 4 && strcmp(ix->name + n - 4, "_key") == 0));
}

/* Is index i the database's own index for the primary key (same columns)? */
static bool
duplicates_primary(const CatDetails *d, size_t i)
{
	const CatIndex *ix = &d->indexes[i];

	if (ix->primary || !ix->unique)
		return false;
	for (size_t p = 0; p < d->nindexes; p++)
	{
		const CatIndex *pk = &d->indexes[p];
		bool		same = pk->primary && pk->ncols == ix->ncols;

		for (int k = 0; same && k < ix->ncols; k++)
			same = strcmp(pk->cols[k], ix->cols[k]) == 0;
		if (same)
			return true;
	}
	return false;
}

static bool
add_index(Catalog *cat, const TableInfo *t, const CatDetails *d, const CatIndex *ix, PgError *err)
{
	Buf			name;
	Buf			indkey;
	Buf			conkey;
	Buf			zeros;
	int64_t		oid;
	bool		ok;

	buf_init(&name);
	buf_init(&indkey);
	buf_init(&conkey);
	buf_init(&zeros);
	index_name(t, ix, &name);
	if (buf_failed(&name) || !attnums_text(d, ix->cols, ix->ncols, false, &indkey) ||
		!attnums_text(d, ix->cols, ix->ncols, true, &conkey))
	{
		ok = true;				/* an index on expressions: not shown */
		goto done;
	}
	for (int k = 0; k < ix->ncols; k++)
		buf_append_str(&zeros, k ? " 0" : "0");
	oid = claim_oid(cat, 'i', t->ref.schema, t->ref.name, name.data);
	ok = add_class_row(cat, oid, name.data, t->nspoid, 'i', ix->ncols, err) &&
		run(cat, err,
			"INSERT INTO _pg_index VALUES (?1, ?2, ?3, ?3, ?4, 0, ?5, 0, 1, 0, 1, 0, 1, 1, 0, ?6,"
			" ?7, ?7, ?7, NULL, NULL)", "iiiiitt",
			oid, t->oid, (int64_t) ix->ncols, (int64_t) ix->unique, (int64_t) ix->primary,
			indkey.data, zeros.data);
	for (int k = 0; ok && k < ix->ncols; k++)
		ok = run(cat, err,
				 "INSERT INTO _pg_attribute SELECT ?1, a.attname, a.atttypid, -1, a.attlen, ?2, 0, -1,"
				 " a.atttypmod, a.attbyval, a.attalign, a.attstorage, '', 0, 0, 0, '', '', 0, 1, 0,"
				 " a.attcollation, NULL, NULL, NULL, NULL FROM _pg_attribute a"
				 " WHERE a.attrelid = ?3 AND a.attnum = ?4", "iiii",
				 oid, (int64_t) k + 1, t->oid, (int64_t) attnum_of(d, ix->cols[k]));
	if (ok && (ix->primary || backs_constraint(ix)))
		ok = run(cat, err,
				 "INSERT INTO _pg_constraint VALUES (?1, ?2, ?3, ?4, 0, 0, 1, ?5, 0, ?6, 0, 0, ' ', ' ',"
				 " ' ', 1, 0, 1, ?7, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", "ititiit",
				 claim_oid(cat, 'c', t->ref.schema, t->ref.name, name.data), name.data, t->nspoid,
				 ix->primary ? "p" : "u", t->oid, oid, conkey.data);
done:
	buf_free(&name);
	buf_free(&indkey);
	buf_free(&conkey);
	buf_free(&zeros);
	return ok;
}

static const char *
action_code(char c)
{
	static char codes[5][2] = {"a", "r", "c", "n", "d"};

	for (int i = 0; i < 5; i++)
	{
		if (codes[i][0] == c)
			return codes[i];
	}
	return "a";
}

static bool
add_foreign_key(Catalog *cat, const TableInfo *t, const CatDetails *d, const CatForeignKey *fk,
				PgError *err)
{
	int64_t		ref = table_oid_listed(cat, &fk->ref, err);
	CatDetails	rd = {0};
	Buf			conkey;
	Buf			confkey;
	Buf			name;
	bool		ok = true;

	if (ref == 0)
		return true;			/* a table pgwire does not list */
	/* the referenced columns' attnums: read the referenced table first */
	if (!cat_load_details(cat, ref, err))
		return false;
	buf_init(&conkey);
	buf_init(&confkey);
	buf_init(&name);
	/* the referenced table's columns, from what was just written */
	{
		sqlite3_stmt *st;

		if (cat_prepare(cat, "SELECT attname FROM _pg_attribute WHERE attrelid = ?1 AND"
							   " attnum > 0 ORDER BY attnum", &st))
		{
			sqlite3_bind_int64(st, 1, ref);
			while (sqlite3_step(st) == SQLITE_ROW)
			{
				CatColumn  *cols = realloc(rd.columns, (rd.ncolumns + 1) * sizeof(CatColumn));

				if (cols == NULL)
					break;
				rd.columns = cols;
				memset(&cols[rd.ncolumns], 0, sizeof(CatColumn));
				snprintf(cols[rd.ncolumns++].name, CAT_NAME_LEN, "%s", sqlite3_column_text(st, 0));
			}
			cat_release(cat, st);
		}
	}
	if (attnums_text(d, fk->cols, fk->ncols, true, &conkey) &&
		attnums_text(&rd, fk->ref_cols, fk->ncols, true, &confkey))
	{
		buf_append_str(&name, fk->name);
		if (fk->name[0] == '\0')
		{
			buf_append_str(&name, t->relname);
			for (int k = 0; k < fk->ncols; k++)
				buf_appendf(&name, "_%s", fk->cols[k]);
			buf_append_str(&name, "_fkey");
		}
		ok = !buf_failed(&name) &&
			run(cat, err,
				"INSERT INTO _pg_constraint VALUES (?1, ?2, ?3, 'f', 0, 0, 1, ?4, 0,"
				" coalesce((SELECT conindid FROM _pg_constraint WHERE conrelid = ?5 AND contype IN ('p', 'u')"
				" AND conkey = ?7), 0), 0, ?5, ?8, ?9, 's', 1, 0, 1, ?6, ?7, NULL, NULL, NULL, NULL, NULL, NULL)",
				"itiiittt" "t",
				claim_oid(cat, 'c', t->ref.schema, t->ref.name, name.data), name.data, t->nspoid, t->oid,
				ref, conkey.data, confkey.data, action_code(fk->on_update), action_code(fk->on_delete));
	}
	free(rd.columns);
	buf_free(&conkey);
	buf_free(&confkey);
	buf_free(&name);
	return ok;
}

static bool
write_details(Catalog *cat, const TableInfo *t, CatDetails *d, PgError *err)
{
	bool		ok;

	/* the catalog's column names, so keys find them */
	for (size_t i = 0; i < d->ncolumns; i++)
		cat_pg_object_name(cat->session->dialect, d->columns[i].name, d->columns[i].name, CAT_NAME_LEN);
	for (size_t i = 0; i < d->nindexes; i++)
		for (int k = 0; k < d->indexes[i].ncols; k++)
			cat_pg_object_name(cat->session->dialect, d->indexes[i].cols[k], d->indexes[i].cols[k],
							   CAT_NAME_LEN);
	for (size_t i = 0; i < d->nfkeys; i++)
		for (int k = 0; k < d->fkeys[i].ncols; k++)
		{
			cat_pg_object_name(cat->session->dialect, d->fkeys[i].cols[k], d->fkeys[i].cols[k],
							   CAT_NAME_LEN);
			cat_pg_object_name(cat->session->dialect, d->fkeys[i].ref_cols[k], d->fkeys[i].ref_cols[k],
							   CAT_NAME_LEN);
		}

	/* a primary key's columns are NOT NULL, whatever the driver says */
	for (size_t i = 0; i < d->nindexes; i++)
		for (int k = 0; d->indexes[i].primary && k < d->indexes[i].ncols; k++)
			for (size_t c = 0; c < d->ncolumns; c++)
				if (strcmp(d->columns[c].name, d->indexes[i].cols[k]) == 0)
					d->columns[c].notnull = true;
	ok = add_columns(cat, t, d, err) &&
		run(cat, err, "UPDATE _pg_class SET relnatts = ?2, relhasindex = ?3 WHERE oid = ?1", "iii",
			t->oid, (int64_t) d->ncolumns, (int64_t) (d->nindexes > 0));
	for (size_t i = 0; ok && i < d->nindexes; i++)
	{
		if (!duplicates_primary(d, i))
			ok = add_index(cat, t, d, &d->indexes[i], err);
	}
	for (size_t i = 0; ok && i < d->nfkeys; i++)
		ok = add_foreign_key(cat, t, d, &d->fkeys[i], err);
	return ok;
}

bool
cat_load_details(Catalog *cat, int64_t reloid, PgError *err)
{
	TableInfo	t;
	CatDetails	d = {0};
	bool		loaded = false;
	bool		ok;

	if (!table_info(cat, reloid, &t, &loaded) || loaded)
		return true;
	/* marked first: a foreign key back to this table must not read it again */
	if (!run(cat, err, "UPDATE _rel SET loaded = 1 WHERE oid = ?1", "i", reloid))
		return false;
	cat->loading++;
	ok = cat->source->details(cat->source->ctx, &t.ref, &d, err) && write_details(cat, &t, &d, err);
	cat->loading--;
	cat_details_free(&d);
	cat->generation++;
	return ok;
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
	if (!table_info(cat, reloid, &t, &loaded) ||
		cat_query_text(cat, "SELECT 1 FROM _rel WHERE oid = ?1 AND refs_loaded", reloid, &b) != NULL)
	{
		buf_free(&b);
		return true;
	}
	buf_free(&b);
	/* once every table's details are in, so are the foreign keys to this one */
	ok = run(cat, err, "UPDATE _rel SET refs_loaded = 1 WHERE oid = ?1", "i", reloid) &&
		cat_load_details(cat, reloid, err) &&
		(cat->all_loaded || cat->source->referencing(cat->source->ctx, &t.ref, &list, err));
	for (size_t i = 0; ok && i < list.count; i++)
	{
		const CatTableRef *ref = &list.items[i];
		int64_t		oid;

		/* a table the source listed in full is added as it is, one it only named is looked up */
		if (list.listed && !(ok = add_table(cat, ref, NULL, err)))
			break;
		oid = list.listed ? table_oid(cat, ref) : table_oid_listed(cat, ref, err);
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
	if ((oid = table_oid_listed(cat, &ref, &err)) == 0 || !cat_load_details(cat, oid, &err))
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
