/*
 * vector.c
 *		The vector rule: pgvector's operators, vector values and HNSW indexes.
 *
 * Owns: (not yet written) recognising these constructs and writing each
 * dialect's text for them, or refusing with 0A000.
 */
#include "translate/xl_internal.h"

static bool
vector_begin(const XlRuleEnv *env, void **state)
{
	(void) env;
	(void) state;
	return false;
}

static XlRuleResult
vector_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	(void) state;
	(void) i;
	(void) to;
	(void) end;
	(void) err;
	return XL_RULE_NONE;
}

static void
vector_end(void *state)
{
	(void) state;
}

const XlRule xl_vector_rule = {"vector", vector_begin, vector_apply, vector_end};
