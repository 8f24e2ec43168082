/*
 * translate.h
 *		PostgreSQL SQL in, target-dialect SQL out: splitting, classifying,
 *		parsing session commands and rewriting.
 *
 * translate/ is pure: text in, text out. No I/O, no globals, no ODBC. The
 * backend calls xl_split() once per Query message, then for each statement
 * either handles it itself (SET, SHOW, BEGIN, ... parsed with
 * xl_parse_session_cmd) or asks xl_rewrite() for the dialect's SQL.
 */
#ifndef PGW_XL_TRANSLATE_H
#define PGW_XL_TRANSLATE_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"
#include "config/config.h"
#include "translate/lexer.h"

typedef enum StmtKind
{
	STMT_SELECT,				/* SELECT, VALUES, TABLE, WITH ... SELECT */
	STMT_INSERT,
	STMT_UPDATE,
	STMT_DELETE,
	STMT_MERGE,
	STMT_DDL,					/* CREATE/ALTER/DROP/TRUNCATE/COMMENT/GRANT/REVOKE ... */
	STMT_BEGIN,					/* BEGIN, START TRANSACTION */
	STMT_COMMIT,				/* COMMIT, END */
	STMT_ROLLBACK,				/* ROLLBACK, ABORT (not ... TO) */
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_SET,					/* SET [SESSION|LOCAL] name ..., SET TIME ZONE, SET NAMES, SET SCHEMA */
	STMT_SET_TRANSACTION,		/* SET TRANSACTION ..., SET SESSION CHARACTERISTICS AS TRANSACTION ... */
	STMT_RESET,
	STMT_SHOW,
	STMT_DISCARD,
	STMT_COPY,
	STMT_PREPARE,				/* SQL-level PREPARE / EXECUTE / DEALLOCATE */
	STMT_EXECUTE,
	STMT_DEALLOCATE,
	STMT_CURSOR,				/* DECLARE, FETCH, MOVE, CLOSE */
	STMT_LISTEN,				/* LISTEN, UNLISTEN, NOTIFY */
	STMT_EXPLAIN,
	STMT_MAINTENANCE,			/* VACUUM, ANALYZE, CHECKPOINT, REINDEX, CLUSTER */
	STMT_SIGNAL_BACKEND,		/* SELECT pg_cancel_backend(pid) / pg_terminate_backend(pid) */
	STMT_SET_CONFIG,			/* SELECT set_config('name', 'value', is_local) */
	STMT_EXTENSION,				/* CREATE EXTENSION, DROP EXTENSION (name: the extension) */
	STMT_UNSUPPORTED,			/* PREPARE TRANSACTION, COMMIT PREPARED, LOCK, ... (tag says which) */
	STMT_OTHER					/* anything else: handed to the database as written */
} StmtKind;

/* How CommandComplete reports a row count for this statement. */
typedef enum TagCount
{
	TAG_NO_COUNT,				/* "CREATE TABLE", "BEGIN", "SET" */
	TAG_COUNT,					/* "SELECT 3", "UPDATE 2", "DELETE 0", "MERGE 1", "COPY 5" */
	TAG_INSERT_COUNT			/* "INSERT 0 5" */
} TagCount;

typedef struct Statement
{
	size_t		offset;			/* byte offset in the query string */
	size_t		len;			/* bytes, without the terminating ';' */
	size_t		first_token;	/* index into the TokenList */
	size_t		ntokens;		/* tokens of this statement, ';' excluded */
	StmtKind	kind;
	TagCount	tag_count;
	char		tag[48];		/* PostgreSQL's tag without count: "SELECT", "CREATE TABLE", "ROLLBACK" */
} Statement;

typedef struct StatementList
{
	TokenList	tokens;			/* all tokens of the query string */
	char	   *folded;			/* the query with ASCII letters in lower case */
	Statement  *stmts;
	size_t		count;
	size_t		cap;
} StatementList;

void		xl_statements_init(StatementList *list);
void		xl_statements_free(StatementList *list);

/*
 * Lex query[0..len), split it at top-level ';' and classify each statement.
 * Empty statements (only whitespace/comments between semicolons) are
 * dropped: a query of only ";;" yields count == 0 (the backend then sends
 * EmptyQueryResponse). Lexical errors fill err (with position) and return
 * false.
 */
