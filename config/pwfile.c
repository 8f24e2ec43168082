/*
 * pwfile.c
 *		Reading and rewriting the password file (PgBouncer auth_file format).
 *
 * Owns: the line format and the atomic update. The file is read whole at
 * every lookup (a login), so pgwire-ctl passwd takes effect at once with
 * no reload. Updates never write in place: a crash leaves the old file or
 * the new one, never half of each. Never logs or prints a secret.
 */
#include "config/pwfile.h"

#include "common/buf.h"
#include "common/file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Read one quoted field at *p ('"' ... '"', "" inside for a quote) into
 * out. False if *p is not a quoted field.
 */
static bool
read_quoted(const char **p, Buf *out)
{
	const char *s = *p;

	buf_append(out, "", 0);		/* data is a string even for "" */
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '"')
		return false;
	for (s++;; s++)
	{
		if (*s == '\0' || *s == '\n')
			return false;
		if (*s == '"')
		{
			if (s[1] != '"')
				break;
			s++;
		}
		buf_append_byte(out, (uint8_t) *s);
	}
	*p = s + 1;
	return !buf_failed(out);
}

/* Is line a user line, and for which user? name receives the name. */
static bool
line_user(const char *line, Buf *name)
{
	const char *p = line;

	buf_reset(name);
	return read_quoted(&p, name);
}

PwFileResult
pwfile_find_secret(const char *path, const char *user, char *secret, size_t secretlen,
				   char *errbuf, size_t errlen)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	Buf			name;
	Buf			value;
	PwFileResult result = PWFILE_NO_USER;

	if (f == NULL)
	{
		snprintf(errbuf, errlen, "could not open password file \"%s\": %s", path, strerror(errno));
		return PWFILE_ERROR;
	}
	buf_init(&name);
	buf_init(&value);
	while (result == PWFILE_NO_USER && getline(&line, &cap, f) > 0)
	{
		const char *p = line;

		buf_reset(&name);
		if (!read_quoted(&p, &name) || strcmp(name.data, user) != 0)
			continue;
		buf_reset(&value);
		if (!read_quoted(&p, &value) || value.len >= secretlen)
		{
			snprintf(errbuf, errlen, "invalid line for user \"%s\" in password file \"%s\"", user, path);
			result = PWFILE_ERROR;
			break;
		}
		memcpy(secret, value.data, value.len + 1);
		result = PWFILE_FOUND;
	}
	if (result == PWFILE_NO_USER && ferror(f))
	{
		snprintf(errbuf, errlen, "could not read password file \"%s\": %s", path, strerror(errno));
		result = PWFILE_ERROR;
	}
	free(line);
	buf_free(&name);
	buf_free(&value);
	fclose(f);
	return result;
}

static void
append_quoted(Buf *out, const char *s)
{
	buf_append_byte(out, '"');
	for (; *s; s++)
	{
		if (*s == '"')
			buf_append_byte(out, '"');
		buf_append_byte(out, (uint8_t) *s);
	}
	buf_append_byte(out, '"');
}

/* The new contents: every line but user's, and user's new line in its place. */
static bool
build_contents(const char *path, const char *user, const char *secret, Buf *out,
			   char *errbuf, size_t errlen)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	Buf			name;
	bool		placed = false;

	if (f == NULL && errno != ENOENT)
	{
		snprintf(errbuf, errlen, "could not open password file \"%s\": %s", path, strerror(errno));
		return false;
	}
	buf_init(&name);
	while (f != NULL && (n = getline(&line, &cap, f)) > 0)
	{
		if (line_user(line, &name) && strcmp(name.data, user) == 0)
		{
			if (placed)
				continue;		/* an older duplicate: dropped */
			placed = true;
			append_quoted(out, user);
			buf_append_byte(out, ' ');
			append_quoted(out, secret);
			buf_append_byte(out, '\n');
			continue;
		}
		buf_append(out, line, (size_t) n);
		if (line[n - 1] != '\n')
			buf_append_byte(out, '\n');
	}
	free(line);
	buf_free(&name);
	if (f != NULL)
		fclose(f);
	if (!placed)
	{
		append_quoted(out, user);
		buf_append_byte(out, ' ');
		append_quoted(out, secret);
		buf_append_byte(out, '\n');
	}
	if (buf_failed(out))
	{
		snprintf(errbuf, errlen, "out of memory");
		return false;
	}
	return true;
}

bool
pwfile_store_secret(const char *path, const char *user, const char *secret, char *errbuf, size_t errlen)
{
	char		tmp[4096];
	Buf			contents;
	int			fd;
	bool		ok;

	if (strchr(user, '\n') != NULL || user[0] == '\0')
	{
		snprintf(errbuf, errlen, "invalid user name");
		return false;
	}
	if ((size_t) snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int) getpid()) >= sizeof(tmp))
	{
		snprintf(errbuf, errlen, "password file path too long");
		return false;
	}
	buf_init(&contents);
	if (!build_contents(path, user, secret, &contents, errbuf, errlen))
	{
		buf_free(&contents);
		return false;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
	{
		snprintf(errbuf, errlen, "could not create \"%s\": %s", tmp, strerror(errno));
		buf_free(&contents);
		return false;
	}
	ok = file_write_all(fd, contents.data, contents.len) && fsync(fd) == 0;
	if (close(fd) != 0)
		ok = false;
	buf_free(&contents);
	if (!ok || rename(tmp, path) != 0)
	{
		snprintf(errbuf, errlen, "could not write password file \"%s\": %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}
