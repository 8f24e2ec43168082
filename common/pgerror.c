/*
 * pgerror.c
 *		Filling PgError values.
 *
 * Owns: formatting into the fixed-size fields of a PgError and truncating
 * long texts without splitting a UTF-8 character.
 */
#include "common/pgerror.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
pgerr_clear(PgError *err)
{
	err->severity = PGSEV_ERROR;
	err->sqlstate[0] = '\0';
	err->position = 0;
	err->message[0] = '\0';
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	err->context[0] = '\0';
}

/* Back off from a cut in the middle of a multi-byte UTF-8 sequence. */
static void
trim_partial_utf8(char *s, size_t len)
{
	size_t		i = len;

	while (i > 0 && ((unsigned char) s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && ((unsigned char) s[i - 1] & 0x80))
	{
		unsigned char lead = (unsigned char) s[i - 1];
		size_t		want = (lead >= 0xF0) ? 4 : (lead >= 0xE0) ? 3 : (lead >= 0xC0) ? 2 : 1;

		if (len - (i - 1) < want)
			s[i - 1] = '\0';
	}
}

static void
vformat_field(char *dst, size_t n, const char *fmt, va_list ap)
{
	int			r = vsnprintf(dst, n, fmt, ap);

	if (r >= 0 && (size_t) r >= n)
		trim_partial_utf8(dst, n - 1);
}

void
pgerr_copy_text(char *dst, size_t n, const char *s)
{
	size_t		len = strlen(s);

	if (n == 0)
		return;
	if (len < n)
	{
		memcpy(dst, s, len + 1);
		return;
	}
	memcpy(dst, s, n - 1);
	dst[n - 1] = '\0';
	trim_partial_utf8(dst, n - 1);
}

void
pgerr_set(PgError *err, const char *sqlstate, const char *fmt,...)
{
	va_list		ap;

	pgerr_clear(err);
	memcpy(err->sqlstate, sqlstate, 5);
	err->sqlstate[5] = '\0';
	va_start(ap, fmt);
	vformat_field(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

void
pgerr_set_detail(PgError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vformat_field(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
pgerr_set_hint(PgError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vformat_field(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void
pgerr_set_context(PgError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vformat_field(err->context, sizeof(err->context), fmt, ap);
	va_end(ap);
}

const char *
pgerr_severity_name(PgSeverity sev)
{
	switch (sev)
	{
		case PGSEV_DEBUG:
			return "DEBUG";
		case PGSEV_LOG:
			return "LOG";
		case PGSEV_INFO:
			return "INFO";
		case PGSEV_NOTICE:
			return "NOTICE";
		case PGSEV_WARNING:
			return "WARNING";
		case PGSEV_ERROR:
			return "ERROR";
		case PGSEV_FATAL:
			return "FATAL";
		case PGSEV_PANIC:
			return "PANIC";
	}
	return "ERROR";
}
