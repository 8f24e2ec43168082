/*
 * sqlite_vector.c
 *		pgwire_vector.so: pgvector's vector functions for the embedded
 *		SQLite default, a SQLite extension the SQLite ODBC driver loads into
 *		each backend (its LoadExt= connection option, which pgwire-ctl init
 *		writes).
 *
 * Owns: the storage form of a vector in SQLite (a BLOB of float32 values
 * in the machine's byte order, 4 bytes a dimension, nothing else) and the
 * SQL functions the translator's sqlite dialect writes for pgvector's
 * constructs: pgw_vector(x) (pgvector text '[1,2,3]' or a vector BLOB ->
 * the BLOB, checked as pgvector's vector_in checks), pgw_vector_text(v)
 * (-> pgvector's text), the distances pgw_l2_distance, pgw_cosine_distance,
 * pgw_negative_inner_product, pgw_l1_distance, and pgw_inner_product,
 * pgw_vector_dims, pgw_l2_norm. Every function takes either form, so a
 * vector stored as text still works. Errors carry pgvector's messages.
 * It never allocates per element and never keeps state between calls.
 * The extension's entry point also registers pgwire_rows, COPY FROM's
 * batches as a table (sqlite_rows.c).
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "backend/sqlite_rows.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VECTOR_MAX_DIM	16000	/* pgvector's VECTOR_MAX_DIM */

int			sqlite3_extension_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api);
int			sqlite3_pgwirevector_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api);

/* A vector argument: its floats, read in place (BLOB) or parsed (text). */
typedef struct VecArg
{
	const float *x;
	int			dim;
	float	   *owned;			/* parsed from text: freed by vec_release */
} VecArg;

