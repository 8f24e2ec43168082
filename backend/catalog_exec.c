/*
 * catalog_exec.c
 *		Catalog queries: answered by the session's catalog (catalog/), for
 *		both protocols.
 *
 * Owns: telling a catalog query from a database query (and refusing one
 * that mixes them), the session's catalog and when it is read again (after
 * this session's DDL at once; another session's DDL once the catalog is a
 * second old outside a transaction block), translating a catalog query
 * for it, the types of its result columns (declared, or what the
 * translator or the function called says, else text), and running it:
 * parameters bound from the portal, rows encoded in text or binary, run
 * again if the catalog read more of the database while it ran. It must
 * never send a catalog query to the database.
 */
#include "backend/catalog_exec.h"

#include "backend/exec.h"
#include "backend/odbc_meta.h"
#include "backend/session.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CATALOG_MAX_AGE_MS	1000	/* another session's DDL shows within this */
#define MAX_RUNS			4		/* runs of a query while the catalog reads more */

/* ---- the session's catalog ---- */

static bool
session_setting(void *ctx, const char *name, Buf *out)
{
	return session_show_value(ctx, name, out);
}

static const Config *
session_params(void *ctx)
{
	return &((Session *) ctx)->params;
}

static void
session_activity(void *ctx, void (*emit) (void *arg, const CatActivity *a), void *arg)
{
	Session    *s = ctx;
	const Shmem *shm = s->start->shmem;

	for (int i = 0; shm != NULL && i < shm->nslots; i++)
	{
		const BackendSlot *slot = &shm->slots[i];
		CatActivity a;

		memset(&a, 0, sizeof(a));
		a.pid = atomic_load(&slot->pid);
		if (a.pid == 0 || atomic_load(&slot->activity) == BACKEND_STARTING)
			continue;
		snprintf(a.user, sizeof(a.user), "%s", slot->user);
		snprintf(a.database, sizeof(a.database), "%s", slot->database);
		snprintf(a.client_addr, sizeof(a.client_addr), "%s", slot->client_addr);
		if (a.pid == s->pid)
			snprintf(a.application_name, sizeof(a.application_name), "%s", s->params.application_name);
		a.backend_start = slot->backend_start * 1000000;
		a.xact_start = atomic_load(&slot->xact_start);
		a.query_start = atomic_load(&slot->query_start);
		a.state = shm_activity_name(atomic_load(&slot->activity));
		snprintf(a.query, sizeof(a.query), "%.*s", (int) sizeof(slot->query), slot->query);
		emit(arg, &a);
	}
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool
ensure_catalog(Session *s, PgError *err)
{
	if (s->catalog != NULL && s->xact == XACT_IDLE && now_ms() - s->catalog_opened_ms > CATALOG_MAX_AGE_MS)
		be_catalog_invalidate(s);
	if (s->catalog != NULL)
		return true;
	odbc_meta_source(&s->db, &s->cat_source);
	s->cat_session = (CatSession) {
		.ctx = s,
		.dialect = s->db.dialect,
		.user = s->user,
		.database = s->database,
		.version = s->version,
		.superuser = s->params.is_superuser,
		.setting = session_setting,
		.activity = session_activity,
		.params = session_params,
	};
	if (!cat_open(&s->catalog, s->start->catalog_template, &s->cat_source, &s->cat_session, err))
		return false;
	s->catalog_opened_ms = now_ms();
	return true;
}

void
be_catalog_invalidate(Session *s)
{
	cat_close(s->catalog);
	s->catalog = NULL;
}

void
be_catalog_note_statement(Session *s, const Statement *stmt)
{
	if (stmt->kind == STMT_DDL && s->catalog != NULL)
		be_catalog_invalidate(s);
}

void
be_catalog_annotate_result(Session *s, ResultSet *rs)
{
	if (s->catalog == NULL)
		return;
	for (int i = 0; i < rs->ncols; i++)
	{
		char		schema[CAT_NAME_LEN];
		char		table[CAT_NAME_LEN];
		char		column[CAT_NAME_LEN];

		if (odbc_result_base_column(rs, i, schema, sizeof(schema), table, sizeof(table), column, sizeof(column)))
			(void) cat_table_column(s->catalog, schema, table, column, &rs->cols[i].table_oid,
									&rs->cols[i].attnum);
	}
}

/* ---- deciding ---- */

bool
be_catalog_query(Session *s, const char *query, const StatementList *list, const Statement *stmt,
				 bool *is_catalog, PgError *err)
{
	int			position;

	(void) s;
	*is_catalog = false;
	switch (xl_catalog_scope(query, list, stmt, &position))
	{
		case XL_SCOPE_DATABASE:
			return true;
		case XL_SCOPE_CATALOG:
			*is_catalog = true;
			return true;
		case XL_SCOPE_MIXED:
			pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
					  "a query cannot read both the system catalogs and the database's tables");
			pgerr_set_detail(err, "pgwire answers pg_catalog and information_schema itself; "
							 "the tables are in the database behind it.");
			pgerr_set_hint(err, "Query the catalogs and the tables separately.");
			err->position = position;
			return false;
	}
	return true;
}

