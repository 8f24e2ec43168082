/*
 * extended.c
 *		The extended query protocol: Parse, Bind, Describe, Execute, Close,
 *		Sync (Flush is a plain flush in backend_main.c).
 *
 * Owns: one handler per message and PostgreSQL's rules around them. After
 * an error every message up to Sync is skipped; Sync ends the implicit
 * transaction (commit, or rollback after an error) unless a BEGIN block is
 * open, and answers ReadyForQuery. Replies are only queued: they leave at
 * Sync, Flush, or when a large result fills the output buffer, so a
 * pipeline of many messages costs one write. Statements the database runs
 * are translated and prepared once, at Parse; each Execute binds and
 * executes the prepared handle (or a second handle when the first still
 * has an open cursor) and streams rows up to the row limit, leaving the
 * cursor open behind a PortalSuspended. A statement the database runs as
 * several steps (plan.c) has each step prepared at Parse, runs them all at
 * its first Execute and hands out the rows it holds.
 */
#include "backend/backend.h"

#include "backend/cancel.h"
#include "backend/catalog_exec.h"
#include "backend/exec.h"
#include "backend/odbc_params.h"
#include "backend/plan.h"
#include "backend/session.h"
#include "backend/translation.h"
#include "backend/xact.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"
#include "common/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An error in an extended-query message: report it and skip until Sync. */
static void
fail_message(Session *s, PgError *err)
{
	be_report_statement_error(s, err);
	s->ignore_till_sync = true;
}

static const Statement *
statement_of(const PreparedStatement *ps)
{
	return ps->list.count > 0 ? &ps->list.stmts[0] : NULL;
}

/* ---- Parse ---- */

/*
 * Translate a database statement, record its parameters and prepare it.
 * With vector_parameters = inline a statement with vector parameters is
 * translated again for each portal (translation.c); the handle prepared
 * here, with a marker for each, still describes it.
 */
static bool
prepare_for_database(Session *s, PreparedStatement *ps, PgError *err)
{
	ParamInput	in = {.declared = ps->declared,.ndeclared = ps->ndeclared};

	if (!be_translate_statement(s, ps, &in, &ps->tr, err))
		return false;
	ps->inline_vectors = be_inlines_vectors(s, &ps->tr);
	if (ps->tr.plan != NULL)
		return be_plan_prepare(s, ps->tr.plan, err);
	(void) xl_select_columns(ps->query, &ps->list, statement_of(ps), &ps->columns);
	return odbc_prepare(&s->db, ps->tr.sql.data, ps->tr.sql.len, &ps->hstmt, err);
}

/* Parameter i is a vector of dims dimensions (0: any), checked at Bind. False: out of memory. */
static bool
set_param_dims(PreparedStatement *ps, int i, int32_t dims)
{
	if (dims <= 0)
		return true;
	if (ps->param_dims == NULL && (ps->param_dims = calloc((size_t) ps->nparams, sizeof(int32_t))) == NULL)
		return false;
	ps->param_dims[i] = dims;
	return true;
}

/*
 * Parameter types: as Parse gave them, else as the text casts them
 * ($1::int4) or uses them (a vector), else 0: undecided until a Describe
 * asks (resolve_param_types), and read as text meanwhile. The dimensions
 * of a vector(n) a parameter is cast to are checked at Bind.
 */
