/*
 * hba.c
 *		pg_hba.yaml: loading the rules and matching a connection.
 *
 * Owns: the rule file's format (a YAML sequence of mappings with type,
 * database, user, address, method) and the first-match semantics of
 * PostgreSQL's hba.c. Loading reports every problem it finds, one line
 * each, and then yields no rules at all: a half-read file never decides
 * who gets in. Keywords (all, sameuser) count only as plain YAML scalars;
 * quoted, they are names, as quoting works in pg_hba.conf.
 */
#include "config/hba.h"

#include "config/yaml_file.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
	[HBA_LOCAL] = "local", [HBA_HOST] = "host", [HBA_HOSTSSL] = "hostssl", [HBA_HOSTNOSSL] = "hostnossl",
};

static const char *const method_names[] = {
	[HBA_TRUST] = "trust", [HBA_REJECT] = "reject", [HBA_SCRAM] = "scram-sha-256",
	[HBA_PASSWORD] = "password", [HBA_CERT] = "cert",
};

const char *
hba_method_name(HbaMethod method)
{
	return method_names[method];
}

/* ---- loading ---- */

typedef struct RuleParse
{
	YamlFile   *file;
	HbaRule    *rule;
	bool		seen_type,
				type_ok,
				seen_database,
				seen_user,
				seen_address,
				seen_method;
} RuleParse;

static bool
is_plain(const yaml_node_t *node)
{
	return node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* A scalar's text; reports and returns NULL for anything else. */
static const char *
scalar(RuleParse *rp, const yaml_node_t *node, const char *key)
{
	const char *v;

	if (node->type != YAML_SCALAR_NODE || (v = yaml_scalar_text(node)) == NULL || v[0] == '\0')
	{
		yaml_file_report(rp->file, yaml_node_line(node), "\"%s\" must be a non-empty text", key);
		return NULL;
	}
	return v;
}

static bool
lookup_word(const char *const *names, size_t n, const char *word, int *out)
{
	for (size_t i = 0; i < n; i++)
	{
		if (strcmp(word, names[i]) == 0)
		{
			*out = (int) i;
			return true;
		}
	}
	return false;
}

/* One name of a database or user list; keywords only when unquoted. */
static void
add_name(RuleParse *rp, size_t line, Buf *list, bool *all, const char *name, size_t len, bool plain,
		 bool database)
{
	if (len == 0)
	{
		yaml_file_report(rp->file, line, "empty name in %s list", database ? "database" : "user");
		return;
	}
	if (plain && len == 3 && strncmp(name, "all", 3) == 0)
	{
		*all = true;
		return;
	}
	if (plain && database && len == 8 && strncmp(name, "sameuser", 8) == 0)
	{
		rp->rule->same_user = true;
		return;
	}
	if (plain && ((database && ((len == 7 && strncmp(name, "samerole", 7) == 0) ||
								(len == 9 && strncmp(name, "samegroup", 9) == 0) ||
								(len == 11 && strncmp(name, "replication", 11) == 0))) ||
				  (!database && name[0] == '+') || name[0] == '@'))
	{
		yaml_file_report(rp->file, line, "\"%.*s\" is not supported by pgwire", (int) len, name);
		return;
	}
	buf_append(list, name, len);
	buf_append_byte(list, '\0');
}

/* "a, b" or [a, b] into a NUL-separated list; NULL list = all. */
static void
load_names(RuleParse *rp, const yaml_node_t *node, const char *key, char **out)
{
	bool		database = strcmp(key, "database") == 0;
	bool		all = false;
	Buf			list;

	buf_init(&list);
	if (node->type == YAML_SEQUENCE_NODE)
	{
		for (yaml_node_item_t *item = node->data.sequence.items.start;
			 item < node->data.sequence.items.top; item++)
		{
			const yaml_node_t *elem = yaml_file_node(rp->file, *item);
			const char *v = scalar(rp, elem, key);

			if (v)
				add_name(rp, yaml_node_line(elem), &list, &all, v, strlen(v), is_plain(elem), database);
		}
	}
	else
	{
		const char *v = scalar(rp, node, key);

		/* a scalar is a comma-separated list, spaces around names ignored */
		while (v != NULL)
		{
			const char *comma = strchr(v, ',');
			size_t		len = comma ? (size_t) (comma - v) : strlen(v);
			const char *start = v;

			while (len > 0 && (*start == ' ' || *start == '\t'))
				start++, len--;
			while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
				len--;
			add_name(rp, yaml_node_line(node), &list, &all, start, len, is_plain(node), database);
			v = comma ? comma + 1 : NULL;
		}
	}
	buf_append_byte(&list, '\0');
	if (buf_failed(&list))
		yaml_file_report(rp->file, yaml_node_line(node), "out of memory");
	if (all || buf_failed(&list))
	{
		buf_free(&list);
		*out = NULL;
		return;
	}
	*out = list.data;			/* only "sameuser": an empty list */
}

/* "all", an IP address, or an address with a CIDR mask length. */
static void
load_address(RuleParse *rp, const yaml_node_t *node)
{
	HbaRule    *r = rp->rule;
	const char *v = scalar(rp, node, "address");
	char		host[INET6_ADDRSTRLEN + 1];
	const char *slash;
	size_t		hlen;
	int			maxbits;
	char	   *end;
	long		bits;

	if (v == NULL)
		return;
	if (strcmp(v, "all") == 0 && is_plain(node))
	{
		r->any_address = true;
		return;
	}
	slash = strchr(v, '/');
	hlen = slash ? (size_t) (slash - v) : strlen(v);
	if (hlen >= sizeof(host))
		goto invalid;
	memcpy(host, v, hlen);
	host[hlen] = '\0';
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *) &r->addr)->sin_addr) == 1)
	{
		r->addr.ss_family = AF_INET;
		maxbits = 32;
	}
	else if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *) &r->addr)->sin6_addr) == 1)
	{
		r->addr.ss_family = AF_INET6;
		maxbits = 128;
	}
	else
		goto invalid;
	r->prefix = maxbits;		/* a bare address is that one host */
	if (slash == NULL)
		return;
	bits = strtol(slash + 1, &end, 10);
	if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || bits < 0 || bits > maxbits)
	{
		yaml_file_report(rp->file, yaml_node_line(node), "invalid CIDR mask in address \"%s\"", v);
		return;
	}
	r->prefix = (int) bits;
	return;

