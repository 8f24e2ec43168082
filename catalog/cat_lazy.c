/*
 * cat_lazy.c
 *		The lazy catalog tables: virtual tables that read the database only
 *		for what a query scans.
 *
 * Owns: the SQLite virtual-table module behind pg_class, pg_attribute,
 * pg_attrdef, pg_index, pg_constraint and pg_description (rows kept in
 * shadow tables "_<name>"), and behind pg_settings and pg_stat_activity
 * (rows made afresh for each statement). A scan that asks for one relation
 * (attrelid = 16385, relname = 'foo', confrelid IN (...)) makes the loader
 * read that table's details first; a scan that asks for nothing in
 * particular reads every table's. Loading bumps the catalog's generation,
 * and the caller runs a query again if it changed meanwhile, so the order
 * in which SQLite's planner visits tables never changes the answer. It
 * must never read the database itself (cat_load.c does) or decide what
 * rows mean.
 */
#include "catalog/cat_internal.h"

#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What a scan for one value of a key column needs read first. */
typedef enum KeyAction
{
	KEY_RELATION,				/* the relation with this oid: its details, or all if unknown */
	KEY_KNOWN_OR_ALL,			/* an object already read, else everything */
	KEY_RELNAME,				/* the tables of this name, else everything (an index's name) */
	KEY_RELKIND,				/* indexes: everything; other kinds are all there */
	KEY_REFERENCING,			/* the tables referencing this one */
	KEY_TABLE_ONLY,				/* a table's details; other objects need nothing */
	KEY_NAMESPACE				/* a schema: known, else every table's (with their schemas) */
} KeyAction;

typedef struct LazyKey
{
	const char *column;
	KeyAction	action;
} LazyKey;

typedef enum Refresh
{
	REFRESH_NONE,
	REFRESH_SETTINGS,
	REFRESH_ACTIVITY
} Refresh;

typedef struct LazyDef
{
	const char *name;
	LazyKey		keys[3];
	int			nkeys;
	Refresh		refresh;		/* rows made afresh for each statement */
	bool		list_only;		/* a scan of all rows needs the tables, not their details */
} LazyDef;

static const LazyDef lazy_defs[] = {
	{"pg_namespace", {{"oid", KEY_NAMESPACE}, {"nspname", KEY_NAMESPACE}}, 2, REFRESH_NONE, true},
	{"pg_class", {{"oid", KEY_RELATION}, {"relname", KEY_RELNAME}, {"relkind", KEY_RELKIND}}, 3, REFRESH_NONE, false},
	{"pg_attribute", {{"attrelid", KEY_RELATION}}, 1, REFRESH_NONE, false},
	{"pg_attrdef", {{"adrelid", KEY_RELATION}, {"oid", KEY_KNOWN_OR_ALL}}, 2, REFRESH_NONE, false},
	{"pg_index", {{"indrelid", KEY_RELATION}, {"indexrelid", KEY_KNOWN_OR_ALL}}, 2, REFRESH_NONE, false},
	{"pg_constraint", {{"conrelid", KEY_RELATION}, {"confrelid", KEY_REFERENCING}, {"oid", KEY_KNOWN_OR_ALL}}, 3,
	REFRESH_NONE, false},
	{"pg_description", {{"objoid", KEY_TABLE_ONLY}}, 1, REFRESH_NONE, false},
	{"pg_settings", {{NULL, 0}}, 0, REFRESH_SETTINGS, false},
	{"pg_stat_activity", {{NULL, 0}}, 0, REFRESH_ACTIVITY, false},
};

typedef struct LazyTable
{
	sqlite3_vtab base;
	Catalog    *cat;
	const LazyDef *def;
	int			key_columns[3];	/* column index of each key */
	uint64_t	refreshed_at;	/* the statement whose rows these are */
} LazyTable;

typedef struct LazyCursor
{
	sqlite3_vtab_cursor base;
	sqlite3_stmt *rows;
	int			rows_idx;		/* the idx_num rows was prepared for (kept across scans) */
	bool		eof;
	sqlite3_int64 rowid;
} LazyCursor;

bool
cat_lazy_is(const char *name)
{
	for (size_t i = 0; i < lengthof(lazy_defs); i++)
	{
		if (strcmp(lazy_defs[i].name, name) == 0)
			return true;
	}
	return false;
}

/* ---- the module ---- */