static bool
set_param_types(PreparedStatement *ps, const ParseMsg *m, PgError *err)
{
	const ParamMap *map = be_translation_params(&ps->tr);

	ps->nparams = Max(m->nparam_types, map->max_param);
	if (ps->nparams == 0)
		return true;
	ps->param_types = calloc((size_t) ps->nparams, sizeof(uint32_t));
	if (ps->param_types == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (int i = 0; i < ps->nparams; i++)
	{
		uint32_t	oid = i < m->nparam_types ? proto_uint32_at(m->param_types, i) : 0;

		ps->param_types[i] = oid ? oid : xl_params_type(map, i + 1);
		if (!set_param_dims(ps, i, xl_params_dims(map, i + 1)))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
	}
	return true;
}

/*
 * Can the column a parameter goes to tell more about it: its type when the
 * client left it open, or the dimensions of a vector(n) column when the
 * client sends a vector (or its text: JDBC's setString is varchar)?
 */
static bool
column_may_type(uint32_t oid)
{
	return oid == 0 || oid == VECTOROID || oid == TEXTOID || oid == VARCHAROID;
}

/*
 * On databases whose driver cannot type parameters (SQLite), a parameter
 * stored in or compared with a table column takes the column's declared
 * type at Parse, so its value is read and bound as PostgreSQL would infer
 * (a boolean 'true', a timestamp '2024-01-02T03:04:05Z', binary bytes).
 */
static bool
type_params_from_columns(Session *s, PreparedStatement *ps, PgError *err)
{
	ParamTargets targets;
	TableColumns columns;
	bool		undecided = false;
	bool		ok = true;

	for (int i = 0; i < ps->nparams; i++)
		undecided |= column_may_type(ps->param_types[i]);
	if (!undecided || s->db.dialect != DIALECT_SQLITE || statement_of(ps) == NULL)
		return true;
	xl_param_targets_init(&targets);
	if (!xl_param_targets(ps->query, &ps->list, statement_of(ps), &targets))
	{
		xl_param_targets_free(&targets);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	/* one catalog read per table, however many parameters it types */
	memset(&columns, 0, sizeof(columns));
	for (int i = 0; ok && i < ps->nparams; i++)
	{
		const ParamTarget *t = xl_param_target_of(&targets, i + 1);

		if (!column_may_type(ps->param_types[i]) || t == NULL)
			continue;
		if (columns.table[0] == '\0' || strcmp(columns.table, t->table) != 0)
		{
			odbc_table_columns_free(&columns);
			ok = odbc_table_columns(&s->db, t->table, &columns);
		}
		if (ps->param_types[i] == 0)
			ps->param_types[i] = odbc_table_column_type(&columns, t->column, t->ordinal);
		if (ok && odbc_table_column_type(&columns, t->column, t->ordinal) == VECTOROID)
			ok = set_param_dims(ps, i, odbc_table_column_dims(&columns, t->column, t->ordinal));
	}
	odbc_table_columns_free(&columns);
	xl_param_targets_free(&targets);
	if (!ok)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}

/*
 * Decide the undecided parameter types, for a ParameterDescription: the
 * driver's SQLDescribeParam where it knows (psqlODBC, IRIS: the column a
 * parameter is compared with or stored in), else text, as PostgreSQL
 * infers for a parameter nothing constrains. Costs a driver call only for
 * statements a client describes.
 */
static void
resolve_param_types(PreparedStatement *ps)
{
	for (int i = 0; i < ps->nparams; i++)
	{
		int			marker = xl_params_first_marker(&ps->tr.params, i + 1);

		if (ps->param_types[i] != 0)
			continue;
		if (ps->tr.plan != NULL)
			ps->param_types[i] = be_plan_param_type(ps->tr.plan, i + 1);
		else if (marker > 0 && ps->hstmt != SQL_NULL_HSTMT)
			ps->param_types[i] = odbc_describe_param_type(ps->hstmt, marker);
		if (ps->param_types[i] == 0)
			ps->param_types[i] = TEXTOID;
	}
}

/* pg_cancel_backend($1): the one parameter is the pid, an integer */
static bool
type_signal_param(PreparedStatement *ps, const Statement *stmt, PgError *err)
{
	SessionCmd	cmd;
	bool		ok;

	xl_session_cmd_init(&cmd);
	ok = xl_parse_session_cmd(ps->query, &ps->list, stmt, &cmd, err);
	if (ok && cmd.pid_param > 0 && !xl_params_add(&ps->tr.params, cmd.pid_param, INT4OID))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	xl_session_cmd_free(&cmd);
	return ok;
}

/* Keep the Parse message's declared parameter types with the statement. */
static bool
remember_declared(PreparedStatement *ps, const ParseMsg *m, PgError *err)
{
	if (m->nparam_types == 0)
		return true;
	if ((ps->declared = malloc(sizeof(uint32_t) * (size_t) m->nparam_types)) == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (int i = 0; i < m->nparam_types; i++)
		ps->declared[i] = proto_uint32_at(m->param_types, i);
	ps->ndeclared = m->nparam_types;
	return true;
}

static bool
parse_statement(Session *s, const ParseMsg *m, PreparedStatement **out, PgError *err)
{
	PreparedStatement *ps;
	const Statement *stmt;

	if (!utf8_check(m->query, m->query_len, err))
		return false;
	ps = prep_statement_new(m->name, m->query, m->query_len);
	if (ps == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	*out = ps;
	ps->ddl_generation = s->ddl_generation;
	if (!remember_declared(ps, m, err) || !xl_split(ps->query, ps->query_len, &ps->list, err))
		return false;
	if (ps->list.count > 1)
	{
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
		return false;
	}
	stmt = statement_of(ps);
	if (stmt != NULL)
	{
		if (!xact_check_allowed(s, stmt->kind, err))
			return false;
		ps->local = xl_is_local(stmt->kind);
		if (!ps->local && !be_catalog_query(s, ps->query, &ps->list, stmt, &ps->catalog, err))
			return false;
		if (ps->catalog)
		{
			if (!be_catalog_translate(s, ps->query, &ps->list, stmt, &ps->tr.params, &ps->tr.sql, err))
				return false;
			(void) xl_select_columns(ps->query, &ps->list, stmt, &ps->columns);
		}
		else if (!ps->local && !prepare_for_database(s, ps, err))
			return false;
		if (stmt->kind == STMT_SIGNAL_BACKEND && !type_signal_param(ps, stmt, err))
			return false;
	}
	return set_param_types(ps, m, err) && (ps->local || ps->catalog || type_params_from_columns(s, ps, err));
}

/*
 * The unnamed statement parsed again with the same text and parameter
 * types (pgbench -M extended, drivers before they name statements) keeps
 * its translation and its prepared handle, unless DDL has run since (the
 * tables it describes may have changed) or a cursor is open on it. The
 * database is spared a prepare (and psqlODBC a prepare and a DEALLOCATE)
 * per execution. What it keeps never depends on parameter values: with
 * vector_parameters = inline, a text with values in it belongs to the
 * portal, not the statement (translation.c).
 */
static bool
reuse_unnamed(Session *s, const ParseMsg *m)
{
	PreparedStatement *ps = s->prepared.unnamed_statement;

	if (m->name[0] != '\0' || ps == NULL || ps->hstmt_in_use || ps->ddl_generation != s->ddl_generation ||
		s->xact == XACT_FAILED ||
		ps->query_len != m->query_len || memcmp(ps->query, m->query, m->query_len) != 0 ||
		ps->ndeclared != m->nparam_types)
		return false;
	for (int i = 0; i < m->nparam_types; i++)
	{
		if (ps->declared[i] != proto_uint32_at(m->param_types, i))
			return false;
	}
	return true;
}

void
be_handle_parse(Session *s, const uint8_t *body, size_t len)
{
	ParseMsg	m;
	PreparedStatement *ps = NULL;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (proto_parse_parse(body, len, &m, &err) && reuse_unnamed(s, &m))
	{
		proto_write_empty(&s->conn.out, PqMsg_ParseComplete);
		return;
	}
	if (pgerr_is_set(&err) || !parse_statement(s, &m, &ps, &err) ||
		!prep_add_statement(&s->prepared, ps, &s->db, &err))
	{
		prep_statement_release(ps, &s->db);
		fail_message(s, &err);
		return;
	}
	proto_write_empty(&s->conn.out, PqMsg_ParseComplete);
}

/* ---- Bind ---- */

static bool
check_format_code(int16_t code, PgError *err)
{
	if (code == 0 || code == 1)
		return true;
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unsupported format code: %d", code);
	return false;
}

/*
 * The type parameter i is read as: Parse's or the text's; undecided, text
 * as text and binary as raw bytes (a bytea column's). Text for a vector(n)
 * column or cast, or for a parameter the statement uses only as a vector,
 * is read as a vector, as its assignment cast (or pgvector's cast) would.
 */
static uint32_t
param_read_type(const PreparedStatement *ps, int i, int16_t format)
{
	uint32_t	oid = ps->param_types[i];
	uint8_t		uses = xl_params_uses(be_translation_params(&ps->tr), i + 1);

	if (oid == 0)
		oid = format == 1 ? BYTEAOID : TEXTOID;
	if (format == 0 && (oid == TEXTOID || oid == VARCHAROID) &&
		((ps->param_dims != NULL && ps->param_dims[i] > 0) ||
		 (uses & (XL_PARAM_VECTOR | XL_PARAM_PLAIN)) == XL_PARAM_VECTOR))
		oid = VECTOROID;
	return oid;
}

/*
 * Read parameter i of the Bind as oid. A vector is checked as pgvector
 * checks it, and has the n dimensions of the vector(n) it is stored in or
 * cast to.
 */
static bool
read_param(const BindMsg *b, const PreparedStatement *ps, int i, int16_t format, uint32_t oid,
		   PgValue *v, Buf *scratch, PgError *err)
{
	buf_reset(scratch);
	if (b->lengths[i] < 0)
		v->kind = PGV_NULL;
	else if (format == 0)
	{
		const char *text = (const char *) b->values[i];
		size_t		n = (size_t) b->lengths[i];

		if (!utf8_check(text, n, err) || !pgtype_input(oid, text, n, -1, v, scratch, err))
			return false;
	}
	else if (!pgtype_receive_param(oid, i + 1, b->values[i], (size_t) b->lengths[i], v, scratch, err))
		return false;
	if (v->kind == PGV_VECTOR && ps->param_dims != NULL && ps->param_dims[i] > 0 &&
		v->u.vector.dims != ps->param_dims[i])
	{
		pgerr_set(err, ERRCODE_DATA_EXCEPTION, "expected %d dimensions, not %d", (int) ps->param_dims[i],
				  v->u.vector.dims);
		return false;
	}
	return true;
}

/*
 * Decode parameter i of the Bind into a value bound for the database (and,
 * when the statement writes vectors into its text, the text of a vector).
 * A bad vector's error points at the parameter in the statement.
 */
static bool
decode_param(Session *s, const BindMsg *b, PreparedStatement *ps, Portal *portal, int i,
			 Buf *scratch, PgError *err)
{
	int16_t		format = proto_format_for(b->formats, b->nformats, i);
	uint32_t	oid = param_read_type(ps, i, format);
	PgValue		v;

	if (!check_format_code(format, err))
		return false;
	if (!read_param(b, ps, i, format, oid, &v, scratch, err))
	{
		if (oid == VECTOROID)
			be_param_error_position(ps, i + 1, err);
		return false;
	}
	if (ps->inline_vectors && !be_keep_vector_literal(portal, i, &v, err))
		return false;
	/* the catalog is SQLite whatever the database */
	return odbc_param_from_value(ps->catalog ? DIALECT_SQLITE : s->db.dialect, &v, oid, &portal->values,
								 &portal->bound[i], err);
}

static bool
bind_params(Session *s, const BindMsg *b, PreparedStatement *ps, Portal *portal, PgError *err)
{
	Buf			scratch;
	bool		ok = true;

	if (b->nformats > 1 && b->nformats != b->nparams)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "bind message has %d parameter formats but %d parameters", b->nformats, b->nparams);
		return false;
	}
	if (b->nparams != ps->nparams)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "bind message supplies %d parameters, but prepared statement \"%s\" requires %d",
				  b->nparams, ps->name, ps->nparams);
		return false;
	}
	if (b->nparams == 0)
		return true;
	portal->bound = calloc((size_t) b->nparams, sizeof(BoundParam));
	if (portal->bound == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	buf_init(&scratch);
	for (int i = 0; i < b->nparams && ok; i++)
		ok = decode_param(s, b, ps, portal, i, &scratch, err);
	buf_free(&scratch);
	return ok && (!ps->inline_vectors || be_translate_portal(s, portal, err));
}

static bool
copy_result_formats(const BindMsg *b, Portal *portal, PgError *err)
{
	for (int i = 0; i < b->nresult_formats; i++)
	{
		if (!check_format_code(proto_int16_at(b->result_formats, i), err))
			return false;
	}
	if (b->nresult_formats == 0)
		return true;
	portal->result_formats = malloc(sizeof(int16_t) * (size_t) b->nresult_formats);
	if (portal->result_formats == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (int i = 0; i < b->nresult_formats; i++)
		portal->result_formats[i] = proto_int16_at(b->result_formats, i);
	portal->nresult_formats = b->nresult_formats;
	return true;
}

static Portal *
bind_portal(Session *s, const BindMsg *b, PgError *err)
{
	PreparedStatement *ps = prep_find_statement(&s->prepared, b->statement);
	Portal	   *portal;

	if (ps == NULL)
	{
		pgerr_set(err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
				  "prepared statement \"%s\" does not exist", b->statement);
		return NULL;
	}
	if (statement_of(ps) && !xact_check_allowed(s, statement_of(ps)->kind, err))
		return NULL;
	portal = prep_portal_new(b->portal, ps);
	if (portal == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return NULL;
	}
	if (!bind_params(s, b, ps, portal, err) || !copy_result_formats(b, portal, err))
	{
		prep_portal_free(portal, &s->db);
		return NULL;
	}
	return portal;
}

void
be_handle_bind(Session *s, const uint8_t *body, size_t len)
{
	BindMsg		b;
	Portal	   *portal = NULL;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_bind(body, len, &b, &err))
	{
		fail_message(s, &err);
		return;
	}
	portal = bind_portal(s, &b, &err);
	proto_bind_free(&b);
	if (portal == NULL || !prep_add_portal(&s->prepared, portal, &s->db, &err))
	{
		prep_portal_free(portal, &s->db);
		fail_message(s, &err);
		return;
	}
	proto_write_empty(&s->conn.out, PqMsg_BindComplete);
}

/* ---- Describe ---- */

/*
 * The format of each result column: Bind gives none (all text), one (for
 * all) or one per column. NULL means all text.
 */
static int16_t *
column_formats(const Portal *portal, int ncols, PgError *err)
{
	int16_t    *formats;

	if (portal == NULL || portal->nresult_formats == 0)
		return NULL;
	if (portal->nresult_formats > 1 && portal->nresult_formats != ncols)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "bind message has %d result formats but query has %d columns",
				  portal->nresult_formats, ncols);
		return NULL;
	}
	formats = calloc((size_t) Max(ncols, 1), sizeof(int16_t));
	if (formats == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return NULL;
	}
	for (int i = 0; i < ncols; i++)
		formats[i] = portal->result_formats[portal->nresult_formats == 1 ? 0 : i];
	return formats;
}

