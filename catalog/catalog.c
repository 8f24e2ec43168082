/*
 * catalog.c
 *		Opening and closing a session's catalog: PostgreSQL's relations and
 *		their built-in rows.
 *
 * Owns: creating every pg_catalog relation and information_schema view
 * with PostgreSQL 15's columns (cat_builtin.c), as a plain table, a view
 * written for SQLite (cat_views.c) or a lazy table (cat_lazy.c); the rows
 * that do not depend on the database (namespaces, types, access methods,
 * the database, its one role, extensions); error reporting and the small
 * query helpers the other files use. pg_type is PostgreSQL's built-in
 * rows plus every type of common/types that PostgreSQL lacks (pgvector's
 * vector), so OIDs agree with what RowDescription reports. It must never
 * read the database itself: cat_load.c does, through the CatSource.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const CatRelationDef *
cat_relation_def(const char *name)
{
	for (size_t i = 0; i < cat_nrelation_defs; i++)
	{
		if (strcmp(cat_relation_defs[i].name, name) == 0)
			return &cat_relation_defs[i];
	}
	return NULL;
}

void
cat_sqlite_error(Catalog *cat, PgError *err)
{
	pgerr_set(err, ERRCODE_INTERNAL_ERROR, "catalog: %s", sqlite3_errmsg(cat->db));
}

bool
cat_prepare(Catalog *cat, const char *sql, sqlite3_stmt **st)
{
	CachedStmt *c;

	for (int i = 0; i < cat->ncached; i++)
	{
		c = &cat->cached[i];
		if (strcmp(c->sql, sql) == 0 && !sqlite3_stmt_busy(c->stmt))
		{
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			*st = c->stmt;
			return true;
		}
	}
	if (sqlite3_prepare_v2(cat->db, sql, -1, st, NULL) != SQLITE_OK)
		return false;
	if (cat->ncached < CAT_MAX_CACHED && (c = &cat->cached[cat->ncached])->stmt == NULL &&
		(c->sql = strdup(sql)) != NULL)
	{
		c->stmt = *st;
		cat->ncached++;
	}
	return true;
}

void
cat_release(Catalog *cat, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < cat->ncached; i++)
	{
		if (cat->cached[i].stmt == st)
		{
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

bool
cat_exec(Catalog *cat, const char *sql, PgError *err)
{
	char	   *msg = NULL;

	if (sqlite3_exec(cat->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return true;
	pgerr_set(err, ERRCODE_INTERNAL_ERROR, "catalog: %s", msg ? msg : "out of memory");
	sqlite3_free(msg);
	return false;
}

const char *
cat_query_text(Catalog *cat, const char *sql, int64_t param, Buf *buf)
{
	sqlite3_stmt *st;
	const char *result = NULL;

	if (!cat_prepare(cat, sql, &st))
		return NULL;
	sqlite3_bind_int64(st, 1, param);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
	{
		buf_reset(buf);
		buf_append_str(buf, (const char *) sqlite3_column_text(st, 0));
		if (!buf_failed(buf))
			result = buf->data;
	}
	cat_release(cat, st);
	return result;
}

/* ---- relations ---- */

static bool
create_relations(Catalog *cat, PgError *err)
{
	Buf			sql;
	bool		ok = true;

	buf_init(&sql);
	for (size_t i = 0; ok && i < cat_nrelation_defs; i++)
	{
		const CatRelationDef *d = &cat_relation_defs[i];

		buf_reset(&sql);
		if (cat_is_view(d->name))
			continue;
		if (cat_lazy_is(d->name))
			buf_appendf(&sql, "CREATE TABLE \"_%s\" (%s);", d->name, d->columns);
		else
			buf_appendf(&sql, "CREATE TABLE \"%s\" (%s);", d->name, d->columns);
		ok = !buf_failed(&sql) && cat_exec(cat, sql.data, err);
	}
	buf_free(&sql);
	return ok;
}

/* ---- built-in rows ---- */