invalid:
	yaml_file_report(rp->file, yaml_node_line(node),
					 "invalid IP address \"%s\" (host names, samehost and samenet are not supported)", v);
}

static void
load_key(RuleParse *rp, const char *key, const yaml_node_t *value)
{
	HbaRule    *r = rp->rule;
	const char *v;
	int			word;

	if (strcmp(key, "type") == 0)
	{
		rp->seen_type = true;
		if ((v = scalar(rp, value, key)) == NULL)
			return;
		if ((rp->type_ok = lookup_word(type_names, lengthof(type_names), v, &word)))
			r->type = (HbaConnType) word;
		else
			yaml_file_report(rp->file, yaml_node_line(value),
							 "invalid connection type \"%s\" (local, host, hostssl, hostnossl)", v);
	}
	else if (strcmp(key, "database") == 0)
	{
		rp->seen_database = true;
		load_names(rp, value, key, &r->databases);
	}
	else if (strcmp(key, "user") == 0)
	{
		rp->seen_user = true;
		load_names(rp, value, key, &r->users);
	}
	else if (strcmp(key, "address") == 0)
	{
		rp->seen_address = true;
		load_address(rp, value);
	}
	else if (strcmp(key, "method") == 0)
	{
		rp->seen_method = true;
		if ((v = scalar(rp, value, key)) == NULL)
			return;
		if (strcmp(v, "md5") == 0)
			r->method = HBA_SCRAM;	/* PostgreSQL does SCRAM for md5 rules when the secret is SCRAM */
		else if (lookup_word(method_names, lengthof(method_names), v, &word))
			r->method = (HbaMethod) word;
		else
			yaml_file_report(rp->file, yaml_node_line(value),
							 "invalid authentication method \"%s\" "
							 "(trust, reject, scram-sha-256, md5, password, cert)", v);
	}
	else
		yaml_file_report(rp->file, yaml_node_line(value), "unknown key \"%s\" in hba rule", key);
}

/* The checks that need the whole rule. */
static void
check_rule(RuleParse *rp, size_t line)
{
	HbaRule    *r = rp->rule;

	if (!rp->seen_type || !rp->seen_database || !rp->seen_user || !rp->seen_method)
		yaml_file_report(rp->file, line, "hba rule needs type, database, user and method");
	if (!rp->type_ok)
		return;
	if (r->type == HBA_LOCAL && rp->seen_address)
		yaml_file_report(rp->file, line, "a local rule has no address");
	else if (r->type == HBA_LOCAL)
		r->any_address = true;
	else if (!rp->seen_address)
		yaml_file_report(rp->file, line, "a %s rule needs an address", type_names[r->type]);
	if (r->method == HBA_CERT && r->type != HBA_HOSTSSL)
		yaml_file_report(rp->file, line, "cert authentication is only supported on hostssl connections");
}

static void
load_rule(YamlFile *f, const yaml_node_t *node, HbaRule *rule)
{
	RuleParse	rp = {.file = f,.rule = rule};

	memset(rule, 0, sizeof(*rule));
	rule->line = (int) yaml_node_line(node);
	if (node->type != YAML_MAPPING_NODE)
	{
		yaml_file_report(f, yaml_node_line(node), "an hba rule must be a mapping (type, database, user, address, method)");
		return;
	}
	for (yaml_node_pair_t *pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++)
	{
		const yaml_node_t *key = yaml_file_node(f, pair->key);
		const char *k = key->type == YAML_SCALAR_NODE ? yaml_scalar_text(key) : NULL;

		if (k == NULL)
			yaml_file_report(f, yaml_node_line(key), "hba rule keys must be plain text");
		else
			load_key(&rp, k, yaml_file_node(f, pair->value));
	}
	check_rule(&rp, yaml_node_line(node));
}

