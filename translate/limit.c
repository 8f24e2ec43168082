/*
 * limit.c
 *		The limit rule: row limits (LIMIT/OFFSET/FETCH → the dialect's form).
 *
 * Owns: (not yet written) recognising these constructs and writing each
 * dialect's text for them, or refusing with 0A000.
 */
#include "translate/xl_internal.h"

static bool
limit_begin(const XlRuleEnv *env, void **state)
{
	(void) env;
	(void) state;
	return false;
}

static XlRuleResult
limit_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	(void) state;
	(void) i;
	(void) to;
	(void) end;
	(void) err;
	return XL_RULE_NONE;
}

static void
limit_end(void *state)
{
	(void) state;
}

const XlRule xl_limit_rule = {"limit", limit_begin, limit_apply, limit_end};
