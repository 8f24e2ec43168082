/*
 * keywords.c
 *		The words the translator's structure hangs on, classified once per
 *		token by the lexer.
 *
 * Owns: one sorted table of keywords and the classes they belong to
 * (cannot begin an operand, ends a target list, is no bare column label,
 * separates clauses of an expression; and the words some rules start
 * from: the functions rule's, the clock's, session information's). The
 * lexer stores each unquoted identifier's classes in its token, so rules
 * ask "is word i a reserved word?" or "can a construct begin here?" with
 * one bit test instead of comparing it with a list of words.
 */
#include "translate/lexer.h"

#include <string.h>

typedef struct KeywordEntry
{
	const char *word;			/* lower case; the table is sorted by it */
	uint8_t		len;
	uint8_t		classes;		/* KeywordClass bits */
} KeywordEntry;

#define KW(word, classes)	{word, sizeof(word) - 1, classes}

static const KeywordEntry keywords[] = {
	KW("all", KW_NOT_OPERAND),
	KW("analyse", KW_NOT_OPERAND),
	KW("analyze", KW_NOT_OPERAND),
	KW("and", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("any", KW_NOT_OPERAND),
	KW("array", KW_NOT_BARE_LABEL),
	KW("as", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("asc", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("asymmetric", KW_NOT_OPERAND),
	KW("at", KW_NOT_BARE_LABEL),
	KW("avg", KW_IRIS_FUNCTION_WORD),
	KW("between", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("both", KW_NOT_OPERAND),
	KW("btrim", KW_FUNCTION_WORD),
	KW("char", KW_NOT_BARE_LABEL),
	KW("char_length", KW_FUNCTION_WORD),
	KW("character", KW_NOT_BARE_LABEL),
	KW("character_length", KW_FUNCTION_WORD),
	KW("check", KW_NOT_OPERAND),
	KW("clock_timestamp", KW_FUNCTION_WORD | KW_CLOCK),
	KW("collate", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("column", KW_NOT_OPERAND),
	KW("constraint", KW_NOT_OPERAND),
	KW("count", KW_IRIS_FUNCTION_WORD),
	KW("create", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("cross", KW_NOT_BARE_LABEL),
	KW("current_catalog", KW_SESSION_VALUE),
	KW("current_database", KW_SESSION_VALUE),
	KW("current_date", KW_IRIS_FUNCTION_WORD | KW_CLOCK),
	KW("current_role", KW_SESSION_VALUE),
	KW("current_schema", KW_SESSION_VALUE),
	KW("current_time", KW_FUNCTION_WORD | KW_CLOCK),
	KW("current_timestamp", KW_FUNCTION_WORD | KW_CLOCK),
	KW("current_user", KW_SESSION_VALUE),
	KW("date_part", KW_FUNCTION_WORD),
	KW("date_trunc", KW_FUNCTION_WORD),
	KW("day", KW_NOT_BARE_LABEL),
	KW("default", KW_NOT_OPERAND),
	KW("deferrable", KW_NOT_OPERAND),
	KW("desc", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("distinct", KW_NOT_OPERAND),
	KW("do", KW_NOT_OPERAND),
	KW("else", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE),
	KW("end", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("escape", KW_NOT_BARE_LABEL),
	KW("except", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("extract", KW_FUNCTION_WORD),
	KW("false", KW_IRIS_FUNCTION_WORD),
	KW("fetch", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("filter", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("for", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("foreign", KW_NOT_OPERAND),
	KW("from", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("full", KW_NOT_BARE_LABEL),
	KW("grant", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("greatest", KW_FUNCTION_WORD),
	KW("group", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("having", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("hour", KW_NOT_BARE_LABEL),
	KW("ilike", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD),
	KW("in", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("initially", KW_NOT_OPERAND),
	KW("inner", KW_NOT_BARE_LABEL),
	KW("intersect", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("into", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("is", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("isnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("join", KW_NOT_BARE_LABEL),
	KW("lateral", KW_NOT_OPERAND),
	KW("leading", KW_NOT_OPERAND),
	KW("least", KW_FUNCTION_WORD),
	KW("left", KW_NOT_BARE_LABEL),
	KW("length", KW_FUNCTION_WORD),
	KW("like", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD),
	KW("limit", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("localtime", KW_FUNCTION_WORD | KW_CLOCK),
	KW("localtimestamp", KW_FUNCTION_WORD | KW_CLOCK),
	KW("ltrim", KW_FUNCTION_WORD),
	KW("max", KW_IRIS_FUNCTION_WORD),
	KW("min", KW_IRIS_FUNCTION_WORD),
	KW("minute", KW_NOT_BARE_LABEL),
	KW("month", KW_NOT_BARE_LABEL),
	KW("natural", KW_NOT_BARE_LABEL),
	KW("not", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("notnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("now", KW_FUNCTION_WORD | KW_CLOCK),
	KW("nulls", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("octet_length", KW_FUNCTION_WORD),
	KW("offset", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("on", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("only", KW_NOT_OPERAND),
	KW("or", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("order", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("outer", KW_NOT_BARE_LABEL),
	KW("over", KW_NOT_BARE_LABEL),
	KW("overlaps", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("pg_backend_pid", KW_SESSION_VALUE),
	KW("placing", KW_NOT_OPERAND),
	KW("position", KW_FUNCTION_WORD),
	KW("precision", KW_NOT_BARE_LABEL),
	KW("primary", KW_NOT_OPERAND),
	KW("random", KW_FUNCTION_WORD),
	KW("references", KW_NOT_OPERAND),
	KW("regexp_count", KW_FUNCTION_WORD),
	KW("regexp_instr", KW_FUNCTION_WORD),
	KW("regexp_like", KW_FUNCTION_WORD),
	KW("regexp_match", KW_FUNCTION_WORD),
	KW("regexp_matches", KW_FUNCTION_WORD),
	KW("regexp_replace", KW_FUNCTION_WORD),
	KW("regexp_split_to_array", KW_FUNCTION_WORD),
	KW("regexp_split_to_table", KW_FUNCTION_WORD),
	KW("regexp_substr", KW_FUNCTION_WORD),
	KW("returning", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("right", KW_NOT_BARE_LABEL),
	KW("rtrim", KW_FUNCTION_WORD),
	KW("second", KW_NOT_BARE_LABEL),
	KW("select", KW_NOT_OPERAND | KW_IRIS_FUNCTION_WORD),
	KW("session_user", KW_SESSION_VALUE),
	KW("set", KW_IRIS_FUNCTION_WORD),
	KW("setseed", KW_FUNCTION_WORD),
	KW("similar", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD),
	KW("some", KW_NOT_OPERAND),
	KW("statement_timestamp", KW_FUNCTION_WORD | KW_CLOCK),
	KW("string_agg", KW_FUNCTION_WORD),
	KW("strpos", KW_FUNCTION_WORD),
	KW("substr", KW_FUNCTION_WORD),
	KW("substring", KW_FUNCTION_WORD),
	KW("sum", KW_IRIS_FUNCTION_WORD),
	KW("symmetric", KW_NOT_OPERAND),
	KW("table", KW_NOT_OPERAND),
	KW("then", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE),
	KW("to", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("trailing", KW_NOT_OPERAND),
	KW("transaction_timestamp", KW_FUNCTION_WORD | KW_CLOCK),
	KW("trim", KW_FUNCTION_WORD),
	KW("true", KW_IRIS_FUNCTION_WORD),
	KW("uescape", KW_NOT_BARE_LABEL),
	KW("union", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("unique", KW_NOT_OPERAND),
	KW("unknown", KW_FUNCTION_WORD),
	KW("user", KW_SESSION_VALUE),
	KW("using", KW_NOT_OPERAND | KW_NOT_BARE_LABEL),
	KW("values", KW_CLAUSE | KW_IRIS_FUNCTION_WORD),
	KW("variadic", KW_NOT_OPERAND),
	KW("varying", KW_NOT_BARE_LABEL),
	KW("version", KW_SESSION_VALUE),
	KW("when", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE | KW_IRIS_FUNCTION_WORD),
	KW("where", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD),
	KW("window", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL),
	KW("with", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE),
	KW("within", KW_NOT_BARE_LABEL),
	KW("without", KW_NOT_BARE_LABEL),
	KW("year", KW_NOT_BARE_LABEL),
};

#define KEYWORD_MAX_LEN	24		/* longer than any word above */

/* Where the words of each first letter begin in keywords[] ('z' + 1: the end). */
static const uint8_t letter_start[27] = {
	0, 11, 14, 34, 42, 47, 54, 57, 59, 67, 68, 68, 78, 82, 87, 96, 101, 101, 115, 129, 136, 142, 146, 152, 152, 153, 153
};

uint8_t
xl_keyword_classes(const char *s, size_t len)
{
	char		lower[KEYWORD_MAX_LEN];
	unsigned char first;

	if (len == 0 || len > KEYWORD_MAX_LEN)
		return 0;
	for (size_t i = 0; i < len; i++)
	{
		char		c = s[i];

		lower[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 'a' - 'A') : c;
	}
	first = (unsigned char) lower[0];
	if (first < 'a' || first > 'z')
		return 0;
	for (uint8_t k = letter_start[first - 'a']; k < letter_start[first - 'a' + 1]; k++)
	{
		if (keywords[k].len == len && memcmp(keywords[k].word, lower, len) == 0)
			return keywords[k].classes;
	}
	return 0;
}
