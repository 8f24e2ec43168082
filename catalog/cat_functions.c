/*
 * cat_functions.c
 *		PostgreSQL's catalog functions as SQLite functions of the catalog:
 *		their registration and what they share.
 *
 * Owns: the registration of every function and the result type of each
 * for RowDescription, the helpers the function files share, and the
 * stand-ins that answer a constant (pg_get_viewdef is NULL, the privilege
 * functions are true, sizes are 0). The functions themselves live by
 * family: cat_object_info.c (format_type, pg_get_indexdef,
 * pg_get_constraintdef, visibility, owners, comments), cat_session_info.c
 * (current_setting, the session's user and encoding),
 * cat_text_functions.c (quote_ident, pg_size_pretty, regular
 * expressions), cat_regtypes.c (the reg* conversions), cat_info_schema.c
 * (information_schema's). Errors PostgreSQL raises carry their SQLSTATE
 * as "42P01: message" (cat_statement_error reads it). No function may
 * change a catalog row.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#define REGCLASSOID		2205
#define REGTYPEOID		2206
#define REGPROCOID		24
#define REGNAMESPACEOID	4089
#define REGROLEOID		4096

/* ---- helpers ---- */

Catalog *
cat_function_catalog(sqlite3_context *ctx)
{
	return sqlite3_user_data(ctx);
}

void
cat_result_buf(sqlite3_context *ctx, Buf *b)
{
	if (buf_failed(b))
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b->data ? b->data : "", (int) b->len, SQLITE_TRANSIENT);
	buf_free(b);
}

void
cat_result_errorf(sqlite3_context *ctx, const char *fmt,...)
{
	va_list		ap;
	char	   *msg;

	va_start(ap, fmt);
	msg = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (msg == NULL)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

/* The first row of sql (bound to the function's first nbind arguments) into a Buf. */
bool
cat_lookup_row(Catalog *cat, const char *sql, sqlite3_value **argv, int nbind, sqlite3_stmt **out)
{
	if (!cat_prepare(cat, sql, out))
		return false;
	for (int i = 0; i < nbind; i++)
		sqlite3_bind_value(*out, i + 1, argv[i]);
	if (sqlite3_step(*out) == SQLITE_ROW)
		return true;
	cat_release(cat, *out);
	*out = NULL;
	return false;
}

const char *
cat_column_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *) sqlite3_column_text(st, i);

	return s ? s : "";
}

/* Does name need quotes to be read back as itself (PostgreSQL's quote_ident)? */
static bool
needs_quotes(const char *name)
{
	if (!(islower((unsigned char) name[0]) || name[0] == '_'))
		return true;
	for (const char *p = name; *p; p++)
	{
		if (!(islower((unsigned char) *p) || isdigit((unsigned char) *p) || *p == '_' || *p == '$'))
			return true;
	}
	return false;
}

void
cat_append_ident(Buf *out, const char *name)
{
	if (!needs_quotes(name))
	{
		buf_append_str(out, name);
		return;
	}
	buf_append_byte(out, '"');
	for (const char *p = name; *p; p++)
	{
		if (*p == '"')
			buf_append_byte(out, '"');
		buf_append_byte(out, (uint8_t) *p);
	}
	buf_append_byte(out, '"');
}

/* Is namespace nsp on the search path (pg_catalog, public)? */
bool
cat_namespace_visible(int64_t nsp)
{
	return nsp == CAT_PG_CATALOG_OID || nsp == CAT_PUBLIC_OID;
}

/* ---- stand-ins: a fixed answer, or the argument itself ---- */

static void
fn_first_argument(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_value(ctx, argv[0]);
}

static void
fn_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_null(ctx);
}

static void
fn_true(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, 1);
}

static void
fn_false(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, 0);
}

static void
fn_zero(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int64(ctx, 0);
}

static void
fn_empty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
}

/* pg_*_is_visible(oid): is the namespace sql reads for oid on the search path? */
/* ---- registration ---- */

typedef struct CatFunction
{
	const char *name;
	int			nargs;			/* -1: any */
	void		(*fn) (sqlite3_context *, int, sqlite3_value **);
	uint32_t	result_type;
	char		reg;			/* reg* functions: 'r' class, 't' type, 'n' namespace, 'o' role, 'p' proc */
} CatFunction;

