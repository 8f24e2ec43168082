/*
 * check_hba.c
 *		Unit tests of pg_hba.yaml: loading (good files, every kind of bad
 *		one, a missing one), first-match semantics over connection type,
 *		SSL, database, user and address (IPv4, IPv6, v4-mapped), and the
 *		password file's lookup and atomic update.
 */
#include "config/hba.h"
#include "config/pwfile.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void
write_file(const char *text)
{
	FILE	   *f;

	if (dir[0] == '\0')
	{
		snprintf(dir, sizeof(dir), "/tmp/check_hba.XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(dir));
	}
	snprintf(path, sizeof(path), "%s/pg_hba.yaml", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Load text; errors (with the directory cut off) into errors. */
static HbaLoadResult
load(const char *text, HbaRules *rules, char *errors, size_t n)
{
	Buf			err;
	HbaLoadResult r;
	size_t		len = 0;

	write_file(text);
	buf_init(&err);
	r = hba_load(rules, path, &err);
	errors[0] = '\0';
	for (const char *s = err.data; s && *s;)
	{
		const char *eol = strchr(s, '\n');

		if (strncmp(s, dir, strlen(dir)) == 0)
			s += strlen(dir) + 1;
		len += (size_t) snprintf(errors + len, n - len, "%.*s", (int) (eol - s + 1), s);
		s = eol + 1;
	}
	buf_free(&err);
	return r;
}

static struct sockaddr_storage addr_storage;

static const struct sockaddr *
ip(const char *text)
{
	memset(&addr_storage, 0, sizeof(addr_storage));
	if (strchr(text, ':'))
	{
		struct sockaddr_in6 *a = (struct sockaddr_in6 *) &addr_storage;

		a->sin6_family = AF_INET6;
		ck_assert_int_eq(inet_pton(AF_INET6, text, &a->sin6_addr), 1);
	}
	else
	{
		struct sockaddr_in *a = (struct sockaddr_in *) &addr_storage;

		a->sin_family = AF_INET;
		ck_assert_int_eq(inet_pton(AF_INET, text, &a->sin_addr), 1);
	}
	return (const struct sockaddr *) &addr_storage;
}

/* The line of the matching rule, 0 for none. */
static int
match(const HbaRules *rules, const char *from, bool ssl, const char *user, const char *db)
{
	HbaClient	c = {.is_unix = from == NULL,.ssl = ssl,.user = user,.database = db};
	const HbaRule *r;

	c.addr = from ? ip(from) : NULL;
	r = hba_match(rules, &c);
	return r ? r->line : 0;
}

START_TEST(test_first_match)
{
	HbaRules	rules;
	char		errors[2048];

	ck_assert_int_eq(load("# comment\n"
						  "- {type: local, database: all, user: all, method: trust}\n"				/* 2 */
						  "- {type: hostssl, database: app, user: [alice, bob], address: 10.0.0.0/8, method: scram-sha-256}\n"	/* 3 */
						  "- {type: hostnossl, database: all, user: all, address: 10.0.0.0/8, method: reject}\n"	/* 4 */
						  "- type: host\n"															/* 5 */
						  "  database: sameuser, reports\n"
						  "  user: all\n"
						  "  address: 192.168.1.7\n"
						  "  method: password\n"
						  "- {type: host, database: all, user: all, address: '::1/128', method: trust}\n"	/* 10 */
						  "- {type: host, database: all, user: all, address: 127.0.0.1/32, method: md5}\n"	/* 11 */
						  "- {type: hostssl, database: all, user: \"all\", address: all, method: cert}\n",	/* 12 */
						  &rules, errors, sizeof(errors)), HBA_LOADED);
	ck_assert_str_eq(errors, "");
	ck_assert_int_eq(rules.count, 7);
	ck_assert_int_eq(rules.rules[5].method, HBA_SCRAM);	/* md5 means SCRAM */

	ck_assert_int_eq(match(&rules, NULL, false, "anyone", "anydb"), 2);
	ck_assert_int_eq(match(&rules, "10.1.2.3", true, "alice", "app"), 3);
	ck_assert_int_eq(match(&rules, "10.1.2.3", true, "carol", "app"), 0);	/* "all" quoted is a user name */
	ck_assert_int_eq(match(&rules, "10.1.2.3", true, "all", "app"), 12);
	ck_assert_int_eq(match(&rules, "10.1.2.3", false, "alice", "app"), 4);
	ck_assert_int_eq(match(&rules, "11.1.2.3", false, "alice", "app"), 0);
	ck_assert_int_eq(match(&rules, "192.168.1.7", false, "alice", "alice"), 5);	/* sameuser */
	ck_assert_int_eq(match(&rules, "192.168.1.7", false, "alice", "reports"), 5);
	ck_assert_int_eq(match(&rules, "192.168.1.7", false, "alice", "app"), 0);
	ck_assert_int_eq(match(&rules, "192.168.1.8", false, "alice", "alice"), 0);
	ck_assert_int_eq(match(&rules, "::1", false, "x", "y"), 10);
	ck_assert_int_eq(match(&rules, "::2", false, "x", "y"), 0);
	ck_assert_int_eq(match(&rules, "127.0.0.1", false, "x", "y"), 11);
	ck_assert_int_eq(match(&rules, "::ffff:127.0.0.1", false, "x", "y"), 11);	/* v4-mapped */
	ck_assert_int_eq(match(&rules, "127.0.0.2", false, "x", "y"), 0);
	ck_assert_str_eq(hba_method_name(rules.rules[rules.count - 1].method), "cert");
	hba_free(&rules);
}
END_TEST

START_TEST(test_prefixes)
{
	HbaRules	rules;
	char		errors[1024];

	ck_assert_int_eq(load("- {type: host, database: all, user: all, address: 172.16.0.0/12, method: trust}\n"
						  "- {type: host, database: all, user: all, address: 'fd00::/8', method: trust}\n"
						  "- {type: host, database: all, user: all, address: 0.0.0.0/0, method: reject}\n",
						  &rules, errors, sizeof(errors)), HBA_LOADED);
	ck_assert_int_eq(match(&rules, "172.31.255.255", false, "u", "d"), 1);
	ck_assert_int_eq(match(&rules, "172.32.0.0", false, "u", "d"), 3);
	ck_assert_int_eq(match(&rules, "fdff::1", false, "u", "d"), 2);
	ck_assert_int_eq(match(&rules, "fe00::1", false, "u", "d"), 0);
	ck_assert_int_eq(match(&rules, "8.8.8.8", false, "u", "d"), 3);
	hba_free(&rules);
}
END_TEST

START_TEST(test_bad_files)
{
	static const struct
	{
		const char *text;
		const char *errors;
	}			cases[] = {
		{"type: local\n", "pg_hba.yaml:1: hba file must be a sequence of rules\n"},
		{"- local all all trust\n", "pg_hba.yaml:1: an hba rule must be a mapping (type, database, user, address, method)\n"},
		{"- {type: local, database: all, user: all}\n", "pg_hba.yaml:1: hba rule needs type, database, user and method\n"},
		{"- {type: host, database: all, user: all, method: trust}\n", "pg_hba.yaml:1: a host rule needs an address\n"},
		{"- {type: local, database: all, user: all, address: all, method: trust}\n", "pg_hba.yaml:1: a local rule has no address\n"},
		{"- {type: hostgssenc, database: all, user: all, address: all, method: trust}\n",
		"pg_hba.yaml:1: invalid connection type \"hostgssenc\" (local, host, hostssl, hostnossl)\n"},
		{"- {type: local, database: all, user: all, method: peer}\n",
		"pg_hba.yaml:1: invalid authentication method \"peer\" (trust, reject, scram-sha-256, md5, password, cert)\n"},
		{"- {type: host, database: all, user: all, address: 10.0.0.0/33, method: trust}\n",
		"pg_hba.yaml:1: invalid CIDR mask in address \"10.0.0.0/33\"\n"},
		{"- {type: host, database: all, user: all, address: db.example.com, method: trust}\n",
		"pg_hba.yaml:1: invalid IP address \"db.example.com\" (host names, samehost and samenet are not supported)\n"},
		{"- {type: host, database: all, user: all, address: all, method: cert}\n",
		"pg_hba.yaml:1: cert authentication is only supported on hostssl connections\n"},
		{"- {type: local, database: 'a,,b', user: all, method: trust}\n", "pg_hba.yaml:1: empty name in database list\n"},
		{"- {type: local, database: all, user: +admins, method: trust}\n", "pg_hba.yaml:1: \"+admins\" is not supported by pgwire\n"},
		{"- {type: local, database: all, user: all, method: trust, clientcert: verify-full}\n",
		"pg_hba.yaml:1: unknown key \"clientcert\" in hba rule\n"},
		{"- {type: local, database: all, user: all, method: trust}\n"
			"- {type: local, database: [], user: [all, [x]], method: trust}\n",
		"pg_hba.yaml:2: \"user\" must be a non-empty text\n"},
		{"- {type: local\n", "pg_hba.yaml:2: did not find expected ',' or '}' while parsing a flow mapping that started on line 1\n"},
		{"- {type: local, database: all, user: all, method: trust}\n---\n- x\n",
		"pg_hba.yaml:2: hba file must hold a single YAML document\n"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		HbaRules	rules;
		char		errors[2048];

		ck_assert_msg(load(cases[i].text, &rules, errors, sizeof(errors)) == HBA_INVALID, "case %zu", i);
		ck_assert_msg(strcmp(errors, cases[i].errors) == 0, "case %zu: %s", i, errors);
		ck_assert_int_eq(rules.count, 0);
		ck_assert_ptr_null(rules.rules);
	}
}
END_TEST

START_TEST(test_empty_and_missing)
{
	HbaRules	rules;
	char		errors[1024];
	Buf			err;

	/* no rules: nobody gets in */
	ck_assert_int_eq(load("# nothing yet\n", &rules, errors, sizeof(errors)), HBA_LOADED);
	ck_assert_int_eq(rules.count, 0);
	ck_assert_int_eq(match(&rules, NULL, false, "u", "d"), 0);
	hba_free(&rules);

	buf_init(&err);
	ck_assert_int_eq(hba_load(&rules, "/nonexistent/pg_hba.yaml", &err), HBA_MISSING);
	ck_assert_str_eq(err.data, "/nonexistent/pg_hba.yaml: could not open hba file: No such file or directory\n");
	buf_free(&err);
}
END_TEST

/* ---- the password file ---- */

static void
pw_path(char *out, size_t n)
{
	write_file("");
	snprintf(out, n, "%s/passwords", dir);
}

START_TEST(test_pwfile)
{
	char		pw[256];
	char		secret[256];
	char		err[512];
	char		contents[1024];
	FILE	   *f;
	struct stat st;
	size_t		n;

	pw_path(pw, sizeof(pw));
	unlink(pw);
	ck_assert_int_eq(pwfile_find_secret(pw, "alice", secret, sizeof(secret), err, sizeof(err)), PWFILE_ERROR);
	ck_assert(strstr(err, "could not open password file") != NULL);

	ck_assert(pwfile_store_secret(pw, "alice", "SCRAM-SHA-256$1", err, sizeof(err)));
	ck_assert_int_eq(stat(pw, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	f = fopen(pw, "a");
	fputs("; a comment\n\"we\"\"ird\" \"SCRAM-SHA-256$2\" extra\n", f);
	fclose(f);
	ck_assert(pwfile_store_secret(pw, "bob", "SCRAM-SHA-256$3", err, sizeof(err)));
	ck_assert(pwfile_store_secret(pw, "alice", "SCRAM-SHA-256$4", err, sizeof(err)));

	f = fopen(pw, "r");
	n = fread(contents, 1, sizeof(contents) - 1, f);
	contents[n] = '\0';
	fclose(f);
	ck_assert_str_eq(contents, "\"alice\" \"SCRAM-SHA-256$4\"\n"
					 "; a comment\n"
					 "\"we\"\"ird\" \"SCRAM-SHA-256$2\" extra\n"
					 "\"bob\" \"SCRAM-SHA-256$3\"\n");

	ck_assert_int_eq(pwfile_find_secret(pw, "alice", secret, sizeof(secret), err, sizeof(err)), PWFILE_FOUND);
	ck_assert_str_eq(secret, "SCRAM-SHA-256$4");
	ck_assert_int_eq(pwfile_find_secret(pw, "we\"ird", secret, sizeof(secret), err, sizeof(err)), PWFILE_FOUND);
	ck_assert_str_eq(secret, "SCRAM-SHA-256$2");
	ck_assert_int_eq(pwfile_find_secret(pw, "carol", secret, sizeof(secret), err, sizeof(err)), PWFILE_NO_USER);
	ck_assert_int_eq(pwfile_find_secret(pw, "alice", secret, 8, err, sizeof(err)), PWFILE_ERROR);
	unlink(pw);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("hba");
	TCase	   *tc = tcase_create("hba");
	SRunner    *sr;
	int			failed;

	tcase_add_test(tc, test_first_match);
	tcase_add_test(tc, test_prefixes);
	tcase_add_test(tc, test_bad_files);
	tcase_add_test(tc, test_empty_and_missing);
	tcase_add_test(tc, test_pwfile);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (dir[0])
	{
		unlink(path);
		rmdir(dir);
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
