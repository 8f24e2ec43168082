/*
 * xl_catalog.h
 *		What the files of the catalog rule share (catalog_rule.c, catalog_srf.c):
 *		the rule's state and its writing helpers. Not part of translate's API.
 */
#ifndef PGW_XL_CATALOG_H
#define PGW_XL_CATALOG_H

#include "translate/xl_internal.h"

#define MAX_EXPANDS	8

/*
 * Set-returning functions over an array in a select list (unnest(a),
 * generate_subscripts(a, 1), information_schema._pg_expandarray(a)):
 * written as a join of json_each over the array in the FROM clause of
 * their SELECT (inserted before the word that ends that clause), one join
 * per array, so calls over the same array advance together as in
 * PostgreSQL; _pg_expandarray's composite (x, n) is a JSON object.
 */
typedef enum ExpandKind
{
	EXPAND_UNNEST,
	EXPAND_SUBSCRIPTS,
	EXPAND_COMPOSITE
} ExpandKind;

typedef struct Expand
{
	ExpandKind	kind;
	size_t		first;			/* the call's first word (its qualifier) */
	size_t		arg;			/* words [arg, arg_end) of the array argument */
	size_t		arg_end;
	size_t		close;			/* the call's ')' */
	size_t		insert_at;		/* the word before which the join goes */
	int			join;			/* which join: pgw_expand<join> */
	bool		joined;			/* the join is written (by its first call) */
} Expand;

typedef struct CatalogRule
{
	XlRuleEnv	env;
	XlWords		w;
	XlCasts		casts;
	Buf			scratch;
	Expand		expands[MAX_EXPANDS];
	int			nexpands;
} CatalogRule;

/* Append s to the translation. */
void		xl_cat_emit(CatalogRule *r, const char *s);

/* Words [from, to) through every rule. */
bool		xl_cat_write_words(CatalogRule *r, size_t from, size_t to, PgError *err) PGW_MUSTCHECK;

/* The decoded (folded) name of word i, or "" (valid until the next call). */
const char *xl_cat_name_of(CatalogRule *r, size_t i);

/* Set-returning functions and composites (catalog_srf.c). */
void		xl_cat_find_expands(CatalogRule *r);
XlRuleResult xl_cat_apply_expand_join(CatalogRule *r, size_t i, size_t *end, PgError *err);
XlRuleResult xl_cat_apply_expand_call(CatalogRule *r, size_t i, size_t *end, PgError *err);
XlRuleResult xl_cat_apply_field_selection(CatalogRule *r, size_t i, size_t *end, PgError *err);
XlRuleResult xl_cat_apply_table_function(CatalogRule *r, size_t i, size_t *end, PgError *err);

#endif							/* PGW_XL_CATALOG_H */