/*
 * Remember the statement's result columns: Describe answers from this
 * copy, because drivers cannot always describe a handle that has already
 * run (psqlODBC after a cursor closed).
 */
static bool
remember_description(PreparedStatement *ps, const ResultSet *rs, PgError *err)
{
	if (ps->described)
		return true;
	if (!odbc_result_copy_description(rs, &ps->description))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	ps->described = true;
	return true;
}

/* Describe a database statement that has not run yet, through its prepared handle(s). */
static bool
describe_prepared(Session *s, PreparedStatement *ps, PgError *err)
{
	ResultSet	rs;
	bool		ok;

	if (ps->tr.plan != NULL)
	{
		if (!be_plan_describe(s, ps->tr.plan, &ps->description, err))
			return false;
		ps->described = true;
		return true;
	}
	if (!odbc_result_open(&s->db, ps->hstmt, &ps->columns, &rs, err))
		return false;
	be_catalog_annotate_result(s, &rs);
	ok = remember_description(ps, &rs, err);
	odbc_result_close(&rs);
	return ok;
}

/* RowDescription or NoData for a statement, with the portal's formats if any. */
static bool
describe_result(Session *s, PreparedStatement *ps, Portal *portal, PgError *err)
{
	const Statement *stmt = statement_of(ps);
	const ResultSet *rs = &ps->description;
	int16_t    *formats;

	if (stmt == NULL)
	{
		proto_write_empty(&s->conn.out, PqMsg_NoData);
		return true;
	}
	if (ps->local)
		return be_describe_local(s, ps->query, &ps->list, stmt, err);
	if (ps->catalog)
		return be_catalog_describe(s, ps->query, ps->tr.sql.data, &ps->columns,
								   portal ? portal->result_formats : NULL, portal ? portal->nresult_formats : 0, err);
	if (!ps->described && !describe_prepared(s, ps, err))
		return false;
	if (rs->ncols == 0)
	{
		proto_write_empty(&s->conn.out, PqMsg_NoData);
		return true;
	}
	pgerr_clear(err);
	formats = column_formats(portal, rs->ncols, err);
	if (formats == NULL && pgerr_is_set(err))
		return false;
	odbc_result_write_description(rs, formats, &s->conn.out);
	free(formats);
	return true;
}