static void
free_rule(HbaRule *r)
{
	free(r->databases);
	free(r->users);
	r->databases = r->users = NULL;
}

void
hba_free(HbaRules *rules)
{
	for (int i = 0; i < rules->count; i++)
		free_rule(&rules->rules[i]);
	free(rules->rules);
	rules->rules = NULL;
	rules->count = 0;
}

HbaLoadResult
hba_load(HbaRules *out, const char *path, Buf *errors)
{
	YamlFile	f;
	const yaml_node_t *root;
	HbaLoadResult result = HBA_INVALID;

	memset(out, 0, sizeof(*out));
	if (!yaml_file_load(&f, path, "hba file", errors))
	{
		yaml_file_free(&f);
		return f.open_errno == ENOENT ? HBA_MISSING : HBA_INVALID;
	}
	root = yaml_file_root(&f);
	if (root != NULL && root->type != YAML_SEQUENCE_NODE)
		yaml_file_report(&f, yaml_node_line(root), "hba file must be a sequence of rules");
	else if (root != NULL)
	{
		size_t		n = (size_t) (root->data.sequence.items.top - root->data.sequence.items.start);

		out->rules = calloc(n ? n : 1, sizeof(HbaRule));
		if (out->rules == NULL)
			yaml_file_report(&f, 1, "out of memory");
		for (size_t i = 0; out->rules != NULL && i < n; i++)
		{
			load_rule(&f, yaml_file_node(&f, root->data.sequence.items.start[i]), &out->rules[i]);
			out->count++;
		}
	}
	if (f.ok)
		result = HBA_LOADED;
	else
		hba_free(out);
	yaml_file_free(&f);
	return result;
}

/* ---- matching ---- */

static bool
name_listed(const char *list, const char *name)
{
	for (const char *p = list; *p != '\0'; p += strlen(p) + 1)
	{
		if (strcmp(p, name) == 0)
			return true;
	}
	return false;
}

/* Do the first bits of two addresses agree? */
static bool
prefix_matches(const uint8_t *a, const uint8_t *b, int bits)
{
	int			bytes = bits / 8;
	int			rest = bits % 8;

	if (memcmp(a, b, (size_t) bytes) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a[bytes] ^ b[bytes]) & (uint8_t) (0xff << (8 - rest))) == 0;
}

static bool
address_matches(const HbaRule *r, const struct sockaddr *addr)
{
	const uint8_t *client;
	const uint8_t *net;

	if (r->any_address)
		return true;
	if (addr == NULL)
		return false;
	if (r->addr.ss_family == AF_INET)
	{
		net = (const uint8_t *) &((const struct sockaddr_in *) &r->addr)->sin_addr;
		if (addr->sa_family == AF_INET)
			client = (const uint8_t *) &((const struct sockaddr_in *) addr)->sin_addr;
		else if (addr->sa_family == AF_INET6 &&
				 IN6_IS_ADDR_V4MAPPED(&((const struct sockaddr_in6 *) addr)->sin6_addr))
			client = (const uint8_t *) &((const struct sockaddr_in6 *) addr)->sin6_addr + 12;
		else
			return false;
		return prefix_matches(client, net, r->prefix);
	}
	if (addr->sa_family != AF_INET6)
		return false;
	net = (const uint8_t *) &((const struct sockaddr_in6 *) &r->addr)->sin6_addr;
	client = (const uint8_t *) &((const struct sockaddr_in6 *) addr)->sin6_addr;
	return prefix_matches(client, net, r->prefix);
}

static bool
type_matches(const HbaRule *r, const HbaClient *c)
{
	switch (r->type)
	{
		case HBA_LOCAL:
			return c->is_unix;
		case HBA_HOST:
			return !c->is_unix;
		case HBA_HOSTSSL:
			return !c->is_unix && c->ssl;
		case HBA_HOSTNOSSL:
			return !c->is_unix && !c->ssl;
	}
	return false;
}

const HbaRule *
hba_match(const HbaRules *rules, const HbaClient *c)
{
	for (int i = 0; i < rules->count; i++)
	{
		const HbaRule *r = &rules->rules[i];

		if (!type_matches(r, c) || (!c->is_unix && !address_matches(r, c->addr)))
			continue;
		if (r->databases != NULL && !(r->same_user && strcmp(c->database, c->user) == 0) &&
			!name_listed(r->databases, c->database))
			continue;
		if (r->users != NULL && !name_listed(r->users, c->user))
			continue;
		return r;
	}
	return NULL;
}
