/*
 * schema_changes.c
 *		Counting this session's DDL for the others, and catching up with
 *		theirs (schema_changes.h says why).
 *
 * Owns: when a DDL transaction is counted, and what a session does when
 * it sees the count move.
 */
#include "backend/schema_changes.h"

#include "backend/catalog_exec.h"
#include "common/log.h"

#include <string.h>

/* A statement that reads sqlite_schema: running it makes SQLite check its copy. */
static const char sqlite_schema_read[] = "SELECT 1 FROM sqlite_schema LIMIT 1";

static void
schema_changed(Session *s)
{
	s->generation++;
	s->schema_generation++;
}

void
be_schema_note_ddl(Session *s)
{
	schema_changed(s);
	s->ddl_uncounted = true;
}

void
be_schema_publish(Session *s)
{
	if (!s->ddl_uncounted || s->xact != XACT_IDLE)
		return;
	s->ddl_uncounted = false;
	/* this session's own change needs no catching up, unless another came between */
	if (shm_count_schema_change(s->start->shmem) == s->schema_changes_seen)
		s->schema_changes_seen++;
}

/* Make the SQLite connection read the schema other connections changed. */
static void
refresh_sqlite_schema(Session *s)
{
	PgError		err;

	if (!odbc_exec_discard(&s->db, sqlite_schema_read, strlen(sqlite_schema_read), &err))
		log_pgerror(LL_WARNING, &err);
}

void
be_schema_catch_up(Session *s)
{
	uint64_t	changes = shm_schema_changes(s->start->shmem);

	if (changes == s->schema_changes_seen)
		return;
	s->schema_changes_seen = changes;
	schema_changed(s);
	if (s->catalog != NULL)
		be_catalog_invalidate(s);
	if (s->db.dialect == DIALECT_SQLITE && s->db.connected)
		refresh_sqlite_schema(s);
}
