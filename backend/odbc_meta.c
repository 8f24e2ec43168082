/*
 * odbc_meta.c
 *		The database's metadata through ODBC's catalog functions, for the
 *		catalog (catalog/catalog.h's CatSource).
 *
 * Owns: SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics and
 * SQLForeignKeys on the session's connection (each on a handle of its
 * own, so a client's open cursor is never disturbed), the PostgreSQL type
 * of each column (the driver's type name when it is PostgreSQL's, else
 * its SQL type; lengths and precisions as typmods), and keeping only the
 * rows of the table asked for (SQLColumns reads its name as a pattern).
 * The same code serves every driver, with one narrowing for SQLite's:
 * which tables reference a table is asked only of the tables whose CREATE
 * TABLE text can hold such a foreign key. It must never write to the
 * client or the catalog.
 */
#include "backend/odbc_meta.h"

#include "backend/odbc_result.h"
#include "common/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

static bool
alloc_stmt(OdbcConn *conn, SQLHSTMT *h, PgError *err)
{
	if (SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, conn->dbc, h)))
		return true;
	odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, err);
	return false;
}

/* Column col of the current row as text ("" for NULL); false if NULL. */
static bool
get_text(SQLHSTMT h, int col, char *out, size_t len)
{
	SQLLEN		ind = 0;

	out[0] = '\0';
	if (!SUCCEEDED(SQLGetData(h, (SQLUSMALLINT) col, SQL_C_CHAR, out, (SQLLEN) len, &ind)) ||
		ind == SQL_NULL_DATA)
	{
		out[0] = '\0';
		return false;
	}
	return true;
}

/* Column col as a new string, NULL when NULL or empty. */
static char *
get_string(SQLHSTMT h, int col)
{
	char		buf[4096];

	if (!get_text(h, col, buf, sizeof(buf)) || buf[0] == '\0')
		return NULL;
	return strdup(buf);
}

static long
get_long(SQLHSTMT h, int col, long if_null)
{
	SQLINTEGER	v = 0;
	SQLLEN		ind = 0;

	if (!SUCCEEDED(SQLGetData(h, (SQLUSMALLINT) col, SQL_C_SLONG, &v, sizeof(v), &ind)) ||
		ind == SQL_NULL_DATA)
		return if_null;
	return (long) v;
}

static SQLCHAR *
schema_arg(const CatTableRef *t)
{
	return t->schema[0] ? (SQLCHAR *) t->schema : NULL;
}

static SQLSMALLINT
schema_len(const CatTableRef *t)
{
	return t->schema[0] ? SQL_NTS : 0;
}

/* ---- tables ---- */

static bool
meta_tables(void *ctx, const char *name, CatTableList *out, PgError *err)
{
	OdbcConn   *conn = ctx;
	SQLHSTMT	h;
	bool		ok = true;

	if (!alloc_stmt(conn, &h, err))
		return false;
	/* system tables too: IRIS's %-schemas are listed, hidden by the search path */
	if (!SUCCEEDED(SQLTables(h, NULL, 0, NULL, 0, (SQLCHAR *) (name ? name : "%"), SQL_NTS,
							 (SQLCHAR *) "TABLE,VIEW,SYSTEM TABLE", SQL_NTS)))
	{
		odbc_report(conn, SQL_HANDLE_STMT, h, err);
		SQLFreeHandle(SQL_HANDLE_STMT, h);
		return false;
	}
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		CatTableRef t;
		char		type[64];

		memset(&t, 0, sizeof(t));
		get_text(h, 2, t.schema, sizeof(t.schema));
		get_text(h, 3, t.name, sizeof(t.name));
		get_text(h, 4, type, sizeof(type));
		if (strcasecmp(type, "TABLE") == 0 || strcasecmp(type, "SYSTEM TABLE") == 0)
			t.kind = 'r';
		else if (strcasecmp(type, "VIEW") == 0)
			t.kind = 'v';
		else
			continue;
		if (strncmp(t.name, "sqlite_", 7) == 0)
			continue;
		t.remarks = get_string(h, 5);
		if (!cat_table_list_add(out, &t))
		{
			free(t.remarks);
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			ok = false;
		}
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	return ok;
}

/* ---- columns ---- */