bool		xl_split(const char *query, size_t len, StatementList *out, PgError *err) PGW_MUSTCHECK;

/* ---- session and transaction commands, parsed for the backend ---- */

typedef enum IsolationLevel
{
	ISO_DEFAULT,
	ISO_READ_UNCOMMITTED,
	ISO_READ_COMMITTED,
	ISO_REPEATABLE_READ,
	ISO_SERIALIZABLE
} IsolationLevel;

typedef struct TxnOptions
{
	IsolationLevel isolation;
	int			read_only;		/* -1 unspecified, 0 READ WRITE, 1 READ ONLY */
	int			deferrable;		/* -1 unspecified, 0 NOT DEFERRABLE, 1 DEFERRABLE */
} TxnOptions;

typedef struct SessionCmd
{
	StmtKind	kind;
	bool		is_local;		/* SET LOCAL */
	bool		is_all;			/* SHOW ALL, RESET ALL, DISCARD ALL */
	bool		is_default;		/* SET x TO DEFAULT, SET TIME ZONE LOCAL/DEFAULT */
	bool		if_exists;		/* EXTENSION: CREATE ... IF NOT EXISTS, DROP ... IF EXISTS */
	bool		and_chain;		/* COMMIT/ROLLBACK AND CHAIN */
	char		name[128];		/* parameter (canonical for special forms: "TimeZone",
								 * "client_encoding", "search_path",
								 * "transaction_isolation") or savepoint name, or
								 * DISCARD target ("PLANS", "TEMP", "SEQUENCES") */
	Buf			value;			/* SET: the value in GUC input form, list items joined
								 * with ", " (string constants decoded, identifiers
								 * down-cased unless quoted, numbers as written) */
	TxnOptions	txn;			/* BEGIN / START TRANSACTION / SET TRANSACTION */
	int64_t		pid;			/* SIGNAL_BACKEND: the process (name: the function) */
								/* SET_CONFIG: as SET [LOCAL] name = 'value' */
	int			pid_param;		/* SIGNAL_BACKEND: n when the pid is $n, else 0 */
	char		column[64];		/* SIGNAL_BACKEND, SET_CONFIG: the result column's name */
} SessionCmd;

void		xl_session_cmd_init(SessionCmd *cmd);
void		xl_session_cmd_free(SessionCmd *cmd);

/* Is kind one xl_parse_session_cmd() parses? */
bool		xl_is_session_cmd(StmtKind kind);

/*
 * Is a statement of this kind pgwire's own business, never sent to the
 * database: session commands, and the statements it answers or refuses
 * itself (DEALLOCATE, LISTEN, COPY, SQL-level PREPARE/EXECUTE, cursors,
 * PREPARE TRANSACTION ...)?
 */
bool		xl_is_local(StmtKind kind);

/*
 * Parse a statement of kind SET, SET_TRANSACTION, RESET, SHOW, DISCARD,
 * BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE or ROLLBACK_TO. Syntax errors
 * fill err (42601 with position); forms pgwire does not implement (SET ROLE,
 * SET SESSION AUTHORIZATION, ...) fill err with 0A000 naming them.
 */
bool		xl_parse_session_cmd(const char *query, const StatementList *list,
								 const Statement *stmt, SessionCmd *out,
								 PgError *err) PGW_MUSTCHECK;

/* ---- the target list of a row-returning statement (select_list.c) ---- */

/*
 * One item of the outermost target list: the column PostgreSQL would
 * return for it. Used to give clients PostgreSQL's column names on
 * databases that name columns differently (SQLite: "count(*)", IRIS:
 * "Aggregate_1") and PostgreSQL's types where a driver cannot tell (SQLite
 * describes expression columns as varchar).
 */
