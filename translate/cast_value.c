/*
 * cast_value.c
 *		PostgreSQL's input functions and casts between constants, so that a
 *		cast of a literal can be folded into the literal the database stores.
 *
 * Owns: reading a string constant as the type's input function would
 * (boolean, uuid, bytea, json, the string types; numbers in cast_number.c,
 * dates and times in cast_datetime.c), giving back the value's text
 * output; casting such a constant to another type as pg_cast would, or
 * refusing as PostgreSQL does; the names messages give types. Nothing here
 * knows dialects: a 0A000 message names the construct, and the caller
 * adds the dialect.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ERRCODE_CANNOT_COERCE	"42846"
#define NAMEDATALEN			64
#define JSON_MAX_DEPTH		1000

typedef enum Category
{
	CAT_STRING,
	CAT_INTEGER,
	CAT_FLOAT,
	CAT_NUMERIC,
	CAT_BOOL,
	CAT_DATETIME,
	CAT_OTHER
} Category;

/* format_type_be()'s names, which PostgreSQL's messages use. */
static const struct
{
	uint32_t	oid;
	const char *display;
	Category	category;
}			type_info[] = {
	{BOOLOID, "boolean", CAT_BOOL},
	{BYTEAOID, "bytea", CAT_OTHER},
	{CHAROID, "\"char\"", CAT_STRING},
	{NAMEOID, "name", CAT_STRING},
	{INT8OID, "bigint", CAT_INTEGER},
	{INT2OID, "smallint", CAT_INTEGER},
	{INT4OID, "integer", CAT_INTEGER},
	{TEXTOID, "text", CAT_STRING},
	{OIDOID, "oid", CAT_OTHER},
	{JSONOID, "json", CAT_OTHER},
	{FLOAT4OID, "real", CAT_FLOAT},
	{FLOAT8OID, "double precision", CAT_FLOAT},
	{UNKNOWNOID, "unknown", CAT_STRING},
	{BPCHAROID, "character", CAT_STRING},
	{VARCHAROID, "character varying", CAT_STRING},
	{DATEOID, "date", CAT_DATETIME},
	{TIMEOID, "time without time zone", CAT_DATETIME},
	{TIMESTAMPOID, "timestamp without time zone", CAT_DATETIME},
	{TIMESTAMPTZOID, "timestamp with time zone", CAT_DATETIME},
	{INTERVALOID, "interval", CAT_OTHER},
	{TIMETZOID, "time with time zone", CAT_DATETIME},
	{NUMERICOID, "numeric", CAT_NUMERIC},
	{UUIDOID, "uuid", CAT_OTHER},
	{JSONBOID, "jsonb", CAT_OTHER},
};

const char *
xl_type_display_name(uint32_t oid)
{
	for (size_t k = 0; k < lengthof(type_info); k++)
	{
		if (type_info[k].oid == oid)
			return type_info[k].display;
	}
	return "unknown";
}

static bool
is_number(Category c)
{
	return c == CAT_INTEGER || c == CAT_FLOAT || c == CAT_NUMERIC;
}

static Category
category(uint32_t oid)
{
	for (size_t k = 0; k < lengthof(type_info); k++)
	{
		if (type_info[k].oid == oid)
			return type_info[k].category;
	}
	return CAT_OTHER;
}

/* ---- errors ---- */

bool
xl_fail_syntax(PgError *err, uint32_t oid, const char *text)
{
	pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
			  "invalid input syntax for type %s: \"%s\"", xl_type_display_name(oid), text);
	return false;
}

static bool
fail_cannot_cast(PgError *err, uint32_t from, uint32_t to)
{
	pgerr_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s",
			  xl_type_display_name(from), xl_type_display_name(to));
	return false;
}

static bool
fail_unsupported_cast(PgError *err, uint32_t from, uint32_t to)
{
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cast from %s to %s is not supported",
			  xl_type_display_name(from), xl_type_display_name(to));
	return false;
}

/* ---- boolean ---- */

