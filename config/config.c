/*
 * config.c
 *		Parameter values: text in (config_set), text out (config_show), and
 *		the life of a Config (defaults, copy, free, compare).
 *
 * Owns: PostgreSQL's value syntax for every parameter type -- booleans and
 * their prefixes, integers with time units and rounding, enum names -- and
 * the heap strings of a Config. Defaults, the YAML file, -c and SET all go
 * through config_set(), so a value is validated in one place. Never decides
 * who may set what: callers check the context.
 */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Room a check hook may add to a value when canonicalising ("iso" -> "ISO, MDY"). */
#define CHECK_SLACK 64

#define TIME_UNITS_HINT \
	"Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"."

/* A value parsed and checked, not yet stored. */
typedef struct ParsedValue
{
	bool		boolval;		/* PARAM_BOOL */
	int			intval;			/* PARAM_INT, PARAM_ENUM */
	char	   *strval;			/* PARAM_STRING: heap, handed to the Config */
} ParsedValue;

/* Time units, largest first, in milliseconds. */
static const struct
{
	const char *name;
	double		ms;
}			time_units[] =
{
	{"d", 1000.0 * 60 * 60 * 24}, {"h", 1000.0 * 60 * 60}, {"min", 1000.0 * 60},
	{"s", 1000.0}, {"ms", 1.0}, {"us", 1.0 / 1000},
};

/* ---- field access ---- */

static void *
field(Config *cfg, const ConfigParam *p)
{
	return (char *) cfg + p->offset;
}

static const void *
cfield(const Config *cfg, const ConfigParam *p)
{
	return (const char *) cfg + p->offset;
}

/* ---- errors ---- */

static void
invalid_value(PgError *err, const ConfigParam *p, const char *value)
{
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
			  "invalid value for parameter \"%s\": \"%s\"", p->name, value);
}

static void
out_of_memory(PgError *err)
{
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
}

/* ---- booleans ---- */

/* PostgreSQL's parse_bool: on/off/true/false/yes/no/1/0 and unique prefixes. */
static bool
parse_bool(const char *value, bool *result)
{
	size_t		len = strlen(value);

	switch (value[0])
	{
		case 't':
		case 'T':
			*result = true;
			return strncasecmp(value, "true", len) == 0;
		case 'f':
		case 'F':
			*result = false;
			return strncasecmp(value, "false", len) == 0;
		case 'y':
		case 'Y':
			*result = true;
			return strncasecmp(value, "yes", len) == 0;
		case 'n':
		case 'N':
			*result = false;
			return strncasecmp(value, "no", len) == 0;
		case 'o':
		case 'O':
			/* "o" alone is ambiguous */
			*result = true;
			if (strncasecmp(value, "on", Max(len, 2)) == 0)
				return true;
			*result = false;
			return strncasecmp(value, "off", Max(len, 2)) == 0;
		case '1':
		case '0':
			*result = value[0] == '1';
			return len == 1;
		default:
			return false;
	}
}

/* ---- integers ---- */

/* Round half to even, as rint() in the default mode, without libm. */
static double
round_even(double v)
{
	const double two52 = 4503599627370496.0;	/* from here on doubles are integers */

	if (v >= two52 || v <= -two52 || v != v)
		return v;
	if (v >= 0)
		return (v + two52) - two52;
	return -((-v + two52) - two52);
}

static double
base_unit_ms(int flags)
{
	return (flags & PARAM_UNIT_S) ? 1000.0 : 1.0;
}

static const char *
base_unit_name(int flags)
{
	if (flags & PARAM_UNIT_MS)
		return "ms";
	if (flags & PARAM_UNIT_S)
		return "s";
	return NULL;
}

/*
 * PostgreSQL's convert_to_base_unit: "5s" -> 5000 for a millisecond
 * parameter. A fractional value is rounded to the next smaller unit first
 * ("1.5min" -> 90s); unit names are case-sensitive; blanks may follow.
 */
