/*
 * strmap.c
 *		Open-addressing hash map from strings to pointers.
 *
 * Owns: the slot array and copies of the keys. Linear probing with
 * tombstones; the table doubles at 70% load (tombstones included), so
 * lookups stay short however many statements a pooler prepares.
 */
#include "common/strmap.h"

#include <stdlib.h>
#include <string.h>

#define STRMAP_MIN_CAP 16
#define TOMBSTONE ((char *) &tombstone_marker)

static const char tombstone_marker = 0;

/* FNV-1a */
static uint32_t
hash_string(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s; s++)
	{
		h ^= (uint8_t) *s;
		h *= 16777619u;
	}
	return h;
}

void
strmap_init(StrMap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_clear(StrMap *m)
{
	for (size_t i = 0; i < m->cap; i++)
	{
		if (m->slots[i].key != NULL && m->slots[i].key != TOMBSTONE)
			free(m->slots[i].key);
		m->slots[i].key = NULL;
	}
	m->count = 0;
	m->tombstones = 0;
}

void
strmap_free(StrMap *m)
{
	strmap_clear(m);
	free(m->slots);
	strmap_init(m);
}

/* Slot holding key, or NULL. */
static StrMapEntry *
find_slot(const StrMap *m, const char *key, uint32_t hash)
{
	if (m->cap == 0)
		return NULL;
	for (size_t i = hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
	{
		StrMapEntry *e = &m->slots[i];

		if (e->key == NULL)
			return NULL;
		if (e->key != TOMBSTONE && e->hash == hash && strcmp(e->key, key) == 0)
			return e;
	}
}

/*
 * Place an entry known to be absent into a table with free room. Only
 * empty slots are used: tombstones go away when the table is rehashed.
 */
static void
place(StrMapEntry *slots, size_t cap, char *key, void *value, uint32_t hash)
{
	size_t		i = hash & (cap - 1);

	while (slots[i].key != NULL)
		i = (i + 1) & (cap - 1);
	slots[i].key = key;
	slots[i].value = value;
	slots[i].hash = hash;
}

static bool
grow(StrMap *m)
{
	size_t		newcap = m->cap ? m->cap * 2 : STRMAP_MIN_CAP;
	StrMapEntry *slots;

	/* only tombstones to clear out: rehash at the same size */
	if (m->cap && (m->count + 1) * 10 < m->cap * 5)
		newcap = m->cap;
	slots = calloc(newcap, sizeof(StrMapEntry));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < m->cap; i++)
	{
		StrMapEntry *e = &m->slots[i];

		if (e->key != NULL && e->key != TOMBSTONE)
			place(slots, newcap, e->key, e->value, e->hash);
	}
	free(m->slots);
	m->slots = slots;
	m->cap = newcap;
	m->tombstones = 0;
	return true;
}

void *
strmap_get(const StrMap *m, const char *key)
{
	StrMapEntry *e = find_slot(m, key, hash_string(key));

	return e ? e->value : NULL;
}

bool
strmap_put(StrMap *m, const char *key, void *value)
{
	uint32_t	hash = hash_string(key);
	StrMapEntry *e = find_slot(m, key, hash);
	char	   *copy;

	if (e != NULL)
	{
		e->value = value;
		return true;
	}
	if ((m->count + m->tombstones + 1) * 10 > m->cap * 7 && !grow(m))
		return false;
	copy = strdup(key);
	if (copy == NULL)
		return false;
	place(m->slots, m->cap, copy, value, hash);
	m->count++;
	return true;
}

void *
strmap_remove(StrMap *m, const char *key)
{
	StrMapEntry *e = find_slot(m, key, hash_string(key));
	void	   *value;

	if (e == NULL)
		return NULL;
	value = e->value;
	free(e->key);
	e->key = TOMBSTONE;
	e->value = NULL;
	m->count--;
	m->tombstones++;
	return value;
}

bool
strmap_next(const StrMap *m, size_t *pos, const char **key, void **value)
{
	for (; *pos < m->cap; (*pos)++)
	{
		StrMapEntry *e = &m->slots[*pos];

		if (e->key != NULL && e->key != TOMBSTONE)
		{
			*key = e->key;
			*value = e->value;
			(*pos)++;
			return true;
		}
	}
	return false;
}