void
be_handle_describe(Session *s, const uint8_t *body, size_t len)
{
	TargetMsg	t;
	PgError		err;
	bool		ok;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_target(body, len, &t, &err))
		ok = false;
	else if (t.kind == 'S')
	{
		PreparedStatement *ps = prep_find_statement(&s->prepared, t.name);

		if (ps == NULL)
		{
			pgerr_set(&err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
					  "prepared statement \"%s\" does not exist", t.name);
			ok = false;
		}
		else
		{
			resolve_param_types(ps);
			proto_write_parameter_description(&s->conn.out, ps->param_types, ps->nparams);
			ok = describe_result(s, ps, NULL, &err);
		}
	}
	else
	{
		Portal	   *portal = prep_find_portal(&s->prepared, t.name);

		if (portal == NULL)
		{
			pgerr_set(&err, ERRCODE_INVALID_CURSOR_NAME, "portal \"%s\" does not exist", t.name);
			ok = false;
		}
		else
			ok = describe_result(s, portal->stmt, portal, &err);
	}
	if (!ok)
		fail_message(s, &err);
}

/* ---- Execute ---- */

/* What a portal runs: its own translation (values in its text), or its statement's. */
static const Translation *
translation_of(const Portal *portal)
{
	return portal->inlined != NULL ? portal->inlined : &portal->stmt->tr;
}

