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
	uint8_t		classes;		/* KeywordClass bits */
} KeywordEntry;

static const KeywordEntry keywords[] = {
	{"all", KW_NOT_OPERAND},
	{"analyse", KW_NOT_OPERAND},
	{"analyze", KW_NOT_OPERAND},
	{"and", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"any", KW_NOT_OPERAND},
	{"array", KW_NOT_BARE_LABEL},
	{"as", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"asc", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"asymmetric", KW_NOT_OPERAND},
	{"at", KW_NOT_BARE_LABEL},
	{"avg", KW_IRIS_FUNCTION_WORD},
	{"between", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"both", KW_NOT_OPERAND},
	{"btrim", KW_FUNCTION_WORD},
	{"char", KW_NOT_BARE_LABEL},
	{"char_length", KW_FUNCTION_WORD},
	{"character", KW_NOT_BARE_LABEL},
	{"character_length", KW_FUNCTION_WORD},
	{"check", KW_NOT_OPERAND},
	{"clock_timestamp", KW_FUNCTION_WORD | KW_CLOCK},
	{"collate", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"column", KW_NOT_OPERAND},
	{"constraint", KW_NOT_OPERAND},
	{"count", KW_IRIS_FUNCTION_WORD},
	{"create", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"cross", KW_NOT_BARE_LABEL},
	{"current_catalog", KW_SESSION_VALUE},
	{"current_database", KW_SESSION_VALUE},
	{"current_date", KW_IRIS_FUNCTION_WORD | KW_CLOCK},
	{"current_role", KW_SESSION_VALUE},
	{"current_schema", KW_SESSION_VALUE},
	{"current_time", KW_FUNCTION_WORD | KW_CLOCK},
	{"current_timestamp", KW_FUNCTION_WORD | KW_CLOCK},
	{"current_user", KW_SESSION_VALUE},
	{"date_part", KW_FUNCTION_WORD},
	{"date_trunc", KW_FUNCTION_WORD},
	{"day", KW_NOT_BARE_LABEL},
	{"default", KW_NOT_OPERAND},
	{"deferrable", KW_NOT_OPERAND},
	{"desc", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"distinct", KW_NOT_OPERAND},
	{"do", KW_NOT_OPERAND},
	{"else", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"end", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"escape", KW_NOT_BARE_LABEL},
	{"except", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"extract", KW_FUNCTION_WORD},
	{"false", KW_IRIS_FUNCTION_WORD},
	{"fetch", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"filter", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"for", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"foreign", KW_NOT_OPERAND},
	{"from", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"full", KW_NOT_BARE_LABEL},
	{"grant", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"greatest", KW_FUNCTION_WORD},
	{"group", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"having", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"hour", KW_NOT_BARE_LABEL},
	{"ilike", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD},
	{"in", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"initially", KW_NOT_OPERAND},
	{"inner", KW_NOT_BARE_LABEL},
	{"intersect", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"into", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"is", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"isnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"join", KW_NOT_BARE_LABEL},
	{"lateral", KW_NOT_OPERAND},
	{"leading", KW_NOT_OPERAND},
	{"least", KW_FUNCTION_WORD},
	{"left", KW_NOT_BARE_LABEL},
	{"length", KW_FUNCTION_WORD},
	{"like", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD},
	{"limit", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"localtime", KW_FUNCTION_WORD | KW_CLOCK},
	{"localtimestamp", KW_FUNCTION_WORD | KW_CLOCK},
	{"ltrim", KW_FUNCTION_WORD},
	{"max", KW_IRIS_FUNCTION_WORD},
	{"min", KW_IRIS_FUNCTION_WORD},
	{"minute", KW_NOT_BARE_LABEL},
	{"month", KW_NOT_BARE_LABEL},
	{"natural", KW_NOT_BARE_LABEL},
	{"not", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"notnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"now", KW_FUNCTION_WORD | KW_CLOCK},
	{"nulls", KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"octet_length", KW_FUNCTION_WORD},
	{"offset", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"on", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"only", KW_NOT_OPERAND},
	{"or", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"order", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"outer", KW_NOT_BARE_LABEL},
	{"over", KW_NOT_BARE_LABEL},
	{"overlaps", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"pg_backend_pid", KW_SESSION_VALUE},
	{"placing", KW_NOT_OPERAND},
	{"position", KW_FUNCTION_WORD},
	{"precision", KW_NOT_BARE_LABEL},
	{"primary", KW_NOT_OPERAND},
	{"random", KW_FUNCTION_WORD},
	{"references", KW_NOT_OPERAND},
	{"regexp_count", KW_FUNCTION_WORD},
	{"regexp_instr", KW_FUNCTION_WORD},
	{"regexp_like", KW_FUNCTION_WORD},
	{"regexp_match", KW_FUNCTION_WORD},
	{"regexp_matches", KW_FUNCTION_WORD},
	{"regexp_replace", KW_FUNCTION_WORD},
	{"regexp_split_to_array", KW_FUNCTION_WORD},
	{"regexp_split_to_table", KW_FUNCTION_WORD},
	{"regexp_substr", KW_FUNCTION_WORD},
	{"returning", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"right", KW_NOT_BARE_LABEL},
	{"rtrim", KW_FUNCTION_WORD},
	{"second", KW_NOT_BARE_LABEL},
	{"select", KW_NOT_OPERAND | KW_IRIS_FUNCTION_WORD},
	{"session_user", KW_SESSION_VALUE},
	{"set", KW_IRIS_FUNCTION_WORD},
	{"setseed", KW_FUNCTION_WORD},
	{"similar", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_FUNCTION_WORD},
	{"some", KW_NOT_OPERAND},
	{"statement_timestamp", KW_FUNCTION_WORD | KW_CLOCK},
	{"string_agg", KW_FUNCTION_WORD},
	{"strpos", KW_FUNCTION_WORD},
	{"substr", KW_FUNCTION_WORD},
	{"substring", KW_FUNCTION_WORD},
	{"sum", KW_IRIS_FUNCTION_WORD},
	{"symmetric", KW_NOT_OPERAND},
	{"table", KW_NOT_OPERAND},
	{"then", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"to", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"trailing", KW_NOT_OPERAND},
	{"transaction_timestamp", KW_FUNCTION_WORD | KW_CLOCK},
	{"trim", KW_FUNCTION_WORD},
	{"true", KW_IRIS_FUNCTION_WORD},
	{"uescape", KW_NOT_BARE_LABEL},
	{"union", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"unique", KW_NOT_OPERAND},
	{"unknown", KW_FUNCTION_WORD},
	{"user", KW_SESSION_VALUE},
	{"using", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"values", KW_CLAUSE | KW_IRIS_FUNCTION_WORD},
	{"variadic", KW_NOT_OPERAND},
	{"varying", KW_NOT_BARE_LABEL},
	{"version", KW_SESSION_VALUE},
	{"when", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE | KW_IRIS_FUNCTION_WORD},
	{"where", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL | KW_IRIS_FUNCTION_WORD},
	{"window", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"with", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"within", KW_NOT_BARE_LABEL},
	{"without", KW_NOT_BARE_LABEL},
	{"year", KW_NOT_BARE_LABEL},
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
		const char *word = keywords[k].word;

		/* the second letter (or the end) rejects most before a call */
		if (word[1] == (len > 1 ? lower[1] : '\0') && strncmp(word, lower, len) == 0 &&
			word[len] == '\0')
			return keywords[k].classes;
	}
	return 0;
}