/* parse_bool_with_len(): t, true, yes, on, 1, f, false, no, off, 0 and unique prefixes */
static bool
parse_bool(const char *s, size_t len, bool *v)
{
	static const struct
	{
		const char *word;
		size_t		min;		/* shortest prefix that is unique */
		bool		value;
	}			words[] = {
		{"true", 1, true}, {"yes", 1, true}, {"on", 2, true}, {"1", 1, true},
		{"false", 1, false}, {"no", 1, false}, {"off", 2, false}, {"0", 1, false},
	};

	for (size_t k = 0; k < lengthof(words); k++)
	{
		if (len >= words[k].min && len <= strlen(words[k].word) &&
			strncasecmp(s, words[k].word, len) == 0)
		{
			*v = words[k].value;
			return true;
		}
	}
	return false;
}

static bool
input_bool(const char *text, Buf *out, PgError *err)
{
	const char *s = xl_skip_spaces(text);
	size_t		len = strlen(s);
	bool		v;

	while (len > 0 && xl_is_space(s[len - 1]))
		len--;
	if (!parse_bool(s, len, &v))
		return xl_fail_syntax(err, BOOLOID, text);
	buf_append_str(out, v ? "true" : "false");
	return true;
}

/* ---- uuid, bytea, json ---- */

/* string_to_uuid(): 32 hex digits, '-' allowed after each group of four, optional braces */
static bool
input_uuid(const char *text, Buf *out, PgError *err)
{
	const char *s = text;
	bool		braces = *s == '{';
	uint8_t		bytes[16];

	if (braces)
		s++;
	for (int k = 0; k < 16; k++)
	{
		if (xl_hex_digit(s[0]) > 15 || xl_hex_digit(s[1]) > 15)
			return xl_fail_syntax(err, UUIDOID, text);
		bytes[k] = (uint8_t) (xl_hex_digit(s[0]) * 16 + xl_hex_digit(s[1]));
		s += 2;
		if (*s == '-' && k % 2 == 1 && k < 15)
			s++;
	}
	if (braces && *s++ != '}')
		return xl_fail_syntax(err, UUIDOID, text);
	if (*s != '\0')
		return xl_fail_syntax(err, UUIDOID, text);
	for (int k = 0; k < 16; k++)
		buf_appendf(out, "%s%02x", (k == 4 || k == 6 || k == 8 || k == 10) ? "-" : "", bytes[k]);
	return true;
}

/* "invalid hexadecimal digit", quoting the whole (UTF-8) character at s */
static bool
fail_hex_digit(PgError *err, const char *s)
{
	int			n = 1;

	while (n < 4 && ((unsigned char) s[n] & 0xC0) == 0x80)
		n++;
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"%.*s\"", n, s);
	return false;
}

/* byteain's hex format: \x then pairs of hex digits, blanks between pairs. */
static bool
input_bytea_hex(const char *s, Buf *out, PgError *err)
{
	buf_append_str(out, "\\x");
	while (*s)
	{
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		{
			s++;
			continue;
		}
		if (xl_hex_digit(s[0]) > 15)
			return fail_hex_digit(err, s);
		if (s[1] == '\0')
		{
			pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
			return false;
		}
		if (xl_hex_digit(s[1]) > 15)
			return fail_hex_digit(err, s + 1);
		buf_append_byte(out, (uint8_t) (s[0] | ((s[0] >= 'A' && s[0] <= 'F') ? 0x20 : 0)));
		buf_append_byte(out, (uint8_t) (s[1] | ((s[1] >= 'A' && s[1] <= 'F') ? 0x20 : 0)));
		s += 2;
	}
	return true;
}