static void
vec_release(VecArg *v)
{
	sqlite3_free(v->owned);
	v->owned = NULL;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Report pgvector's input error for text s. */
static void
invalid_text(sqlite3_context *ctx, const char *s, const char *detail)
{
	char	   *msg = sqlite3_mprintf("invalid input syntax for type vector: \"%s\"%s%s", s,
									  detail ? ": " : "", detail ? detail : "");

	sqlite3_result_error(ctx, msg ? msg : "invalid input syntax for type vector", -1);
	sqlite3_free(msg);
}

/* Parse pgvector's text form '[1, 2.5, -3e2]' into v; false with the error set. */
static bool
parse_text(sqlite3_context *ctx, const char *s, VecArg *v)
{
	const char *p = s;
	int			cap = 16;
	int			n = 0;
	float	   *x;

	while (is_blank(*p))
		p++;
	if (*p != '[')
	{
		invalid_text(ctx, s, "Vector contents must start with \"[\".");
		return false;
	}
	p++;
	if ((x = sqlite3_malloc(cap * (int) sizeof(float))) == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return false;
	}
	for (;;)
	{
		char	   *end;
		float		f;

		while (is_blank(*p))
			p++;
		if (*p == ']' && n == 0)
			break;
		errno = 0;
		f = strtof(p, &end);
		if (end == p)
		{
			sqlite3_free(x);
			invalid_text(ctx, s, NULL);
			return false;
		}
		if (isinf(f) || isnan(f) || errno == ERANGE)
		{
			char	   *msg = sqlite3_mprintf(isnan(f) ? "NaN not allowed in vector" :
											  "infinite value not allowed in vector");

			sqlite3_free(x);
			sqlite3_result_error(ctx, msg ? msg : "value not allowed in vector", -1);
			sqlite3_free(msg);
			return false;
		}
		if (n == VECTOR_MAX_DIM)
		{
			sqlite3_free(x);
			sqlite3_result_error(ctx, "vector cannot have more than 16000 dimensions", -1);
			return false;
		}
		if (n == cap)
		{
			float	   *bigger = sqlite3_realloc(x, 2 * cap * (int) sizeof(float));

			if (bigger == NULL)
			{
				sqlite3_free(x);
				sqlite3_result_error_nomem(ctx);
				return false;
			}
			x = bigger;
			cap *= 2;
		}
		x[n++] = f;
		p = end;
		while (is_blank(*p))
			p++;
		if (*p == ',')
		{
			p++;
			continue;
		}
		if (*p == ']')
			break;
		sqlite3_free(x);
		invalid_text(ctx, s, NULL);
		return false;
	}
	p++;
	while (is_blank(*p))
		p++;
	if (*p != '\0')
	{
		sqlite3_free(x);
		invalid_text(ctx, s, "Junk after closing right brace.");
		return false;
	}
	if (n == 0)
	{
		sqlite3_free(x);
		sqlite3_result_error(ctx, "vector must have at least 1 dimension", -1);
		return false;
	}
	v->x = x;
	v->owned = x;
	v->dim = n;
	return true;
}

/*
 * Argument i as a vector. NULL: *is_null, and the caller returns NULL (the
 * functions are strict). False with the error set.
 */
static bool
get_vec(sqlite3_context *ctx, sqlite3_value *arg, VecArg *v, bool *is_null)
{
	memset(v, 0, sizeof(*v));
	*is_null = false;
	switch (sqlite3_value_type(arg))
	{
		case SQLITE_NULL:
			*is_null = true;
			return true;
		case SQLITE_BLOB:
			{
				int			bytes = sqlite3_value_bytes(arg);

				if (bytes <= 0 || bytes % (int) sizeof(float) != 0 ||
					bytes / (int) sizeof(float) > VECTOR_MAX_DIM)
				{
					sqlite3_result_error(ctx, "a vector BLOB must hold 1 to 16000 float4 values", -1);
					return false;
				}
				v->x = sqlite3_value_blob(arg);
				v->dim = bytes / (int) sizeof(float);
				if (((uintptr_t) v->x % _Alignof(float)) != 0)
				{
					/* SQLite's buffers are aligned; copy if one ever is not */
					if ((v->owned = sqlite3_malloc(bytes)) == NULL)
					{
						sqlite3_result_error_nomem(ctx);
						return false;
					}
					memcpy(v->owned, v->x, (size_t) bytes);
					v->x = v->owned;
				}
				return true;
			}
		default:
			return parse_text(ctx, (const char *) sqlite3_value_text(arg), v);
	}
}

/* Two vector arguments of the same dimension; false (result set) otherwise. */
static bool
get_pair(sqlite3_context *ctx, sqlite3_value **argv, VecArg *a, VecArg *b)
{
	bool		null_a;
	bool		null_b;

	if (!get_vec(ctx, argv[0], a, &null_a))
		return false;
	if (!get_vec(ctx, argv[1], b, &null_b))
	{
		vec_release(a);
		return false;
	}
	if (null_a || null_b)
	{
		sqlite3_result_null(ctx);
		vec_release(a);
		vec_release(b);
		return false;
	}
	if (a->dim != b->dim)
	{
		char	   *msg = sqlite3_mprintf("different vector dimensions %d and %d", a->dim, b->dim);

		sqlite3_result_error(ctx, msg ? msg : "different vector dimensions", -1);
		sqlite3_free(msg);
		vec_release(a);
		vec_release(b);
		return false;
	}
	return true;
}

/* ---- the distances (double accumulators: float64-exact enough for ranking) ---- */

typedef double (*DistanceFn) (const float *a, const float *b, int n);

static double
l2_distance(const float *a, const float *b, int n)
{
	double		sum = 0.0;

	for (int i = 0; i < n; i++)
	{
		double		d = (double) a[i] - (double) b[i];

		sum += d * d;
	}
	return sqrt(sum);
}

static double
inner_product(const float *a, const float *b, int n)
{
	double		sum = 0.0;

	for (int i = 0; i < n; i++)
		sum += (double) a[i] * (double) b[i];
	return sum;
}

static double
negative_inner_product(const float *a, const float *b, int n)
{
	return -inner_product(a, b, n);
}

/* pgvector's cosine_distance: NaN when a norm is zero, clamped to [0, 2]. */
static double
cosine_distance(const float *a, const float *b, int n)
{
	double		dot = 0.0;
	double		na = 0.0;
	double		nb = 0.0;
	double		similarity;

	for (int i = 0; i < n; i++)
	{
		dot += (double) a[i] * (double) b[i];
		na += (double) a[i] * (double) a[i];
		nb += (double) b[i] * (double) b[i];
	}
	similarity = dot / sqrt(na * nb);
	if (isnan(similarity))
		return NAN;
	if (similarity > 1.0)
		similarity = 1.0;
	else if (similarity < -1.0)
		similarity = -1.0;
	return 1.0 - similarity;
}

static double
l1_distance(const float *a, const float *b, int n)
{
	double		sum = 0.0;

	for (int i = 0; i < n; i++)
		sum += fabs((double) a[i] - (double) b[i]);
	return sum;
}

/* A function this extension registers (the distances share one implementation). */
typedef struct VectorFunction
{
	const char *name;
	int			nargs;
	void		(*fn) (sqlite3_context *, int, sqlite3_value **);
	DistanceFn	distance;
} VectorFunction;

static void
distance_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const VectorFunction *f = sqlite3_user_data(ctx);
	VecArg		a;
	VecArg		b;
	double		d;

	(void) argc;
	if (!get_pair(ctx, argv, &a, &b))
		return;
	d = f->distance(a.x, b.x, a.dim);
	if (isnan(d))
		sqlite3_result_null(ctx);	/* SQLite has no NaN: NULL is the nearest answer */
	else
		sqlite3_result_double(ctx, d);
	vec_release(&a);
	vec_release(&b);
}

