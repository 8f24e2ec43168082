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

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

/* One file being read. */
typedef struct Loader
{
	const char *path;
	yaml_document_t *doc;
	Config	   *cfg;
	Buf		   *errors;
	bool	   *seen;			/* per parameter: already set by this file */
	bool		ok;				/* no problem reported so far */
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

static void
report(Loader *ld, size_t line, const char *fmt,...) PGW_PRINTF(3, 4);

static void
report(Loader *ld, size_t line, const char *fmt,...)
{
	va_list		ap;

	buf_appendf(ld->errors, "%s:%zu: ", ld->path, line);
	va_start(ap, fmt);
	buf_vappendf(ld->errors, fmt, ap);
	va_end(ap);
	buf_append_byte(ld->errors, '\n');
	ld->ok = false;
}

static size_t
node_line(const yaml_node_t *node)
{
	return node->start_mark.line + 1;
}

/* libyaml's description of a syntax error, at the line of the problem. */
static void
report_yaml_error(Loader *ld, const yaml_parser_t *parser)
{
	size_t		line = parser->problem_mark.line + 1;
	const char *problem = parser->problem ? parser->problem : "syntax error";

	if (parser->error == YAML_MEMORY_ERROR)
		report(ld, line, "out of memory");
	else if (parser->context == NULL)
		report(ld, line, "%s", problem);
	else if (parser->context_mark.line + 1 == line)
		report(ld, line, "%s %s", problem, parser->context);
	else
		report(ld, line, "%s %s that started on line %zu", problem, parser->context,
			   parser->context_mark.line + 1);
}

/* ---- values ---- */

/* A plain ~, null or empty scalar is YAML's null. */
static bool
is_null_scalar(const yaml_node_t *node)
{
	const char *v = (const char *) node->data.scalar.value;

	return node->type == YAML_SCALAR_NODE &&
		node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		(v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
		 strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

/* A scalar's text: null is the empty string; NUL bytes are refused. */
static bool
scalar_text(Loader *ld, const ConfigParam *p, const yaml_node_t *node, Buf *text)
{
	const char *v = (const char *) node->data.scalar.value;

	if (strlen(v) != node->data.scalar.length)
	{
		report(ld, node_line(node), "invalid value for parameter \"%s\": contains a zero byte",
			   p->name);
		return false;
	}
	if (!is_null_scalar(node))
		buf_append_str(text, v);
	return true;
}

/* A sequence of scalars, joined with ", ", for list parameters only. */
static bool
sequence_text(Loader *ld, const ConfigParam *p, const yaml_node_t *node, Buf *text)
{
	if (!(p->flags & PARAM_LIST))
	{
		report(ld, node_line(node), "parameter \"%s\" does not accept a list", p->name);
		return false;
	}
	for (yaml_node_item_t *item = node->data.sequence.items.start;
		 item < node->data.sequence.items.top; item++)
	{
		const yaml_node_t *elem = yaml_document_get_node(ld->doc, *item);

		if (elem->type != YAML_SCALAR_NODE)
		{
			report(ld, node_line(elem), "list for parameter \"%s\" may only hold scalars",
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
			report(ld, node_line(node), "parameter \"%s\" cannot be a nested mapping", p->name);
			return false;
		case YAML_NO_NODE:
			break;
	}
	report(ld, node_line(node), "parameter \"%s\" has no value", p->name);
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
		report(ld, node_line(key), "parameter names must be plain text");
		return;
	}
	p = settable_param((const char *) key->data.scalar.value, &err);
	if (p == NULL)
	{
		report(ld, node_line(key), "%s", err.message);
		return;
	}
	if (ld->seen[param_index(p)])
	{
		report(ld, node_line(key), "parameter \"%s\" specified more than once", p->name);
		return;
	}
	ld->seen[param_index(p)] = true;
	buf_init(&text);
	if (value_text(ld, p, value, &text))
	{
		if (buf_failed(&text))
			report(ld, node_line(value), "out of memory");
		else if (!config_set(ld->cfg, p, text.data ? text.data : "", &err))
			report(ld, node_line(value), "%s", err.message);
	}
	buf_free(&text);
}

/* A document: a mapping of names to values, or nothing at all. */
static void
load_document(Loader *ld)
{
	const yaml_node_t *root = yaml_document_get_root_node(ld->doc);

	if (root == NULL || is_null_scalar(root))
		return;
	if (root->type != YAML_MAPPING_NODE)
	{
		report(ld, node_line(root),
			   "configuration file must be a mapping of parameter names to values");
		return;
	}
	for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
		 pair < root->data.mapping.pairs.top; pair++)
		load_entry(ld, yaml_document_get_node(ld->doc, pair->key),
				   yaml_document_get_node(ld->doc, pair->value));
}

/* The stream: no document (empty file, only comments) or exactly one. */
static void
load_stream(Loader *ld, yaml_parser_t *parser)
{
	yaml_document_t doc;
	bool		empty;

	if (!yaml_parser_load(parser, &doc))
	{
		report_yaml_error(ld, parser);
		return;
	}
	ld->doc = &doc;
	load_document(ld);
	yaml_document_delete(&doc);
	if (!yaml_parser_load(parser, &doc))
	{
		report_yaml_error(ld, parser);
		return;
	}
	empty = yaml_document_get_root_node(&doc) == NULL;
	if (!empty)
		report(ld, doc.start_mark.line + 1,
			   "configuration file must hold a single YAML document");
	yaml_document_delete(&doc);
}

/* Open path for reading; a directory is refused here, not by the parser. */
static FILE *
open_file(const char *path, Buf *errors)
{
	FILE	   *f = fopen(path, "rb");
	struct stat st;

	if (f != NULL && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
	{
		fclose(f);
		f = NULL;
		errno = EISDIR;
	}
	if (f == NULL)
		buf_appendf(errors, "%s: could not open configuration file: %s\n", path, strerror(errno));
	return f;
}

bool
config_load_file(Config *cfg, const char *path, Buf *errors)
{
	Loader		ld;
	yaml_parser_t parser;
	FILE	   *f;

	if ((f = open_file(path, errors)) == NULL)
		return false;
	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.cfg = cfg;
	ld.errors = errors;
	ld.ok = true;
	ld.seen = calloc(config_param_count(), sizeof(bool));
	if (ld.seen == NULL || !yaml_parser_initialize(&parser))
	{
		buf_appendf(errors, "%s: out of memory\n", path);
		free(ld.seen);
		fclose(f);
		return false;
	}
	yaml_parser_set_input_file(&parser, f);
	load_stream(&ld, &parser);
	yaml_parser_delete(&parser);
	free(ld.seen);
	fclose(f);
	return ld.ok;
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