/*
 * The handle a portal runs on: its statement's, or a new one if that is
 * busy or the portal has a text of its own.
 */
static bool
portal_take_handle(Session *s, Portal *portal, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	const Translation *tr = translation_of(portal);

	if (!ps->hstmt_in_use && portal->inlined == NULL)
	{
		ps->hstmt_in_use = true;
		portal->hstmt = ps->hstmt;
		portal->own_hstmt = false;
		return true;
	}
	portal->own_hstmt = true;
	if (!odbc_prepare(&s->db, tr->sql.data, tr->sql.len, &portal->hstmt, err))
		return false;
	/* a cancel now stops this handle, not the statement's */
	be_cancel_switch(portal->hstmt);
	return true;
}

/* Bind, execute and open the result of a portal that has not run yet. */
static bool
portal_start(Session *s, Portal *portal, PgError *err)
{
	PreparedStatement *ps = portal->stmt;

	/*
	 * Statements up to Sync form one transaction; when Sync is next, that
	 * is this statement alone, and the database's autocommit does it (as
	 * a one-statement simple Query), saving two round trips to it.
	 */
	if (s->xact == XACT_IDLE && !conn_next_is_sync(&s->conn) && !xact_begin_implicit(s, err))
		return false;
	be_catalog_note_statement(s, statement_of(ps));
	if (!portal_take_handle(s, portal, err) ||
		!odbc_execute_params(&s->db, portal->hstmt, &translation_of(portal)->params, portal->bound,
							 &portal->values, err) ||
		!odbc_result_open(&s->db, portal->hstmt, &ps->columns, &portal->rs, err))
		return false;
	portal->has_rs = true;
	if (!ps->described)
		be_catalog_annotate_result(s, &portal->rs);
	if (!remember_description(ps, &portal->rs, err))
		return false;
	portal->state = PORTAL_ACTIVE;
	return true;
}