static bool
insert_types(Catalog *cat, PgError *err)
{
	Buf			sql;
	bool		ok = true;

	buf_init(&sql);
	buf_append_str(&sql, "INSERT INTO pg_type VALUES ");
	for (size_t i = 0; i < cat_ntype_rows; i++)
		buf_appendf(&sql, "%s%s", i ? "," : "", cat_type_rows[i]);
	ok = !buf_failed(&sql) && cat_exec(cat, sql.data, err);

	/* pgwire's types that PostgreSQL does not have built in, in public */
	for (size_t i = 0; ok && i < pgtype_count(); i++)
	{
		const PgType *t = pgtype_at(i);

		buf_reset(&sql);
		buf_appendf(&sql,
					"INSERT OR IGNORE INTO pg_type VALUES (%u,'%s',%d,10,%d,0,'b','U',0,1,',',0,'-',0,%u,"
					"'%s_in','%s_out','%s_recv','%s_send','%s_typmod_in','-','-','i','x',0,0,-1,0,0,NULL,NULL,NULL);",
					t->oid, t->name, CAT_PUBLIC_OID, t->typlen, t->array_oid,
					t->name, t->name, t->name, t->name, t->name);
		if (t->array_oid != 0)
			buf_appendf(&sql,
						"INSERT OR IGNORE INTO pg_type VALUES (%u,'_%s',%d,10,-1,0,'b','A',0,1,',',0,"
						"'array_subscript_handler',%u,0,'array_in','array_out','array_recv','array_send',"
						"'-','-','array_typanalyze','i','x',0,0,-1,0,0,NULL,NULL,NULL);",
						t->array_oid, t->name, CAT_PUBLIC_OID, t->oid);
		ok = !buf_failed(&sql) && cat_exec(cat, sql.data, err);
	}
	buf_free(&sql);
	return ok;
}

static const char builtin_rows[] =
"INSERT INTO _pg_namespace VALUES (11, 'pg_catalog', 10, NULL), (2200, 'public', 6171, NULL),"
"  (13207, 'information_schema', 10, NULL);"
"INSERT INTO pg_am VALUES (2, 'heap', 'heap_tableam_handler', 't'), (403, 'btree', 'bthandler', 'i'),"
"  (405, 'hash', 'hashhandler', 'i'), (783, 'gist', 'gisthandler', 'i'), (2742, 'gin', 'ginhandler', 'i'),"
"  (4000, 'spgist', 'spghandler', 'i'), (3580, 'brin', 'brinhandler', 'i');"
"INSERT INTO pg_tablespace VALUES (1663, 'pg_default', 10, NULL, NULL), (1664, 'pg_global', 10, NULL, NULL);"
"INSERT INTO pg_collation (oid, collname, collnamespace, collowner, collprovider, collisdeterministic,"
"  collencoding, collcollate, collctype) VALUES (100, 'default', 11, 10, 'd', 1, -1, NULL, NULL),"
"  (950, 'C', 11, 10, 'c', 1, -1, 'C', 'C'), (951, 'POSIX', 11, 10, 'c', 1, -1, 'POSIX', 'POSIX');"
"INSERT INTO pg_language (oid, lanname, lanowner, lanispl, lanpltrusted, lanplcallfoid, laninline,"
"  lanvalidator) VALUES (12, 'internal', 10, 0, 0, 0, 0, 2246), (13, 'c', 10, 0, 0, 0, 0, 2247),"
"  (14, 'sql', 10, 0, 1, 0, 0, 2248), (13217, 'plpgsql', 10, 1, 1, 13214, 13215, 13216);"
"INSERT INTO pg_extension VALUES (13218, 'plpgsql', 10, 11, 0, '1.0', NULL, NULL),"
"  (16384, 'vector', 10, 2200, 1, '0.8.0', NULL, NULL);";

