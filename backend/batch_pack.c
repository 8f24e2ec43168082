/*
 * batch_pack.c
 *		Staged rows -> the packed batch pgwire_rows() reads.
 *
 * Owns: the choice of packed storage class for each bound value (the one
 * the SQLite ODBC driver would bind it as: setupparam() in its
 * sqlite3odbc.c) and writing the layout sqlite_rows.h describes. Never
 * calls ODBC and never converts a value: odbc_param_from_value() has.
 */
#include "backend/batch_pack.h"

#include "backend/sqlite_rows.h"

#include <string.h>

/* The packed tag of p, or 0 when the layout has none for its C type. */
static char
value_tag(const BoundParam *p)
{
	if (p->length == SQL_NULL_DATA)
		return PGW_ROWS_NULL;
	switch (p->c_type)
	{
		case SQL_C_SBIGINT:
		case SQL_C_BIT:
			return PGW_ROWS_INTEGER;
		case SQL_C_DOUBLE:
			return PGW_ROWS_REAL;
		case SQL_C_BINARY:
			return PGW_ROWS_BLOB;
		case SQL_C_CHAR:
			/* the driver binds character data declared binary as a blob */
			return (p->sql_type == SQL_BINARY || p->sql_type == SQL_VARBINARY ||
					p->sql_type == SQL_LONGVARBINARY) ? PGW_ROWS_BLOB : PGW_ROWS_TEXT;
		default:
			return 0;
	}
}

/* Bytes the value takes packed, its tag included. */
static size_t
value_size(char tag, const BoundParam *p)
{
	switch (tag)
	{
		case PGW_ROWS_NULL:
			return 1;
		case PGW_ROWS_INTEGER:
		case PGW_ROWS_REAL:
			return 1 + 8;
		default:
			return 1 + 4 + (size_t) p->length;
	}
}

/* Write the value at w (value_size() bytes free); returns the end. */
static char *
write_value(char *w, char tag, const BoundParam *p, const char *bytes)
{
	*w++ = tag;
	switch (tag)
	{
		case PGW_ROWS_NULL:
			break;
		case PGW_ROWS_INTEGER:
			{
				int64_t		n;

				if (p->c_type == SQL_C_BIT)
					n = *(const unsigned char *) bytes ? 1 : 0;
				else
					memcpy(&n, bytes, sizeof(n));
				memcpy(w, &n, 8);
				w += 8;
				break;
			}
		case PGW_ROWS_REAL:
			memcpy(w, bytes, 8);
			w += 8;
			break;
		default:
			{
				uint32_t	len = (uint32_t) p->length;

				memcpy(w, &len, 4);
				memcpy(w + 4, bytes, len);
				w += 4 + len;
				break;
			}
	}
	return w;
}

bool
batch_pack_rows(const BoundParam *cells, int ncols, const Buf *values, int from, int to,
				size_t max_bytes, Buf *out, int *end, PgError *err)
{
	char		tags[PGW_ROWS_MAX_COLUMNS];
	uint32_t	n = (uint32_t) ncols;
	int			i;

	if (ncols < 1 || ncols > PGW_ROWS_MAX_COLUMNS)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "a packed batch has 1 to %d columns, not %d",
				  PGW_ROWS_MAX_COLUMNS, ncols);
		return false;
	}
	buf_reset(out);
	buf_append(out, &n, sizeof(n));
	for (i = from; i < to && (i == from || out->len <= max_bytes); i++)
	{
		const BoundParam *row = &cells[(size_t) i * (size_t) ncols];
		size_t		need = 0;
		char	   *w;

		for (int j = 0; j < ncols; j++)
		{
			if ((tags[j] = value_tag(&row[j])) == 0)
			{
				pgerr_set(err, ERRCODE_INTERNAL_ERROR, "a value bound as C type %d cannot be packed",
						  (int) row[j].c_type);
				return false;
			}
			need += value_size(tags[j], &row[j]);
		}
		if (!buf_reserve(out, need))
			break;
		w = out->data + out->len;
		for (int j = 0; j < ncols; j++)
			w = write_value(w, tags[j], &row[j], values->data + row[j].offset);
		out->len += need;
		out->data[out->len] = '\0';
	}
	if (buf_failed(out))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	*end = i;
	return true;
}