static const CatFunction functions[] = {
	{"format_type", 2, cat_fn_format_type, TEXTOID, 0},
	{"pg_get_indexdef", -1, cat_fn_pg_get_indexdef, TEXTOID, 0},
	{"pg_get_constraintdef", -1, cat_fn_pg_get_constraintdef, TEXTOID, 0},
	{"pg_get_expr", -1, fn_first_argument, TEXTOID, 0},
	{"pg_get_viewdef", -1, fn_null, TEXTOID, 0},
	{"pg_get_triggerdef", -1, fn_null, TEXTOID, 0},
	{"pg_get_ruledef", -1, fn_null, TEXTOID, 0},
	{"pg_get_partkeydef", 1, fn_null, TEXTOID, 0},
	{"pg_get_statisticsobjdef_columns", 1, fn_null, TEXTOID, 0},
	{"pg_get_function_arguments", 1, fn_empty, TEXTOID, 0},
	{"pg_get_function_identity_arguments", 1, fn_empty, TEXTOID, 0},
	{"pg_get_function_result", 1, fn_empty, TEXTOID, 0},
	{"pg_get_serial_sequence", 2, fn_null, TEXTOID, 0},
	{"pg_partition_ancestors", 1, fn_first_argument, REGCLASSOID, 0},
	{"pg_partition_root", 1, fn_first_argument, REGCLASSOID, 0},
	{"pg_table_is_visible", 1, cat_fn_table_is_visible, BOOLOID, 0},
	{"pg_type_is_visible", 1, cat_fn_type_is_visible, BOOLOID, 0},
	{"pg_function_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_operator_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_opclass_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_opfamily_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_collation_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_conversion_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_statistics_obj_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_config_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_dict_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_parser_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_template_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_is_other_temp_schema", 1, fn_false, BOOLOID, 0},
	{"pg_is_in_recovery", 0, fn_false, BOOLOID, 0},
	{"pg_relation_is_publishable", 1, fn_false, BOOLOID, 0},
	{"has_table_privilege", -1, fn_true, BOOLOID, 0},
	{"has_schema_privilege", -1, fn_true, BOOLOID, 0},
	{"has_database_privilege", -1, fn_true, BOOLOID, 0},
	{"has_column_privilege", -1, fn_true, BOOLOID, 0},
	{"has_any_column_privilege", -1, fn_true, BOOLOID, 0},
	{"has_function_privilege", -1, fn_true, BOOLOID, 0},
	{"has_sequence_privilege", -1, fn_true, BOOLOID, 0},
	{"has_type_privilege", -1, fn_true, BOOLOID, 0},
	{"has_tablespace_privilege", -1, fn_true, BOOLOID, 0},
	{"pg_has_role", -1, fn_true, BOOLOID, 0},
	{"pg_get_userbyid", 1, cat_fn_pg_get_userbyid, NAMEOID, 0},
	{"obj_description", -1, cat_fn_obj_description, TEXTOID, 0},
	{"col_description", 2, cat_fn_col_description, TEXTOID, 0},
	{"shobj_description", 2, fn_null, TEXTOID, 0},
	{"current_setting", -1, cat_fn_current_setting, TEXTOID, 0},
	{"current_schemas", 1, cat_fn_current_schemas, 1003, 0},
	{"pg_encoding_to_char", 1, cat_fn_encoding_to_char, NAMEOID, 0},
	{"pg_relation_size", -1, fn_zero, INT8OID, 0},
	{"pg_total_relation_size", 1, fn_zero, INT8OID, 0},
	{"pg_table_size", 1, fn_zero, INT8OID, 0},
	{"pg_indexes_size", 1, fn_zero, INT8OID, 0},
	{"pg_database_size", 1, fn_zero, INT8OID, 0},
	{"pg_size_pretty", 1, cat_fn_size_pretty, TEXTOID, 0},
	{"pg_tablespace_location", 1, fn_empty, TEXTOID, 0},
	{"quote_ident", 1, cat_fn_quote_ident, TEXTOID, 0},
	{"regexp", 2, cat_fn_regexp, BOOLOID, 0},
	{"pgw_is_data_type", 1, cat_fn_is_data_type, TEXTOID, 0},
	{"pgw_is_char_length", 2, cat_fn_is_char_length, INT4OID, 0},
	{"pgw_is_numeric_precision", 2, cat_fn_is_numeric_precision, INT4OID, 0},
	{"pgw_is_numeric_radix", 1, cat_fn_is_numeric_radix, INT4OID, 0},
	{"pgw_is_numeric_scale", 2, cat_fn_is_numeric_scale, INT4OID, 0},
	{"pgw_is_datetime_precision", 2, cat_fn_is_datetime_precision, INT4OID, 0},
	{"pgw_is_rule", 1, cat_fn_is_rule, TEXTOID, 0},
	{"to_regclass", 1, cat_fn_to_reg, REGCLASSOID, 'r'},
	{"to_regtype", 1, cat_fn_to_reg, REGTYPEOID, 't'},
	{"to_regnamespace", 1, cat_fn_to_reg, REGNAMESPACEOID, 'n'},
	{"to_regrole", 1, cat_fn_to_reg, REGROLEOID, 'o'},
	{"pgw_regclass", 1, cat_fn_reg, OIDOID, 'r'},
	{"pgw_regtype", 1, cat_fn_reg, OIDOID, 't'},
	{"pgw_regnamespace", 1, cat_fn_reg, OIDOID, 'n'},
	{"pgw_regrole", 1, cat_fn_reg, OIDOID, 'o'},
	{"pgw_regproc", 1, cat_fn_regproc, REGPROCOID, 0},
	{"getdatabaseencoding", 0, cat_fn_encoding, NAMEOID, 0},
	{"pg_client_encoding", 0, cat_fn_encoding, NAMEOID, 0},
	{"pg_get_function_sqlbody", 1, fn_null, TEXTOID, 0},
	{"pg_get_functiondef", 1, fn_null, TEXTOID, 0},
	{"pg_char_to_encoding", 1, cat_fn_char_to_encoding, INT4OID, 0},
	{"pg_describe_object", 3, fn_null, TEXTOID, 0},
	{"pgw_regclass_name", 1, cat_fn_reg_name, REGCLASSOID, 'r'},
	{"pgw_regtype_name", 1, cat_fn_reg_name, REGTYPEOID, 't'},
	{"pgw_regnamespace_name", 1, cat_fn_reg_name, REGNAMESPACEOID, 'n'},
	{"pgw_regrole_name", 1, cat_fn_reg_name, REGROLEOID, 'o'},
	{"pgw_regproc_name", 1, cat_fn_reg_name, REGPROCOID, 'p'},
};

