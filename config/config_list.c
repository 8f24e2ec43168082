/*
 * config_list.c
 *		Reading the items of a list-valued setting (PARAM_LIST):
 *		listen_addresses, unix_socket_directories, superusers, ...
 *
 * Items are separated by commas; blanks around them are ignored, empty
 * items skipped, as PostgreSQL's SplitIdentifierString does for unquoted
 * items. Nothing here allocates.
 */
#include "config/config.h"

#include <string.h>

int
config_list_foreach(const char *list, void (*fn) (const char *item, void *arg), void *arg)
{
	const char *p = list;
	int			n = 0;

	while (*p)
	{
		const char *start;
		const char *end;
		char		item[1024];
		size_t		len;

		while (*p == ' ' || *p == ',')
			p++;
		start = p;
		while (*p && *p != ',')
			p++;
		end = p;
		while (end > start && end[-1] == ' ')
			end--;
		len = (size_t) (end - start);
		if (len == 0 || len >= sizeof(item))
			continue;
		memcpy(item, start, len);
		item[len] = '\0';
		fn(item, arg);
		n++;
	}
	return n;
}

typedef struct ContainsArg
{
	const char *wanted;
	bool		found;
} ContainsArg;

static void
check_item(const char *item, void *arg)
{
	ContainsArg *c = arg;

	c->found |= strcmp(item, c->wanted) == 0;
}

bool
config_list_contains(const char *list, const char *item)
{
	ContainsArg c = {.wanted = item,.found = false};

	(void) config_list_foreach(list, check_item, &c);
	return c.found;
}
