/*
 * bind_params.c
 *		What a Bind gives a portal: its parameter values, decoded into what
 *		the database binds, and the formats of its result columns.
 *
 * Owns: the format codes, reading each value as its parameter's type (text
 * or binary; a vector checked against the vector(n) it goes to), the
 * values kept for statements that write vectors into their text, and the
 * result formats kept and applied per column. It must never decide a
 * parameter's type (param_types.c does, at Parse) or run a statement.
 */
#include "backend/bind_params.h"

#include "backend/odbc_params.h"
#include "backend/translation.h"
#include "common/proto.h"
#include "common/types.h"
#include "common/utf8.h"

#include <stdlib.h>

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

bool
be_bind_params(Session *s, const BindMsg *b, PreparedStatement *ps, Portal *portal, PgError *err)
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

bool
be_bind_result_formats(const BindMsg *b, Portal *portal, PgError *err)
{
	for (int i = 0; i < b->nresult_formats; i++)
	{
		if (!check_format_code(proto_int16_at(b->result_formats, i), err))
			return false;
	}
	portal->result_formats = proto_copy_ints(b->result_formats, b->nresult_formats, sizeof(int16_t), err);
	if (portal->result_formats == NULL && b->nresult_formats > 0)
		return false;
	portal->nresult_formats = b->nresult_formats;
	return true;
}

/*
 * The format of each result column: Bind gives none (all text), one (for
 * all) or one per column. NULL means all text.
 */
int16_t *
be_bind_column_formats(const Portal *portal, int ncols, PgError *err)
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