typedef struct ColumnInfo
{
	char		name[64];		/* PostgreSQL's name (FigureColname), e.g. "count",
								 * "?column?", "int4", or the alias as written */
	uint32_t	type_oid;		/* PostgreSQL type when the text alone decides it
								 * (literals, casts, count(*), comparisons ...),
								 * else 0 */
	bool		has_alias;		/* AS name, or a bare alias */
	bool		is_star;		/* * or t.* */
	uint32_t	expr_start;		/* byte span of the item's expression (without */
	uint32_t	expr_end;		/* its alias) in the query string */
} ColumnInfo;

typedef struct ColumnList
{
	ColumnInfo *items;
	size_t		count;
	size_t		cap;
	bool		set_operation;	/* UNION/INTERSECT/EXCEPT: names from the first
								 * branch, no types */
} ColumnList;

void		xl_columns_init(ColumnList *cols);
void		xl_columns_free(ColumnList *cols);

/*
 * Describe the outermost target list of stmt: SELECT (incl. WITH ...,
 * parenthesised, DISTINCT [ON (...)]), VALUES (column1, column2, ...), and
 * INSERT/UPDATE/DELETE ... RETURNING. Returns false, with cols->count 0,
 * for statements without one (or too irregular to analyse).
 */
bool		xl_select_columns(const char *query, const StatementList *list,
							  const Statement *stmt, ColumnList *cols);

/* ---- statements run as several (expand.c) ---- */

/*
 * PostgreSQL statements to run instead of one SQLite cannot take as it is
 * (DROP TABLE a, b; TRUNCATE; VACUUM; ALTER TABLE ... ADD PRIMARY KEY),
 * each to be translated as usual; none when the statement has nothing to
 * do there (VACUUM).
 */
typedef struct XlParts
{
	bool		expanded;		/* false: run the statement as written */
	Buf		   *texts;
	int			count;
	int			cap;
} XlParts;

void		xl_parts_init(XlParts *p);
void		xl_parts_free(XlParts *p);

/* Fill out for stmt; a form the dialect cannot carry at all fills err (0A000). */
bool		xl_expand(const char *query, const StatementList *list, const Statement *stmt,
					  SqlDialect dialect, XlParts *out, PgError *err) PGW_MUSTCHECK;

/* ---- rewriting ---- */

/* What session information functions evaluate to, supplied by the backend. */
typedef struct SessionValues
{
	const char *version;		/* version() */
	const char *database;		/* current_database(), current_catalog */
	const char *user;			/* current_user, session_user, user, current_role */
	const char *schema;			/* current_schema, current_schema() */
	int			backend_pid;	/* pg_backend_pid() */
} SessionValues;

/*
 * Parameters of an extended-protocol statement: the database sees ODBC ?
 * markers, in text order, and the backend binds marker k to client
 * parameter markers[k] (1-based $n). A parameter used twice appears twice;
 * parameters may appear out of order. A parameter whose value the text
 * holds as a literal (RewriteContext.vector_literals) has no marker: the
 * map records it as inlined, and the binder has nothing to bind for it.
 */
#define XL_MAX_PARAMS	65535	/* a Bind message counts parameters in 16 bits */

/* How the text uses $n (ParamMap.uses[n - 1]). */
#define XL_PARAM_VECTOR		0x01	/* as a vector: TO_VECTOR(?, ...), pgw_vector(?) */
#define XL_PARAM_PLAIN		0x02	/* as a ? marker not read as a vector */
#define XL_PARAM_INLINED	0x04	/* as a literal written from its value, no marker */

typedef struct ParamMap
{
	int		   *markers;
	size_t		count;
	size_t		cap;
	int			max_param;		/* highest $n used */
	uint32_t   *types;			/* types[n - 1]: the type $n is cast to, or 0 */
	uint8_t    *uses;			/* uses[n - 1]: XL_PARAM_* bits */
	int32_t    *dims;			/* dims[n - 1]: the n of the vector(n) $n is cast to, or 0 */
	int			types_cap;		/* entries of types, uses and dims */
	uint8_t		uses_before;	/* uses[n - 1] before the last marker added */
} ParamMap;

void		xl_params_init(ParamMap *map);
void		xl_params_free(ParamMap *map);

/* Record a ? marker for $n (and the type the text casts it to, or 0). */
bool		xl_params_add(ParamMap *map, int n, uint32_t type_oid) PGW_MUSTCHECK;