uint32_t
cat_function_type(const char *name)
{
	static const struct
	{
		const char *name;
		uint32_t	type;
	}			others[] = {
		{"count", INT8OID}, {"array_to_string", TEXTOID}, {"string_agg", TEXTOID},
		{"current_database", NAMEOID}, {"version", TEXTOID}, {"array_length", INT4OID},
		{"array_upper", INT4OID}, {"array_lower", INT4OID}, {"cardinality", INT4OID},
		{"lower", TEXTOID}, {"upper", TEXTOID}, {"length", INT4OID}, {"coalesce", 0},
	};

	for (size_t i = 0; i < lengthof(functions); i++)
	{
		if (strcmp(functions[i].name, name) == 0)
			return functions[i].result_type;
	}
	for (size_t i = 0; i < lengthof(others); i++)
	{
		if (strcmp(others[i].name, name) == 0)
			return others[i].type;
	}
	return 0;
}

bool
cat_register_functions(Catalog *cat, PgError *err)
{
	int			flags = SQLITE_UTF8;

	for (size_t i = 0; i < lengthof(functions); i++)
	{
		const CatFunction *f = &functions[i];
		void	   *data = cat;
		int			rc;

		if (f->reg != 0)
		{
			RegData    *rd = sqlite3_malloc(sizeof(RegData));

			if (rd == NULL)
			{
				pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
				return false;
			}
			rd->kind = f->reg;
			rd->cat = cat;
			rc = sqlite3_create_function_v2(cat->db, f->name, f->nargs, flags, rd, f->fn, NULL, NULL,
											sqlite3_free);
		}
		else
			rc = sqlite3_create_function_v2(cat->db, f->name, f->nargs, flags, data, f->fn, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
		{
			cat_sqlite_error(cat, err);
			return false;
		}
	}
	/* ~* as MATCH: case-insensitive */
	if (sqlite3_create_function_v2(cat->db, "match", 2, flags, (void *) 1, cat_fn_regexp, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "current_database", 0, flags, (void *) &cat->session->database,
								   cat_fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "current_user", 0, flags, (void *) &cat->session->user,
								   cat_fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "session_user", 0, flags, (void *) &cat->session->user,
								   cat_fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "version", 0, flags, (void *) &cat->session->version,
								   cat_fn_session_text, NULL, NULL, NULL) != SQLITE_OK)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}