bool
be_catalog_translate(Session *s, const char *query, const StatementList *list, const Statement *stmt,
					 ParamMap *params, Buf *sql, PgError *err)
{
	SessionValues values;
	RewriteContext ctx = {.dialect = DIALECT_SQLITE,.session = &values,.params = params,.catalog = true,
	.catalog_bool_columns = cat_bool_columns()};

	session_values(s, &values);
	if (!xl_rewrite(query, list, stmt, &ctx, sql, err))
		return false;
	if (buf_failed(sql))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

/* ---- result columns ---- */

typedef struct CatColumnDesc
{
	char		name[64];
	uint32_t	type;
	int16_t		typlen;
} CatColumnDesc;

/* The result type of the call that is the whole expression query[start..end), or 0. */
static uint32_t
call_type(const char *query, uint32_t start, uint32_t end)
{
	char		name[64];
	size_t		n = 0;
	const char *p = query + start;
	const char *stop = query + end;

	if (strncasecmp(p, "pg_catalog.", 11) == 0)
		p += 11;
	while (p < stop && n + 1 < sizeof(name) && (isalnum((unsigned char) *p) || *p == '_'))
		name[n++] = (char) tolower((unsigned char) *p++);
	name[n] = '\0';
	while (p < stop && isspace((unsigned char) *p))
		p++;
	if (n == 0 || p >= stop || *p != '(' || stop[-1] != ')')
		return 0;
	return cat_function_type(name);
}

static void
describe_columns(Session *s, sqlite3_stmt *st, const char *query, const ColumnList *hints,
				 CatColumnDesc *cols, int ncols)
{
	bool		hinted = hints != NULL && hints->count == (size_t) ncols && !hints->set_operation;

	for (size_t k = 0; hinted && k < hints->count; k++)
		hinted = !hints->items[k].is_star;
	for (int i = 0; i < ncols; i++)
	{
		CatColumnDesc *c = &cols[i];
		const char *decl = sqlite3_column_decltype(st, i);
		char		type[64] = "";

		snprintf(c->name, sizeof(c->name), "%s", sqlite3_column_name(st, i));
		c->type = 0;
		c->typlen = -1;
		if (decl != NULL)
			snprintf(type, sizeof(type), "%s", decl);
		else if (hinted && hints->items[i].type_oid != 0)
			c->type = hints->items[i].type_oid;
		else if (hinted && (c->type = call_type(query, hints->items[i].expr_start, hints->items[i].expr_end)) != 0)
			;
		else
			(void) cat_view_column_type(c->name, type, sizeof(type));
		if (type[0] != '\0')
		{
			for (char *p = type; *p; p++)
				*p = (char) tolower((unsigned char) *p);
			c->type = cat_type_oid(s->catalog, type, &c->typlen);
		}
		else if (c->type != 0)
			c->typlen = cat_type_length(s->catalog, c->type);
		if (c->type == 0)
		{
			c->type = TEXTOID;
			c->typlen = -1;
		}
	}
}

static int16_t
format_of(const int16_t *formats, int nformats, int i)
{
	if (formats == NULL || nformats == 0)
		return 0;
	return formats[nformats == 1 ? 0 : i];
}

static bool
check_formats(int nformats, int ncols, PgError *err)
{
	if (nformats > 1 && nformats != ncols)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "bind message has %d result formats but query has %d columns", nformats, ncols);
		return false;
	}
	return true;
}

static void
write_description(Buf *out, const CatColumnDesc *cols, int ncols, const int16_t *formats, int nformats)
{
	FieldDesc  *f = calloc((size_t) Max(ncols, 1), sizeof(FieldDesc));

	if (f == NULL)
	{
		out->failed = true;
		return;
	}
	for (int i = 0; i < ncols; i++)
	{
		f[i].name = cols[i].name;
		f[i].type_oid = cols[i].type;
		f[i].typlen = cols[i].typlen;
		f[i].typmod = -1;
		f[i].format = format_of(formats, nformats, i);
	}
	proto_write_row_description(out, f, ncols);
	free(f);
}

