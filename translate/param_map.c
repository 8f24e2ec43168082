/*
 * param_map.c
 *		The parameters of an extended-protocol statement: which client
 *		parameter ($n) each ODBC ? marker stands for, and the types the
 *		statement's text gives them ($1::int4).
 *
 * Owns: ParamMap, filled by the rewriter as it turns $n into ?.
 */
#include "translate/xl_internal.h"

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
	xl_params_init(map);
}

/* Make room for parameters up to $n in types[]. */
static bool
grow_types(ParamMap *map, int n)
{
	uint32_t   *types;
	int			cap = Max(8, map->types_cap);

	if (n <= map->types_cap)
		return true;
	while (cap < n)
		cap *= 2;
	types = realloc(map->types, (size_t) cap * sizeof(uint32_t));
	if (types == NULL)
		return false;
	memset(types + map->types_cap, 0, (size_t) (cap - map->types_cap) * sizeof(uint32_t));
	map->types = types;
	map->types_cap = cap;
	return true;
}

bool
xl_params_add(ParamMap *map, int n, uint32_t type_oid)
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
	map->max_param = Max(map->max_param, n);
	if (type_oid != 0 && map->types[n - 1] == 0)
		map->types[n - 1] = type_oid;
	return true;
}

uint32_t
xl_params_type(const ParamMap *map, int n)
{
	return n >= 1 && n <= map->types_cap ? map->types[n - 1] : 0;
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
