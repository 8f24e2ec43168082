/*
 * ddl_statements.c
 *		The ddl_statements rule: the parts of DDL statements (not column
 *		definitions: ddl.c) that IRIS and SQLite have no words for, as
 *		pg_dump, ORMs and migration tools write them.
 *
 * Owns, for the iris and sqlite dialects:
 *  - ONLY in ALTER TABLE [IF EXISTS] ONLY t and CREATE INDEX ... ON ONLY t
 *    goes: neither database has table inheritance, so "this table and not
 *    its children" is the table (iris-dialect.md, "Schemas, identifiers,
 *    types"; SQLite's ALTER TABLE and CREATE INDEX have no ONLY).
 *  - CREATE INDEX ... USING btree goes (both build an ordered index by
 *    default); CONCURRENTLY goes (the index is the same, built while
 *    writes wait). Other access methods (hash, gin, gist, brin, spgist)
 *    are refused; hnsw and ivfflat are the vector rule's.
 *  - ... OWNER TO role and COMMENT ON are refused with 0A000: there is no
 *    owner to change and nowhere to keep the comment.
 *  - CREATE INDEX ON t (...) without a name gets the name PostgreSQL would
 *    choose (t_col1_col2_idx, "expr" for an expression): neither database
 *    accepts an index without one.
 * It never drops anything that changes what the statement creates.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>

typedef enum DdlPart
{
	PART_NONE,
	PART_DROP,					/* the words go */
	PART_NAME,					/* an unnamed index's ON: the name goes before it */
	PART_REFUSE					/* refused at the word */
} DdlPart;

/* What the statement's first words say it is, read once. */
typedef struct DdlHead
{
	bool		create;			/* CREATE ... */
	bool		create_index;	/* CREATE [UNIQUE] INDEX ... */
	bool		alter;			/* ALTER ... */
	bool		alter_table;	/* ALTER TABLE ... */
	bool		comment_on;		/* COMMENT ON ... */
} DdlHead;

typedef struct DdlStatements
{
	const XlRuleEnv *env;
	XlWords		w;
	DdlHead		head;
	const char *by;				/* "the iris dialect" */
} DdlStatements;

static void
read_head(const XlWords *w, DdlHead *h)
{
	h->create = xl_word_is(w, 0, "create");
	h->create_index = h->create &&
		(xl_word_is(w, 1, "index") || (xl_word_is(w, 1, "unique") && xl_word_is(w, 2, "index")));
	h->alter = xl_word_is(w, 0, "alter");
	h->alter_table = h->alter && xl_word_is(w, 1, "table");
	h->comment_on = xl_word_is(w, 0, "comment") && xl_word_is(w, 1, "on");
}

/* Is word i ONLY right after ALTER TABLE [IF EXISTS] or CREATE INDEX ... ON? */
static bool
is_only(const XlWords *w, const DdlHead *h, size_t i)
{
	if (i == 0 || !xl_word_is(w, i, "only"))
		return false;
	if (h->alter_table)
		return i == 2 || (i == 4 && xl_word_is(w, 2, "if") && xl_word_is(w, 3, "exists"));
	return h->create && xl_word_is(w, i - 1, "on");
}

/* What the rule does with word i (and how many words it spans: *n). */
static DdlPart
part_at(const XlWords *w, const DdlHead *h, size_t i, size_t *n)
{
	*n = 1;
	if (w->tok[i].kind != TOK_IDENT)
		return PART_NONE;
	if (is_only(w, h, i))
		return PART_DROP;
	if (h->create_index && xl_word_is(w, i, "concurrently") && xl_word_is(w, i - 1, "index"))
		return PART_DROP;
	if (h->create_index && xl_word_is(w, i, "on") &&
		(xl_word_is(w, i - 1, "index") || xl_word_is(w, i - 1, "concurrently")))
		return PART_NAME;
	if (h->create_index && xl_word_is(w, i, "using") && i + 1 < w->n && xl_word_is_name(w, i + 1))
	{
		*n = 2;
		if (xl_word_is(w, i + 1, "btree"))
			return PART_DROP;
		if (xl_word_is(w, i + 1, "hnsw") || xl_word_is(w, i + 1, "ivfflat"))
			return PART_NONE;
		return PART_REFUSE;
	}
	if (h->alter && xl_word_is(w, i, "owner") && xl_word_is(w, i + 1, "to"))
		return PART_REFUSE;
	if (i == 0 && h->comment_on)
		return PART_REFUSE;
	return PART_NONE;
}

