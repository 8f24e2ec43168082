/*
 * functions_internal.h
 *		What functions.c and functions_string.c share: the rule's writing
 *		vocabulary and the writers its function table names.
 */
#ifndef PGW_FUNCTIONS_INTERNAL_H
#define PGW_FUNCTIONS_INTERNAL_H

#include "translate/xl_internal.h"

#define MAX_COPIES		64		/* an operand written over this many times at most */
#define MAX_NESTING		100		/* constructs written inside constructs' operands */

/* ---- functions.c ---- */

XlRuleResult	fn_rename_call(XlFn *fn, const XlFnCall *c, const char *name, PgError *err);

/* ---- functions_string.c ---- */

XlRuleResult	fn_write_length(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_write_substring(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_write_position(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_write_trim(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_write_greatest(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_write_random(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult	fn_refuse_call(XlFn *fn, const XlFnCall *c, PgError *err);

#endif							/* PGW_FUNCTIONS_INTERNAL_H */