/* byteain: hex format, or the escape format (\\ and \ooo) */
static bool
input_bytea(const char *text, Buf *out, PgError *err)
{
	size_t		from = out->len;

	if (text[0] == '\\' && text[1] == 'x')
		return input_bytea_hex(text + 2, out, err);
	for (const char *s = text; *s; s++)
	{
		if (*s != '\\')
			buf_append_byte(out, (uint8_t) *s);
		else if (s[1] == '\\')
			buf_append_byte(out, (uint8_t) *++s);
		else if (s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
				 s[3] >= '0' && s[3] <= '7')
		{
			buf_append_byte(out, (uint8_t) ((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0')));
			s += 3;
		}
		else
		{
			out->len = from;
			pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
			return false;
		}
	}
	if (!buf_failed(out))
		pgtype_hex_encode_tail(out, from);
	return true;
}

typedef struct JsonScan
{
	const char *p;
	int			depth;
} JsonScan;

static bool json_value(JsonScan *j);

static void
json_space(JsonScan *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

static bool
json_string(JsonScan *j)
{
	for (j->p++; *j->p != '"'; j->p++)
	{
		if ((unsigned char) *j->p < 0x20)
			return false;		/* control characters, and the end of the text */
		if (*j->p != '\\')
			continue;
		j->p++;
		if (*j->p == 'u')
		{
			for (int k = 1; k <= 4; k++)
			{
				if (xl_hex_digit(j->p[k]) > 15)
					return false;
			}
			j->p += 4;
		}
		else if (*j->p == '\0' || strchr("\"\\/bfnrt", *j->p) == NULL)
			return false;
	}
	j->p++;
	return true;
}

static bool
json_digits(JsonScan *j)
{
	if (*j->p < '0' || *j->p > '9')
		return false;
	while (*j->p >= '0' && *j->p <= '9')
		j->p++;
	return true;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
json_number(JsonScan *j)
{
	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++;
	else if (!json_digits(j))
		return false;
	if (*j->p == '.')
	{
		j->p++;
		if (!json_digits(j))
			return false;
	}
	if ((*j->p | 0x20) == 'e')
	{
		j->p++;
		if (*j->p == '+' || *j->p == '-')
			j->p++;
		if (!json_digits(j))
			return false;
	}
	return true;
}

/* "name": of an object member */
static bool
json_member_name(JsonScan *j)
{
	json_space(j);
	if (*j->p != '"' || !json_string(j))
		return false;
	json_space(j);
	if (*j->p != ':')
		return false;
	j->p++;
	return true;
}

/* The members of an object or the elements of an array, after its opening bracket. */
static bool
json_container(JsonScan *j, char close)
{
	if (++j->depth > JSON_MAX_DEPTH)
		return false;
	j->p++;
	json_space(j);
	if (*j->p != close)
	{
		for (;;)
		{
			if ((close == '}' && !json_member_name(j)) || !json_value(j))
				return false;
			json_space(j);
			if (*j->p != ',')
				break;
			j->p++;
		}
		if (*j->p != close)
			return false;
	}
	j->p++;
	j->depth--;
	return true;
}

static bool
json_word(JsonScan *j, const char *word)
{
	size_t		len = strlen(word);

	if (strncmp(j->p, word, len) != 0)
		return false;
	j->p += len;
	return true;
}

static bool
json_value(JsonScan *j)
{
	json_space(j);
	switch (*j->p)
	{
		case '{':
			return json_container(j, '}');
		case '[':
			return json_container(j, ']');
		case '"':
			return json_string(j);
		case 't':
			return json_word(j, "true");
		case 'f':
			return json_word(j, "false");
		case 'n':
			return json_word(j, "null");
		default:
			return json_number(j);
	}
}

/* json_in, jsonb_in: the text is kept as written once it is valid JSON. */
static bool
input_json(const char *text, Buf *out, PgError *err)
{
	JsonScan	j = {text, 0};
	bool		ok = json_value(&j);

	if (j.depth > JSON_MAX_DEPTH)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "json nested more than %d levels deep is not supported", JSON_MAX_DEPTH);
		return false;
	}
	json_space(&j);
	if (!ok || *j.p != '\0')
	{
		pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
		return false;
	}
	buf_append_str(out, text);
	return true;
}

/* ---- the string types ---- */

/* Bytes of the first n characters of s (UTF-8). */
static size_t
utf8_prefix(const char *s, int32_t n)
{
	size_t		k = 0;

	for (; s[k] != '\0'; k++)
	{
		if (((unsigned char) s[k] & 0xC0) != 0x80 && n-- == 0)
			break;
	}
	return k;
}

/* text, varchar(n), bpchar(n), name, "char": as written, cut as an explicit cast cuts */
static void
input_string(const XlType *t, const char *text, Buf *out)
{
	size_t		len = strlen(text);

	if (t->oid == NAMEOID)
		len = xl_clip_utf8(text, len, NAMEDATALEN - 1);
	else if (t->oid == CHAROID)
		len = utf8_prefix(text, 1);
	else if (t->length > 0)
		len = utf8_prefix(text, t->length);
	buf_append(out, text, len);
}

bool
xl_value_input(const XlType *t, const char *text, Buf *out, XlClock *clock, PgError *err)
{
	*clock = XL_CLOCK_NONE;
	switch (category(t->oid))
	{
		case CAT_STRING:
			input_string(t, text, out);
			return true;
		case CAT_INTEGER:
		case CAT_FLOAT:
		case CAT_NUMERIC:
			return xl_number_input(t, text, out, err);
		case CAT_BOOL:
			return input_bool(text, out, err);
		case CAT_DATETIME:
			return xl_datetime_input(t, text, out, clock, err);
		case CAT_OTHER:
			break;
	}
	switch (t->oid)
	{
		case UUIDOID:
			return input_uuid(text, out, err);
		case BYTEAOID:
			return input_bytea(text, out, err);
		case JSONOID:
		case JSONBOID:
			return input_json(text, out, err);
		default:
			pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "type %s is not supported",
					  xl_type_display_name(t->oid));
			return false;
	}
}

/* Casts between date/time types that do not depend on the session's time zone. */
static bool
cast_datetime(uint32_t from, const XlType *t, const char *text, Buf *out, XlClock *clock,
			  PgError *err)
{
	uint32_t	to = t->oid;

	if (from == TIMESTAMPTZOID || from == TIMETZOID || to == TIMESTAMPTZOID || to == TIMETZOID)
		return fail_unsupported_cast(err, from, to);
	if ((from == DATEOID && to == TIMESTAMPOID) ||
		(from == TIMESTAMPOID && (to == DATEOID || to == TIMEOID)))
		return xl_datetime_input(t, text, out, clock, err);
	return fail_cannot_cast(err, from, to);
}

/* Any type to a string type: its text output (jsonb's is not its input). */
static bool
cast_to_string(uint32_t from, const XlType *t, const char *text, Buf *out, PgError *err)
{
	XlClock		clock;

	if (from == JSONBOID || (t->oid == CHAROID && category(from) != CAT_STRING))
		return fail_unsupported_cast(err, from, t->oid);
	return xl_value_input(t, text, out, &clock, err);
}

bool
xl_value_cast(uint32_t from, const XlType *t, const char *text, Buf *out, XlClock *clock,
			  PgError *err)
{
	Category	fc = category(from);
	Category	tc = category(t->oid);

	*clock = XL_CLOCK_NONE;
	if (from == t->oid || fc == CAT_STRING)
		return xl_value_input(t, text, out, clock, err);
	if (tc == CAT_STRING)
		return cast_to_string(from, t, text, out, err);
	if (is_number(fc) && is_number(tc))
		return xl_number_cast(from, t, text, out, err);
	if (from == BOOLOID && t->oid == INT4OID)
	{
		buf_append_byte(out, strcmp(text, "true") == 0 ? '1' : '0');
		return true;
	}
	if (from == INT4OID && t->oid == BOOLOID)
	{
		buf_append_str(out, strtoll(text, NULL, 10) != 0 ? "true" : "false");
		return true;
	}
	if (fc == CAT_DATETIME && tc == CAT_DATETIME)
		return cast_datetime(from, t, text, out, clock, err);
	if ((from == JSONOID || from == JSONBOID) && (t->oid == JSONOID || t->oid == JSONBOID))
	{
		buf_append_str(out, text);
		return true;
	}
	return fail_cannot_cast(err, from, t->oid);
}