/* ---- running ---- */

static bool
prepare(Session *s, const char *sql, sqlite3_stmt **st, PgError *err)
{
	int			rc = sqlite3_prepare_v2(cat_db(s->catalog), sql, -1, st, NULL);

	if (rc == SQLITE_OK)
		return true;
	cat_statement_error(s->catalog, rc, err);
	log_debug("%s; the query as the catalog read it: %s", err->message, sql);
	return false;
}

static bool
bind_params(sqlite3_stmt *st, const ParamMap *map, const BoundParam *bound, const Buf *values,
			PgError *err)
{
	for (size_t k = 0; map != NULL && k < map->count; k++)
	{
		const BoundParam *b = &bound[map->markers[k] - 1];
		const char *bytes = (const char *) values->data + b->offset;
		int			i = (int) k + 1;

		if (b->length == SQL_NULL_DATA)
			sqlite3_bind_null(st, i);
		else if (b->c_type == SQL_C_SBIGINT)
			sqlite3_bind_int64(st, i, *(const int64_t *) (const void *) bytes);
		else if (b->c_type == SQL_C_DOUBLE)
			sqlite3_bind_double(st, i, *(const double *) (const void *) bytes);
		else if (b->c_type == SQL_C_BIT)
			sqlite3_bind_int(st, i, bytes[0] != 0);
		else if (b->c_type == SQL_C_BINARY)
			sqlite3_bind_blob(st, i, bytes, (int) b->length, SQLITE_TRANSIENT);
		else
			sqlite3_bind_text(st, i, bytes, (int) b->length, SQLITE_TRANSIENT);
	}
	(void) err;
	return true;
}

/* Append value i of the current row in text format. */
static void
append_text(sqlite3_stmt *st, int i, uint32_t type, int extra_float_digits, Buf *out)
{
	switch (sqlite3_column_type(st, i))
	{
		case SQLITE_INTEGER:
			if (type == BOOLOID)
				buf_append_byte(out, sqlite3_column_int64(st, i) ? 't' : 'f');
			else
				pgtype_format_int(out, sqlite3_column_int64(st, i));
			break;
		case SQLITE_FLOAT:
			if (type == FLOAT4OID)
				pgtype_format_float4(out, (float) sqlite3_column_double(st, i), extra_float_digits);
			else
				pgtype_format_float8(out, sqlite3_column_double(st, i), extra_float_digits);
			break;
		case SQLITE_BLOB:
			pgtype_format_bytea_hex(out, sqlite3_column_blob(st, i), (size_t) sqlite3_column_bytes(st, i));
			break;
		default:
			{
				const char *text = (const char *) sqlite3_column_text(st, i);
				size_t		len = (size_t) sqlite3_column_bytes(st, i);

				if (type == BOOLOID && len > 0)
					buf_append_byte(out, strchr("tT1yY", text[0]) ? 't' : 'f');
				else
					buf_append(out, text, len);
				break;
			}
	}
}

static bool
append_row(Session *s, sqlite3_stmt *st, const CatColumnDesc *cols, int ncols, const int16_t *formats,
		   int nformats, Buf *out, Buf *scratch, PgError *err)
{
	size_t		start = pq_begin(out, PqMsg_DataRow);

	pq_put_int16(out, (int16_t) ncols);
	for (int i = 0; i < ncols; i++)
	{
		size_t		len_at = out->len;

		if (sqlite3_column_type(st, i) == SQLITE_NULL)
		{
			pq_put_int32(out, -1);
			continue;
		}
		pq_put_int32(out, 0);
		append_text(st, i, cols[i].type, s->params.extra_float_digits, out);
		if (format_of(formats, nformats, i) != 0)
		{
			PgValue		v;
			Buf			text;
			bool		ok;

			buf_init(&text);
			buf_append(&text, out->data + len_at + 4, out->len - len_at - 4);
			buf_append_byte(&text, '\0');
			buf_reset(scratch);
			out->len = len_at + 4;
			ok = !buf_failed(&text) && pgtype_has_binary(cols[i].type) &&
				pgtype_input(cols[i].type, (const char *) text.data, text.len - 1, -1, &v, scratch, err) &&
				pgtype_send(cols[i].type, &v, out, err);
			if (!ok && !pgerr_is_set(err))
				pgerr_set(err, ERRCODE_UNDEFINED_FUNCTION, "no binary output function available for type %u",
						  cols[i].type);
			buf_free(&text);
			if (!ok)
			{
				out->len = start;
				return false;
			}
		}
		pq_put_int32_at(out, len_at, (int32_t) (out->len - len_at - 4));
	}
	pq_end(out, start);
	return true;
}