/* "(40)" or "(12,3)" after a type name, if any. */
static int
type_name_modifiers(const char *type_name, long *a, long *b)
{
	const char *open = strchr(type_name, '(');

	if (open == NULL)
		return 0;
	return sscanf(open + 1, "%ld , %ld", a, b);
}

static int32_t
column_typmod(uint32_t oid, const char *type_name, long size, long digits)
{
	long		a = 0;
	long		b = 0;
	int			n = type_name_modifiers(type_name, &a, &b);

	switch (oid)
	{
		case VARCHAROID:
		case BPCHAROID:
			if (n >= 1)
				return pgtype_char_typmod((int32_t) a);
			return size > 0 && size < 10485760 ? pgtype_char_typmod((int32_t) size) : -1;
		case NUMERICOID:
			if (n >= 1)
				return pgtype_numeric_typmod((int32_t) a, (int32_t) (n == 2 ? b : 0));
			return size > 0 && size <= 1000 ? pgtype_numeric_typmod((int32_t) size, (int32_t) Max(digits, 0)) : -1;
		case VECTOROID:
			if (n >= 1)
				return (int32_t) (n == 2 ? b : a);
			return size > 0 ? (int32_t) size : -1;
		default:
			return -1;
	}
}

/*
 * SQLite's driver gives a string default without its quotes ('x' as x):
 * quoted again, and cast as PostgreSQL shows it ('x'::character varying).
 * Numbers, NULL and expressions stay as they are.
 */
static bool
quote_sqlite_default(CatColumn *c)
{
	const char *d = c->default_expr;
	const char *cast = c->type_oid == VARCHAROID ? "::character varying" :
		c->type_oid == TEXTOID ? "::text" : c->type_oid == BPCHAROID ? "::bpchar" : "";
	Buf			b;
	char	   *end;

	(void) strtod(d, &end);
	if ((*end == '\0' && *d != '\0') || d[0] == '(' || d[0] == '\'' || strchr(d, '(') != NULL ||
		strncasecmp(d, "CURRENT_", 8) == 0 || strcasecmp(d, "true") == 0 || strcasecmp(d, "false") == 0)
		return true;
	buf_init(&b);
	buf_append_byte(&b, '\'');
	for (const char *p = d; *p; p++)
	{
		if (*p == '\'')
			buf_append_byte(&b, '\'');
		buf_append_byte(&b, (uint8_t) *p);
	}
	buf_append_byte(&b, '\'');
	buf_append_str(&b, cast);
	if (buf_failed(&b))
	{
		buf_free(&b);
		return false;
	}
	free(c->default_expr);
	c->default_expr = strdup((const char *) b.data);
	buf_free(&b);
	return c->default_expr != NULL;
}

static bool
add_column(CatDetails *d, SQLHSTMT h, size_t *cap, SqlDialect dialect, bool named_types_only)
{
	CatColumn  *c;
	char		type_name[128];
	uint32_t	oid;

	if (d->ncolumns == *cap)
	{
		size_t		n = *cap ? *cap * 2 : 16;
		CatColumn  *cols = realloc(d->columns, n * sizeof(CatColumn));

		if (cols == NULL)
			return false;
		d->columns = cols;
		*cap = n;
	}
	c = &d->columns[d->ncolumns++];
	memset(c, 0, sizeof(*c));
	get_text(h, 4, c->name, sizeof(c->name));
	get_text(h, 6, type_name, sizeof(type_name));
	oid = odbc_type_name_oid(type_name);
	if (oid == 0 && !named_types_only)
		oid = odbc_sql_type_oid((SQLSMALLINT) get_long(h, 5, 0));
	c->type_oid = oid;
	c->typmod = column_typmod(oid, type_name, get_long(h, 7, 0), get_long(h, 9, 0));
	c->notnull = get_long(h, 11, SQL_NULLABLE) == SQL_NO_NULLS;
	c->remarks = get_string(h, 12);
	c->default_expr = get_string(h, 13);
	if (c->default_expr != NULL && strcasecmp(c->default_expr, "NULL") == 0)
	{
		free(c->default_expr);
		c->default_expr = NULL;
	}
	if (c->default_expr != NULL && dialect == DIALECT_SQLITE)
		return quote_sqlite_default(c);
	return true;
}

