/*
 * strmap.h
 *		A hash map from strings to pointers.
 *
 * Used for a session's named prepared statements and portals, of which
 * drivers and poolers can create thousands. The map copies and owns its
 * keys; it never owns the values (the caller frees them, e.g. while
 * iterating before strmap_free).
 */
#ifndef PGW_STRMAP_H
#define PGW_STRMAP_H

#include "common/base.h"

typedef struct StrMapEntry
{
	char	   *key;			/* owned; NULL = empty slot */
	void	   *value;
	uint32_t	hash;
} StrMapEntry;

typedef struct StrMap
{
	StrMapEntry *slots;
	size_t		cap;			/* power of two, or 0 */
	size_t		count;
	size_t		tombstones;
} StrMap;

void		strmap_init(StrMap *m);
void		strmap_free(StrMap *m);

void	   *strmap_get(const StrMap *m, const char *key);
/* Insert or replace; returns false on allocation failure (map unchanged). */
bool		strmap_put(StrMap *m, const char *key, void *value) PGW_MUSTCHECK;
/* Remove key; returns its value, or NULL if absent. */
void	   *strmap_remove(StrMap *m, const char *key);

/*
 * Iterate: start with *pos = 0; returns false when done. The map must not
 * change during iteration, except through strmap_clear afterwards.
 */
bool		strmap_next(const StrMap *m, size_t *pos, const char **key, void **value);

/* Remove every entry (values are not touched). */
void		strmap_clear(StrMap *m);

static inline size_t
strmap_count(const StrMap *m)
{
	return m->count;
}

#endif							/* PGW_STRMAP_H */