/* Run st to the end into rows; false on error. */
static bool
run_once(Session *s, sqlite3_stmt *st, const CatColumnDesc *cols, int ncols, const int16_t *formats,
		 int nformats, Buf *rows, int64_t *count, PgError *err)
{
	Buf			scratch;
	int			rc;
	bool		ok = true;

	buf_init(&scratch);
	*count = 0;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
	{
		ok = append_row(s, st, cols, ncols, formats, nformats, rows, &scratch, err);
		(*count)++;
	}
	buf_free(&scratch);
	if (ok && rc != SQLITE_DONE)
	{
		cat_statement_error(s->catalog, rc, err);
		ok = false;
	}
	if (ok && buf_failed(rows))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	return ok;
}

bool
be_catalog_describe(Session *s, const char *query, const char *sql, const ColumnList *hints,
					const int16_t *formats, int nformats, PgError *err)
{
	sqlite3_stmt *st;
	CatColumnDesc *cols;
	int			ncols;

	if (!ensure_catalog(s, err) || !prepare(s, sql, &st, err))
		return false;
	ncols = sqlite3_column_count(st);
	if (!check_formats(nformats, ncols, err))
	{
		sqlite3_finalize(st);
		return false;
	}
	cols = calloc((size_t) Max(ncols, 1), sizeof(CatColumnDesc));
	if (cols == NULL)
	{
		sqlite3_finalize(st);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	describe_columns(s, st, query, hints, cols, ncols);
	write_description(&s->conn.out, cols, ncols, formats, nformats);
	free(cols);
	sqlite3_finalize(st);
	return true;
}

bool
be_catalog_run(Session *s, const CatalogRun *run, PgError *err)
{
	sqlite3_stmt *st = NULL;
	CatColumnDesc *cols = NULL;
	int			ncols;
	Buf			rows;
	int64_t		count = 0;
	bool		ok;

	if (!ensure_catalog(s, err))
		return false;
	buf_init(&rows);
	for (int attempt = 0;; attempt++)
	{
		uint64_t	generation = cat_generation(s->catalog);

		cat_begin_statement(s->catalog);
		ok = prepare(s, run->sql, &st, err);
		if (!ok)
			break;
		ncols = sqlite3_column_count(st);
		if (cols == NULL)
		{
			ok = check_formats(run->nformats, ncols, err);
			if (ok && (cols = calloc((size_t) Max(ncols, 1), sizeof(CatColumnDesc))) == NULL)
			{
				pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
				ok = false;
			}
			if (ok)
				describe_columns(s, st, run->query, run->hints, cols, ncols);
		}
		buf_reset(&rows);
		ok = ok && bind_params(st, run->params, run->bound, run->values, err) &&
			run_once(s, st, cols, ncols, run->formats, run->nformats, &rows, &count, err);
		sqlite3_finalize(st);
		st = NULL;
		/* the catalog read more of the database meanwhile: a scan may have missed it */
		if (!ok || cat_generation(s->catalog) == generation || attempt + 1 >= MAX_RUNS)
			break;
	}
	if (ok && run->keep_rows != NULL)
	{
		buf_append(run->keep_rows, rows.data, rows.len);
		*run->count = count;
		if (buf_failed(run->keep_rows))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			ok = false;
		}
	}
	else if (ok)
	{
		if (run->with_description)
			write_description(&s->conn.out, cols, ncols, run->formats, run->nformats);
		buf_append(&s->conn.out, rows.data, rows.len);
		be_write_tag(s, run->stmt, count);
	}
	free(cols);
	buf_free(&rows);
	return ok;
}

bool
be_catalog_send_kept(Session *s, const Buf *rows, size_t *pos, int64_t max_rows)
{
	size_t		start = *pos;
	int64_t		sent = 0;

	/* each kept message is its type byte and a length that counts itself */
	while (*pos + 5 <= rows->len && (max_rows == 0 || sent < max_rows))
	{
		const uint8_t *p = (const uint8_t *) rows->data + *pos + 1;
		uint32_t	len = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];

		*pos += 1 + (size_t) len;
		sent++;
	}
	buf_append(&s->conn.out, rows->data + start, *pos - start);
	return *pos < rows->len;
}
