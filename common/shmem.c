/*
 * shmem.c
 *		The shared-memory table of backends (see shmem.h).
 *
 * Owns: the segment (created by the postmaster, named after its pid, 0600,
 * removed at shutdown; a crashed server's is removed when a server with
 * the same pid starts) and the few operations on its table.
 */
#include "common/shmem.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void
shm_name_for(pid_t postmaster_pid, char *name, size_t size)
{
	snprintf(name, size, "/pgwire.%d", (int) postmaster_pid);
}

/* Map size bytes of the open segment fd. */
static bool
map_segment(Shmem *shm, int fd, size_t size, int prot)
{
	void	   *p = mmap(NULL, size, prot, MAP_SHARED, fd, 0);

	close(fd);
	if (p == MAP_FAILED)
		return false;
	shm->base = p;
	shm->size = size;
	shm->slots = (BackendSlot *) ((char *) p + sizeof(ShmemHeader));
	return true;
}

bool
shm_create(Shmem *shm, const char *name, int nslots)
{
	size_t		size = sizeof(ShmemHeader) + (size_t) nslots * sizeof(BackendSlot);
	ShmemHeader *hdr;
	int			fd;

	memset(shm, 0, sizeof(*shm));
	if (nslots <= 0)
		return false;
	(void) shm_unlink(name);	/* a crashed server's, with our pid */
	fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	if (ftruncate(fd, (off_t) size) != 0 || !map_segment(shm, fd, size, PROT_READ | PROT_WRITE))
	{
		if (shm->base == NULL)
			close(fd);
		(void) shm_unlink(name);
		return false;
	}
	memset(shm->base, 0, size);
	hdr = shm->base;
	hdr->nslots = nslots;
	hdr->magic = SHM_MAGIC;
	shm->nslots = nslots;
	snprintf(shm->name, sizeof(shm->name), "%s", name);
	return true;
}

bool
shm_attach(Shmem *shm, const char *name)
{
	struct stat st;
	const ShmemHeader *hdr;
	int			fd;

	memset(shm, 0, sizeof(*shm));
	fd = shm_open(name, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || (size_t) st.st_size < sizeof(ShmemHeader) ||
		!map_segment(shm, fd, (size_t) st.st_size, PROT_READ))
	{
		if (shm->base == NULL)
			close(fd);
		return false;
	}
	hdr = shm->base;
	if (hdr->magic != SHM_MAGIC || hdr->nslots <= 0 ||
		sizeof(ShmemHeader) + (size_t) hdr->nslots * sizeof(BackendSlot) > shm->size)
	{
		shm_destroy(shm);
		return false;
	}
	shm->nslots = hdr->nslots;
	return true;
}

void
shm_destroy(Shmem *shm)
{
	if (shm->base != NULL)
		munmap(shm->base, shm->size);
	if (shm->name[0] != '\0')
		(void) shm_unlink(shm->name);
	memset(shm, 0, sizeof(*shm));
}

const char *
shm_activity_name(int activity)
{
	switch (activity)
	{
		case BACKEND_STARTING:
			return "starting";
		case BACKEND_IDLE:
			return "idle";
		case BACKEND_ACTIVE:
			return "active";
		case BACKEND_IDLE_IN_XACT:
			return "idle in transaction";
		case BACKEND_IDLE_IN_XACT_ABORTED:
			return "idle in transaction (aborted)";
	}
	return "unknown";
}

void
shm_slot_publish(Shmem *shm, int i, pid_t pid, const uint8_t *key)
{
	BackendSlot *slot = &shm->slots[i];

	memcpy(slot->cancel_key, key, SHM_CANCEL_KEY_LEN);
	atomic_store(&slot->key_len, SHM_CANCEL_KEY_LEN_30);
	slot->backend_start = 0;
	atomic_store(&slot->xact_start, 0);
	atomic_store(&slot->query_start, 0);
	atomic_store(&slot->superuser, false);
	slot->client_addr[0] = '\0';
	slot->user[0] = '\0';
	slot->database[0] = '\0';
	slot->ssl_version[0] = '\0';
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

	if (pid <= 0 || (keylen != SHM_CANCEL_KEY_LEN && keylen != SHM_CANCEL_KEY_LEN_30))
		return false;
	for (int i = 0; i < shm->nslots; i++)
	{
		BackendSlot *slot = &shm->slots[i];

		if (atomic_load(&slot->pid) == (int32_t) pid &&
			atomic_load(&slot->key_len) == (int) keylen &&
			timingsafe_equal(slot->cancel_key, key, keylen))
			found = true;
	}
	return found;
}

const BackendSlot *
shm_find_backend(const Shmem *shm, pid_t pid)
{
	if (pid <= 0)
		return NULL;
	for (int i = 0; i < shm->nslots; i++)
	{
		if (atomic_load(&shm->slots[i].pid) == (int32_t) pid)
			return &shm->slots[i];
	}
	return NULL;
}

void
shm_set_key_length(BackendSlot *slot, int len)
{
	if (slot != NULL)
		atomic_store(&slot->key_len, len);
}

void
shm_set_session(BackendSlot *slot, const char *client_addr, const char *user,
				const char *database, bool superuser, const char *ssl_version)
{
	if (slot == NULL)
		return;
	snprintf(slot->client_addr, sizeof(slot->client_addr), "%s", client_addr);
	snprintf(slot->user, sizeof(slot->user), "%s", user);
	snprintf(slot->database, sizeof(slot->database), "%s", database);
	atomic_store(&slot->superuser, superuser);
	snprintf(slot->ssl_version, sizeof(slot->ssl_version), "%s", ssl_version);
	slot->backend_start = (int64_t) time(NULL);
}

/* Now, in microseconds since the epoch. */
static int64_t
now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
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
	if (activity == BACKEND_ACTIVE && query != NULL)
	{
		int64_t		now = now_usec();

		atomic_store(&slot->query_start, now);
		if (atomic_load(&slot->xact_start) == 0)
			atomic_store(&slot->xact_start, now);
	}
	else if (activity == BACKEND_IDLE)
		atomic_store(&slot->xact_start, 0);
	atomic_store(&slot->activity, (int) activity);
}

uint64_t
shm_count_schema_change(const Shmem *shm)
{
	ShmemHeader *hdr = shm->base;

	return atomic_fetch_add(&hdr->schema_changes, 1);
}

uint64_t
shm_schema_changes(const Shmem *shm)
{
	const ShmemHeader *hdr = shm->base;

	return atomic_load(&hdr->schema_changes);
}