/* Index of column name in a relation's column list, or -1. */
static int
column_index(const char *columns, const char *name)
{
	char		pattern[160];
	const char *p;
	int			index = 0;

	snprintf(pattern, sizeof(pattern), "\"%s\" ", name);
	if ((p = strstr(columns, pattern)) == NULL)
		return -1;
	for (const char *q = columns; q < p; q++)
		index += (*q == ',');
	return index;
}

static int
lazy_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
			 char **errmsg)
{
	Catalog    *cat = aux;
	const LazyDef *def = NULL;
	const CatRelationDef *rel;
	LazyTable  *t;
	char	   *sql;
	int			rc;

	(void) errmsg;
	for (size_t i = 0; argc >= 3 && i < lengthof(lazy_defs); i++)
	{
		if (strcmp(lazy_defs[i].name, argv[2]) == 0)
			def = &lazy_defs[i];
	}
	if (def == NULL || (rel = cat_relation_def(def->name)) == NULL)
		return SQLITE_ERROR;
	sql = sqlite3_mprintf("CREATE TABLE x(%s)", rel->columns);
	if (sql == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_declare_vtab(db, sql);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return rc;
	if ((t = sqlite3_malloc(sizeof(LazyTable))) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	t->cat = cat;
	t->def = def;
	t->refreshed_at = UINT64_MAX;
	for (int k = 0; k < def->nkeys; k++)
		t->key_columns[k] = column_index(rel->columns, def->keys[k].column);
	*out = &t->base;
	return SQLITE_OK;
}

static int
lazy_disconnect(sqlite3_vtab *vtab)
{
	sqlite3_free(vtab);
	return SQLITE_OK;
}

/* Use the first key, in the table's order, that the query compares with = (or IN). */
static int
lazy_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info)
{
	LazyTable  *t = (LazyTable *) vtab;

	for (int k = 0; k < t->def->nkeys; k++)
	{
		for (int c = 0; c < info->nConstraint; c++)
		{
			const struct sqlite3_index_constraint *con = &info->aConstraint[c];

			if (!con->usable || con->op != SQLITE_INDEX_CONSTRAINT_EQ ||
				con->iColumn != t->key_columns[k])
				continue;
			info->aConstraintUsage[c].argvIndex = 1;
			info->idxNum = k + 1;
			info->estimatedCost = 10;
			info->estimatedRows = 10;
			return SQLITE_OK;
		}
	}
	/* reading everything is what a plan must avoid whenever a key can be had */
	info->idxNum = 0;
	info->estimatedCost = 1e15;
	info->estimatedRows = 1000000;
	return SQLITE_OK;
}

static int
lazy_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
	LazyCursor *c = sqlite3_malloc(sizeof(LazyCursor));

	(void) vtab;
	if (c == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int
lazy_close(sqlite3_vtab_cursor *cur)
{
	LazyCursor *c = (LazyCursor *) cur;

	sqlite3_finalize(c->rows);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* The tables of this name: read their details (none: it may be an index's name). */
static bool
load_by_name(Catalog *cat, const char *name, PgError *err)
{
	sqlite3_stmt *st;
	bool		ok = true;
	bool		found = false;

	if (name == NULL || !cat_load_tables(cat, name, err))
		return name == NULL ? cat_load_all(cat, err) : false;
	if (!cat_prepare(cat, "SELECT r.oid FROM _rel r JOIN _pg_class c ON c.oid = r.oid WHERE c.relname = ?1",
					 &st))
		return cat_load_all(cat, err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while (ok && sqlite3_step(st) == SQLITE_ROW)
	{
		found = true;
		ok = cat_load_details(cat, sqlite3_column_int64(st, 0), err);
	}
	cat_release(cat, st);
	return ok && (found || cat_load_all(cat, err));
}

/* Is oid one the catalog has, after listing every table if it was not found? */
static bool
find_oid(Catalog *cat, int64_t oid, bool *is_table, PgError *err, bool *ok)
{
	*ok = true;
	if ((*is_table = cat_is_database_relation(cat, oid)) || cat_is_known_oid(cat, oid))
		return true;
	if (!(*ok = cat_load_tables(cat, NULL, err)))
		return false;
	*is_table = cat_is_database_relation(cat, oid);
	return *is_table || cat_is_known_oid(cat, oid);
}

/* Read what a scan for value of key k needs. */
static bool
load_for_key(Catalog *cat, KeyAction action, sqlite3_value *value, PgError *err)
{
	int64_t		oid = sqlite3_value_int64(value);
	const char *text = (const char *) sqlite3_value_text(value);
	bool		is_table;
	bool		ok;

	if (sqlite3_value_type(value) == SQLITE_NULL)
		return true;
	if (action == KEY_NAMESPACE)
	{
		/* PostgreSQL's own schemas are always there; others come with their tables */
		if (sqlite3_value_type(value) == SQLITE_INTEGER ? (oid < CAT_FIRST_USER_OID || cat_is_known_oid(cat, oid)) :
			(text != NULL && (strcmp(text, "public") == 0 || strcmp(text, "pg_catalog") == 0 ||
							  strcmp(text, "information_schema") == 0)))
			return true;
		return cat_load_tables(cat, NULL, err);
	}
	/* 0 (no object) and PostgreSQL's own OIDs are never the database's */
	if (action != KEY_RELNAME && action != KEY_RELKIND && oid < CAT_FIRST_USER_OID)
		return true;
	switch (action)
	{
		case KEY_RELATION:
			if (!find_oid(cat, oid, &is_table, err, &ok))
				return ok && cat_load_all(cat, err);
			return !is_table || cat_load_details(cat, oid, err);
		case KEY_KNOWN_OR_ALL:
			return find_oid(cat, oid, &is_table, err, &ok) || (ok && cat_load_all(cat, err));
		case KEY_RELNAME:
			return load_by_name(cat, text, err);
		case KEY_RELKIND:
			if (text != NULL && (strcmp(text, "i") == 0 || strcmp(text, "I") == 0))
				return cat_load_all(cat, err);
			return cat_load_tables(cat, NULL, err);
		case KEY_REFERENCING:
			(void) find_oid(cat, oid, &is_table, err, &ok);
			return ok && (!is_table || cat_load_referencing(cat, oid, err));
		case KEY_TABLE_ONLY:
			(void) find_oid(cat, oid, &is_table, err, &ok);
			return ok && (!is_table || cat_load_details(cat, oid, err));
		case KEY_NAMESPACE:
			break;
	}
	return true;
}

/* ---- rows made afresh ---- */

static bool
insert_text_row(sqlite3_stmt *st, const char *const *values, int n)
{
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, values[i], -1, SQLITE_TRANSIENT);
	return sqlite3_step(st) == SQLITE_DONE;
}

static const char *const context_names[] = {
	[PARAM_INTERNAL] = "internal", [PARAM_POSTMASTER] = "postmaster", [PARAM_SIGHUP] = "sighup",
	[PARAM_BACKEND] = "backend", [PARAM_USERSET] = "user",
};

static const char *const vartype_names[] = {
	[PARAM_BOOL] = "bool", [PARAM_INT] = "integer", [PARAM_STRING] = "string", [PARAM_ENUM] = "enum",
};

static const char *const preset_settings[][2] = {
	{"block_size", "8192"}, {"max_function_args", "100"}, {"max_index_keys", "32"},
	{"segment_size", "131072"}, {"wal_block_size", "8192"}, {"wal_segment_size", "16777216"},
};

static bool
refresh_settings(Catalog *cat)
{
	const Config *cfg = cat->session->params(cat->session->ctx);
	sqlite3_stmt *st;
	Buf			value;
	bool		ok = true;

	if (sqlite3_exec(cat->db, "DELETE FROM _pg_settings", NULL, NULL, NULL) != SQLITE_OK ||
		!cat_prepare(cat, "INSERT INTO _pg_settings (name, setting, unit, category, short_desc,"
						   " context, vartype, source, boot_val, reset_val, pending_restart)"
						   " VALUES (?1, ?2, ?3, 'Ungrouped', ?4, ?5, ?6, 'default', ?7, ?2, 0)", &st))
		return false;
	buf_init(&value);
	for (size_t i = 0; ok && i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		const char *unit = (p->flags & PARAM_UNIT_MS) ? "ms" : (p->flags & PARAM_UNIT_S) ? "s" : NULL;
		const char *row[7];

		if (p->flags & PARAM_NO_SHOW_ALL)
			continue;
		buf_reset(&value);
		config_show(cfg, p, &value);
		row[0] = p->name;
		row[1] = value.data ? value.data : "";
		row[2] = unit;
		row[3] = p->description;
		row[4] = context_names[p->context];
		row[5] = vartype_names[p->type];
		row[6] = p->boot_value;
		ok = insert_text_row(st, row, 7);
	}
	/* PostgreSQL's compile-time limits, which clients read (pgjdbc: max_index_keys) */
	for (size_t i = 0; ok && i < lengthof(preset_settings); i++)
	{
		const char *row[7] = {preset_settings[i][0], preset_settings[i][1], NULL,
			"Preset options.", "internal", "integer", preset_settings[i][1]};

		ok = insert_text_row(st, row, 7);
	}
	buf_free(&value);
	cat_release(cat, st);
	return ok;
}

typedef struct ActivityInsert
{
	sqlite3_stmt *st;
	bool		ok;
} ActivityInsert;

static void
bind_time(sqlite3_stmt *st, int i, int64_t usec)
{
	char		text[64];
	time_t		secs = (time_t) (usec / 1000000);
	struct tm	tm;

	if (usec == 0 || gmtime_r(&secs, &tm) == NULL)
		return;
	snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int) (usec % 1000000));
	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

static void
emit_activity(void *arg, const CatActivity *a)
{
	ActivityInsert *ins = arg;
	sqlite3_stmt *st = ins->st;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int(st, 1, a->pid);
	sqlite3_bind_text(st, 2, a->database, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, a->user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, a->application_name, -1, SQLITE_TRANSIENT);
	if (a->client_addr[0] != '\0')
		sqlite3_bind_text(st, 5, a->client_addr, -1, SQLITE_TRANSIENT);
	bind_time(st, 6, a->backend_start);
	bind_time(st, 7, a->xact_start);
	bind_time(st, 8, a->query_start);
	if (a->state != NULL)
		sqlite3_bind_text(st, 9, a->state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, a->query, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		ins->ok = false;
}

static bool
refresh_activity(Catalog *cat)
{
	ActivityInsert ins = {NULL, true};

	if (sqlite3_exec(cat->db, "DELETE FROM _pg_stat_activity", NULL, NULL, NULL) != SQLITE_OK ||
		!cat_prepare(cat, "INSERT INTO _pg_stat_activity (datid, datname, pid, usesysid, usename,"
						   " application_name, client_addr, client_port, backend_start, xact_start,"
						   " query_start, state_change, state, query, backend_type) VALUES"
						   " (5, ?2, ?1, 10, ?3, ?4, ?5, CASE WHEN ?5 IS NULL THEN -1 END, ?6, ?7, ?8, ?8,"
						   " ?9, ?10, 'client backend')", &ins.st))
		return false;
	cat->session->activity(cat->session->ctx, emit_activity, &ins);
	cat_release(cat, ins.st);
	return ins.ok;
}

/* ---- scanning ---- */

static int
lazy_filter(sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str, int argc,
			sqlite3_value **argv)
{
	LazyCursor *c = (LazyCursor *) cur;
	LazyTable  *t = (LazyTable *) cur->pVtab;
	Catalog    *cat = t->cat;
	PgError		err;
	bool		ok = true;
	char	   *sql;

	(void) idx_str;
	pgerr_clear(&err);
	if (t->def->refresh != REFRESH_NONE && t->refreshed_at != cat->statement)
	{
		ok = t->def->refresh == REFRESH_SETTINGS ? refresh_settings(cat) : refresh_activity(cat);
		t->refreshed_at = cat->statement;
		if (!ok)
			cat_sqlite_error(cat, &err);
	}
	else if (cat->loading == 0)
	{
		if (idx_num > 0 && argc == 1)
			ok = load_for_key(cat, t->def->keys[idx_num - 1].action, argv[0], &err);
		else if (t->def->list_only)
			ok = cat_load_tables(cat, NULL, &err);
		else
			ok = cat_load_all(cat, &err);
	}
	if (!ok)
	{
		cat->load_error = err;
		cat->has_load_error = true;
		return SQLITE_ERROR;
	}

	/* the scan's statement, prepared once per cursor and key (a join scans many times) */
	if (c->rows != NULL && c->rows_idx == idx_num)
	{
		sqlite3_reset(c->rows);
		sqlite3_clear_bindings(c->rows);
	}
	else
	{
		sqlite3_finalize(c->rows);
		c->rows = NULL;
		if (idx_num > 0)
			sql = sqlite3_mprintf("SELECT * FROM \"_%w\" WHERE \"%w\" = ?1", t->def->name,
								  t->def->keys[idx_num - 1].column);
		else
			sql = sqlite3_mprintf("SELECT * FROM \"_%w\"", t->def->name);
		if (sql == NULL)
			return SQLITE_NOMEM;
		if (sqlite3_prepare_v2(cat->db, sql, -1, &c->rows, NULL) != SQLITE_OK)
		{
			sqlite3_free(sql);
			return SQLITE_ERROR;
		}
		sqlite3_free(sql);
		c->rows_idx = idx_num;
	}
	if (idx_num > 0 && argc == 1)
		sqlite3_bind_value(c->rows, 1, argv[0]);
	c->rowid = 0;
	c->eof = sqlite3_step(c->rows) != SQLITE_ROW;
	return SQLITE_OK;
}

static int
lazy_next(sqlite3_vtab_cursor *cur)
{
	LazyCursor *c = (LazyCursor *) cur;

	c->eof = sqlite3_step(c->rows) != SQLITE_ROW;
	c->rowid++;
	return SQLITE_OK;
}

static int
lazy_eof(sqlite3_vtab_cursor *cur)
{
	return ((LazyCursor *) cur)->eof;
}

static int
lazy_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	LazyCursor *c = (LazyCursor *) cur;

	sqlite3_result_value(ctx, sqlite3_column_value(c->rows, i));
	return SQLITE_OK;
}

static int
lazy_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((LazyCursor *) cur)->rowid;
	return SQLITE_OK;
}

static const sqlite3_module lazy_module = {
	.iVersion = 0,
	.xCreate = lazy_connect,
	.xConnect = lazy_connect,
	.xBestIndex = lazy_best_index,
	.xDisconnect = lazy_disconnect,
	.xDestroy = lazy_disconnect,
	.xOpen = lazy_open,
	.xClose = lazy_close,
	.xFilter = lazy_filter,
	.xNext = lazy_next,
	.xEof = lazy_eof,
	.xColumn = lazy_column,
	.xRowid = lazy_rowid,
};

bool
cat_lazy_module(Catalog *cat, PgError *err)
{
	if (sqlite3_create_module(cat->db, "pgw_lazy", &lazy_module, cat) != SQLITE_OK)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}

bool
cat_lazy_create(Catalog *cat, PgError *err)
{
	Buf			sql;
	bool		ok;

	buf_init(&sql);
	buf_append_str(&sql,
				   "CREATE TABLE _rel (oid INTEGER PRIMARY KEY, db_schema TEXT, db_name TEXT, kind TEXT,"
				   " loaded INTEGER DEFAULT 0, refs_loaded INTEGER DEFAULT 0);"
				   "CREATE TABLE _oids (oid INTEGER PRIMARY KEY);"
				   "CREATE TABLE _names_read (name TEXT PRIMARY KEY);"
				   "CREATE INDEX _rel_name ON _rel (db_name);"
				   "CREATE UNIQUE INDEX _pg_namespace_oid ON _pg_namespace (oid);"
				   "CREATE UNIQUE INDEX _pg_class_oid ON _pg_class (oid);"
				   "CREATE INDEX _pg_class_relname ON _pg_class (relname);"
				   "CREATE INDEX _pg_class_relkind ON _pg_class (relkind);"
				   "CREATE INDEX _pg_attribute_rel ON _pg_attribute (attrelid);"
				   "CREATE INDEX _pg_attrdef_rel ON _pg_attrdef (adrelid);"
				   "CREATE INDEX _pg_index_rel ON _pg_index (indrelid);"
				   "CREATE INDEX _pg_index_index ON _pg_index (indexrelid);"
				   "CREATE INDEX _pg_constraint_oid ON _pg_constraint (oid);"
				   "CREATE INDEX _pg_attrdef_oid ON _pg_attrdef (oid);"
				   "CREATE INDEX _pg_constraint_rel ON _pg_constraint (conrelid);"
				   "CREATE INDEX _pg_constraint_frel ON _pg_constraint (confrelid);"
				   "CREATE INDEX _pg_description_obj ON _pg_description (objoid);");
	for (size_t i = 0; i < lengthof(lazy_defs); i++)
		buf_appendf(&sql, "CREATE VIRTUAL TABLE \"%s\" USING pgw_lazy(\"%s\");",
					lazy_defs[i].name, lazy_defs[i].name);
	ok = !buf_failed(&sql) && cat_exec(cat, sql.data, err);
	buf_free(&sql);
	return ok;
}