static bool
insert_session_rows(Catalog *cat, PgError *err)
{
	const CatSession *s = cat->session;
	sqlite3_stmt *st;
	bool		ok;

	ok = cat_prepare(cat,
							"INSERT INTO pg_database (oid, datname, datdba, encoding, datlocprovider,"
							" datistemplate, datallowconn, datconnlimit, datfrozenxid, datminmxid,"
							" dattablespace, datcollate, datctype) VALUES"
							" (5, ?1, 10, 6, 'c', 0, 1, -1, 716, 1, 1663, 'C.UTF-8', 'C.UTF-8');"
							, &st);
	if (ok)
	{
		sqlite3_bind_text(st, 1, s->database, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE;
		cat_release(cat, st);
	}
	if (ok)
		ok = cat_prepare(cat,
								"INSERT INTO pg_authid VALUES (10, ?1, ?2, 1, ?2, ?2, 1, 0, ?2, -1, NULL, NULL);", &st);
	if (ok)
	{
		sqlite3_bind_text(st, 1, s->user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, s->superuser ? 1 : 0);
		ok = sqlite3_step(st) == SQLITE_DONE;
		cat_release(cat, st);
	}
	if (!ok)
		cat_sqlite_error(cat, err);
	return ok;
}

/* ---- opening ---- */

static bool
open_database(Catalog *cat, PgError *err)
{
	if (sqlite3_open_v2(":memory:", &cat->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
						NULL) == SQLITE_OK)
		return true;
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "catalog: cannot open an in-memory database");
	return false;
}

/* PostgreSQL's relations and the rows that are the same in every session. */
static bool
create_static(Catalog *cat, PgError *err)
{
	return cat_exec(cat, "BEGIN;", err) &&
		create_relations(cat, err) &&
		cat_exec(cat, "CREATE UNIQUE INDEX pg_type_oid ON pg_type (oid);"
				 "CREATE INDEX pg_type_name ON pg_type (typname);", err) &&
		cat_create_views(cat, err) &&
		cat_lazy_create(cat, err) &&
		insert_types(cat, err) &&
		cat_exec(cat, builtin_rows, err) &&
		cat_exec(cat, "COMMIT;", err);
}

