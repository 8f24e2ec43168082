/*
 * catalog_rule.c
 *		The catalog rule: a catalog query as pgwire's catalog (SQLite, with
 *		PostgreSQL's catalog functions registered) reads it.
 *
 * Owns, in catalog queries only (RewriteContext.catalog): pg_catalog.
 * qualifiers (dropped: the catalog's relations and functions are
 * unqualified), information_schema.x (the catalog's "information_schema.x"),
 * OPERATOR(pg_catalog.op) (the operator), COLLATE of PostgreSQL's
 * collations (dropped), the regular-expression operators (REGEXP, MATCH
 * for ~*, and = for an anchored constant '^(name)$', so the catalog can
 * read one relation instead of all), casts to reg* types (pgw_regclass(x)
 * gives the OID, pgw_regclass_name(x) the name: a constant denotes an
 * OID, another operand is shown by name unless compared), casts to oid
 * and the array and vector types the catalog keeps as text, = ANY(array)
 * and <> ALL(array), ARRAY[...] and subscripts; set-returning functions
 * and composites are catalog_srf.c's. Other casts are the cast rule's. It
 * must never touch a query of the database's tables.
 */
#include "translate/xl_catalog.h"

#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Functions rewrite.c answers itself, whose pg_catalog. it reads. */
static const char *const answered_by_rewriter[] = {
	"version", "current_database", "current_schema", "pg_backend_pid", NULL
};

/* reg* types: the function giving the OID, and the one giving the name. */
static const struct
{
	const char *type;
	const char *to_oid;
	const char *to_name;
}			reg_types[] = {
	{"regclass", "pgw_regclass", "pgw_regclass_name"},
	{"regtype", "pgw_regtype", "pgw_regtype_name"},
	{"regnamespace", "pgw_regnamespace", "pgw_regnamespace_name"},
	{"regrole", "pgw_regrole", "pgw_regrole_name"},
	{"regproc", "pgw_regproc", "pgw_regproc_name"},
	{"regprocedure", "pgw_regproc", "pgw_regproc_name"},
	{"regoper", NULL, NULL},
	{"regoperator", NULL, NULL},
};

void
xl_cat_emit(CatalogRule *r, const char *s)
{
	buf_append_str(r->env.out, s);
}

bool
xl_cat_write_words(CatalogRule *r, size_t from, size_t to, PgError *err)
{
	if (from >= to)
		return true;
	return r->env.write_words(r->env.rewriter, from, to, err);
}

/* The decoded (folded) name of word i, or "". */
const char *
xl_cat_name_of(CatalogRule *r, size_t i)
{
	PgError		err;

	buf_reset(&r->scratch);
	if (!xl_word_is_name(&r->w, i) || !xl_ident_value(r->w.query, &r->w.tok[i], &r->scratch, &err) ||
		buf_failed(&r->scratch))
		return "";
	return r->scratch.data;
}

/* ---- operators ---- */

/* The SQL for PostgreSQL operator op (text of len bytes), or NULL to keep it. */
static const char *
operator_sql(const char *op, size_t len)
{
	static const struct
	{
		const char *pg;
		const char *sql;
	}			ops[] = {
		{"~", " REGEXP "}, {"!~", " NOT REGEXP "}, {"~*", " MATCH "}, {"!~*", " NOT MATCH "},
		{"~~", " LIKE "}, {"!~~", " NOT LIKE "},
	};

	for (size_t k = 0; k < lengthof(ops); k++)
	{
		if (strlen(ops[k].pg) == len && memcmp(ops[k].pg, op, len) == 0)
			return ops[k].sql;
	}
	return NULL;
}

/*
 * Is the string constant at word i an anchored name, '^(foo)$' or
 * '^foo$', as psql writes for \d foo? Its name goes to out.
 */
