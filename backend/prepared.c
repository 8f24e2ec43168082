/*
 * prepared.c
 *		The store of prepared statements and portals, and their lifetimes.
 *
 * Owns: every PreparedStatement and Portal of the session and the ODBC
 * handles inside them. A statement is freed when its last reference goes
 * (the store's, and one per portal bound from it), so Close of a statement
 * leaves running portals intact, as in PostgreSQL. All freeing happens in
 * prep_statement_release and prep_portal_free.
 */
#include "backend/prepared.h"

#include "backend/plan.h"

#include <stdlib.h>
#include <string.h>

void
prep_store_init(PreparedStore *st)
{
	strmap_init(&st->statements);
	strmap_init(&st->portals);
	st->unnamed_statement = NULL;
	st->unnamed_portal = NULL;
}

/* ---- construction and destruction ---- */

void
prep_translation_init(Translation *tr)
{
	buf_init(&tr->sql);
	xl_params_init(&tr->params);
	tr->plan = NULL;
}

void
prep_translation_free(Translation *tr, OdbcConn *db)
{
	buf_free(&tr->sql);
	xl_params_free(&tr->params);
	be_plan_free(tr->plan, db);
	tr->plan = NULL;
}

PreparedStatement *
prep_statement_new(const char *name, const char *query, size_t len)
{
	PreparedStatement *ps = calloc(1, sizeof(PreparedStatement));

	if (ps == NULL)
		return NULL;
	ps->name = strdup(name);
	ps->query = malloc(len + 1);
	if (ps->name == NULL || ps->query == NULL)
	{
		free(ps->name);
		free(ps->query);
		free(ps);
		return NULL;
	}
	memcpy(ps->query, query, len);
	ps->query[len] = '\0';
	ps->query_len = len;
	xl_statements_init(&ps->list);
	prep_translation_init(&ps->tr);
	xl_columns_init(&ps->columns);
	ps->refcount = 1;
	return ps;
}

void
prep_statement_release(PreparedStatement *ps, OdbcConn *db)
{
	if (ps == NULL || --ps->refcount > 0)
		return;
	if (ps->hstmt != SQL_NULL_HSTMT && db->connected)
		SQLFreeHandle(SQL_HANDLE_STMT, ps->hstmt);
	prep_translation_free(&ps->tr, db);
	xl_statements_free(&ps->list);
	xl_columns_free(&ps->columns);
	if (ps->described)
		odbc_result_close(&ps->description);
	free(ps->param_types);
	free(ps->param_dims);
	free(ps->declared);
	free(ps->query);
	free(ps->name);
	free(ps);
}

Portal *
prep_portal_new(const char *name, PreparedStatement *ps)
{
	Portal	   *portal = calloc(1, sizeof(Portal));

	if (portal == NULL)
		return NULL;
	portal->name = strdup(name);
	if (portal->name == NULL)
	{
		free(portal);
		return NULL;
	}
	portal->stmt = ps;
	ps->refcount++;
	portal->state = PORTAL_READY;
	buf_init(&portal->values);
	buf_init(&portal->catalog_rows);
	return portal;
}

void
prep_portal_close_cursor(Portal *portal, OdbcConn *db)
{
	if (portal->has_rs)
	{
		odbc_result_close(&portal->rs);
		portal->has_rs = false;
	}
	if (portal->plan_result != NULL)
	{
		be_plan_result_free(portal->plan_result);
		free(portal->plan_result);
		portal->plan_result = NULL;
	}
	if (portal->hstmt == SQL_NULL_HSTMT)
		return;
	if (db->connected)
	{
		if (portal->own_hstmt)
			SQLFreeHandle(SQL_HANDLE_STMT, portal->hstmt);
		else
		{
			(void) SQLFreeStmt(portal->hstmt, SQL_CLOSE);
			(void) SQLFreeStmt(portal->hstmt, SQL_RESET_PARAMS);
		}
	}
	if (!portal->own_hstmt)
		portal->stmt->hstmt_in_use = false;
	portal->hstmt = SQL_NULL_HSTMT;
	portal->own_hstmt = false;
}

void
prep_portal_free(Portal *portal, OdbcConn *db)
{
	if (portal == NULL)
		return;
	prep_portal_close_cursor(portal, db);
	buf_free(&portal->values);
	buf_free(&portal->catalog_rows);
	free(portal->bound);
	if (portal->vector_literals != NULL)
	{
		for (int i = 0; i < portal->stmt->nparams; i++)
			free(portal->vector_literals[i]);
		free(portal->vector_literals);
	}
	if (portal->inlined != NULL)
	{
		prep_translation_free(portal->inlined, db);
		free(portal->inlined);
	}
	free(portal->result_formats);
	prep_statement_release(portal->stmt, db);
	free(portal->name);
	free(portal);
}