bool
odbc_meta_columns(OdbcConn *conn, const CatTableRef *t, bool named_types_only, CatDetails *d, PgError *err)
{
	SQLHSTMT	h;
	size_t		cap = 0;
	bool		ok = true;

	/* the name is a pattern to SQLColumns ('_' matches any character): rows are checked */
	if (!alloc_stmt(conn, &h, err))
		return false;
	if (!SUCCEEDED(SQLColumns(h, NULL, 0, schema_arg(t), schema_len(t), (SQLCHAR *) t->name, SQL_NTS,
							  (SQLCHAR *) "%", SQL_NTS)))
		odbc_report(conn, SQL_HANDLE_STMT, h, err), ok = false;
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		char		table[CAT_NAME_LEN];

		get_text(h, 3, table, sizeof(table));
		if (strcasecmp(table, t->name) != 0)
			continue;
		if (!add_column(d, h, &cap, conn->dialect, named_types_only))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			ok = false;
		}
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	return ok;
}

/* ---- indexes ---- */

static CatIndex *
index_named(CatDetails *d, const char *name, bool primary)
{
	CatIndex   *ix;

	for (size_t i = 0; i < d->nindexes; i++)
	{
		if (d->indexes[i].primary == primary && strcmp(d->indexes[i].name, name) == 0)
			return &d->indexes[i];
	}
	ix = realloc(d->indexes, (d->nindexes + 1) * sizeof(CatIndex));
	if (ix == NULL)
		return NULL;
	d->indexes = ix;
	ix = &d->indexes[d->nindexes++];
	memset(ix, 0, sizeof(*ix));
	snprintf(ix->name, sizeof(ix->name), "%s", name);
	ix->primary = primary;
	ix->unique = primary;
	return ix;
}

/* Put column name at 1-based position pos of ix. */
static bool
index_set_column(CatIndex *ix, long pos, const char *name)
{
	if (pos < 1 || pos > 64)
		return true;
	if (pos > ix->ncols)
	{
		char		(*cols)[CAT_NAME_LEN] = realloc(ix->cols, (size_t) pos * CAT_NAME_LEN);

		if (cols == NULL)
			return false;
		memset(cols + ix->ncols, 0, (size_t) (pos - ix->ncols) * CAT_NAME_LEN);
		ix->cols = cols;
		ix->ncols = (int) pos;
	}
	snprintf(ix->cols[pos - 1], CAT_NAME_LEN, "%s", name);
	return true;
}

static bool
read_primary_key(OdbcConn *conn, const CatTableRef *t, CatDetails *d, PgError *err)
{
	SQLHSTMT	h;
	bool		ok = true;

	if (!alloc_stmt(conn, &h, err))
		return false;
	if (!SUCCEEDED(SQLPrimaryKeys(h, NULL, 0, schema_arg(t), schema_len(t), (SQLCHAR *) t->name, SQL_NTS)))
	{
		/* a driver without primary keys: the indexes still tell */
		SQLFreeHandle(SQL_HANDLE_STMT, h);
		return true;
	}
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		char		column[CAT_NAME_LEN];
		char		name[CAT_NAME_LEN];
		CatIndex   *ix;

		get_text(h, 4, column, sizeof(column));
		get_text(h, 6, name, sizeof(name));
		ix = index_named(d, name, true);
		ok = ix != NULL && index_set_column(ix, get_long(h, 5, 1), column);
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	if (!ok)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}

static bool
read_indexes(OdbcConn *conn, const CatTableRef *t, CatDetails *d, PgError *err)
{
	SQLHSTMT	h;
	bool		ok = true;

	if (!alloc_stmt(conn, &h, err))
		return false;
	if (!SUCCEEDED(SQLStatistics(h, NULL, 0, schema_arg(t), schema_len(t), (SQLCHAR *) t->name, SQL_NTS,
								 SQL_INDEX_ALL, SQL_QUICK)))
	{
		SQLFreeHandle(SQL_HANDLE_STMT, h);
		return true;
	}
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		char		name[CAT_NAME_LEN];
		char		column[CAT_NAME_LEN];
		CatIndex   *ix;

		if (get_long(h, 7, SQL_TABLE_STAT) == SQL_TABLE_STAT || !get_text(h, 6, name, sizeof(name)) ||
			!get_text(h, 9, column, sizeof(column)))
			continue;
		ix = index_named(d, name, false);
		if (ix == NULL)
			ok = false;
		else
		{
			ix->unique = get_long(h, 4, 1) == 0;
			ok = index_set_column(ix, get_long(h, 8, 1), column);
		}
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	if (!ok)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}