static bool
anchored_name(CatalogRule *r, size_t i, Buf *out)
{
	PgError		err;
	const char *s;
	size_t		n;

	if (!xl_word_kind(&r->w, i, TOK_STRING))
		return false;
	buf_reset(out);
	if (!xl_string_value(r->w.query, &r->w.tok[i], out, &err) || buf_failed(out))
		return false;
	s = out->data;
	n = out->len;
	if (n < 3 || s[0] != '^' || s[n - 1] != '$')
		return false;
	s++;
	n -= 2;
	if (n >= 2 && s[0] == '(' && s[n - 1] == ')')
	{
		s++;
		n -= 2;
	}
	if (n == 0)
		return false;
	for (size_t k = 0; k < n; k++)
	{
		unsigned char c = (unsigned char) s[k];

		if (!(c >= 0x80 || c == '_' || c == ' ' || (c >= '0' && c <= '9') ||
			  ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return false;
	}
	memmove(out->data, s, n);
	out->len = n;
	out->data[n] = '\0';
	return true;
}

/* A regular-expression (or other) operator whose text is op, then its right operand at word next. */
static XlRuleResult
write_operator(CatalogRule *r, const char *op, size_t len, size_t next, size_t *end)
{
	const char *sql = operator_sql(op, len);
	Buf			name;

	if (sql == NULL)
	{
		buf_append(r->env.out, op, len);
		*end = next;
		return XL_RULE_WRITTEN;
	}
	buf_init(&name);
	if (len == 1 && op[0] == '~' && anchored_name(r, next, &name))
	{
		xl_cat_emit(r, " = ");
		xl_append_literal(r->env.out, name.data);
		*end = next + 1;
	}
	else
	{
		xl_cat_emit(r, sql);
		*end = next;
	}
	buf_free(&name);
	return XL_RULE_WRITTEN;
}

/* OPERATOR(schema.op) at word i */
static XlRuleResult
apply_operator_keyword(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;
	size_t		j = i + 2;

	if (!xl_word_is(w, i, "operator") || !xl_word_kind(w, i + 1, TOK_LPAREN))
		return XL_RULE_NONE;
	while (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;
	if (!xl_word_kind(w, j, TOK_OPERATOR) || !xl_word_kind(w, j + 1, TOK_RPAREN))
		return XL_RULE_NONE;
	return write_operator(r, w->query + w->tok[j].start, w->tok[j].len, j + 2, end);
}

/* COLLATE x: PostgreSQL's collations mean nothing to the catalog */
static XlRuleResult
apply_collate(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;
	size_t		j = i + 1;

	if (!xl_word_is(w, i, "collate"))
		return XL_RULE_NONE;
	while (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;
	if (!xl_word_is_name(w, j))
		return XL_RULE_NONE;
	*end = j + 1;
	return XL_RULE_WRITTEN;
}

/* pg_catalog.x -> x; information_schema.x -> "information_schema.x" */
static XlRuleResult
apply_qualifier(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;
	const char *name;

	if (!xl_word_is_name(w, i) || !xl_word_kind(w, i + 1, TOK_DOT) || !xl_word_is_name(w, i + 2) ||
		(i > 0 && xl_word_kind(w, i - 1, TOK_DOT)))
		return XL_RULE_NONE;
	name = xl_cat_name_of(r, i);
	if (strcmp(name, "pg_catalog") == 0)
	{
		if (xl_word_in(w, i + 2, answered_by_rewriter) && xl_word_kind(w, i + 3, TOK_LPAREN))
			return XL_RULE_NONE;
		*end = i + 2;
		return XL_RULE_WRITTEN;
	}
	if (strcmp(name, "information_schema") == 0)
	{
		char		view[160];

		snprintf(view, sizeof(view), "information_schema.%s", xl_cat_name_of(r, i + 2));
		xl_append_identifier(r->env.out, view);
		*end = i + 3;
		return XL_RULE_WRITTEN;
	}
	return XL_RULE_NONE;
}

/* = ANY (a), <> ALL (a) at word i (the operator) */
static XlRuleResult
apply_any(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	const XlWords *w = &r->w;
	bool		any = xl_word_is(w, i + 1, "any") || xl_word_is(w, i + 1, "some");
	bool		all = xl_word_is(w, i + 1, "all");
	size_t		close;
	bool		negated;

	if (!(any || all) || !xl_word_kind(w, i + 2, TOK_LPAREN))
		return XL_RULE_NONE;
	if (any && xl_word_is_op(w, i, '='))
		negated = false;
	else if (all && (xl_word_is_operator(w, i, "<>") || xl_word_is_operator(w, i, "!=")))
		negated = true;
	else
		return XL_RULE_NONE;
	if ((close = xl_matching_close(w, i + 2)) == SIZE_MAX)
		return XL_RULE_NONE;
	/* ANY (SELECT ...) is IN (SELECT ...) */
	if (xl_word_is(w, i + 3, "select"))
	{
		xl_cat_emit(r, negated ? " NOT IN (" : " IN (");
		if (!xl_cat_write_words(r, i + 3, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ")");
	}
	else
	{
		xl_cat_emit(r, negated ? " NOT IN (SELECT value FROM json_each(pgw_array_json(" :
			 " IN (SELECT value FROM json_each(pgw_array_json(");
		if (!xl_cat_write_words(r, i + 3, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ")))");
	}
	*end = close + 1;
	return XL_RULE_WRITTEN;
}

/* ARRAY[a, b] -> pgw_array(a, b); ARRAY(SELECT ...) -> the array_agg of its rows */
static XlRuleResult
apply_array(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	const XlWords *w = &r->w;
	size_t		close;

	if (!xl_word_is(w, i, "array") || (close = xl_matching_close(w, i + 1)) == SIZE_MAX)
		return XL_RULE_NONE;
	if (xl_word_kind(w, i + 1, TOK_LPAREN))
	{
		/* ARRAY(SELECT ...): its rows, in order, aggregated */
		xl_cat_emit(r, "(WITH pgw_array_rows(value) AS (");
		if (!xl_cat_write_words(r, i + 2, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ") SELECT array_agg(value) FROM pgw_array_rows)");
		*end = close + 1;
		return XL_RULE_WRITTEN;
	}
	if (!xl_word_kind(w, i + 1, TOK_LBRACKET))
		return XL_RULE_NONE;
	xl_cat_emit(r, "pgw_array(");
	if (!xl_cat_write_words(r, i + 2, close, err))
		return XL_RULE_FAILED;
	xl_cat_emit(r, ")");
	*end = close + 1;
	return XL_RULE_WRITTEN;
}

/* a.b[n] -> pgw_array_elem(a.b, n) */
static XlRuleResult
apply_subscript(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	const XlWords *w = &r->w;
	size_t		last = i;
	size_t		close;

	if (!xl_word_is_name(w, i) || (i > 0 && xl_word_kind(w, i - 1, TOK_DOT)) || xl_word_is_reserved(w, i))
		return XL_RULE_NONE;
	while (xl_word_kind(w, last + 1, TOK_DOT) && xl_word_is_name(w, last + 2))
		last += 2;
	if (!xl_word_kind(w, last + 1, TOK_LBRACKET) || (close = xl_matching_close(w, last + 1)) == SIZE_MAX)
		return XL_RULE_NONE;
	for (size_t k = last + 2; k < close; k++)
	{
		if (xl_word_kind(w, k, TOK_COLON))
			return XL_RULE_NONE;	/* a slice */
	}
	xl_cat_emit(r, "pgw_array_elem(");
	buf_append(r->env.out, w->query + w->tok[i].start, xl_token_end(&w->tok[last]) - w->tok[i].start);
	xl_cat_emit(r, ", ");
	if (!xl_cat_write_words(r, last + 2, close, err))
		return XL_RULE_FAILED;
	xl_cat_emit(r, ")");
	*end = close + 1;
	return XL_RULE_WRITTEN;
}

/* E'...' (and other strings SQLite would read otherwise): a plain SQLite string */
static XlRuleResult
apply_escape_string(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;
	PgError		err;
	char		prefix;

	if (!xl_word_kind(w, i, TOK_STRING))
		return XL_RULE_NONE;
	prefix = (char) (w->query[w->tok[i].start] | 0x20);
	if (prefix != 'e' && prefix != 'u')
		return XL_RULE_NONE;
	buf_reset(&r->scratch);
	if (!xl_string_value(w->query, &w->tok[i], &r->scratch, &err) || buf_failed(&r->scratch))
		return XL_RULE_NONE;
	xl_append_literal(r->env.out, (const char *) r->scratch.data);
	*end = i + 1;
	return XL_RULE_WRITTEN;
}

/* Is word i (the last part of a name) one of the catalog's boolean columns? */
static bool
is_bool_column(CatalogRule *r, size_t i)
{
	const char *const *cols = r->env.ctx->catalog_bool_columns;
	const char *name;

	if (cols == NULL || !xl_word_is_name(&r->w, i))
		return false;
	name = xl_cat_name_of(r, i);
	for (; *cols; cols++)
	{
		if (strcmp(*cols, name) == 0)
			return true;
	}
	return false;
}

/* 't', 'false', 'yes', ... compared with a boolean column: 1 or 0 */
static XlRuleResult
apply_bool_literal(CatalogRule *r, size_t i, size_t *end)
{
	static const char *const truths[] = {"t", "true", "y", "yes", "on", "1", NULL};
	static const char *const falsities[] = {"f", "false", "n", "no", "off", "0", NULL};
	const XlWords *w = &r->w;
	bool		compared;
	PgError		err;
	int			value = -1;

	if (!xl_word_kind(w, i, TOK_STRING))
		return XL_RULE_NONE;
	compared = (i >= 2 && (xl_word_is_op(w, i - 1, '=') || xl_word_is_operator(w, i - 1, "<>") ||
						   xl_word_is_operator(w, i - 1, "!=")) && is_bool_column(r, i - 2)) ||
		((xl_word_is_op(w, i + 1, '=') || xl_word_is_operator(w, i + 1, "<>") ||
		  xl_word_is_operator(w, i + 1, "!=")) && is_bool_column(r, i + 2) &&
		 !xl_word_kind(w, i + 3, TOK_DOT));
	if (!compared)
		return XL_RULE_NONE;
	buf_reset(&r->scratch);
	if (!xl_string_value(w->query, &w->tok[i], &r->scratch, &err) || buf_failed(&r->scratch))
		return XL_RULE_NONE;
	for (int k = 0; truths[k]; k++)
	{
		if (strcasecmp((const char *) r->scratch.data, truths[k]) == 0)
			value = 1;
		if (strcasecmp((const char *) r->scratch.data, falsities[k]) == 0)
			value = 0;
	}
	if (value < 0)
		return XL_RULE_NONE;
	xl_cat_emit(r, value ? "1" : "0");
	*end = i + 1;
	return XL_RULE_WRITTEN;
}

/* The OIDs of PostgreSQL's catalog tables, which their rows' tableoid is. */
static const struct
{
	const char *name;
	int			oid;
}			catalog_tables[] = {
	{"pg_aggregate", 2600}, {"pg_am", 2601}, {"pg_amop", 2602}, {"pg_amproc", 2603}, {"pg_attrdef", 2604},
	{"pg_attribute", 1249}, {"pg_auth_members", 1261}, {"pg_authid", 1260}, {"pg_cast", 2605},
	{"pg_class", 1259}, {"pg_collation", 3456}, {"pg_constraint", 2606}, {"pg_conversion", 2607},
	{"pg_database", 1262}, {"pg_default_acl", 826}, {"pg_depend", 2608}, {"pg_description", 2609},
	{"pg_enum", 3501}, {"pg_event_trigger", 3466}, {"pg_extension", 3079},
	{"pg_foreign_data_wrapper", 2328}, {"pg_foreign_server", 1417}, {"pg_foreign_table", 3118},
	{"pg_index", 2610}, {"pg_inherits", 2611}, {"pg_language", 2612}, {"pg_namespace", 2615},
	{"pg_opclass", 2616}, {"pg_operator", 2617}, {"pg_opfamily", 2753}, {"pg_policy", 3256},
	{"pg_proc", 1255}, {"pg_publication", 6104}, {"pg_rewrite", 2618}, {"pg_sequence", 2224},
	{"pg_statistic_ext", 3381}, {"pg_subscription", 6100}, {"pg_tablespace", 1213}, {"pg_transform", 3576},
	{"pg_trigger", 2620}, {"pg_ts_config", 3602}, {"pg_ts_dict", 3600}, {"pg_ts_parser", 3601},
	{"pg_ts_template", 3764}, {"pg_type", 1247}, {"pg_user_mapping", 1418},
};

/*
 * alias.tableoid (a system column): the OID of the catalog table the alias
 * names in the statement's FROM items, else 0.
 */
static XlRuleResult
apply_tableoid(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;
	char		alias[128];
	int			oid = 0;

	if (!xl_word_is_name(w, i) || !xl_word_kind(w, i + 1, TOK_DOT) || !xl_word_is(w, i + 2, "tableoid") ||
		(i > 0 && xl_word_kind(w, i - 1, TOK_DOT)))
		return XL_RULE_NONE;
	snprintf(alias, sizeof(alias), "%s", xl_cat_name_of(r, i));
	for (size_t j = 0; j + 1 < w->n && oid == 0; j++)
	{
		size_t		a = j + 1;

		if (!xl_word_is_name(w, j) || xl_word_kind(w, j + 1, TOK_DOT))
			continue;
		if (xl_word_is(w, a, "as"))
			a++;
		if (!xl_word_is_name(w, a) || strcmp(xl_cat_name_of(r, a), alias) != 0)
		{
			if (strcmp(xl_cat_name_of(r, j), alias) != 0 || xl_word_kind(w, j + 1, TOK_LPAREN))
				continue;
		}
		for (size_t k = 0; k < lengthof(catalog_tables); k++)
		{
			if (strcmp(xl_cat_name_of(r, j), catalog_tables[k].name) == 0)
				oid = catalog_tables[k].oid;
		}
	}
	buf_appendf(r->env.out, "%d", oid);
	*end = i + 3;
	return XL_RULE_WRITTEN;
}

/* PostgreSQL's functions the catalog knows by SQLite's name. */
static const char *const renamed_functions[][2] = {
	{"json_build_object", "json_object"}, {"json_build_array", "json_array"}, {"json_agg", "json_group_array"},
	{"jsonb_build_object", "json_object"}, {"jsonb_agg", "json_group_array"},
};

/* SQLite keywords PostgreSQL takes as a column label after AS ("AS default"). */
static const char *const label_keywords[] = {
	"default", "order", "group", "table", "index", "key", "check", "primary", "references", "column",
	"values", "unique", "limit", "offset", "action", "end", "begin", "to", "transaction", "temp",
	"database", "plan", "query", "row", "rows", "filter", "window", "match", "regexp", "glob", "set",
	"foreign", "constraint", "exists", "collate", NULL
};

static XlRuleResult
apply_names(CatalogRule *r, size_t i, size_t *end)
{
	const XlWords *w = &r->w;

	if (!xl_word_kind(w, i, TOK_IDENT))
		return XL_RULE_NONE;
	if (i > 0 && xl_word_is(w, i - 1, "as") && xl_word_in(w, i, label_keywords))
	{
		xl_append_identifier(r->env.out, xl_cat_name_of(r, i));
		*end = i + 1;
		return XL_RULE_WRITTEN;
	}
	if (xl_word_kind(w, i + 1, TOK_LPAREN) && !(i > 0 && xl_word_kind(w, i - 1, TOK_DOT)))
	{
		for (size_t k = 0; k < lengthof(renamed_functions); k++)
		{
			if (xl_word_is(w, i, renamed_functions[k][0]))
			{
				xl_cat_emit(r, renamed_functions[k][1]);
				*end = i + 1;
				return XL_RULE_WRITTEN;
			}
		}
	}
	return XL_RULE_NONE;
}

/* ---- casts ---- */

typedef enum LevelKind
{
	LEVEL_OTHER,				/* a type the cast rule writes */
	LEVEL_REG,					/* a reg* type */
	LEVEL_INTEGER,				/* oid, xid, cid and the integers */
	LEVEL_TEXT,					/* text, name, varchar, char */
	LEVEL_KEEP					/* arrays and types the catalog keeps as text */
} LevelKind;

typedef struct Level
{
	LevelKind	kind;
	int			reg;			/* index into reg_types */
} Level;

static Level
level_kind(CatalogRule *r, const XlCastLevel *l)
{
	XlTypeName	tn;
	size_t		j = l->type_first;
	Level		lv = {LEVEL_OTHER, -1};
	const char *name;
	uint32_t	oid;

	if (!xl_parse_type_name(&r->w, &j, &tn))
		return lv;
	if (tn.is_array)
	{
		lv.kind = LEVEL_KEEP;
		return lv;
	}
	buf_reset(&r->scratch);
	oid = xl_type_name_oid(&r->w, &tn, &r->scratch);
	switch (oid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case OIDOID:
			lv.kind = LEVEL_INTEGER;
			return lv;
		case TEXTOID:
		case NAMEOID:
		case VARCHAROID:
		case BPCHAROID:
		case CHAROID:
			lv.kind = LEVEL_TEXT;
			return lv;
		case 0:
			break;
		default:
			return lv;
	}
	name = tn.word != NULL ? tn.word : tn.tok != NULL ? xl_cat_name_of(r, (size_t) (tn.tok - r->w.tok)) : "";
	for (size_t k = 0; k < lengthof(reg_types); k++)
	{
		if (strcmp(reg_types[k].type, name) == 0)
		{
			lv.kind = LEVEL_REG;
			lv.reg = (int) k;
			return lv;
		}
	}
	if (strcmp(name, "xid") == 0 || strcmp(name, "cid") == 0 || strcmp(name, "xid8") == 0)
		lv.kind = LEVEL_INTEGER;
	else
		lv.kind = LEVEL_KEEP;	/* int2vector, oidvector, pg_node_tree, aclitem, ... */
	return lv;
}

/* Is the cast at words [first, end) compared (an operator of comparison or IN next to it)? */
static bool
is_compared(CatalogRule *r, size_t first, size_t end)
{
	static const char *const ops[] = {"=", "<>", "!=", "<", ">", "<=", ">=", NULL};
	const XlWords *w = &r->w;

	for (const char *const *op = ops; *op; op++)
	{
		if ((first > 0 && xl_word_is_operator(w, first - 1, *op)) || xl_word_is_operator(w, end, *op))
			return true;
	}
	return xl_word_is(w, end, "in") || (xl_word_is(w, end, "not") && xl_word_is(w, end + 1, "in"));
}

/* Is the operand a constant: a string or number? */
static bool
constant_operand(CatalogRule *r, const XlCast *cast)
{
	const XlWords *w = &r->w;

	return cast->operand_end == cast->operand + 1 &&
		(xl_word_kind(w, cast->operand, TOK_STRING) || xl_word_kind(w, cast->operand, TOK_INTEGER) ||
		 xl_word_kind(w, cast->operand, TOK_PARAM));
}

/* The function wrapping level k's value: what it becomes and whether it names or counts. */
static const char *
level_function(CatalogRule *r, const XlCast *cast, const Level *lv, int k, bool constant)
{
	LevelKind	next = LEVEL_OTHER;
	bool		by_name;

	if (k + 1 < cast->nlevels)
		next = level_kind(r, &cast->levels[k + 1]).kind;
	switch (lv[k].kind)
	{
		case LEVEL_REG:
			if (k + 1 < cast->nlevels)
				by_name = next == LEVEL_TEXT;
			else
				by_name = !constant && !is_compared(r, cast->first, cast->end);
			if (constant && k == 0 && !by_name)
				return reg_types[lv[k].reg].to_oid;
			if (by_name)
				return reg_types[lv[k].reg].to_name;
			return NULL;
		case LEVEL_INTEGER:
			return "CAST(%s AS INTEGER)";
		case LEVEL_TEXT:
			return "CAST(%s AS TEXT)";
		default:
			return NULL;
	}
}

static XlRuleResult
apply_cast(CatalogRule *r, size_t i, size_t to, size_t *end, PgError *err)
{
	XlCast		cast;
	Level		lv[XL_MAX_CHAIN];
	const char *wrap[XL_MAX_CHAIN];
	bool		ours = false;
	bool		constant;

	if (!xl_cast_find(&r->casts, i, to, &cast) || cast.nlevels == 0 || cast.too_long ||
		cast.operand == cast.operand_end)
		return XL_RULE_NONE;
	for (int k = 0; k < cast.nlevels; k++)
	{
		lv[k] = level_kind(r, &cast.levels[k]);
		ours |= lv[k].kind == LEVEL_REG || lv[k].kind == LEVEL_KEEP || lv[k].kind == LEVEL_INTEGER;
	}
	if (!ours)
		return XL_RULE_NONE;
	constant = constant_operand(r, &cast);
	for (int k = 0; k < cast.nlevels; k++)
	{
		if (lv[k].kind == LEVEL_OTHER)
			return XL_RULE_NONE;	/* a chain the cast rule must write: leave it whole */
		wrap[k] = level_function(r, &cast, lv, k, constant);
	}
	for (int k = cast.nlevels - 1; k >= 0; k--)
	{
		if (wrap[k] == NULL)
			continue;
		if (strncmp(wrap[k], "CAST(", 5) == 0)
			xl_cat_emit(r, "CAST(");
		else
		{
			xl_cat_emit(r, wrap[k]);
			xl_cat_emit(r, "(");
		}
	}
	xl_cat_emit(r, "(");
	if (!xl_cat_write_words(r, cast.operand, cast.operand_end, err))
		return XL_RULE_FAILED;
	xl_cat_emit(r, ")");
	for (int k = 0; k < cast.nlevels; k++)
	{
		if (wrap[k] == NULL)
			continue;
		if (strncmp(wrap[k], "CAST(", 5) == 0)
			xl_cat_emit(r, lv[k].kind == LEVEL_INTEGER ? " AS INTEGER)" : " AS TEXT)");
		else
			xl_cat_emit(r, ")");
	}
	*end = cast.end;
	return XL_RULE_WRITTEN;
}

/* ---- the rule ---- */

static bool
catalog_rule_begin(const XlRuleEnv *env, void **state)
{
	CatalogRule *r;

	if (!env->ctx->catalog)
		return false;
	if ((r = xl_rule_state_alloc(env, sizeof(CatalogRule), sizeof(CatalogRule))) == NULL)
		return false;
	r->env = *env;
	r->w = env->w;
	buf_init(&r->scratch);
	if (!xl_casts_init(&r->casts, env, DIALECT_SQLITE, false))
		return false;
	xl_cat_find_expands(r);
	*state = r;
	return true;
}

static XlRuleResult
catalog_rule_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	CatalogRule *r = state;
	const XlWords *w = &r->w;
	XlRuleResult res;

	if (w->tok[i].kind == TOK_OPERATOR)
	{
		if ((res = apply_any(r, i, end, err)) != XL_RULE_NONE)
			return res;
		if (operator_sql(w->query + w->tok[i].start, w->tok[i].len) != NULL)
			return write_operator(r, w->query + w->tok[i].start, w->tok[i].len, i + 1, end);
		return XL_RULE_NONE;
	}
	if ((res = xl_cat_apply_expand_join(r, i, end, err)) != XL_RULE_NONE ||
		(res = apply_bool_literal(r, i, end)) != XL_RULE_NONE ||
		(res = xl_cat_apply_expand_call(r, i, end, err)) != XL_RULE_NONE ||
		(res = xl_cat_apply_field_selection(r, i, end, err)) != XL_RULE_NONE ||
		(res = xl_cat_apply_table_function(r, i, end, err)) != XL_RULE_NONE ||
		(res = apply_escape_string(r, i, end)) != XL_RULE_NONE ||
		(res = apply_cast(r, i, to, end, err)) != XL_RULE_NONE ||
		(res = apply_operator_keyword(r, i, end)) != XL_RULE_NONE ||
		(res = apply_collate(r, i, end)) != XL_RULE_NONE ||
		(res = apply_qualifier(r, i, end)) != XL_RULE_NONE ||
		(res = apply_array(r, i, end, err)) != XL_RULE_NONE ||
		(res = apply_tableoid(r, i, end)) != XL_RULE_NONE ||
		(res = apply_names(r, i, end)) != XL_RULE_NONE)
		return res;
	return apply_subscript(r, i, end, err);
}

static void
catalog_rule_end(void *state)
{
	CatalogRule *r = state;

	xl_casts_free(&r->casts);
	buf_free(&r->scratch);
}

const XlRule xl_catalog_rule = {"catalog", catalog_rule_begin, catalog_rule_apply, catalog_rule_end};