/* ---- conversions and properties ---- */

/* pgw_vector(x[, n]): the BLOB form; with n, of exactly n dimensions (vector(n)). */
static void
vector_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	VecArg		v;
	bool		is_null;

	if (!get_vec(ctx, argv[0], &v, &is_null))
		return;
	if (is_null)
		sqlite3_result_null(ctx);
	else if (argc == 2 && sqlite3_value_int(argv[1]) != v.dim)
	{
		char	   *msg = sqlite3_mprintf("expected %d dimensions, not %d", sqlite3_value_int(argv[1]), v.dim);

		sqlite3_result_error(ctx, msg ? msg : "wrong number of dimensions", -1);
		sqlite3_free(msg);
	}
	else
		sqlite3_result_blob(ctx, v.x, v.dim * (int) sizeof(float), SQLITE_TRANSIENT);
	vec_release(&v);
}

/* The shortest decimal text that reads back as the same float4. */
static int
format_float(char *buf, size_t size, float f)
{
	int			len = 0;

	for (int precision = 1; precision <= 9; precision++)
	{
		len = snprintf(buf, size, "%.*g", precision, (double) f);
		if (strtof(buf, NULL) == f)
			break;
	}
	return len;
}

/* pgw_vector_text(v): pgvector's text form, '[1,2.5,-3]'. */
static void
vector_text_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	VecArg		v;
	bool		is_null;
	char	   *out;
	size_t		len = 0;

	(void) argc;
	if (!get_vec(ctx, argv[0], &v, &is_null))
		return;
	if (is_null)
	{
		sqlite3_result_null(ctx);
		return;
	}
	/* at most 15 bytes a value ("-1.23456789e-38") plus a comma, and "[]" */
	if ((out = sqlite3_malloc(v.dim * 16 + 3)) == NULL)
	{
		vec_release(&v);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	out[len++] = '[';
	for (int i = 0; i < v.dim; i++)
	{
		if (i > 0)
			out[len++] = ',';
		len += (size_t) format_float(out + len, 16, v.x[i]);
	}
	out[len++] = ']';
	vec_release(&v);
	sqlite3_result_text(ctx, out, (int) len, sqlite3_free);
}

/* pgw_vector_dims(v) and pgw_l2_norm(v): one vector in, one number out. */
static void
property_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const VectorFunction *f = sqlite3_user_data(ctx);
	VecArg		v;
	bool		is_null;

	(void) argc;
	if (!get_vec(ctx, argv[0], &v, &is_null))
		return;
	if (is_null)
		sqlite3_result_null(ctx);
	else if (f->distance == NULL)
		sqlite3_result_int(ctx, v.dim);
	else
		sqlite3_result_double(ctx, sqrt(f->distance(v.x, v.x, v.dim)));
	vec_release(&v);
}

/* ---- registration ---- */

static const VectorFunction functions[] = {
	{"pgw_vector", 1, vector_function, NULL},
	{"pgw_vector", 2, vector_function, NULL},
	{"pgw_vector_text", 1, vector_text_function, NULL},
	{"pgw_vector_dims", 1, property_function, NULL},
	{"pgw_l2_norm", 1, property_function, inner_product},	/* sqrt(v . v) */
	{"pgw_l2_distance", 2, distance_function, l2_distance},
	{"pgw_cosine_distance", 2, distance_function, cosine_distance},
	{"pgw_negative_inner_product", 2, distance_function, negative_inner_product},
	{"pgw_inner_product", 2, distance_function, inner_product},
	{"pgw_l1_distance", 2, distance_function, l1_distance},
};

int
sqlite3_extension_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	SQLITE_EXTENSION_INIT2(api);
	(void) errmsg;
	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
	{
		const VectorFunction *f = &functions[i];
		int			rc = sqlite3_create_function_v2(db, f->name, f->nargs,
													SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
													(void *) f, f->fn, NULL, NULL, NULL);

		if (rc != SQLITE_OK)
			return rc;
	}
	return sqlite_rows_register(db);
}

/* The entry point SQLite derives from the file name pgwire_vector.so. */
int
sqlite3_pgwirevector_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	return sqlite3_extension_init(db, errmsg, api);
}