/*
 * The marker just recorded for $n is read as a vector (of dims
 * dimensions; -1: any): $n's type is vector unless the text casts it to
 * another.
 */
void		xl_params_mark_vector(ParamMap *map, int n, int32_t dims);

/* $n's vector value is written into the text as a literal (of dims dimensions; -1: any). */
bool		xl_params_add_inlined(ParamMap *map, int n, int32_t dims) PGW_MUSTCHECK;

/* Copy every marker of from, and what it says of each $n, to the end of into. */
bool		xl_params_append(ParamMap *into, const ParamMap *from) PGW_MUSTCHECK;

/* The type the statement's text casts $n to, or 0 when it does not say. */
uint32_t	xl_params_type(const ParamMap *map, int n);

/* XL_PARAM_* bits: how the text uses $n (0: not at all). */
uint8_t		xl_params_uses(const ParamMap *map, int n);

/* Is some parameter used as a vector? */
bool		xl_params_any_vector(const ParamMap *map);

/* The dimensions of the vector(n) the text casts $n to, or 0. */
int32_t		xl_params_dims(const ParamMap *map, int n);

/* The first ? marker (1-based) standing for $n, or 0 if $n is not used. */
int			xl_params_first_marker(const ParamMap *map, int n);

/*
 * Where a parameter is stored or compared: table.column, or the table's
 * ordinal-th column (INSERT without a column list). Names are decoded
 * (unquoted ones folded to lower case); a schema is dropped.
 */
typedef struct ParamTarget
{
	int			param;			/* $n */
	char	   *table;
	char	   *column;			/* NULL: use ordinal */
	int			ordinal;		/* 1-based */
} ParamTarget;

typedef struct ParamTargets
{
	ParamTarget *items;
	size_t		count;
	size_t		cap;
} ParamTargets;

void		xl_param_targets_init(ParamTargets *t);
void		xl_param_targets_free(ParamTargets *t);

/*
 * Find the column each parameter of stmt goes to (INSERT ... VALUES,
 * UPDATE ... SET, comparisons with a column of the statement's one table).
 * Parameters found nowhere get no entry. False only on out of memory.
 */
bool		xl_param_targets(const char *query, const StatementList *list, const Statement *stmt,
							 ParamTargets *out) PGW_MUSTCHECK;

/* The target of $param, or NULL. */
const ParamTarget *xl_param_target_of(const ParamTargets *t, int param);

typedef struct RewriteContext
{
	SqlDialect	dialect;
	const SessionValues *session;

	/*
	 * Extended protocol: where $n placeholders are recorded as they become
	 * ? markers. NULL for a simple Query, where a placeholder is an error
	 * (42P02 "there is no parameter $1"), as in PostgreSQL.
	 */
	ParamMap   *params;

	/*
	 * The parameter types the client declared (Parse), 0 for unspecified.
	 * The postgres dialect writes them as casts on the markers (?::"int4"),
	 * so the server sees what the client declared.
	 */
	const uint32_t *declared_types;
	int			ndeclared;

	/*
	 * IRIS before 2025.1: TOP instead of LIMIT/OFFSET/FETCH. Row limits
	 * become SELECT TOP n; what TOP cannot say (OFFSET, a limit on a
	 * UNION) is refused with 0A000 (limit.c).
	 */
	bool		iris_top_only;

	/*
	 * Set by xl_plan_rewrite_step() for the steps of a plan: the marker
	 * its SELECT steps use for "the row just inserted" is recognised.
	 */
	bool		plan_step;

	/*
	 * IRIS: vectors' element type, FLOAT instead of DOUBLE (VECTOR(FLOAT,
	 * n) columns, TO_VECTOR(..., FLOAT) values: IRIS compares vectors of
	 * one type only, iris-dialect.md "Vectors").
	 */
	bool		iris_vector_float;

	/*
	 * vector_parameters = inline (extended protocol, at Bind): the value
	 * of each parameter in pgvector's text form, vector_literals[n - 1]
	 * for $n (NULL: SQL NULL), as pgwire's own formatter wrote it. A
	 * parameter the vector rule writes as a vector is then written as a
	 * literal checked and formatted again (TO_VECTOR('1,2,3', DOUBLE, 3),
	 * pgw_vector('[1,2,3]')), not a ? marker, and params records it as
	 * inlined. NULL: every parameter is a marker.
	 */
	const char *const *vector_literals;
	int			nvector_literals;

	/*
	 * A catalog query (xl_catalog_scope), written for the catalog's SQLite
	 * (dialect sqlite): pg_catalog. qualifiers dropped, information_schema
	 * views named as the catalog has them, ::regclass and friends as the
	 * catalog's functions, = ANY(array), regular expressions, ARRAY[...]
	 * and subscripts as the catalog reads them (catalog_rule.c).
	 */
	bool		catalog;

	/*
	 * Catalog queries: the boolean columns of the catalog (NULL-terminated),
	 * so that a comparison with 't' or 'false' compares with the catalog's
	 * booleans (1 and 0). NULL: none.
	 */
	const char *const *catalog_bool_columns;
} RewriteContext;

