/*
 * schema_changes.h
 *		Noticing DDL, this session's and other sessions'.
 *
 * What a session keeps between statements was made against the tables as
 * they were: translations (the simple Query kept by repeat_query.h, the
 * unnamed statement reused by Parse), prepared handles, the catalog, and,
 * on SQLite, the connection's own copy of the schema, which SQLite reads
 * again only when a statement runs. A driver describes a statement from
 * that copy when it is prepared; if another connection changed the table
 * meanwhile, SQLite prepares it again under the driver when it runs, and
 * the SQLite driver then reads rows by the old description (wrong columns,
 * or a crash when there are fewer).
 *
 * So every backend counts, in shared memory, each transaction it ends
 * after DDL ran in it, and before each Query, Parse and Bind a backend
 * that sees the count moved treats everything it keeps as stale: its
 * session generation moves, its catalog is read again, and on SQLite one
 * small read of sqlite_schema makes the connection read the schema. DDL
 * that does not come through pgwire (another program writing the SQLite
 * file) is not seen.
 */
#ifndef PGW_SCHEMA_CHANGES_H
#define PGW_SCHEMA_CHANGES_H

#include "backend/backend.h"

/* This session ran DDL (counted when its transaction ends). */
void		be_schema_note_ddl(Session *s);

/* Before ReadyForQuery: count this session's DDL once its transaction has ended. */
void		be_schema_publish(Session *s);

/* Before a Query, Parse or Bind: catch up with DDL other sessions counted. */
void		be_schema_catch_up(Session *s);

#endif							/* PGW_SCHEMA_CHANGES_H */
