/*
 * shmem.h
 *		The shared-memory table of backends: one slot per child the
 *		postmaster can have, created before anything is forked.
 *
 * The segment is POSIX shared memory named after the postmaster's pid
 * ("/pgwire.<pid>"), so pgwire-ctl status can read it; children inherit
 * the mapping. The postmaster alone claims and releases slots (at fork and at reap), so
 * a backend dying at any instruction can never leave a slot behind. A
 * slot's pid and cancel key are written by the postmaster before the
 * backend can be asked to cancel anything; the backend writes only its
 * own activity fields. CancelRequests are matched against the table by
 * whichever process received them (the backend forked for that
 * connection), in constant time.
 */
#ifndef PGW_SHMEM_H
#define PGW_SHMEM_H

#include "common/base.h"

#include <stdatomic.h>
#include <sys/types.h>

#define SHM_CANCEL_KEY_LEN	32	/* protocol 3.2's key; 3.0 sessions use its first 4 bytes */
#define SHM_CANCEL_KEY_LEN_30	4
#define SHM_QUERY_LEN		256	/* the first bytes of the current query */

typedef enum BackendActivity
{
	BACKEND_STARTING = 0,
	BACKEND_IDLE,
	BACKEND_ACTIVE,
	BACKEND_IDLE_IN_XACT,
	BACKEND_IDLE_IN_XACT_ABORTED
} BackendActivity;

typedef struct BackendSlot
{
	_Atomic int32_t pid;		/* 0: free (written by the postmaster) */
	uint8_t		cancel_key[SHM_CANCEL_KEY_LEN];	/* the postmaster's, before fork */
	_Atomic int key_len;		/* how much of it the session's protocol uses */
	_Atomic int activity;		/* a BackendActivity (the backend's) */
	int64_t		backend_start;	/* Unix time, seconds */
	_Atomic int64_t xact_start; /* Unix time, microseconds; 0: no transaction */
	_Atomic int64_t query_start;	/* of the current or last statement, likewise */
	_Atomic bool superuser;		/* the session's user is one of superusers */
	char		client_addr[64];
	char		user[64];
	char		database[64];
	char		ssl_version[16];	/* "TLSv1.3" for an encrypted session, else "" */
	char		query[SHM_QUERY_LEN];	/* best effort: may be read half-written */
} BackendSlot;

#define SHM_MAGIC			0x70677731	/* "pgw1" */

typedef struct ShmemHeader
{
	uint32_t	magic;
	int32_t		nslots;
	_Atomic uint64_t schema_changes;	/* DDL transactions ended by any backend */
} ShmemHeader;

typedef struct Shmem
{
	int			nslots;
	BackendSlot *slots;
	void	   *base;			/* the mapping: header, then slots */
	size_t		size;
	char		name[64];		/* POSIX shm name, "" if not ours to unlink */
} Shmem;

/* The segment's name for a postmaster pid. */
void		shm_name_for(pid_t postmaster_pid, char *name, size_t size);

/* Postmaster: create and map the table (inherited by every child). */
bool		shm_create(Shmem *shm, const char *name, int nslots) PGW_MUSTCHECK;

/* Unmap; the creator also removes the segment's name. */
void		shm_destroy(Shmem *shm);

/* pgwire-ctl: map a running server's table read-only. */
bool		shm_attach(Shmem *shm, const char *name) PGW_MUSTCHECK;

/* "idle", "active", "idle in transaction", ... as pg_stat_activity says. */
const char *shm_activity_name(int activity);

/* Postmaster: a child was forked into slot i / has been reaped. */
void		shm_slot_publish(Shmem *shm, int i, pid_t pid, const uint8_t *key);
void		shm_slot_release(Shmem *shm, int i);

/*
 * Is there a backend pid whose cancel key is key[0..keylen)? Compares in
 * constant time whatever the key.
 */
bool		shm_cancel_lookup(const Shmem *shm, pid_t pid, const uint8_t *key, size_t keylen);

/*
 * The slot of backend pid, or NULL if pid is not one of the server's
 * backends (pg_cancel_backend's check).
 */
const BackendSlot *shm_find_backend(const Shmem *shm, pid_t pid);

/* Backend: its protocol uses the first len bytes of the key (3.0: 4, 3.2: 32). */
void		shm_set_key_length(BackendSlot *slot, int len);

/*
 * Backend: who its client is, where it connects from, and its TLS version
 * ("" if none), once logged in.
 */
void		shm_set_session(BackendSlot *slot, const char *client_addr, const char *user,
							const char *database, bool superuser, const char *ssl_version);

/*
 * Backend: its own slot's activity and current query. A statement starting
 * (BACKEND_ACTIVE with a query) sets query_start, and xact_start if no
 * transaction was open; going idle outside a transaction clears xact_start.
 */
void		shm_set_activity(BackendSlot *slot, BackendActivity activity, const char *query,
							 size_t query_len);

/*
 * Backend: it ended a transaction that ran DDL, so every session's view of
 * the tables may be stale. Returns the count before this one.
 */
uint64_t	shm_count_schema_change(const Shmem *shm);

/* How many such transactions the server's backends have ended. */
uint64_t	shm_schema_changes(const Shmem *shm);

#endif							/* PGW_SHMEM_H */