/*
 * Run a portal whose statement is a plan: every step at the first Execute
 * (its rows held, as PostgreSQL holds RETURNING rows), then the rows up to
 * max_rows at each.
 */
static bool
portal_run_plan(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	int16_t    *formats;
	bool		suspended;
	bool		ok;

	if (portal->state == PORTAL_READY)
	{
		if (!ps->described && !describe_prepared(s, ps, err))
			return false;
		pgerr_clear(err);
		formats = column_formats(portal, ps->description.ncols, err);
		if (formats == NULL && pgerr_is_set(err))
			return false;
		if ((portal->plan_result = malloc(sizeof(PlanResult))) == NULL)
		{
			free(formats);
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		be_plan_result_init(portal->plan_result);
		ok = be_plan_run(s, translation_of(portal)->plan, portal->bound, &portal->values, formats,
						 portal->plan_result, err);
		free(formats);
		if (!ok)
			return false;
		portal->state = PORTAL_ACTIVE;
	}
	be_plan_send(s, statement_of(ps), portal->plan_result, false, max_rows, &suspended);
	if (!suspended)
	{
		portal->state = PORTAL_DONE;
		prep_portal_close_cursor(portal, &s->db);
	}
	return true;
}

/* Run (or continue) a database portal: rows up to max_rows, or its row count. */
static bool
portal_run(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	const Statement *stmt = statement_of(portal->stmt);
	int16_t    *formats = NULL;
	int64_t		count;
	bool		suspended = false;

	if (portal->state == PORTAL_DONE)
	{
		/* a finished query yields nothing more; other statements cannot rerun */
		if (stmt->kind == STMT_SELECT)
		{
			be_write_tag(s, stmt, 0);
			return true;
		}
		pgerr_set(err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
				  "portal \"%s\" cannot be run", portal->name);
		return false;
	}
	if (translation_of(portal)->plan != NULL)
		return portal_run_plan(s, portal, max_rows, err);
	if (portal->state == PORTAL_READY && !portal_start(s, portal, err))
		return false;

	if (portal->rs.ncols > 0)
	{
		pgerr_clear(err);
		formats = column_formats(portal, portal->rs.ncols, err);
		if (formats == NULL && pgerr_is_set(err))
			return false;
		count = be_send_rows(s, &portal->rs, formats, max_rows, &suspended, err);
		free(formats);
	}
	else
		count = odbc_affected_rows(portal->hstmt);
	if (count < 0)
		return false;
	if (suspended)
	{
		proto_write_empty(&s->conn.out, PqMsg_PortalSuspended);
		return true;
	}
	/* run to completion: the cursor closes now, not at the end of the transaction */
	portal->state = PORTAL_DONE;
	prep_portal_close_cursor(portal, &s->db);
	be_write_tag(s, stmt, count);
	return true;
}

/*
 * Run (or continue) a catalog portal: its rows are made at the first
 * Execute and kept, then sent up to each Execute's row limit.
 */
static bool
portal_run_catalog(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	const Statement *stmt = statement_of(ps);

	if (portal->state == PORTAL_DONE)
	{
		be_write_tag(s, stmt, 0);
		return true;
	}
	if (portal->state == PORTAL_READY)
	{
		CatalogRun	run = {.query = ps->query,.stmt = stmt,.sql = ps->tr.sql.data,.hints = &ps->columns,
			.params = &ps->tr.params,.bound = portal->bound,.values = &portal->values,
			.formats = portal->result_formats,.nformats = portal->nresult_formats,
		.keep_rows = &portal->catalog_rows,.count = &portal->catalog_count};

		if (!be_catalog_run(s, &run, err))
			return false;
		portal->state = PORTAL_ACTIVE;
	}
	if (be_catalog_send_kept(s, &portal->catalog_rows, &portal->catalog_pos, max_rows))
	{
		proto_write_empty(&s->conn.out, PqMsg_PortalSuspended);
		return true;
	}
	portal->state = PORTAL_DONE;
	buf_free(&portal->catalog_rows);
	be_write_tag(s, stmt, portal->catalog_count);
	return true;
}

void
be_handle_execute(Session *s, const uint8_t *body, size_t len)
{
	ExecuteMsg	e;
	Portal	   *portal;
	const Statement *stmt;
	PgError		err;
	bool		ok;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_execute(body, len, &e, &err))
	{
		fail_message(s, &err);
		return;
	}
	portal = prep_find_portal(&s->prepared, e.portal);
	if (portal == NULL)
	{
		pgerr_set(&err, ERRCODE_INVALID_CURSOR_NAME, "portal \"%s\" does not exist", e.portal);
		fail_message(s, &err);
		return;
	}
	stmt = statement_of(portal->stmt);
	if (stmt == NULL)
	{
		proto_write_empty_query(&s->conn.out);
		return;
	}
	shm_set_activity(s->start->slot, BACKEND_ACTIVE, portal->stmt->query, portal->stmt->query_len);
	if (!xact_check_allowed(s, stmt->kind, &err))
		ok = false;
	else if (portal->stmt->local && portal->state == PORTAL_DONE)
	{
		pgerr_set(&err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
				  "portal \"%s\" cannot be run", portal->name);
		ok = false;
	}
	else if (portal->stmt->local)
	{
		/* may end the transaction; portals are dropped only after this message */
		portal->state = PORTAL_DONE;
		ok = be_run_local(s, portal->stmt->query, &portal->stmt->list, stmt, portal, false, &err);
	}
	else if (portal->stmt->catalog)
		ok = portal_run_catalog(s, portal, e.max_rows, &err);
	else
	{
		CancelReason why;

		be_cancel_begin(portal->hstmt != SQL_NULL_HSTMT ? portal->hstmt : portal->stmt->hstmt,
						s->params.statement_timeout);
		ok = portal_run(s, portal, e.max_rows, &err);
		why = be_cancel_end();
		if (!ok)
			be_cancel_explain(why, &err);
	}
	if (!ok)
		fail_message(s, &err);
}

/* ---- Close and Sync ---- */

void
be_handle_close(Session *s, const uint8_t *body, size_t len)
{
	TargetMsg	t;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_target(body, len, &t, &err))
	{
		fail_message(s, &err);
		return;
	}
	if (t.kind == 'S')
		prep_close_statement(&s->prepared, t.name, &s->db);
	else
		prep_close_portal(&s->prepared, t.name, &s->db);
	proto_write_empty(&s->conn.out, PqMsg_CloseComplete);
}

void
be_handle_sync(Session *s)
{
	PgError		err;

	s->ignore_till_sync = false;
	pgerr_clear(&err);
	if (!xact_end_implicit(s, &err))
		be_report_statement_error(s, &err);
	/* outside a BEGIN block the transaction is over, and with it every portal */
	if (s->xact == XACT_IDLE)
		be_mark_prepared_reset(s, PREPARED_RESET_PORTALS);
}