static bool
convert_to_base_unit(double value, const char *unit, int flags, double *result)
{
	char		name[8];
	size_t		n = 0;
	double		base = base_unit_ms(flags);

	while (*unit != '\0' && !isspace((unsigned char) *unit) && n + 1 < sizeof(name))
		name[n++] = *unit++;
	name[n] = '\0';
	while (isspace((unsigned char) *unit))
		unit++;
	if (*unit != '\0')
		return false;
	for (size_t i = 0; i < lengthof(time_units); i++)
	{
		double		v;

		if (strcmp(name, time_units[i].name) != 0)
			continue;
		v = value * (time_units[i].ms / base);
		if (i + 1 < lengthof(time_units))
		{
			double		next = time_units[i + 1].ms / base;

			v = round_even(v / next) * next;
		}
		*result = v;
		return true;
	}
	return false;
}

/*
 * PostgreSQL's parse_int: decimal, 0x hex or 0 octal, or a fraction that is
 * rounded; a unit for time parameters. On failure *hint may name the cause.
 */
static bool
parse_int(const char *value, int flags, int *result, const char **hint)
{
	char	   *end;
	double		val;

	*hint = NULL;
	errno = 0;
	val = (double) strtol(value, &end, 0);
	if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE)
	{
		errno = 0;
		val = strtod(value, &end);
	}
	if (end == value || errno == ERANGE || val != val)
		return false;
	while (isspace((unsigned char) *end))
		end++;
	if (*end != '\0')
	{
		if (base_unit_name(flags) == NULL)
			return false;
		if (!convert_to_base_unit(val, end, flags, &val))
		{
			*hint = TIME_UNITS_HINT;
			return false;
		}
	}
	val = round_even(val);
	if (val > INT_MAX || val < INT_MIN)
	{
		*hint = "Value exceeds integer range.";
		return false;
	}
	*result = (int) val;
	return true;
}

/* ---- check hooks ---- */

/*
 * Run p's check hook (if any) on text; *canon receives the heap copy of the
 * canonical form. A hook that refuses without filling err still yields an
 * error with a SQLSTATE.
 */
static bool
run_check(const ConfigParam *p, const char *text, char **canon, PgError *err)
{
	size_t		size = strlen(text) + CHECK_SLACK;
	char	   *out = malloc(size);

	if (out == NULL)
	{
		out_of_memory(err);
		return false;
	}
	if (p->check == NULL)
		memcpy(out, text, strlen(text) + 1);
	else
	{
		pgerr_clear(err);
		if (!p->check(text, out, size, err))
		{
			if (!pgerr_is_set(err))
				invalid_value(err, p, text);
			free(out);
			return false;
		}
	}
	*canon = out;
	return true;
}

/* For types whose hook only accepts or refuses (bool, int). */
static bool
passes_check(const ConfigParam *p, const char *text, PgError *err)
{
	char	   *canon;

	if (p->check == NULL)
		return true;
	if (!run_check(p, text, &canon, err))
		return false;
	free(canon);
	return true;
}

/* ---- parsing, one function per type ---- */

static bool
parse_bool_value(const ConfigParam *p, const char *value, ParsedValue *pv, PgError *err)
{
	if (!parse_bool(value, &pv->boolval))
	{
		pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
				  "parameter \"%s\" requires a Boolean value", p->name);
		return false;
	}
	return passes_check(p, pv->boolval ? "on" : "off", err);
}

static bool
parse_int_value(const ConfigParam *p, const char *value, ParsedValue *pv, PgError *err)
{
	const char *hint;
	const char *unit = base_unit_name(p->flags);
	char		text[16];

	if (!parse_int(value, p->flags, &pv->intval, &hint))
	{
		invalid_value(err, p, value);
		if (hint)
			pgerr_set_hint(err, "%s", hint);
		return false;
	}
	if (pv->intval < p->min || pv->intval > p->max)
	{
		pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
				  "%d%s%s is outside the valid range for parameter \"%s\" (%d .. %d)",
				  pv->intval, unit ? " " : "", unit ? unit : "", p->name, p->min, p->max);
		return false;
	}
	snprintf(text, sizeof(text), "%d", pv->intval);
	return passes_check(p, text, err);
}

