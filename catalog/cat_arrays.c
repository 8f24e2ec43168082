/*
 * cat_arrays.c
 *		PostgreSQL arrays in the catalog: values kept as their text
 *		('{1,2}', or '1 2' for int2vector and oidvector) and the functions
 *		that read and build them.
 *
 * Owns: reading array text into elements, pgw_array_json (the elements
 * as a JSON array, for json_each: the translator writes x = ANY(a) as
 * x IN (SELECT value FROM json_each(pgw_array_json(a)))), ARRAY[...]
 * (pgw_array), subscripts (pgw_array_elem), array_to_string,
 * array_length/array_upper/array_lower/cardinality, array_agg and
 * string_agg. It must never look at catalog tables.
 */
#include "catalog/cat_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct Elements
{
	char	  **items;			/* NULL item: SQL NULL */
	int			count;
	int			cap;
	Buf			text;			/* the items, each '\0'-terminated */
	size_t	   *offsets;
} Elements;

static void
elements_free(Elements *e)
{
	free(e->items);
	free(e->offsets);
	buf_free(&e->text);
	memset(e, 0, sizeof(*e));
}

static bool
elements_add(Elements *e, const char *s, size_t len, bool is_null)
{
	if (e->count == e->cap)
	{
		int			cap = e->cap ? e->cap * 2 : 8;
		size_t	   *offsets = realloc(e->offsets, (size_t) cap * sizeof(size_t));

		if (offsets == NULL)
			return false;
		e->offsets = offsets;
		e->cap = cap;
	}
	e->offsets[e->count++] = is_null ? SIZE_MAX : e->text.len;
	if (!is_null)
	{
		buf_append(&e->text, s, len);
		buf_append_byte(&e->text, '\0');
	}
	return !buf_failed(&e->text);
}

/* Point items at the text once it no longer moves. */
static bool
elements_finish(Elements *e)
{
	e->items = calloc((size_t) Max(e->count, 1), sizeof(char *));
	if (e->items == NULL)
		return false;
	for (int i = 0; i < e->count; i++)
		e->items[i] = e->offsets[i] == SIZE_MAX ? NULL : (char *) e->text.data + e->offsets[i];
	return true;
}

/* Read an array value: '{a,"b c",NULL}', '1 2' (a vector type), or a single number. */
static bool
elements_read(sqlite3_value *v, Elements *e)
{
	const char *s = (const char *) sqlite3_value_text(v);
	Buf			item;
	bool		ok = true;

	memset(e, 0, sizeof(*e));
	buf_init(&e->text);
	if (s == NULL)
		return elements_finish(e);
	while (isspace((unsigned char) *s))
		s++;
	if (*s != '{')
	{
		/* int2vector / oidvector: space-separated */
		while (ok && *s)
		{
			size_t		n = strcspn(s, " ");

			if (n > 0)
				ok = elements_add(e, s, n, false);
			s += n;
			while (*s == ' ')
				s++;
		}
		return ok && elements_finish(e);
	}
	s++;
	buf_init(&item);
	while (ok && *s && *s != '}')
	{
		bool		quoted = false;

		buf_reset(&item);
		while (isspace((unsigned char) *s))
			s++;
		if (*s == '"')
		{
			quoted = true;
			for (s++; *s && *s != '"'; s++)
			{
				if (*s == '\\' && s[1])
					s++;
				buf_append_byte(&item, (uint8_t) *s);
			}
			if (*s == '"')
				s++;
		}
		else
		{
			for (; *s && *s != ',' && *s != '}'; s++)
			{
				if (*s == '\\' && s[1])
					s++;
				buf_append_byte(&item, (uint8_t) *s);
			}
			while (item.len > 0 && isspace(item.data[item.len - 1]))
				item.len--;
		}
		ok = elements_add(e, (const char *) item.data, item.len,
						  !quoted && item.len == 4 && strncasecmp((const char *) item.data, "null", 4) == 0);
		if (*s == ',')
			s++;
	}
	buf_free(&item);
	return ok && elements_finish(e);
}