/* ---- lookup ---- */

PreparedStatement *
prep_find_statement(PreparedStore *st, const char *name)
{
	if (name[0] == '\0')
		return st->unnamed_statement;
	return strmap_get(&st->statements, name);
}

Portal *
prep_find_portal(PreparedStore *st, const char *name)
{
	if (name[0] == '\0')
		return st->unnamed_portal;
	return strmap_get(&st->portals, name);
}

/* ---- registration ---- */

bool
prep_add_statement(PreparedStore *st, PreparedStatement *ps, OdbcConn *db, PgError *err)
{
	if (ps->name[0] == '\0')
	{
		prep_statement_release(st->unnamed_statement, db);
		st->unnamed_statement = ps;
		return true;
	}
	if (strmap_get(&st->statements, ps->name) != NULL)
	{
		pgerr_set(err, ERRCODE_DUPLICATE_PSTATEMENT,
				  "prepared statement \"%s\" already exists", ps->name);
		return false;
	}
	if (!strmap_put(&st->statements, ps->name, ps))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

bool
prep_add_portal(PreparedStore *st, Portal *portal, OdbcConn *db, PgError *err)
{
	if (portal->name[0] == '\0')
	{
		prep_portal_free(st->unnamed_portal, db);
		st->unnamed_portal = portal;
		return true;
	}
	if (strmap_get(&st->portals, portal->name) != NULL)
	{
		pgerr_set(err, "42P03", "cursor \"%s\" already exists", portal->name);
		return false;
	}
	if (!strmap_put(&st->portals, portal->name, portal))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

/* ---- closing ---- */

void
prep_close_statement(PreparedStore *st, const char *name, OdbcConn *db)
{
	if (name[0] == '\0')
	{
		prep_statement_release(st->unnamed_statement, db);
		st->unnamed_statement = NULL;
		return;
	}
	prep_statement_release(strmap_remove(&st->statements, name), db);
}

void
prep_close_portal(PreparedStore *st, const char *name, OdbcConn *db)
{
	if (name[0] == '\0')
	{
		prep_portal_free(st->unnamed_portal, db);
		st->unnamed_portal = NULL;
		return;
	}
	prep_portal_free(strmap_remove(&st->portals, name), db);
}

void
prep_close_cursors(PreparedStore *st, OdbcConn *db)
{
	size_t		pos = 0;
	const char *key;
	void	   *value;

	while (strmap_next(&st->portals, &pos, &key, &value))
		prep_portal_close_cursor(value, db);
	if (st->unnamed_portal != NULL)
		prep_portal_close_cursor(st->unnamed_portal, db);
}

void
prep_drop_portals(PreparedStore *st, OdbcConn *db)
{
	size_t		pos = 0;
	const char *key;
	void	   *value;

	while (strmap_next(&st->portals, &pos, &key, &value))
		prep_portal_free(value, db);
	strmap_clear(&st->portals);
	prep_portal_free(st->unnamed_portal, db);
	st->unnamed_portal = NULL;
}

void
prep_drop_unnamed(PreparedStore *st, OdbcConn *db)
{
	prep_portal_free(st->unnamed_portal, db);
	st->unnamed_portal = NULL;
	prep_statement_release(st->unnamed_statement, db);
	st->unnamed_statement = NULL;
}

void
prep_drop_all(PreparedStore *st, OdbcConn *db)
{
	size_t		pos = 0;
	const char *key;
	void	   *value;

	prep_drop_portals(st, db);
	while (strmap_next(&st->statements, &pos, &key, &value))
		prep_statement_release(value, db);
	strmap_clear(&st->statements);
	prep_statement_release(st->unnamed_statement, db);
	st->unnamed_statement = NULL;
}

void
prep_store_free(PreparedStore *st, OdbcConn *db)
{
	prep_drop_all(st, db);
	strmap_free(&st->statements);
	strmap_free(&st->portals);
}

bool
prep_portal_param_int(const Portal *portal, int n, int64_t *value, bool *is_null)
{
	const BoundParam *bp;
	SQLBIGINT	i;

	if (portal == NULL || n < 1 || n > portal->stmt->nparams || portal->bound == NULL)
		return false;
	bp = &portal->bound[n - 1];
	*is_null = bp->length == SQL_NULL_DATA;
	if (*is_null)
		return true;
	if (bp->c_type != SQL_C_SBIGINT || bp->length != (SQLLEN) sizeof(i))
		return false;
	memcpy(&i, portal->values.data + bp->offset, sizeof(i));
	*value = (int64_t) i;
	return true;
}
