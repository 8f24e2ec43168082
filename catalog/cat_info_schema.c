/*
 * cat_info_schema.c
 *		The functions information_schema's views compute their columns with
 *		(pgw_is_data_type, pgw_is_char_length, ...), as PostgreSQL's
 *		information_schema defines them.
 *
 * Owns: data_type, character_maximum_length, numeric_precision(_radix),
 * numeric_scale, datetime_precision and the referential actions' names.
 * It must never change a catalog row.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <string.h>

void
cat_fn_is_data_type(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	int64_t		oid = sqlite3_value_int64(argv[0]);
	Buf			b;
	Buf			cat_b;
	const char *category;

	(void) argc;
	buf_init(&cat_b);
	category = cat_query_text(cat, "SELECT typcategory FROM pg_type WHERE oid = ?1", oid, &cat_b);
	buf_init(&b);
	if (category != NULL && strcmp(category, "A") == 0)
		buf_append_str(&b, "ARRAY");
	else if (oid == VECTOROID || category == NULL)
		buf_append_str(&b, "USER-DEFINED");
	else
		cat_format_type(cat, oid, -1, &b);
	buf_free(&cat_b);
	cat_result_buf(ctx, &b);
}

void
cat_fn_is_char_length(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = sqlite3_value_int64(argv[0]);
	int64_t		typmod = sqlite3_value_int64(argv[1]);

	(void) argc;
	if ((oid == VARCHAROID || oid == BPCHAROID) && typmod > 4)
		sqlite3_result_int64(ctx, typmod - 4);
	else if (oid == TEXTOID || oid == VARCHAROID || oid == BPCHAROID)
		sqlite3_result_null(ctx);
}

void
cat_fn_is_numeric_precision(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = sqlite3_value_int64(argv[0]);
	int64_t		typmod = sqlite3_value_int64(argv[1]);

	(void) argc;
	switch (oid)
	{
		case INT2OID:
			sqlite3_result_int(ctx, 16);
			break;
		case INT4OID:
			sqlite3_result_int(ctx, 32);
			break;
		case INT8OID:
			sqlite3_result_int(ctx, 64);
			break;
		case FLOAT4OID:
			sqlite3_result_int(ctx, 24);
			break;
		case FLOAT8OID:
			sqlite3_result_int(ctx, 53);
			break;
		case NUMERICOID:
			if (typmod >= 4)
				sqlite3_result_int64(ctx, ((typmod - 4) >> 16) & 0xffff);
			break;
	}
}

void
cat_fn_is_numeric_radix(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = sqlite3_value_int64(argv[0]);

	(void) argc;
	if (oid == INT2OID || oid == INT4OID || oid == INT8OID || oid == FLOAT4OID || oid == FLOAT8OID)
		sqlite3_result_int(ctx, 2);
	else if (oid == NUMERICOID)
		sqlite3_result_int(ctx, 10);
}

void
cat_fn_is_numeric_scale(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = sqlite3_value_int64(argv[0]);
	int64_t		typmod = sqlite3_value_int64(argv[1]);

	(void) argc;
	if (oid == INT2OID || oid == INT4OID || oid == INT8OID)
		sqlite3_result_int(ctx, 0);
	else if (oid == NUMERICOID && typmod >= 4)
		sqlite3_result_int64(ctx, (typmod - 4) & 0xffff);
}

void
cat_fn_is_datetime_precision(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = sqlite3_value_int64(argv[0]);
	int64_t		typmod = sqlite3_value_int64(argv[1]);

	(void) argc;
	if (oid == DATEOID)
		sqlite3_result_int(ctx, 0);
	else if (oid == TIMEOID || oid == TIMETZOID || oid == TIMESTAMPOID || oid == TIMESTAMPTZOID ||
			 oid == INTERVALOID)
		sqlite3_result_int64(ctx, typmod >= 0 ? typmod : 6);
}

void
cat_fn_is_rule(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *code = (const char *) sqlite3_value_text(argv[0]);
	const char *rule = code ? cat_action_sql(code) : NULL;

	(void) argc;
	sqlite3_result_text(ctx, rule ? rule : "NO ACTION", -1, SQLITE_STATIC);
}