static bool
is_number(const char *s)
{
	char	   *end;

	if (s == NULL || *s == '\0' || isspace((unsigned char) *s))
		return false;
	(void) strtod(s, &end);
	return *end == '\0' && strspn(s, "+-0123456789.eE") == strlen(s);
}

/* An element as array text: quoted when PostgreSQL would quote it. */
static void
append_element(Buf *out, const char *s)
{
	bool		quote;

	if (s == NULL)
	{
		buf_append_str(out, "NULL");
		return;
	}
	quote = *s == '\0' || strcasecmp(s, "null") == 0 || strpbrk(s, "{},\"\\ \t\n") != NULL;
	if (!quote)
	{
		buf_append_str(out, s);
		return;
	}
	buf_append_byte(out, '"');
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			buf_append_byte(out, '\\');
		buf_append_byte(out, (uint8_t) *s);
	}
	buf_append_byte(out, '"');
}

static void
append_json_string(Buf *out, const char *s)
{
	buf_append_byte(out, '"');
	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c == '"' || c == '\\')
		{
			buf_append_byte(out, '\\');
			buf_append_byte(out, c);
		}
		else if (c < 0x20)
			buf_appendf(out, "\\u%04x", c);
		else
			buf_append_byte(out, c);
	}
	buf_append_byte(out, '"');
}

static void
result_buf(sqlite3_context *ctx, Buf *b)
{
	if (buf_failed(b))
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b->data ? b->data : "", (int) b->len, SQLITE_TRANSIENT);
	buf_free(b);
}

static void
fn_array_json(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Elements	e;
	Buf			b;

	(void) argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if (!elements_read(argv[0], &e))
	{
		elements_free(&e);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	buf_init(&b);
	buf_append_byte(&b, '[');
	for (int i = 0; i < e.count; i++)
	{
		if (i > 0)
			buf_append_byte(&b, ',');
		if (e.items[i] == NULL)
			buf_append_str(&b, "null");
		else if (is_number(e.items[i]) && strchr(e.items[i], '.') == NULL)
			buf_append_str(&b, e.items[i]);
		else
			append_json_string(&b, e.items[i]);
	}
	buf_append_byte(&b, ']');
	elements_free(&e);
	result_buf(ctx, &b);
}

/* ARRAY[a, b, ...] */
static void
fn_array(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Buf			b;

	buf_init(&b);
	buf_append_byte(&b, '{');
	for (int i = 0; i < argc; i++)
	{
		if (i > 0)
			buf_append_byte(&b, ',');
		append_element(&b, (const char *) sqlite3_value_text(argv[i]));
	}
	buf_append_byte(&b, '}');
	result_buf(ctx, &b);
}

/* a[i]: 1-based, as PostgreSQL's arrays (int2vector and oidvector count from 0) */
static void
fn_array_elem(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Elements	e;
	const char *s = (const char *) sqlite3_value_text(argv[0]);
	int			index = sqlite3_value_int(argv[1]);
	int			base;

	(void) argc;
	if (s == NULL || !elements_read(argv[0], &e))
		return;
	base = (*s == '{') ? 1 : 0;
	if (index - base >= 0 && index - base < e.count && e.items[index - base] != NULL)
	{
		if (is_number(e.items[index - base]) && strchr(e.items[index - base], '.') == NULL)
			sqlite3_result_int64(ctx, strtoll(e.items[index - base], NULL, 10));
		else
			sqlite3_result_text(ctx, e.items[index - base], -1, SQLITE_TRANSIENT);
	}
	elements_free(&e);
}

static void
fn_array_to_string(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Elements	e;
	const char *sep = (const char *) sqlite3_value_text(argv[1]);
	const char *null_text = argc > 2 ? (const char *) sqlite3_value_text(argv[2]) : NULL;
	Buf			b;
	bool		first = true;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !elements_read(argv[0], &e))
		return;
	buf_init(&b);
	for (int i = 0; i < e.count; i++)
	{
		const char *item = e.items[i] ? e.items[i] : null_text;

		if (item == NULL)
			continue;
		if (!first && sep)
			buf_append_str(&b, sep);
		buf_append_str(&b, item);
		first = false;
	}
	elements_free(&e);
	result_buf(ctx, &b);
}

