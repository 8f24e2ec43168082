/*
 * functions.c
 *		The functions rule: functions, operators and boolean values.
 *
 * Owns: (not yet written) recognising these constructs and writing each
 * dialect's text for them, or refusing with 0A000.
 */
#include "translate/xl_internal.h"

static bool
functions_begin(const XlRuleEnv *env, void **state)
{
	(void) env;
	(void) state;
	return false;
}

static XlRuleResult
functions_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	(void) state;
	(void) i;
	(void) to;
	(void) end;
	(void) err;
	return XL_RULE_NONE;
}

static void
functions_end(void *state)
{
	(void) state;
}

const XlRule xl_functions_rule = {"functions", functions_begin, functions_apply, functions_end};