void
cat_library_setup(void)
{
	/* SQLITE_MISUSE once SQLite is initialised: then it stays as it is */
	(void) sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

bool
cat_template_build(CatTemplate *out, PgError *err)
{
	Catalog		cat;
	sqlite3_int64 size = 0;
	unsigned char *image;
	bool		ok;

	memset(&cat, 0, sizeof(cat));
	memset(out, 0, sizeof(*out));
	ok = open_database(&cat, err) && cat_lazy_module(&cat, err) && create_static(&cat, err);
	if (ok && (image = sqlite3_serialize(cat.db, "main", &size, 0)) != NULL)
	{
		out->image = malloc((size_t) size);
		if (out->image != NULL)
		{
			memcpy(out->image, image, (size_t) size);
			out->size = size;
		}
		sqlite3_free(image);
	}
	if (ok && out->image == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	sqlite3_close_v2(cat.db);
	return ok;
}

void
cat_template_free(CatTemplate *t)
{
	free(t->image);
	memset(t, 0, sizeof(*t));
}

/* A copy of the template's image as the connection's database. */
static bool
load_template(Catalog *cat, const CatTemplate *tmpl, PgError *err)
{
	unsigned char *copy = sqlite3_malloc64((sqlite3_uint64) tmpl->size);

	if (copy == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	memcpy(copy, tmpl->image, (size_t) tmpl->size);
	if (sqlite3_deserialize(cat->db, "main", copy, tmpl->size, tmpl->size,
							SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}

bool
cat_open(Catalog **out, const CatTemplate *tmpl, const CatSource *source, const CatSession *session,
		 PgError *err)
{
	Catalog    *cat = calloc(1, sizeof(Catalog));
	bool		ok;

	*out = NULL;
	if (cat == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	cat->source = source;
	cat->session = session;
	ok = open_database(cat, err) &&
		cat_exec(cat, "PRAGMA case_sensitive_like = ON;", err) &&
		cat_lazy_module(cat, err) &&
		(tmpl != NULL && tmpl->image != NULL ? load_template(cat, tmpl, err) : create_static(cat, err)) &&
		cat_register_functions(cat, err) &&
		cat_register_array_functions(cat, err) &&
		insert_session_rows(cat, err);
	if (!ok)
	{
		cat_close(cat);
		return false;
	}
	*out = cat;
	return true;
}

void
cat_close(Catalog *cat)
{
	if (cat == NULL)
		return;
	for (int i = 0; i < cat->ncached; i++)
	{
		sqlite3_finalize(cat->cached[i].stmt);
		free(cat->cached[i].sql);
	}
	if (cat->db != NULL)
		sqlite3_close_v2(cat->db);
	free(cat);
}

void
cat_begin_statement(Catalog *cat)
{
	cat->statement++;
	cat->has_load_error = false;
}

sqlite3 *
cat_db(Catalog *cat)
{
	return cat->db;
}

uint64_t
cat_generation(const Catalog *cat)
{
	return cat->generation;
}

void
cat_statement_error(Catalog *cat, int rc, PgError *err)
{
	const char *msg = sqlite3_errmsg(cat->db);

	if (cat->has_load_error)
	{
		*err = cat->load_error;
		cat->has_load_error = false;
		return;
	}
	/* a catalog function's own error: "SQLSTATE: message" */
	if (strlen(msg) > 7 && msg[5] == ':' && msg[6] == ' ' &&
		strspn(msg, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 5)
	{
		char		state[6];

		memcpy(state, msg, 5);
		state[5] = '\0';
		pgerr_set(err, state, "%s", msg + 7);
		return;
	}
	if (rc == SQLITE_NOMEM)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	else
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "catalog query failed: %s", msg);
}

uint32_t
cat_type_oid(Catalog *cat, const char *typname, int16_t *typlen)
{
	sqlite3_stmt *st;
	uint32_t	oid = 0;

	if (!cat_prepare(cat, "SELECT oid, typlen FROM pg_type WHERE typname = ?1", &st))
		return 0;
	sqlite3_bind_text(st, 1, typname, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
	{
		oid = (uint32_t) sqlite3_column_int64(st, 0);
		*typlen = (int16_t) sqlite3_column_int(st, 1);
	}
	cat_release(cat, st);
	return oid;
}

/* ---- lists the source fills ---- */

bool
cat_table_list_add(CatTableList *list, const CatTableRef *t)
{
	if (list->count == list->cap)
	{
		size_t		cap = list->cap ? list->cap * 2 : 64;
		CatTableRef *items = realloc(list->items, cap * sizeof(CatTableRef));

		if (items == NULL)
			return false;
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count++] = *t;
	return true;
}

void
cat_table_list_free(CatTableList *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].remarks);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

void
cat_details_free(CatDetails *d)
{
	for (size_t i = 0; i < d->ncolumns; i++)
	{
		free(d->columns[i].default_expr);
		free(d->columns[i].remarks);
	}
	for (size_t i = 0; i < d->nindexes; i++)
		free(d->indexes[i].cols);
	for (size_t i = 0; i < d->nfkeys; i++)
	{
		free(d->fkeys[i].cols);
		free(d->fkeys[i].ref_cols);
		free(d->fkeys[i].ref.remarks);
	}
	free(d->columns);
	free(d->indexes);
	free(d->fkeys);
	memset(d, 0, sizeof(*d));
}

int16_t
cat_type_length(Catalog *cat, uint32_t oid)
{
	Buf			b;
	const char *len;
	int16_t		result;

	buf_init(&b);
	len = cat_query_text(cat, "SELECT typlen FROM pg_type WHERE oid = ?1", oid, &b);
	result = len ? (int16_t) atoi(len) : -1;
	buf_free(&b);
	return result;
}