/*
 * Append the target-dialect text of stmt to out. Text where no rule applies
 * is copied verbatim. Rules so far (all dialects): calls of the session
 * information functions become SQL literals (version() -> 'PostgreSQL ...',
 * pg_backend_pid() -> 12345); when the call is a whole select-list item
 * without an alias it gets PostgreSQL's column name ("version",
 * "current_database", "current_user", "pg_backend_pid", ...).
 * Constructs that cannot be carried faithfully fill err with 0A000 and the
 * position (a bad constant in a cast: PostgreSQL's error) and return false.
 */
bool		xl_rewrite(const char *query, const StatementList *list, const Statement *stmt,
					   const RewriteContext *ctx, Buf *out, PgError *err) PGW_MUSTCHECK;

/* ---- catalog queries (catalog_scope.c) ---- */

typedef enum XlCatalogScope
{
	XL_SCOPE_DATABASE,			/* reads only the database's tables (or nothing) */
	XL_SCOPE_CATALOG,			/* reads pg_catalog / information_schema or calls their functions */
	XL_SCOPE_MIXED				/* both: refused */
} XlCatalogScope;

/*
 * What a statement reads. For XL_SCOPE_MIXED, *position is the 1-based
 * character position of the first of the database's tables.
 */
XlCatalogScope xl_catalog_scope(const char *query, const StatementList *list,
								const Statement *stmt, int *position);

/*
 * Set ctx's dialect from its name: iris, iris-top (IRIS before 2025.1:
 * iris_top_only), iris-float (iris_vector_float), sqlite, postgres,
 * catalog (sqlite for the catalog's own queries: catalog), or iris-inline
 * and sqlite-inline (vector_parameters = inline, with example values: $1
 * is [1,2,3], $2 [4,5,6], $3 [7,8,9], $4 [-1,0.5,1e-07], $5 [0,0,0], $6
 * to $9 [1,1,1] to [4,4,4]). False for any other name.
 */
bool		xl_dialect_from_name(const char *name, RewriteContext *ctx) PGW_MUSTCHECK;

/*
 * The session values pgwire-translate, the golden corpus and the benchmark
 * translate with: version() "PostgreSQL 16.6 (pgwire 0.1.0)", database
 * testdb, user tester, schema public, pg_backend_pid() 4242.
 */
extern const SessionValues xl_example_session;

/*
 * Translate a whole query string for people and tests (pgwire-translate,
 * the golden corpus): each statement's text for ctx->dialect, one per
 * line group, separated by ";\n"; a statement pgwire handles itself
 * appears as "-- pgwire: <TAG>". On a refusal or error, err is filled (with
 * the position in the whole string) and false returned.
 */
bool		xl_translate_script(const char *query, size_t len, const RewriteContext *ctx,
								Buf *out, PgError *err) PGW_MUSTCHECK;

/* ---- statements run as several (dml_plan.c) ---- */

/*
 * Where a stretch of a step's text was copied from in the client's
 * query, so an error found in the step points into what the client wrote.
 */
typedef struct XlPlanPiece
{
	uint32_t	at;				/* byte offset in the step's text */
	uint32_t	from;			/* byte offset in the query */
	uint32_t	len;
} XlPlanPiece;

