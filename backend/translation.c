/*
 * translation.c
 *		What the database runs for an extended-protocol statement: its
 *		translation at Parse, with a ? marker for every parameter, and, with
 *		vector_parameters = inline, each portal's at Bind, the values of its
 *		vector parameters written into the text as literals.
 *
 * Owns: translating a prepared statement (expanded forms, plans), the
 * literal of each vector parameter's value and the portal's own
 * Translation. A literal is never the client's text: it is the decoded
 * value (checked as pgvector's vector_in checks) printed by pgwire's
 * formatter, which the translator reads and prints once more. A text that
 * depends on the values is never prepared into the statement's handle:
 * the portal runs it on a handle (or plan) of its own, freed with it, so
 * the unnamed statement parsed again (reuse_unnamed) or a named one bound
 * again never meets a handle prepared for other values. Binding and
 * executing are extended.c's.
 */
#include "backend/translation.h"

#include "backend/plan.h"
#include "common/types.h"

#include <stdlib.h>
#include <string.h>

static bool
out_of_memory(PgError *err)
{
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

bool
be_translate_statement(Session *s, const PreparedStatement *ps, const ParamInput *in,
					   Translation *tr, PgError *err)
{
	const Statement *stmt = &ps->list.stmts[0];
	XlParts		parts;
	bool		ok;

	xl_parts_init(&parts);
	ok = xl_expand(ps->query, &ps->list, stmt, s->db.dialect, &parts, err);
	if (ok && parts.expanded && parts.count != 1)
	{
		/* one prepared handle cannot carry several statements, or none */
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "%s in this form is supported by pgwire on the %s dialect in the simple query protocol only",
				  stmt->tag, config_dialect_name(s->db.dialect));
		ok = false;
	}
	else if (ok && parts.expanded)
		ok = be_translate_text(s, parts.texts[0].data, parts.texts[0].len, &tr->params, in,
							   &tr->sql, err);
	else if (ok)
		ok = be_translate(s, ps->query, &ps->list, stmt, &tr->params, in, &tr->sql, &tr->plan, err);
	xl_parts_free(&parts);
	return ok;
}

const ParamMap *
be_translation_params(const Translation *tr)
{
	return tr->plan != NULL ? &tr->plan->all_params : &tr->params;
}

bool
be_inlines_vectors(const Session *s, const Translation *tr)
{
	return s->params.vector_parameters == VECTOR_PARAMETERS_INLINE &&
		xl_params_any_vector(be_translation_params(tr));
}

void
be_param_error_position(const PreparedStatement *ps, int n, PgError *err)
{
	const Statement *stmt = ps->list.count > 0 ? &ps->list.stmts[0] : NULL;

	if (err->position != 0 || stmt == NULL)
		return;
	for (size_t k = stmt->first_token; k < stmt->first_token + stmt->ntokens; k++)
	{
		const Token *tok = &ps->list.tokens.tokens[k];

		if (tok->kind == TOK_PARAM && tok->param == n)
		{
			err->position = xl_char_position(ps->query, tok->start);
			return;
		}
	}
}

/* The portal's literals, one per parameter (NULL: none, or SQL NULL). */
static bool
literals_of(Portal *portal)
{
	int			n = Max(portal->stmt->nparams, 1);

	if (portal->vector_literals == NULL)
		portal->vector_literals = calloc((size_t) n, sizeof(char *));
	return portal->vector_literals != NULL;
}

bool
be_keep_vector_literal(Portal *portal, int i, const PgValue *v, PgError *err)
{
	const PreparedStatement *ps = portal->stmt;
	TypeFormat	fmt = {.extra_float_digits = 1};
	PgValue		vector = *v;
	Buf			scratch;
	Buf			text;
	bool		ok = true;

	if (!(xl_params_uses(be_translation_params(&ps->tr), i + 1) & XL_PARAM_VECTOR) ||
		v->kind == PGV_NULL)
		return true;
	if (!literals_of(portal))
		return out_of_memory(err);
	buf_init(&scratch);
	buf_init(&text);
	/* text the statement also uses as text: read as a vector where it is one */
	if (v->kind == PGV_TEXT)
		ok = pgtype_input(VECTOROID, v->u.text.data, v->u.text.len, -1, &vector, &scratch, err);
	if (ok && vector.kind != PGV_VECTOR)
	{
		const PgType *t = pgtype_by_oid(ps->param_types[i]);

		pgerr_set(err, ERRCODE_DATATYPE_MISMATCH, "parameter $%d of type %s cannot be used as a vector",
				  i + 1, t != NULL ? t->name : "unknown");
		ok = false;
	}
	if (ok)
		pgtype_output(VECTOROID, &vector, &fmt, &text);
	if (ok && (buf_failed(&text) || buf_failed(&scratch) ||
			   (portal->vector_literals[i] = strndup(text.data, text.len)) == NULL))
		ok = out_of_memory(err);
	if (!ok)
		be_param_error_position(ps, i + 1, err);
	buf_free(&scratch);
	buf_free(&text);
	return ok;
}

bool
be_translate_portal(Session *s, Portal *portal, PgError *err)
{
	const PreparedStatement *ps = portal->stmt;
	ParamInput	in = {.declared = ps->declared,.ndeclared = ps->ndeclared,.nvector_literals = ps->nparams};

	if (!literals_of(portal) || (portal->inlined = malloc(sizeof(Translation))) == NULL)
		return out_of_memory(err);
	prep_translation_init(portal->inlined);
	in.vector_literals = (const char *const *) portal->vector_literals;
	if (!be_translate_statement(s, ps, &in, portal->inlined, err))
		return false;
	return portal->inlined->plan == NULL || be_plan_prepare(s, portal->inlined->plan, err);
}
