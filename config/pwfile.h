/*
 * pwfile.h
 *		The password file: one SCRAM secret per user, in PgBouncer's
 *		auth_file format, so PgBouncer can share it:
 *
 *			"alice" "SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>"
 *
 * Names and secrets are double-quoted, a quote inside doubled. Lines that
 * do not start with a quote (comments, blank lines) are kept as they are.
 */
#ifndef PGW_PWFILE_H
#define PGW_PWFILE_H

#include "common/base.h"

typedef enum PwFileResult
{
	PWFILE_FOUND,
	PWFILE_NO_USER,
	PWFILE_ERROR				/* the file could not be read: errbuf says why */
} PwFileResult;

/* The stored secret of user (the second field, whatever it holds). */
PwFileResult pwfile_find_secret(const char *path, const char *user, char *secret, size_t secretlen,
								char *errbuf, size_t errlen) PGW_MUSTCHECK;

/*
 * Add or replace user's line, atomically (a new file renamed over the old
 * one, mode 0600). Other lines are kept.
 */
bool		pwfile_store_secret(const char *path, const char *user, const char *secret,
								char *errbuf, size_t errlen) PGW_MUSTCHECK;

#endif							/* PGW_PWFILE_H */
