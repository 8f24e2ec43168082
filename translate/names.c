/*
 * names.c
 *		The names rule: schema and identifier names as the dialect needs
 *		them (PostgreSQL's public schema is IRIS's SQLUser).
 *
 * Owns: (not yet written) recognising qualified names and writing each
 * dialect's form of them.
 */
#include "translate/xl_internal.h"

static bool
names_begin(const XlRuleEnv *env, void **state)
{
	(void) env;
	(void) state;
	return false;
}

static XlRuleResult
names_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	(void) state;
	(void) i;
	(void) to;
	(void) end;
	(void) err;
	return XL_RULE_NONE;
}

static void
names_end(void *state)
{
	(void) state;
}

const XlRule xl_names_rule = {"names", names_begin, names_apply, names_end};
