/*
 * ddl.c
 *		The ddl rule: column types and table options in DDL.
 *
 * Owns: (not yet written) recognising these constructs and writing each
 * dialect's text for them, or refusing with 0A000.
 */
#include "translate/xl_internal.h"

static bool
ddl_begin(const XlRuleEnv *env, void **state)
{
	(void) env;
	(void) state;
	return false;
}

static XlRuleResult
ddl_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	(void) state;
	(void) i;
	(void) to;
	(void) end;
	(void) err;
	return XL_RULE_NONE;
}

static void
ddl_end(void *state)
{
	(void) state;
}

const XlRule xl_ddl_rule = {"ddl", ddl_begin, ddl_apply, ddl_end};
