/*
 * pgerror.h
 *		A PostgreSQL-style error or notice as a value.
 *
 * Every failure that can reach a client is described by a PgError: severity,
 * SQLSTATE, message and the optional fields of ErrorResponse. Functions that
 * can fail take a PgError * and fill it; the caller decides whether it becomes
 * an ERROR, a FATAL or a log line. Fields are fixed-size so a PgError never
 * owns heap memory and can be copied and discarded freely; long texts are
 * truncated (at a UTF-8 character boundary).
 */
#ifndef PGW_PGERROR_H
#define PGW_PGERROR_H

#include "common/base.h"
#include "common/sqlstate.h"

typedef enum PgSeverity
{
	PGSEV_DEBUG,
	PGSEV_LOG,
	PGSEV_INFO,
	PGSEV_NOTICE,
	PGSEV_WARNING,
	PGSEV_ERROR,
	PGSEV_FATAL,
	PGSEV_PANIC
} PgSeverity;

typedef struct PgError
{
	PgSeverity	severity;
	char		sqlstate[6];
	int			position;		/* 1-based character offset, 0 = none */
	char		message[1024];
	char		detail[2048];
	char		hint[512];
	char		context[512];
} PgError;

/* Reset to "no error". */
void		pgerr_clear(PgError *err);

/* Set severity ERROR, the SQLSTATE and the message; clears the other fields. */
void		pgerr_set(PgError *err, const char *sqlstate, const char *fmt,...) PGW_PRINTF(3, 4);
void		pgerr_set_detail(PgError *err, const char *fmt,...) PGW_PRINTF(2, 3);
void		pgerr_set_hint(PgError *err, const char *fmt,...) PGW_PRINTF(2, 3);
void		pgerr_set_context(PgError *err, const char *fmt,...) PGW_PRINTF(2, 3);

/* Copy s into dst (size n), truncating at a UTF-8 boundary; always terminates. */
void		pgerr_copy_text(char *dst, size_t n, const char *s);

const char *pgerr_severity_name(PgSeverity sev);

static inline bool
pgerr_is_set(const PgError *err)
{
	return err->sqlstate[0] != '\0';
}

#endif							/* PGW_PGERROR_H */
