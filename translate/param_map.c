/*
 * param_map.c
 *		The parameters of an extended-protocol statement: which client
 *		parameter ($n) each ODBC ? marker stands for, the types the
 *		statement's text gives them ($1::int4), and which it reads as
 *		vectors or holds as literals.
 *
 * Owns: ParamMap, filled by the rewriter as it turns $n into ? and by the
 * vector rule as it writes vectors. Never decides how a value is read:
 * the backend does, from what the map says.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdlib.h>
#include <string.h>

void
xl_params_init(ParamMap *map)
{
	memset(map, 0, sizeof(*map));
}

void
xl_params_free(ParamMap *map)
{
	free(map->markers);
	free(map->types);
	free(map->uses);
	free(map->dims);
	xl_params_init(map);
}

/* realloc an array of old elements of size bytes to cap, the new ones zero. */
static bool
grow_zeroed(void **array, size_t size, int old, int cap)
{
	char	   *p = realloc(*array, (size_t) cap * size);

	if (p == NULL)
		return false;
	memset(p + (size_t) old * size, 0, (size_t) (cap - old) * size);
	*array = p;
	return true;
}

/* Make room for parameters up to $n in types[], uses[] and dims[]. */
static bool
grow_types(ParamMap *map, int n)
{
	int			cap = Max(8, map->types_cap);

	if (n <= map->types_cap)
		return true;
	while (cap < n)
		cap *= 2;
	if (!grow_zeroed((void **) &map->types, sizeof(uint32_t), map->types_cap, cap) ||
		!grow_zeroed((void **) &map->uses, sizeof(uint8_t), map->types_cap, cap) ||
		!grow_zeroed((void **) &map->dims, sizeof(int32_t), map->types_cap, cap))
		return false;
	map->types_cap = cap;
	return true;
}

/* What is known of $n whatever its use: its type (the first the text gives), its dimensions. */
static void
note_param(ParamMap *map, int n, uint32_t type_oid, int32_t dims)
{
	map->max_param = Max(map->max_param, n);
	if (type_oid != 0 && map->types[n - 1] == 0)
		map->types[n - 1] = type_oid;
	if (dims > 0 && map->dims[n - 1] == 0)
		map->dims[n - 1] = dims;
}

/* Append a ? marker for $n. */
static bool
add_marker(ParamMap *map, int n)
{
	if (map->count == map->cap)
	{
		size_t		cap = map->cap ? map->cap * 2 : 8;
		int		   *markers = realloc(map->markers, cap * sizeof(int));

		if (markers == NULL)
			return false;
		map->markers = markers;
		map->cap = cap;
	}
	if (!grow_types(map, n))
		return false;
	map->markers[map->count++] = n;
	return true;
}

bool
xl_params_add(ParamMap *map, int n, uint32_t type_oid)
{
	if (!add_marker(map, n))
		return false;
	map->uses_before = map->uses[n - 1];
	map->uses[n - 1] |= XL_PARAM_PLAIN;
	note_param(map, n, type_oid, 0);
	return true;
}

void
xl_params_mark_vector(ParamMap *map, int n, int32_t dims)
{
	/* only right after its marker was added: that marker is no plain one */
	if (map->count == 0 || map->markers[map->count - 1] != n)
		return;
	map->uses[n - 1] = map->uses_before | XL_PARAM_VECTOR;
	note_param(map, n, VECTOROID, dims);
}

bool
xl_params_add_inlined(ParamMap *map, int n, int32_t dims)
{
	if (!grow_types(map, n))
		return false;
	map->uses[n - 1] |= XL_PARAM_VECTOR | XL_PARAM_INLINED;
	note_param(map, n, VECTOROID, dims);
	return true;
}

bool
xl_params_append(ParamMap *into, const ParamMap *from)
{
	if (!grow_types(into, from->max_param))
		return false;
	for (size_t k = 0; k < from->count; k++)
	{
		if (!add_marker(into, from->markers[k]))
			return false;
	}
	for (int n = 1; n <= from->max_param; n++)
	{
		into->uses[n - 1] |= from->uses[n - 1];
		note_param(into, n, from->types[n - 1], from->dims[n - 1]);
	}
	return true;
}

uint32_t
xl_params_type(const ParamMap *map, int n)
{
	return n >= 1 && n <= map->types_cap ? map->types[n - 1] : 0;
}

uint8_t
xl_params_uses(const ParamMap *map, int n)
{
	return n >= 1 && n <= map->types_cap ? map->uses[n - 1] : 0;
}

bool
xl_params_any_vector(const ParamMap *map)
{
	for (int n = 1; n <= map->max_param; n++)
	{
		if (xl_params_uses(map, n) & XL_PARAM_VECTOR)
			return true;
	}
	return false;
}

int32_t
xl_params_dims(const ParamMap *map, int n)
{
	return n >= 1 && n <= map->types_cap ? map->dims[n - 1] : 0;
}

int
xl_params_first_marker(const ParamMap *map, int n)
{
	for (size_t k = 0; k < map->count; k++)
	{
		if (map->markers[k] == n)
			return (int) k + 1;
	}
	return 0;
}