/* ---- foreign keys ---- */

static char
rule_code(long rule)
{
	switch (rule)
	{
		case SQL_CASCADE:
			return 'c';
		case SQL_RESTRICT:
			return 'r';
		case SQL_SET_NULL:
			return 'n';
		case SQL_SET_DEFAULT:
			return 'd';
		default:
			return 'a';
	}
}

static bool
fk_add_column(CatForeignKey *fk, const char *col, const char *ref_col)
{
	char		(*cols)[CAT_NAME_LEN] = realloc(fk->cols, (size_t) (fk->ncols + 1) * CAT_NAME_LEN);
	char		(*refs)[CAT_NAME_LEN];

	if (cols == NULL)
		return false;
	fk->cols = cols;
	refs = realloc(fk->ref_cols, (size_t) (fk->ncols + 1) * CAT_NAME_LEN);
	if (refs == NULL)
		return false;
	fk->ref_cols = refs;
	snprintf(fk->cols[fk->ncols], CAT_NAME_LEN, "%s", col);
	snprintf(fk->ref_cols[fk->ncols], CAT_NAME_LEN, "%s", ref_col);
	fk->ncols++;
	return true;
}

static bool
read_foreign_keys(OdbcConn *conn, const CatTableRef *t, CatDetails *d, PgError *err)
{
	SQLHSTMT	h;
	bool		ok = true;

	if (!alloc_stmt(conn, &h, err))
		return false;
	if (!SUCCEEDED(SQLForeignKeys(h, NULL, 0, NULL, 0, NULL, 0, NULL, 0, schema_arg(t), schema_len(t),
								  (SQLCHAR *) t->name, SQL_NTS)))
	{
		SQLFreeHandle(SQL_HANDLE_STMT, h);
		return true;
	}
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		char		name[CAT_NAME_LEN];
		char		col[CAT_NAME_LEN];
		char		ref_col[CAT_NAME_LEN];
		CatTableRef ref;
		long		seq = get_long(h, 9, 1);
		CatForeignKey *fk;

		memset(&ref, 0, sizeof(ref));
		get_text(h, 2, ref.schema, sizeof(ref.schema));
		get_text(h, 3, ref.name, sizeof(ref.name));
		get_text(h, 4, ref_col, sizeof(ref_col));
		get_text(h, 8, col, sizeof(col));
		get_text(h, 12, name, sizeof(name));
		if (seq <= 1 || d->nfkeys == 0)
		{
			fk = realloc(d->fkeys, (d->nfkeys + 1) * sizeof(CatForeignKey));
			if (fk == NULL)
			{
				ok = false;
				break;
			}
			d->fkeys = fk;
			fk = &d->fkeys[d->nfkeys++];
			memset(fk, 0, sizeof(*fk));
			snprintf(fk->name, sizeof(fk->name), "%s", name);
			fk->ref = ref;
			fk->on_update = rule_code(get_long(h, 10, SQL_NO_ACTION));
			fk->on_delete = rule_code(get_long(h, 11, SQL_NO_ACTION));
		}
		fk = &d->fkeys[d->nfkeys - 1];
		ok = fk_add_column(fk, col, ref_col);
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	if (!ok)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}

static bool
meta_details(void *ctx, const CatTableRef *t, CatDetails *out, PgError *err)
{
	OdbcConn   *conn = ctx;

	return odbc_meta_columns(conn, t, false, out, err) &&
		(t->kind == 'v' ||
		 (read_primary_key(conn, t, out, err) && read_indexes(conn, t, out, err) &&
		  read_foreign_keys(conn, t, out, err)));
}

/* ---- the tables referencing a table ---- */