typedef struct XlPlanStep
{
	size_t		text;			/* offset of its PostgreSQL text in plan->text */
	size_t		len;			/* bytes (a NUL follows) */
	bool		returns_rows;	/* its rows are the statement's result */
	int			same_as;		/* an earlier step with the same text, or -1 */
	size_t		first_piece;	/* its pieces: plan->pieces[first_piece ..+ npieces] */
	size_t		npieces;
	uint32_t	origin;			/* query offset errors in text pgwire wrote point to */
} XlPlanStep;

/*
 * A statement the dialect runs as several, in order, on one connection
 * and in one transaction: INSERT ... VALUES ... RETURNING on IRIS and
 * SQLite becomes, per row, the INSERT of that row and a SELECT of the
 * RETURNING list from the row just inserted. Every step is a PostgreSQL
 * statement (with the client's $n), translated like any other by
 * xl_plan_rewrite_step(). The result is the SELECT steps' rows; the row
 * count is the other steps' affected rows added up.
 */
typedef struct XlPlan
{
	Buf			text;			/* every step's text, each followed by a NUL */
	XlPlanStep *steps;
	size_t		count;
	size_t		cap;
	XlPlanPiece *pieces;
	size_t		npieces;
	size_t		pieces_cap;
} XlPlan;

void		xl_plan_init(XlPlan *plan);
void		xl_plan_free(XlPlan *plan);

/*
 * Does stmt need several statements on dialect? Fills plan (count 0: no,
 * translate it with xl_rewrite as usual). What no plan carries
 * faithfully (UPDATE/DELETE ... RETURNING, INSERT ... SELECT ...
 * RETURNING, ON CONFLICT with RETURNING) fills err with 0A000 at the
 * construct and returns false. The postgres dialect never needs a plan.
 */
bool		xl_plan_dml(const char *query, const StatementList *list, const Statement *stmt,
						SqlDialect dialect, XlPlan *plan, PgError *err) PGW_MUSTCHECK;

/* The PostgreSQL text of step k (NUL-terminated). */
const char *xl_plan_step_text(const XlPlan *plan, size_t k);

/*
 * Split step k of plan into list (initialised by the caller, which frees
 * it; the step's statement is list->stmts[0]) and append its translation
 * for ctx to out. Errors point into query, the client's text.
 */
bool		xl_plan_rewrite_step(const char *query, const XlPlan *plan, size_t k,
								 const RewriteContext *ctx, StatementList *list, Buf *out,
								 PgError *err) PGW_MUSTCHECK;

/*
 * The position (1-based character) of the RETURNING clause of an
 * INSERT/UPDATE/DELETE, or 0 if it has none.
 */
int			xl_returning_position(const char *query, const StatementList *list,
								  const Statement *stmt);

/* Append s as a SQL string literal ('...' with ' doubled). */
void		xl_append_literal(Buf *out, const char *s);

/* Append name as a quoted identifier ("..." with " doubled). */
void		xl_append_identifier(Buf *out, const char *name);

/* ---- transaction control SQL (txn_sql.c) ---- */

/*
 * The statements that make a new database session behave as PostgreSQL's
 * (NULL-terminated; run once after connecting).
 */
const char *const *xl_session_setup_sql(SqlDialect dialect);

/* SAVEPOINT x / RELEASE SAVEPOINT x / ROLLBACK TO SAVEPOINT x for the dialect. */
bool		xl_savepoint_sql(SqlDialect dialect, StmtKind kind, const char *name,
							 Buf *out, PgError *err) PGW_MUSTCHECK;

/*
 * SQL that applies BEGIN's options at the start of a transaction (nothing
 * appended when none is needed); 0A000 for options the dialect cannot honour.
 */
bool		xl_txn_options_sql(SqlDialect dialect, const TxnOptions *opts, Buf *out,
							   PgError *err) PGW_MUSTCHECK;

/* SQL that undoes per-transaction options afterwards; false if none needed. */
bool		xl_txn_end_sql(SqlDialect dialect, const TxnOptions *opts, Buf *out);

#endif							/* PGW_XL_TRANSLATE_H */
