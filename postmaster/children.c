/*
 * children.c
 *		Bookkeeping of the postmaster's children.
 *
 * Owns: a fixed-size table of child PIDs, allocated once at start, with
 * separate limits for backends (max_connections) and dead-end children, so
 * that a flood of refused clients can never use up the backends' room.
 * The postmaster trusts only this table, never anything a child wrote.
 */
#include "postmaster/children.h"

#include <signal.h>
#include <stdlib.h>

bool
children_init(ChildTable *t, int max_backends, int max_dead_end)
{
	t->cap = max_backends + max_dead_end;
	t->slots = calloc((size_t) t->cap, sizeof(Child));
	t->nbackends = 0;
	t->ndead_end = 0;
	t->max_backends = max_backends;
	t->max_dead_end = max_dead_end;
	return t->slots != NULL;
}

void
children_free(ChildTable *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = 0;
}

bool
children_can_add(const ChildTable *t, bool dead_end)
{
	if (dead_end)
		return t->ndead_end < t->max_dead_end;
	return t->nbackends < t->max_backends;
}

int
children_free_slot(const ChildTable *t)
{
	for (int i = 0; i < t->cap; i++)
	{
		if (t->slots[i].pid == 0)
			return i;
	}
	return -1;
}

void
children_add(ChildTable *t, int slot, pid_t pid, bool dead_end)
{
	t->slots[slot].pid = pid;
	t->slots[slot].dead_end = dead_end;
	t->slots[slot].started = time(NULL);
	if (dead_end)
		t->ndead_end++;
	else
		t->nbackends++;
}

bool
children_remove(ChildTable *t, pid_t pid, bool *dead_end, int *slot)
{
	for (int i = 0; i < t->cap; i++)
	{
		if (t->slots[i].pid != pid)
			continue;
		*dead_end = t->slots[i].dead_end;
		*slot = i;
		if (*dead_end)
			t->ndead_end--;
		else
			t->nbackends--;
		t->slots[i].pid = 0;
		return true;
	}
	return false;
}

void
children_signal(const ChildTable *t, int sig, bool include_dead_end)
{
	for (int i = 0; i < t->cap; i++)
	{
		if (t->slots[i].pid == 0 || (t->slots[i].dead_end && !include_dead_end))
			continue;
		kill(t->slots[i].pid, sig);
	}
}
