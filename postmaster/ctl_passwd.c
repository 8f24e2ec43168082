/*
 * ctl_passwd.c
 *		pgwire-ctl passwd USER: a user's password into the password file.
 *
 * Owns: reading a password (from the terminal without echo, asked twice,
 * or one line from a pipe) and turning it into a SCRAM-SHA-256 secret with
 * a fresh 16-byte salt and 4096 iterations, PostgreSQL's defaults. Only
 * the secret is stored; the password is wiped from memory and never
 * printed. The file is replaced atomically (config/pwfile.c), so a server
 * reading it at a login sees the old file or the new one; no reload needed.
 */
#include "postmaster/ctl_passwd.h"

#include "common/scram.h"
#include "config/config.h"
#include "config/pwfile.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MAX_PASSWORD 1024

/* One line from f without its line end; false at EOF or if it is too long. */
static bool
read_line(FILE *f, char *buf, size_t len)
{
	size_t		n;

	if (fgets(buf, (int) len, f) == NULL)
		return false;
	n = strlen(buf);
	if (n == len - 1 && buf[n - 1] != '\n')
		return false;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return true;
}

/* Prompt on the terminal with echo off. */
static bool
prompt(const char *text, char *buf, size_t len)
{
	struct termios old;
	struct termios quiet;
	bool		ok;

	fputs(text, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return false;
	quiet = old;
	quiet.c_lflag &= (tcflag_t) ~ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
		return false;
	ok = read_line(stdin, buf, len);
	(void) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return ok;
}

static bool
read_password(const char *progname, const char *user, char *pw, size_t len)
{
	char		again[MAX_PASSWORD];
	char		text[256];
	bool		ok;

	if (!isatty(STDIN_FILENO))
	{
		if (!read_line(stdin, pw, len))
		{
			fprintf(stderr, "%s: could not read a password from standard input\n", progname);
			return false;
		}
		return true;
	}
	snprintf(text, sizeof(text), "Enter password for user \"%s\": ", user);
	if (!prompt(text, pw, len) || !prompt("Enter it again: ", again, sizeof(again)))
	{
		fprintf(stderr, "%s: could not read the password\n", progname);
		return false;
	}
	ok = strcmp(pw, again) == 0;
	OPENSSL_cleanse(again, sizeof(again));
	if (!ok)
		fprintf(stderr, "%s: passwords didn't match\n", progname);
	return ok;
}

/* The secret for password, in its text form. */
static bool
make_secret(const char *progname, const char *password, char *text, size_t len)
{
	uint8_t		salt[SCRAM_DEFAULT_SALT_LEN];
	ScramSecret secret;
	bool		ok;

	if (RAND_bytes(salt, sizeof(salt)) != 1)
	{
		fprintf(stderr, "%s: could not generate random salt\n", progname);
		return false;
	}
	ok = scram_make_secret(scram_prepare_password(password), salt, sizeof(salt),
						   SCRAM_DEFAULT_ITERATIONS, &secret) &&
		scram_format_secret(&secret, text, len);
	OPENSSL_cleanse(&secret, sizeof(secret));
	if (!ok)
		fprintf(stderr, "%s: could not compute the SCRAM secret\n", progname);
	return ok;
}

/* The password file's path, from the data directory's configuration. */
static bool
password_file_path(const char *progname, const char *data_dir, char *path, size_t len)
{
	Config		cfg;
	Buf			errors;
	bool		ok;

	buf_init(&errors);
	ok = config_build(&cfg, data_dir, NULL, 0, &errors);
	if (!ok)
		fprintf(stderr, "%s%s: configuration file \"%s/%s\" contains errors\n",
				errors.data ? errors.data : "", progname, data_dir, CONFIG_FILE_NAME);
	else if (!(ok = config_data_path(&cfg, cfg.password_file, path, len)))
		fprintf(stderr, "%s: password file path too long\n", progname);
	config_free(&cfg);
	buf_free(&errors);
	return ok;
}

bool
ctl_set_password(const char *progname, const char *data_dir, const char *user)
{
	char		path[4096];
	char		password[MAX_PASSWORD];
	char		secret[SCRAM_MAX_SECRET_LEN];
	char		err[512];
	bool		ok;

	if (user == NULL || user[0] == '\0' || strpbrk(user, "\r\n") != NULL)
	{
		fprintf(stderr, "%s: passwd needs a user name\n", progname);
		return false;
	}
	if (!password_file_path(progname, data_dir, path, sizeof(path)))
		return false;
	ok = read_password(progname, user, password, sizeof(password));
	if (ok && password[0] == '\0')
	{
		fprintf(stderr, "%s: empty password\n", progname);
		ok = false;
	}
	ok = ok && make_secret(progname, password, secret, sizeof(secret));
	OPENSSL_cleanse(password, sizeof(password));
	if (!ok)
		return false;
	if (!pwfile_store_secret(path, user, secret, err, sizeof(err)))
	{
		fprintf(stderr, "%s: %s\n", progname, err);
		return false;
	}
	printf("Password of user \"%s\" set in \"%s\".\n", user, path);
	return true;
}
