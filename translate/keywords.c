/*
 * keywords.c
 *		The words the translator's structure hangs on, classified once per
 *		token by the lexer.
 *
 * Owns: one sorted table of keywords and the classes they belong to
 * (cannot begin an operand, ends a target list, is no bare column label,
 * separates clauses of an expression). The lexer stores each unquoted
 * identifier's classes in its token, so rules ask "is word i a reserved
 * word?" with one bit test instead of comparing it with a list of words.
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
	{"and", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"any", KW_NOT_OPERAND},
	{"array", KW_NOT_BARE_LABEL},
	{"as", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"asc", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"asymmetric", KW_NOT_OPERAND},
	{"at", KW_NOT_BARE_LABEL},
	{"between", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"both", KW_NOT_OPERAND},
	{"char", KW_NOT_BARE_LABEL},
	{"character", KW_NOT_BARE_LABEL},
	{"check", KW_NOT_OPERAND},
	{"collate", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"column", KW_NOT_OPERAND},
	{"constraint", KW_NOT_OPERAND},
	{"create", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"cross", KW_NOT_BARE_LABEL},
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
	{"fetch", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"filter", KW_NOT_BARE_LABEL},
	{"for", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"foreign", KW_NOT_OPERAND},
	{"from", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"full", KW_NOT_BARE_LABEL},
	{"grant", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"group", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"having", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"hour", KW_NOT_BARE_LABEL},
	{"ilike", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"in", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"initially", KW_NOT_OPERAND},
	{"inner", KW_NOT_BARE_LABEL},
	{"intersect", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"into", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"is", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"isnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"join", KW_NOT_BARE_LABEL},
	{"lateral", KW_NOT_OPERAND},
	{"leading", KW_NOT_OPERAND},
	{"left", KW_NOT_BARE_LABEL},
	{"like", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"limit", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"minute", KW_NOT_BARE_LABEL},
	{"month", KW_NOT_BARE_LABEL},
	{"natural", KW_NOT_BARE_LABEL},
	{"not", KW_NOT_BARE_LABEL},
	{"notnull", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"nulls", KW_NOT_BARE_LABEL},
	{"offset", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"on", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"only", KW_NOT_OPERAND},
	{"or", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"order", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"outer", KW_NOT_BARE_LABEL},
	{"over", KW_NOT_BARE_LABEL},
	{"overlaps", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"placing", KW_NOT_OPERAND},
	{"precision", KW_NOT_BARE_LABEL},
	{"primary", KW_NOT_OPERAND},
	{"references", KW_NOT_OPERAND},
	{"returning", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"right", KW_NOT_BARE_LABEL},
	{"second", KW_NOT_BARE_LABEL},
	{"select", KW_NOT_OPERAND},
	{"similar", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"some", KW_NOT_OPERAND},
	{"symmetric", KW_NOT_OPERAND},
	{"table", KW_NOT_OPERAND},
	{"then", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"to", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"trailing", KW_NOT_OPERAND},
	{"uescape", KW_NOT_BARE_LABEL},
	{"union", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"unique", KW_NOT_OPERAND},
	{"using", KW_NOT_OPERAND | KW_NOT_BARE_LABEL},
	{"values", KW_CLAUSE},
	{"variadic", KW_NOT_OPERAND},
	{"varying", KW_NOT_BARE_LABEL},
	{"when", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"where", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"window", KW_NOT_OPERAND | KW_ENDS_TARGET_LIST | KW_NOT_BARE_LABEL},
	{"with", KW_NOT_OPERAND | KW_NOT_BARE_LABEL | KW_CLAUSE},
	{"within", KW_NOT_BARE_LABEL},
	{"without", KW_NOT_BARE_LABEL},
	{"year", KW_NOT_BARE_LABEL},
};

#define KEYWORD_MAX_LEN	16		/* longer than any word above */

/* Where the words of each first letter begin in keywords[] ('z' + 1: the end). */
static const uint8_t letter_start[27] = {
	0, 10, 12, 20, 26, 30, 36, 38, 40, 48, 49, 49, 54, 56, 60, 68, 71, 71, 74, 79, 83, 87, 90, 96, 96, 97, 97
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
