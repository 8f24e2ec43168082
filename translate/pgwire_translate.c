/*
 * pgwire_translate.c
 *		pgwire-translate: what pgwire sends to the database for a statement.
 *
 * Owns: (not yet written) the command line: --dialect iris|sqlite|postgres,
 * SQL from -c or stdin, the translation or the error (SQLSTATE, position)
 * on stdout/stderr, exit status 1 on refusal.
 */
#include "translate/translate.h"

#include <stdio.h>

int
main(void)
{
	fprintf(stderr, "pgwire-translate: not written yet\n");
	return 2;
}