/* The driver's exported keys of t: a row for each column of each foreign key to it. */
static bool
exported_keys(OdbcConn *conn, const CatTableRef *t, CatTableList *out, PgError *err)
{
	SQLHSTMT	h;
	bool		ok = true;

	if (!alloc_stmt(conn, &h, err))
		return false;
	if (!SUCCEEDED(SQLForeignKeys(h, NULL, 0, schema_arg(t), schema_len(t), (SQLCHAR *) t->name, SQL_NTS,
								  NULL, 0, NULL, 0, NULL, 0)))
	{
		SQLFreeHandle(SQL_HANDLE_STMT, h);
		return true;
	}
	while (ok && SUCCEEDED(SQLFetch(h)))
	{
		CatTableRef ref;

		memset(&ref, 0, sizeof(ref));
		ref.kind = 'r';
		get_text(h, 6, ref.schema, sizeof(ref.schema));
		get_text(h, 7, ref.name, sizeof(ref.name));
		ok = cat_table_list_add(out, &ref);
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	if (!ok)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}

/*
 * SQLite's driver answers the exported keys by reading every table's
 * foreign keys (PRAGMA foreign_key_list for each: 25-35 ms on 5,000
 * tables). A foreign key names the table it references in its own table's
 * CREATE TABLE text, after REFERENCES, so only tables whose text holds
 * both words (ASCII case folded, as SQLite and the driver compare names)
 * can reference t: one scan of sqlite_master narrows the tables to ask.
 * False when it cannot narrow: a name the text may spell otherwise
 * (quotes doubled, bytes outside ASCII), or the scan failed.
 */
static bool
sqlite_may_reference(OdbcConn *conn, const CatTableRef *t, CatTableList *out)
{
	char		needle[CAT_NAME_LEN];
	SQLLEN		len = (SQLLEN) strlen(t->name);
	SQLHSTMT	h;
	SQLRETURN	rc;
	bool		ok;

	if (len == 0 || strpbrk(t->name, "\"'`[]") != NULL)
		return false;
	for (SQLLEN i = 0; i <= len; i++)
	{
		if ((unsigned char) t->name[i] >= 0x80)
			return false;
		needle[i] = (char) tolower((unsigned char) t->name[i]);
	}
	if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, conn->dbc, &h)))
		return false;
	ok = SUCCEEDED(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, (SQLULEN) len, 0, needle,
									len, &len)) &&
		SUCCEEDED(SQLExecDirect(h, (SQLCHAR *) "SELECT name FROM sqlite_master WHERE type = 'table'"
								" AND instr(lower(sql), ?) > 0 AND instr(lower(sql), 'references') > 0",
								SQL_NTS));
	/* every row or none: a table missed would be a foreign key missed */
	while (ok && (rc = SQLFetch(h)) != SQL_NO_DATA)
	{
		CatTableRef ref;

		memset(&ref, 0, sizeof(ref));
		ref.kind = 'r';
		ok = SUCCEEDED(rc) && get_text(h, 1, ref.name, sizeof(ref.name)) && cat_table_list_add(out, &ref);
	}
	SQLFreeHandle(SQL_HANDLE_STMT, h);
	return ok;
}

/* Add table to out if one of its own foreign keys references t. */
static bool
add_if_referencing(OdbcConn *conn, const CatTableRef *table, const CatTableRef *t, CatTableList *out,
				   PgError *err)
{
	CatDetails	d = {0};
	bool		ok = read_foreign_keys(conn, table, &d, err);
	bool		refers = false;

	for (size_t i = 0; ok && i < d.nfkeys; i++)
		refers |= strcasecmp(d.fkeys[i].ref.name, t->name) == 0;
	cat_details_free(&d);
	if (ok && refers && !cat_table_list_add(out, table))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	return ok;
}

static bool
meta_referencing(void *ctx, const CatTableRef *t, CatTableList *out, PgError *err)
{
	OdbcConn   *conn = ctx;
	CatTableList candidates = {0};
	bool		ok = true;

	if (conn->dialect != DIALECT_SQLITE || !sqlite_may_reference(conn, t, &candidates))
	{
		cat_table_list_free(&candidates);
		return exported_keys(conn, t, out, err);
	}
	/* sqlite_master's tables, as SQLTables lists them (SQLite has no remarks) */
	out->listed = true;
	for (size_t i = 0; ok && i < candidates.count; i++)
		ok = add_if_referencing(conn, &candidates.items[i], t, out, err);
	cat_table_list_free(&candidates);
	return ok;
}

void
odbc_meta_source(OdbcConn *conn, CatSource *out)
{
	out->ctx = conn;
	out->tables = meta_tables;
	out->details = meta_details;
	out->referencing = meta_referencing;
}
