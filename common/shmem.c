/*
 * shmem.c
 *		The shared-memory table of backends (see shmem.h).
 *
 * Owns: mapping the table and the few operations on it. The table is an
 * anonymous shared mapping, so it needs no name, no cleanup after a crash
 * and no permissions: it exists exactly as long as the postmaster and its
 * children do.
 */
#include "common/shmem.h"

#include <string.h>
#include <sys/mman.h>

bool
shm_create(Shmem *shm, int nslots)
{
	size_t		size = (size_t) nslots * sizeof(BackendSlot);
	void	   *p;

	shm->nslots = 0;
	shm->slots = NULL;
	if (nslots <= 0)
		return false;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	memset(p, 0, size);
	shm->slots = p;
	shm->nslots = nslots;
	return true;
}

void
shm_destroy(Shmem *shm)
{
	if (shm->slots != NULL)
		munmap(shm->slots, (size_t) shm->nslots * sizeof(BackendSlot));
	shm->slots = NULL;
	shm->nslots = 0;
}

void
shm_slot_publish(Shmem *shm, int i, pid_t pid, const uint8_t *key)
{
	BackendSlot *slot = &shm->slots[i];

	memcpy(slot->cancel_key, key, SHM_CANCEL_KEY_LEN);
	slot->backend_start = 0;
	slot->client_addr[0] = '\0';
	slot->query[0] = '\0';
	atomic_store(&slot->activity, BACKEND_STARTING);
	/* the pid last: a lookup that sees it sees the key */
	atomic_store(&slot->pid, (int32_t) pid);
}

void
shm_slot_release(Shmem *shm, int i)
{
	BackendSlot *slot = &shm->slots[i];

	atomic_store(&slot->pid, 0);
	memset(slot->cancel_key, 0, SHM_CANCEL_KEY_LEN);
	slot->query[0] = '\0';
}

/* Equal in time that depends only on len, never on where they differ. */
static bool
timingsafe_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
	volatile uint8_t diff = 0;

	for (size_t i = 0; i < len; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

bool
shm_cancel_lookup(const Shmem *shm, pid_t pid, const uint8_t *key, size_t keylen)
{
	bool		found = false;

	if (pid <= 0 || keylen != SHM_CANCEL_KEY_LEN)
		return false;
	for (int i = 0; i < shm->nslots; i++)
	{
		BackendSlot *slot = &shm->slots[i];

		if (atomic_load(&slot->pid) == (int32_t) pid &&
			timingsafe_equal(slot->cancel_key, key, SHM_CANCEL_KEY_LEN))
			found = true;
	}
	return found;
}

bool
shm_is_backend(const Shmem *shm, pid_t pid)
{
	if (pid <= 0)
		return false;
	for (int i = 0; i < shm->nslots; i++)
	{
		if (atomic_load(&shm->slots[i].pid) == (int32_t) pid)
			return true;
	}
	return false;
}

void
shm_set_activity(BackendSlot *slot, BackendActivity activity, const char *query, size_t query_len)
{
	if (slot == NULL)
		return;
	if (query != NULL)
	{
		size_t		n = Min(query_len, sizeof(slot->query) - 1);

		memcpy(slot->query, query, n);
		slot->query[n] = '\0';
	}
	atomic_store(&slot->activity, (int) activity);
}