/* array_length(a, 1), array_upper(a, 1), cardinality(a): the number of elements */
static void
fn_array_length(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Elements	e;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || (argc > 1 && sqlite3_value_int(argv[1]) != 1) ||
		!elements_read(argv[0], &e))
		return;
	if (e.count > 0 || sqlite3_user_data(ctx) != NULL)
		sqlite3_result_int(ctx, e.count);
	elements_free(&e);
}

/* the first subscript: 0 for int2vector and oidvector text ("1 2"), 1 for arrays */
static void
fn_array_base(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *) sqlite3_value_text(argv[0]);

	(void) argc;
	while (s != NULL && isspace((unsigned char) *s))
		s++;
	sqlite3_result_int(ctx, s != NULL && *s == '{' ? 1 : 0);
}

static void
fn_array_lower(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Elements	e;

	(void) argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !elements_read(argv[0], &e))
		return;
	if (e.count > 0)
		sqlite3_result_int(ctx, 1);
	elements_free(&e);
}

/* ---- aggregates ---- */

typedef struct AggState
{
	Buf			b;
	bool		started;
} AggState;

static void
array_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	AggState   *st = sqlite3_aggregate_context(ctx, sizeof(AggState));

	(void) argc;
	if (st == NULL)
		return;
	if (!st->started)
	{
		buf_init(&st->b);
		buf_append_byte(&st->b, '{');
		st->started = true;
	}
	else
		buf_append_byte(&st->b, ',');
	append_element(&st->b, (const char *) sqlite3_value_text(argv[0]));
}

static void
array_agg_final(sqlite3_context *ctx)
{
	AggState   *st = sqlite3_aggregate_context(ctx, 0);

	if (st == NULL || !st->started)
		return;
	buf_append_byte(&st->b, '}');
	result_buf(ctx, &st->b);
}

static void
string_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	AggState   *st = sqlite3_aggregate_context(ctx, sizeof(AggState));
	const char *s = (const char *) sqlite3_value_text(argv[0]);

	(void) argc;
	if (st == NULL || s == NULL)
		return;
	if (!st->started)
	{
		buf_init(&st->b);
		st->started = true;
	}
	else if (sqlite3_value_type(argv[1]) != SQLITE_NULL)
		buf_append_str(&st->b, (const char *) sqlite3_value_text(argv[1]));
	buf_append_str(&st->b, s);
}

static void
string_agg_final(sqlite3_context *ctx)
{
	AggState   *st = sqlite3_aggregate_context(ctx, 0);

	if (st == NULL || !st->started)
		return;
	result_buf(ctx, &st->b);
}

bool
cat_register_array_functions(Catalog *cat, PgError *err)
{
	int			f = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	if (sqlite3_create_function(cat->db, "pgw_array_json", 1, f, NULL, fn_array_json, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "pgw_array", -1, f, NULL, fn_array, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "pgw_array_elem", 2, f, NULL, fn_array_elem, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "pgw_array_base", 1, f, NULL, fn_array_base, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "array_to_string", -1, f, NULL, fn_array_to_string, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "array_length", 2, f, NULL, fn_array_length, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "array_upper", 2, f, NULL, fn_array_length, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "array_lower", 2, f, NULL, fn_array_lower, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "cardinality", 1, f, (void *) 1, fn_array_length, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "array_agg", 1, SQLITE_UTF8, NULL, NULL, array_agg_step,
								array_agg_final) != SQLITE_OK ||
		sqlite3_create_function(cat->db, "string_agg", 2, SQLITE_UTF8, NULL, NULL, string_agg_step,
								string_agg_final) != SQLITE_OK)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}