static bool
ddl_statements_begin(const XlRuleEnv *env, void **state)
{
	const XlWords *w = &env->w;
	DdlStatements *d;
	DdlHead		head;
	bool		wanted = false;

	if ((env->ctx->dialect != DIALECT_IRIS && env->ctx->dialect != DIALECT_SQLITE) ||
		env->stmt->kind != STMT_DDL)
		return false;
	read_head(w, &head);
	if (!head.create && !head.alter && !head.comment_on)
		return false;
	for (size_t i = 0; i < w->n && !wanted; i++)
	{
		size_t		n;

		wanted = part_at(w, &head, i, &n) != PART_NONE;
	}
	if (!wanted)
		return false;
	if ((d = xl_rule_state_alloc(env, sizeof(DdlStatements), 0)) == NULL)
		return false;
	d->env = env;
	d->w = *w;
	d->head = head;
	d->by = env->ctx->dialect == DIALECT_IRIS ? "the iris dialect" : "the sqlite dialect";
	*state = d;
	return true;
}

static void
PGW_PRINTF(4, 5)
refuse(const DdlStatements *d, PgError *err, size_t word, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, &d->w, word, d->by, NULL, fmt, ap);
	va_end(ap);
}

/* Append the decoded name at word i to out, lower case unless quoted; false if none. */
static bool
append_name_part(const DdlStatements *d, size_t i, Buf *out)
{
	PgError		err;

	if (!xl_word_is_name(&d->w, i))
		return false;
	return xl_ident_value(d->w.query, &d->w.tok[i], out, &err);
}

/*
 * The name PostgreSQL chooses for CREATE INDEX ON t (a, b): t_a_b_idx,
 * "expr" for an expression, cut to 63 bytes (ChooseIndexName). ON is word
 * on; the table's name is the last word of its qualified name.
 */
static void
write_index_name(DdlStatements *d, size_t on)
{
	const XlWords *w = &d->w;
	Buf			name;
	size_t		j = on + 1;
	size_t		open;
	size_t		close;
	bool		plain = true;

	buf_init(&name);
	if (xl_word_is(w, j, "only"))
		j++;
	while (xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;
	if (!append_name_part(d, j, &name))
		buf_append_str(&name, "table");
	for (open = j + 1; open < w->n && !xl_word_kind(w, open, TOK_LPAREN); open++)
		;
	close = open < w->n ? xl_group_end(w, open) : w->n;
	for (size_t k = open + 1; k < close; k++)
	{
		size_t		item_end = k;

		while (item_end < close && !xl_word_kind(w, item_end, TOK_COMMA))
			item_end = xl_word_kind(w, item_end, TOK_LPAREN) ? xl_group_end(w, item_end) + 1 : item_end + 1;
		buf_append_byte(&name, '_');
		/* a column, maybe with an operator class, COLLATE, ASC/DESC after it */
		if (xl_word_kind(w, k, TOK_LPAREN) || xl_word_kind(w, k + 1, TOK_LPAREN) ||
			xl_word_kind(w, k + 1, TOK_OPERATOR) || !append_name_part(d, k, &name))
			buf_append_str(&name, "expr");
		k = item_end;
	}
	buf_append_str(&name, "_idx");
	if (buf_failed(&name))
	{
		d->env->out->failed = true;
		buf_free(&name);
		return;
	}
	name.len = xl_clip_utf8(name.data, name.len, 63);
	name.data[name.len] = '\0';
	for (size_t k = 0; k < name.len; k++)
		plain &= (name.data[k] >= 'a' && name.data[k] <= 'z') || (name.data[k] >= '0' && name.data[k] <= '9') ||
			name.data[k] == '_';
	if (plain)
		buf_append_str(d->env->out, name.data);
	else
		xl_append_identifier(d->env->out, name.data);
	buf_append_str(d->env->out, " ON");
	buf_free(&name);
}


static XlRuleResult
ddl_statements_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	DdlStatements *d = state;
	const XlWords *w = &d->w;
	size_t		n;

	switch (part_at(w, &d->head, i, &n))
	{
		case PART_NONE:
			return XL_RULE_NONE;
		case PART_DROP:
			if (i + n > to)
				return XL_RULE_NONE;
			xl_drop_blank_before(d->env->out, &d->w, i + n - 1,
								 d->env->stmt->offset + d->env->stmt->len);
			*end = i + n;
			return XL_RULE_WRITTEN;
		case PART_NAME:
			write_index_name(d, i);
			*end = i + 1;
			return XL_RULE_WRITTEN;
		case PART_REFUSE:
			break;
	}
	if (xl_word_is(w, i, "using"))
		refuse(d, err, i + 1, "index access method \"%.*s\"", (int) w->tok[i + 1].len,
			   w->query + w->tok[i + 1].start);
	else if (xl_word_is(w, i, "owner"))
		refuse(d, err, i, "OWNER TO");
	else
		refuse(d, err, i, "COMMENT ON");
	return XL_RULE_FAILED;
}

static void
ddl_statements_end(void *state)
{
	(void) state;				/* nothing of its own to release */
}

const XlRule xl_ddl_statements_rule = {"ddl_statements", ddl_statements_begin, ddl_statements_apply,
ddl_statements_end};