/* "Available values: a, b, c." */
static void
set_enum_hint(const ConfigParam *p, PgError *err)
{
	char		hint[sizeof(err->hint)];
	size_t		len = 0;

	hint[0] = '\0';
	for (size_t i = 0; p->enum_names[i] != NULL && len < sizeof(hint); i++)
		len += (size_t) snprintf(hint + len, sizeof(hint) - len, "%s%s",
								 i > 0 ? ", " : "", p->enum_names[i]);
	pgerr_set_hint(err, "Available values: %s.", hint);
}

/*
 * Enum names match case-insensitively. The hook runs before the lookup, so
 * it can map aliases onto enum_names ("debug5" -> "debug2").
 */
static bool
parse_enum_value(const ConfigParam *p, const char *value, ParsedValue *pv, PgError *err)
{
	char	   *canon;

	if (!run_check(p, value, &canon, err))
		return false;
	for (int i = 0; p->enum_names[i] != NULL; i++)
	{
		if (strcasecmp(canon, p->enum_names[i]) == 0)
		{
			pv->intval = i;
			free(canon);
			return true;
		}
	}
	free(canon);
	invalid_value(err, p, value);
	set_enum_hint(p, err);
	return false;
}

static bool
parse_string_value(const ConfigParam *p, const char *value, ParsedValue *pv, PgError *err)
{
	return run_check(p, value, &pv->strval, err);
}

/*
 * The one parser of parameter values: type, bounds, units, enum names and
 * the check hook. Check hooks see "on"/"off" for booleans, the decimal
 * number for integers, and the input for strings and enums.
 */
static bool
parse_value(const ConfigParam *p, const char *value, ParsedValue *pv, PgError *err)
{
	pv->boolval = false;
	pv->intval = 0;
	pv->strval = NULL;
	switch (p->type)
	{
		case PARAM_BOOL:
			return parse_bool_value(p, value, pv, err);
		case PARAM_INT:
			return parse_int_value(p, value, pv, err);
		case PARAM_ENUM:
			return parse_enum_value(p, value, pv, err);
		case PARAM_STRING:
			return parse_string_value(p, value, pv, err);
	}
	pgerr_set(err, ERRCODE_INTERNAL_ERROR, "parameter \"%s\" has an unknown type", p->name);
	return false;
}

/* Cannot fail: everything was allocated by parse_value. */
static void
store_value(Config *cfg, const ConfigParam *p, ParsedValue *pv)
{
	switch (p->type)
	{
		case PARAM_BOOL:
			*(bool *) field(cfg, p) = pv->boolval;
			break;
		case PARAM_INT:
		case PARAM_ENUM:
			*(int *) field(cfg, p) = pv->intval;
			break;
		case PARAM_STRING:
			free(*(char **) field(cfg, p));
			*(char **) field(cfg, p) = pv->strval;
			pv->strval = NULL;
			break;
	}
}

bool
config_set(Config *cfg, const ConfigParam *p, const char *value, PgError *err)
{
	ParsedValue pv;

	if (!parse_value(p, value, &pv, err))
		return false;
	store_value(cfg, p, &pv);
	return true;
}

/* ---- showing ---- */

/* PostgreSQL's convert_int_from_base_unit: the largest unit that divides evenly. */
static void
show_time(long long value, int flags, Buf *out)
{
	double		base = base_unit_ms(flags);

	if (value > 0)
	{
		for (size_t i = 0; i < lengthof(time_units); i++)
		{
			double		mult = time_units[i].ms / base;

			if (mult <= 1.0 || value % (long long) mult == 0)
			{
				buf_appendf(out, "%lld%s", (long long) round_even((double) value / mult),
							time_units[i].name);
				return;
			}
		}
	}
	buf_appendf(out, "%lld", value);
}

