/*
 * param_types.c
 *		The types of a prepared statement's parameters, decided at Parse
 *		and completed when a Describe asks.
 *
 * Owns: the types Parse declared, those the text casts or uses ($1::int4,
 * a vector), those SQLite's table columns give, the vector(n) dimensions
 * Bind checks, and the driver's SQLDescribeParam for the rest. It must
 * never read a parameter's value (bind_params.c does, at Bind).
 */
#include "backend/param_types.h"

#include "backend/odbc_params.h"
#include "backend/plan.h"
#include "backend/translation.h"
#include "common/proto.h"
#include "common/types.h"

#include <stdlib.h>
#include <string.h>

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
 * asks (be_param_types_resolve), and read as text meanwhile. The dimensions
 * of a vector(n) a parameter is cast to are checked at Bind.
 */
bool
be_param_types_set(PreparedStatement *ps, const ParseMsg *m, PgError *err)
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
bool
be_param_types_from_columns(Session *s, PreparedStatement *ps, const Statement *stmt, PgError *err)
{
	ParamTargets targets;
	TableColumns columns;
	bool		undecided = false;
	bool		ok = true;

	for (int i = 0; i < ps->nparams; i++)
		undecided |= column_may_type(ps->param_types[i]);
	if (!undecided || s->db.dialect != DIALECT_SQLITE || stmt == NULL)
		return true;
	xl_param_targets_init(&targets);
	if (!xl_param_targets(ps->query, &ps->list, stmt, &targets))
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
void
be_param_types_resolve(PreparedStatement *ps)
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
bool
be_param_types_signal(PreparedStatement *ps, const Statement *stmt, PgError *err)
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
bool
be_param_types_remember(PreparedStatement *ps, const ParseMsg *m, PgError *err)
{
	ps->declared = proto_copy_ints(m->param_types, m->nparam_types, sizeof(uint32_t), err);
	if (ps->declared == NULL && m->nparam_types > 0)
		return false;
	ps->ndeclared = m->nparam_types;
	return true;
}
