/*
 * yaml_file.c
 *		One YAML file into one libyaml document, and the error lines.
 *
 * Owns: opening (a directory is refused here, not by the parser), the
 * single-document rule, libyaml's syntax errors turned into
 * "path:line: message", and the scalar helpers every file of pgwire's
 * needs. What the document means is the caller's business.
 */
#include "config/yaml_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void
yaml_file_report(YamlFile *f, size_t line, const char *fmt,...)
{
	va_list		ap;

	buf_appendf(f->errors, "%s:%zu: ", f->path, line);
	va_start(ap, fmt);
	buf_vappendf(f->errors, fmt, ap);
	va_end(ap);
	buf_append_byte(f->errors, '\n');
	f->ok = false;
}

size_t
yaml_node_line(const yaml_node_t *node)
{
	return node->start_mark.line + 1;
}

bool
yaml_scalar_is_null(const yaml_node_t *node)
{
	const char *v = (const char *) node->data.scalar.value;

	return node->type == YAML_SCALAR_NODE &&
		node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		(v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
		 strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

const char *
yaml_scalar_text(const yaml_node_t *node)
{
	const char *v = (const char *) node->data.scalar.value;

	return strlen(v) == node->data.scalar.length ? v : NULL;
}

/* libyaml's description of a syntax error, at the line of the problem. */
static void
report_yaml_error(YamlFile *f, const yaml_parser_t *parser)
{
	size_t		line = parser->problem_mark.line + 1;
	const char *problem = parser->problem ? parser->problem : "syntax error";

	if (parser->error == YAML_MEMORY_ERROR)
		yaml_file_report(f, line, "out of memory");
	else if (parser->context == NULL)
		yaml_file_report(f, line, "%s", problem);
	else if (parser->context_mark.line + 1 == line)
		yaml_file_report(f, line, "%s %s", problem, parser->context);
	else
		yaml_file_report(f, line, "%s %s that started on line %zu", problem, parser->context,
						 parser->context_mark.line + 1);
}

static FILE *
open_file(YamlFile *f)
{
	FILE	   *fp = fopen(f->path, "rb");
	struct stat st;

	if (fp != NULL && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode))
	{
		fclose(fp);
		fp = NULL;
		errno = EISDIR;
	}
	if (fp == NULL)
	{
		f->open_errno = errno;
		buf_appendf(f->errors, "%s: could not open %s: %s\n", f->path, f->kind, strerror(errno));
		f->ok = false;
	}
	return fp;
}

/* The first document into f->doc; a second non-empty one is an error. */
static bool
load_stream(YamlFile *f, yaml_parser_t *parser)
{
	yaml_document_t extra;

	if (!yaml_parser_load(parser, &f->doc))
	{
		report_yaml_error(f, parser);
		return false;
	}
	f->have_doc = true;
	if (!yaml_parser_load(parser, &extra))
	{
		report_yaml_error(f, parser);
		return false;
	}
	if (yaml_document_get_root_node(&extra) != NULL)
		yaml_file_report(f, extra.start_mark.line + 1, "%s must hold a single YAML document", f->kind);
	yaml_document_delete(&extra);
	return true;
}

bool
yaml_file_load(YamlFile *f, const char *path, const char *kind, Buf *errors)
{
	yaml_parser_t parser;
	FILE	   *fp;
	bool		ok;

	memset(f, 0, sizeof(*f));
	f->path = path;
	f->kind = kind;
	f->errors = errors;
	f->ok = true;
	if ((fp = open_file(f)) == NULL)
		return false;
	if (!yaml_parser_initialize(&parser))
	{
		buf_appendf(errors, "%s: out of memory\n", path);
		f->ok = false;
		fclose(fp);
		return false;
	}
	yaml_parser_set_input_file(&parser, fp);
	ok = load_stream(f, &parser);
	yaml_parser_delete(&parser);
	fclose(fp);
	return ok;
}

void
yaml_file_free(YamlFile *f)
{
	if (f->have_doc)
		yaml_document_delete(&f->doc);
	f->have_doc = false;
}

const yaml_node_t *
yaml_file_root(YamlFile *f)
{
	const yaml_node_t *root;

	if (!f->have_doc)
		return NULL;
	root = yaml_document_get_root_node(&f->doc);
	return root == NULL || yaml_scalar_is_null(root) ? NULL : root;
}

const yaml_node_t *
yaml_file_node(YamlFile *f, int index)
{
	return yaml_document_get_node(&f->doc, index);
}
