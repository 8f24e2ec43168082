/*
 * children.h
 *		The postmaster's table of child processes.
 *
 * Two kinds of children: backends, which count against max_connections,
 * and dead-end children, started only to tell a client why it is refused
 * (too many clients, shutting down) after the usual negotiation.
 */
#ifndef PGW_CHILDREN_H
#define PGW_CHILDREN_H

#include "common/base.h"

#include <sys/types.h>
#include <time.h>

typedef struct Child
{
	pid_t		pid;			/* 0 = free slot */
	bool		dead_end;
	time_t		started;
} Child;

typedef struct ChildTable
{
	Child	   *slots;
	int			cap;
	int			nbackends;
	int			ndead_end;
	int			max_backends;
	int			max_dead_end;
} ChildTable;

bool		children_init(ChildTable *t, int max_backends, int max_dead_end) PGW_MUSTCHECK;
void		children_free(ChildTable *t);

/* Is there room for another backend / dead-end child? */
bool		children_can_add(const ChildTable *t, bool dead_end);

/*
 * The slot the next child will take (its index is also its slot in the
 * shared-memory table), then record it there once forked.
 */
int			children_free_slot(const ChildTable *t);
void		children_add(ChildTable *t, int slot, pid_t pid, bool dead_end);

/* Forget a reaped child and say which slot it had; false if pid was not ours. */
bool		children_remove(ChildTable *t, pid_t pid, bool *dead_end, int *slot);

/* Send sig to every child (dead-end ones too when asked). */
void		children_signal(const ChildTable *t, int sig, bool include_dead_end);

static inline int
children_total(const ChildTable *t)
{
	return t->nbackends + t->ndead_end;
}

#endif							/* PGW_CHILDREN_H */
