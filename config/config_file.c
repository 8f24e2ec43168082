/*
 * config_file.c
 *		Settings from outside: the YAML file (pgwire.yaml) and -c overrides.
 *
 * Owns: the file's shape -- one YAML mapping of parameter names to scalars,
 * or to sequences of scalars for list parameters -- and the error lines
 * ("path:line: message", "-c name=value: message"). Both sources share the
 * same rules: unknown names and read-only parameters are errors, values go
 * through config_set(). Loading keeps going after a bad entry so the user
 * sees every problem at once; only a YAML syntax error stops it.
 */
#include "config/config.h"

#include "config/yaml_file.h"

#include <stdlib.h>
#include <string.h>

/* One file being read. */
typedef struct Loader
{
	YamlFile	file;
	Config	   *cfg;
	bool	   *seen;			/* per parameter: already set by this file */
} Loader;

/* ---- rules shared by the file and -c ---- */

/* The parameter called name, if it exists and may be set from outside. */
static const ConfigParam *
settable_param(const char *name, PgError *err)
{
	const ConfigParam *p = config_lookup(name);

	if (p == NULL)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_OBJECT,
				  "unrecognized configuration parameter \"%s\"", name);
		return NULL;
	}
	if (p->context == PARAM_INTERNAL)
	{
		pgerr_set(err, ERRCODE_CANT_CHANGE_RUNTIME_PARAM,
				  "parameter \"%s\" cannot be changed", p->name);
		return NULL;
	}
	return p;
}

static size_t
param_index(const ConfigParam *p)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		if (config_param_at(i) == p)
			return i;
	}
	return 0;
}

/* ---- reporting ---- */

#define report(ld, line, ...) yaml_file_report(&(ld)->file, (line), __VA_ARGS__)

/* ---- values ---- */

/* A scalar's text: null is the empty string; NUL bytes are refused. */
static bool
scalar_text(Loader *ld, const ConfigParam *p, const yaml_node_t *node, Buf *text)
{
	const char *v = yaml_scalar_text(node);

	if (v == NULL)
	{
		report(ld, yaml_node_line(node), "invalid value for parameter \"%s\": contains a zero byte",
			   p->name);
		return false;
	}
	if (!yaml_scalar_is_null(node))
		buf_append_str(text, v);
	return true;
}

/* A sequence of scalars, joined with ", ", for list parameters only. */
static bool
sequence_text(Loader *ld, const ConfigParam *p, const yaml_node_t *node, Buf *text)
{
	if (!(p->flags & PARAM_LIST))
	{
		report(ld, yaml_node_line(node), "parameter \"%s\" does not accept a list", p->name);
		return false;
	}
	for (yaml_node_item_t *item = node->data.sequence.items.start;
		 item < node->data.sequence.items.top; item++)
	{
		const yaml_node_t *elem = yaml_file_node(&ld->file, *item);

		if (elem->type != YAML_SCALAR_NODE)
		{
			report(ld, yaml_node_line(elem), "list for parameter \"%s\" may only hold scalars",
				   p->name);
			return false;
		}
		if (item > node->data.sequence.items.start)
			buf_append_str(text, ", ");
		if (!scalar_text(ld, p, elem, text))
			return false;
	}
	return true;
}

/* The text of p's value node; false if a problem was reported. */
static bool
value_text(Loader *ld, const ConfigParam *p, const yaml_node_t *node, Buf *text)
{
	switch (node->type)
	{
		case YAML_SCALAR_NODE:
			return scalar_text(ld, p, node, text);
		case YAML_SEQUENCE_NODE:
			return sequence_text(ld, p, node, text);
		case YAML_MAPPING_NODE:
			report(ld, yaml_node_line(node), "parameter \"%s\" cannot be a nested mapping", p->name);
			return false;
		case YAML_NO_NODE:
			break;
	}
	report(ld, yaml_node_line(node), "parameter \"%s\" has no value", p->name);
	return false;
}

/* ---- the file's structure ---- */

/* One "name: value" pair of the top mapping. */
static void
load_entry(Loader *ld, const yaml_node_t *key, const yaml_node_t *value)
{
	const ConfigParam *p;
	PgError		err;
	Buf			text;

	if (key->type != YAML_SCALAR_NODE)
	{
		report(ld, yaml_node_line(key), "parameter names must be plain text");
		return;
	}
	p = settable_param((const char *) key->data.scalar.value, &err);
	if (p == NULL)
	{
		report(ld, yaml_node_line(key), "%s", err.message);
		return;
	}
	if (ld->seen[param_index(p)])
	{
		report(ld, yaml_node_line(key), "parameter \"%s\" specified more than once", p->name);
		return;
	}
	ld->seen[param_index(p)] = true;
	buf_init(&text);
	if (value_text(ld, p, value, &text))
	{
		if (buf_failed(&text))
			report(ld, yaml_node_line(value), "out of memory");
		else if (!config_set(ld->cfg, p, text.data ? text.data : "", &err))
			report(ld, yaml_node_line(value), "%s", err.message);
	}
	buf_free(&text);
}

/* A document: a mapping of names to values, or nothing at all. */
static void
load_document(Loader *ld)
{
	const yaml_node_t *root = yaml_file_root(&ld->file);

	if (root == NULL)
		return;
	if (root->type != YAML_MAPPING_NODE)
	{
		report(ld, yaml_node_line(root),
			   "configuration file must be a mapping of parameter names to values");
		return;
	}
	for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
		 pair < root->data.mapping.pairs.top; pair++)
		load_entry(ld, yaml_file_node(&ld->file, pair->key),
				   yaml_file_node(&ld->file, pair->value));
}

bool
config_load_file(Config *cfg, const char *path, Buf *errors)
{
	Loader		ld;
	bool		ok;

	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	ld.seen = calloc(config_param_count(), sizeof(bool));
	if (ld.seen == NULL)
	{
		buf_appendf(errors, "%s: out of memory\n", path);
		return false;
	}
	if (yaml_file_load(&ld.file, path, "configuration file", errors))
		load_document(&ld);
	ok = ld.file.ok;
	yaml_file_free(&ld.file);
	free(ld.seen);
	return ok;
}

/* ---- -c name=value ---- */

/* Apply one "name=value"; the message on failure goes into err. */
static bool
apply_override(Config *cfg, const char *entry, PgError *err)
{
	const char *eq = strchr(entry, '=');
	const ConfigParam *p;
	char	   *name;

	if (eq == NULL)
	{
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "option must have the form name=value");
		return false;
	}
	name = strndup(entry, (size_t) (eq - entry));
	if (name == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (char *s = name; *s != '\0'; s++)
	{
		if (*s == '-')
			*s = '_';			/* as PostgreSQL: -c log-connections=on */
	}
	p = settable_param(name, err);
	free(name);
	return p != NULL && config_set(cfg, p, eq + 1, err);
}

bool
config_apply_overrides(Config *cfg, char *const *overrides, int count, Buf *errors)
{
	bool		ok = true;

	for (int i = 0; i < count; i++)
	{
		PgError		err;

		if (!apply_override(cfg, overrides[i], &err))
		{
			buf_appendf(errors, "-c %s: %s\n", overrides[i], err.message);
			ok = false;
		}
	}
	return ok;
}
