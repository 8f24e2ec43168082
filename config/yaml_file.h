/*
 * yaml_file.h
 *		Reading one YAML file of pgwire's (pgwire.yaml, pg_hba.yaml) into
 *		a document, with problems reported as "path:line: message".
 */
#ifndef PGW_YAML_FILE_H
#define PGW_YAML_FILE_H

#include "common/buf.h"

#include <yaml.h>

typedef struct YamlFile
{
	const char *path;
	const char *kind;			/* "configuration file", ... for messages */
	Buf		   *errors;			/* problems are appended here, one per line */
	yaml_document_t doc;
	bool		have_doc;
	bool		ok;				/* no problem reported so far */
	int			open_errno;		/* why the file could not be opened, or 0 */
} YamlFile;

/*
 * Read path: a stream of no document or exactly one. False if the file
 * could not be opened (f->open_errno says why) or is not valid YAML; the
 * problem is in errors either way. Call yaml_file_free() in every case.
 */
bool		yaml_file_load(YamlFile *f, const char *path, const char *kind, Buf *errors) PGW_MUSTCHECK;
void		yaml_file_free(YamlFile *f);

/* The root node; NULL for an empty file or a null document. */
const yaml_node_t *yaml_file_root(YamlFile *f);
const yaml_node_t *yaml_file_node(YamlFile *f, int index);

/* Append "path:line: message" and mark the file as not ok. */
void		yaml_file_report(YamlFile *f, size_t line, const char *fmt,...) PGW_PRINTF(3, 4);

/* 1-based line of a node. */
size_t		yaml_node_line(const yaml_node_t *node);

/* A plain ~, null or empty scalar (YAML's null). */
bool		yaml_scalar_is_null(const yaml_node_t *node);

/* A scalar's text, or NULL if it holds a zero byte. */
const char *yaml_scalar_text(const yaml_node_t *node);

#endif							/* PGW_YAML_FILE_H */