static void
show_int(const ConfigParam *p, int value, Buf *out)
{
	if (p->flags & PARAM_OCTAL)
		buf_appendf(out, "%04o", (unsigned) value);
	else if (base_unit_name(p->flags) != NULL)
		show_time(value, p->flags, out);
	else
		buf_appendf(out, "%d", value);
}

/* Does an ODBC connection string carry a password (PWD=, Password=)? */
static bool
has_password(const char *s)
{
	static const char *const keys[] = {"pwd", "password"};

	for (const char *k = s; *k != '\0'; k++)
	{
		for (size_t i = 0; i < lengthof(keys); i++)
		{
			size_t		len = strlen(keys[i]);
			const char *after = k + len;

			if (strncasecmp(k, keys[i], len) != 0)
				continue;
			while (*after == ' ' || *after == '\t')
				after++;
			if (*after == '=')
				return true;
		}
	}
	return false;
}

static void
show_string(const ConfigParam *p, const char *value, Buf *out)
{
	if (value == NULL)
		value = "";
	if (p->offset == offsetof(Config, odbc_connection_string) && has_password(value))
		buf_append_str(out, "********");
	else
		buf_append_str(out, value);
}

void
config_show(const Config *cfg, const ConfigParam *p, Buf *out)
{
	switch (p->type)
	{
		case PARAM_BOOL:
			buf_append_str(out, *(const bool *) cfield(cfg, p) ? "on" : "off");
			break;
		case PARAM_INT:
			show_int(p, *(const int *) cfield(cfg, p), out);
			break;
		case PARAM_ENUM:
			{
				int			v = *(const int *) cfield(cfg, p);
				int			n = 0;

				while (p->enum_names[n] != NULL)
					n++;
				if (v >= 0 && v < n)
					buf_append_str(out, p->enum_names[v]);
				else
					buf_appendf(out, "%d", v);
			}
			break;
		case PARAM_STRING:
			show_string(p, *(char *const *) cfield(cfg, p), out);
			break;
	}
}

/* ---- whole configs ---- */

bool
config_init_defaults(Config *cfg)
{
	PgError		err;

	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (!config_set(cfg, p, p->boot_value, &err))
		{
			config_free(cfg);
			return false;
		}
	}
	return true;
}

void
config_free(Config *cfg)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (p->type == PARAM_STRING)
		{
			free(*(char **) field(cfg, p));
			*(char **) field(cfg, p) = NULL;
		}
	}
}

/* dst is overwritten, not freed first; on failure it is left freed. */
bool
config_copy(Config *dst, const Config *src)
{
	*dst = *src;
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (p->type == PARAM_STRING)
			*(char **) field(dst, p) = NULL;
	}
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		const char *s;

		if (p->type != PARAM_STRING || (s = *(char *const *) cfield(src, p)) == NULL)
			continue;
		if ((*(char **) field(dst, p) = strdup(s)) == NULL)
		{
			config_free(dst);
			return false;
		}
	}
	return true;
}

bool
config_equal(const Config *a, const Config *b, const ConfigParam *p)
{
	switch (p->type)
	{
		case PARAM_BOOL:
			return *(const bool *) cfield(a, p) == *(const bool *) cfield(b, p);
		case PARAM_INT:
		case PARAM_ENUM:
			return *(const int *) cfield(a, p) == *(const int *) cfield(b, p);
		case PARAM_STRING:
			{
				const char *x = *(char *const *) cfield(a, p);
				const char *y = *(char *const *) cfield(b, p);

				return strcmp(x ? x : "", y ? y : "") == 0;
			}
	}
	return false;
}

const char *
config_dialect_name(SqlDialect d)
{
	const ConfigParam *p = config_lookup("dialect");

	for (int i = 0; p != NULL && p->enum_names[i] != NULL; i++)
	{
		if (i == (int) d)
			return p->enum_names[i];
	}
	return "unknown";
}
