/*
 * cat_load_details.c
 *		A table's details in the catalog, read through the CatSource when a
 *		scan first asks for them (cat_lazy.c).
 *
 * Owns: the table's rows in pg_attribute, pg_attrdef, pg_index,
 * pg_constraint and pg_description: its columns and their defaults, its
 * indexes, keys and foreign keys, named as PostgreSQL would name them. A
 * primary key is an index and a constraint named <table>_pkey unless the
 * database names it; a unique index the database made for a constraint is
 * a UNIQUE constraint too; a foreign key's referenced table has its
 * details read first. It must never run a client's query.
 */
#include "catalog/cat_load_internal.h"

#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The table oid as _rel and pg_class have it; loaded: are its details in? False if there is none. */
bool
cat_table_info(Catalog *cat, int64_t oid, TableInfo *t, bool *loaded)
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
		ok = cat_exec_bound(cat, err,
				 "INSERT INTO _pg_attribute SELECT ?1, ?2, t.oid, -1, t.typlen, ?3, 0, -1, ?4, t.typbyval,"
				 " t.typalign, t.typstorage, '', ?5, ?6, 0, '', '', 0, 1, 0,"
				 " CASE WHEN t.typcollation <> 0 THEN 100 ELSE 0 END, NULL, NULL, NULL, NULL"
				 " FROM pg_type t WHERE t.oid = coalesce((SELECT oid FROM pg_type WHERE oid = ?7), 25)",
				 "itiiiii", t->oid, name, attnum, (int64_t) c->typmod, (int64_t) c->notnull,
				 (int64_t) (c->default_expr != NULL), (int64_t) type);
		if (ok && c->default_expr != NULL)
			ok = cat_exec_bound(cat, err, "INSERT INTO _pg_attrdef VALUES (?1, ?2, ?3, ?4)", "iiit",
					 cat_claim_oid(cat, 'd', t->ref.schema, t->ref.name, c->name), t->oid, attnum,
					 c->default_expr);
		if (ok)
			ok = cat_add_description(cat, t->oid, (int) attnum, c->remarks, err);
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
	oid = cat_claim_oid(cat, 'i', t->ref.schema, t->ref.name, name.data);
	ok = cat_add_class_row(cat, oid, name.data, t->nspoid, 'i', ix->ncols, err) &&
		cat_exec_bound(cat, err,
			"INSERT INTO _pg_index VALUES (?1, ?2, ?3, ?3, ?4, 0, ?5, 0, 1, 0, 1, 0, 1, 1, 0, ?6,"
			" ?7, ?7, ?7, NULL, NULL)", "iiiiitt",
			oid, t->oid, (int64_t) ix->ncols, (int64_t) ix->unique, (int64_t) ix->primary,
			indkey.data, zeros.data);
	for (int k = 0; ok && k < ix->ncols; k++)
		ok = cat_exec_bound(cat, err,
				 "INSERT INTO _pg_attribute SELECT ?1, a.attname, a.atttypid, -1, a.attlen, ?2, 0, -1,"
				 " a.atttypmod, a.attbyval, a.attalign, a.attstorage, '', 0, 0, 0, '', '', 0, 1, 0,"
				 " a.attcollation, NULL, NULL, NULL, NULL FROM _pg_attribute a"
				 " WHERE a.attrelid = ?3 AND a.attnum = ?4", "iiii",
				 oid, (int64_t) k + 1, t->oid, (int64_t) attnum_of(d, ix->cols[k]));
	if (ok && (ix->primary || backs_constraint(ix)))
		ok = cat_exec_bound(cat, err,
				 "INSERT INTO _pg_constraint VALUES (?1, ?2, ?3, ?4, 0, 0, 1, ?5, 0, ?6, 0, 0, ' ', ' ',"
				 " ' ', 1, 0, 1, ?7, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", "ititiit",
				 cat_claim_oid(cat, 'c', t->ref.schema, t->ref.name, name.data), name.data, t->nspoid,
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
	int64_t		ref = cat_table_oid_listed(cat, &fk->ref, err);
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
			cat_exec_bound(cat, err,
				"INSERT INTO _pg_constraint VALUES (?1, ?2, ?3, 'f', 0, 0, 1, ?4, 0,"
				" coalesce((SELECT conindid FROM _pg_constraint WHERE conrelid = ?5 AND contype IN ('p', 'u')"
				" AND conkey = ?7), 0), 0, ?5, ?8, ?9, 's', 1, 0, 1, ?6, ?7, NULL, NULL, NULL, NULL, NULL, NULL)",
				"itiiittt" "t",
				cat_claim_oid(cat, 'c', t->ref.schema, t->ref.name, name.data), name.data, t->nspoid, t->oid,
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
		cat_exec_bound(cat, err, "UPDATE _pg_class SET relnatts = ?2, relhasindex = ?3 WHERE oid = ?1", "iii",
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

	if (!cat_table_info(cat, reloid, &t, &loaded) || loaded)
		return true;
	/* marked first: a foreign key back to this table must not read it again */
	if (!cat_exec_bound(cat, err, "UPDATE _rel SET loaded = 1 WHERE oid = ?1", "i", reloid))
		return false;
	cat->loading++;
	ok = cat->source->details(cat->source->ctx, &t.ref, &d, err) && write_details(cat, &t, &d, err);
	cat->loading--;
	cat_details_free(&d);
	cat->generation++;
	return ok;
}

