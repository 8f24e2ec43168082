/*
 * check_scram.c
 *		Unit tests of SCRAM-SHA-256: the arithmetic against RFC 7677's
 *		example, stored secrets (PostgreSQL's text form), base64, and the
 *		server's side of the exchange -- with and without channel binding,
 *		a wrong password, a user without a secret, and malformed messages.
 */
#include "backend/auth_scram.h"
#include "common/base64.h"
#include "common/scram.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 7677 section 3 */
#define RFC_PASSWORD	"pencil"
#define RFC_SALT		"W22ZaJ0SNY7soEsUEjb6gQ=="
#define RFC_CLIENT_FIRST "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
#define RFC_SNONCE		"%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
#define RFC_SERVER_FIRST "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
#define RFC_FINAL_NOPROOF "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
#define RFC_PROOF		"dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
#define RFC_SERVER_FINAL "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

static void
rfc_secret(ScramSecret *s)
{
	uint8_t		salt[32];
	int			n = base64_decode(RFC_SALT, strlen(RFC_SALT), salt, sizeof(salt));

	ck_assert_int_eq(n, 16);
	ck_assert(scram_make_secret(RFC_PASSWORD, salt, (size_t) n, 4096, s));
}

START_TEST(test_base64)
{
	static const struct
	{
		const char *plain;
		const char *encoded;
	}			cases[] = {
		{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
		{"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}, {"n,,", "biws"}, {"y,,", "eSws"},
	};
	char		enc[64];
	uint8_t		dec[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		size_t		len = strlen(cases[i].plain);

		ck_assert_uint_eq(base64_encode((const uint8_t *) cases[i].plain, len, enc), strlen(cases[i].encoded));
		ck_assert_str_eq(enc, cases[i].encoded);
		ck_assert_int_eq(base64_decode(enc, strlen(enc), dec, sizeof(dec)), (int) len);
		ck_assert(memcmp(dec, cases[i].plain, len) == 0);
	}
	/* strict: bad length, bad characters, padding in the middle, no room */
	ck_assert_int_eq(base64_decode("Zm9", 3, dec, sizeof(dec)), -1);
	ck_assert_int_eq(base64_decode("Zm9*", 4, dec, sizeof(dec)), -1);
	ck_assert_int_eq(base64_decode("Zg==Zm9v", 8, dec, sizeof(dec)), -1);
	ck_assert_int_eq(base64_decode("Z===", 4, dec, sizeof(dec)), -1);
	ck_assert_int_eq(base64_decode("Zm=v", 4, dec, sizeof(dec)), -1);
	ck_assert_int_eq(base64_decode("Zm9vYmFy", 8, dec, 5), -1);
}
END_TEST

/* The client's proof and the server's signature of RFC 7677's example. */
START_TEST(test_rfc7677_math)
{
	const char *auth = RFC_CLIENT_FIRST + 3;	/* bare */
	char		message[512];
	uint8_t		salt[32];
	uint8_t		salted[SCRAM_KEY_LEN];
	uint8_t		proof[SCRAM_KEY_LEN];
	uint8_t		signature[SCRAM_KEY_LEN];
	char		enc[64];
	ScramSecret secret;
	int			n = base64_decode(RFC_SALT, strlen(RFC_SALT), salt, sizeof(salt));

	snprintf(message, sizeof(message), "%s,%s,%s", auth, RFC_SERVER_FIRST, RFC_FINAL_NOPROOF);
	ck_assert(scram_salted_password(RFC_PASSWORD, salt, (size_t) n, 4096, salted));
	ck_assert(scram_client_proof(salted, message, strlen(message), proof));
	base64_encode(proof, sizeof(proof), enc);
	ck_assert_str_eq(enc, RFC_PROOF);

	rfc_secret(&secret);
	ck_assert(scram_verify_client_proof(&secret, message, strlen(message), proof));
	proof[0] ^= 1;
	ck_assert(!scram_verify_client_proof(&secret, message, strlen(message), proof));
	ck_assert(scram_server_signature(&secret, message, strlen(message), signature));
	base64_encode(signature, sizeof(signature), enc);
	ck_assert_str_eq(enc, RFC_SERVER_FINAL + 2);
}
END_TEST

START_TEST(test_secret_text)
{
	ScramSecret s;
	ScramSecret back;
	char		text[SCRAM_MAX_SECRET_LEN];

	rfc_secret(&s);
	ck_assert(scram_format_secret(&s, text, sizeof(text)));
	ck_assert_str_eq(text, "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
					 "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
					 "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
	ck_assert(scram_parse_secret(text, &back));
	ck_assert_int_eq(back.iterations, 4096);
	ck_assert_uint_eq(back.salt_len, 16);
	ck_assert(memcmp(&back.stored_key, s.stored_key, SCRAM_KEY_LEN) == 0);
	ck_assert(memcmp(&back.server_key, s.server_key, SCRAM_KEY_LEN) == 0);
	ck_assert(!scram_format_secret(&s, text, 40));

	/* what is not a secret */
	ck_assert(!scram_parse_secret("", &back));
	ck_assert(!scram_parse_secret("md5d41d8cd98f00b204e9800998ecf8427e", &back));
	ck_assert(!scram_parse_secret("pencil", &back));
	ck_assert(!scram_parse_secret("SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$"
								  "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
								  "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", &back));
	ck_assert(!scram_parse_secret("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
								  "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=", &back));
	ck_assert(!scram_parse_secret("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
								  "WG5d8oPm3OtcPnkdi4Uo7BkeZkBF:"
								  "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", &back));
	ck_assert(!scram_parse_secret("SCRAM-SHA-256$4096x:W22ZaJ0SNY7soEsUEjb6gQ==$"
								  "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
								  "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", &back));
	ck_assert(!scram_parse_secret("SCRAM-SHA-256$4096:!!$"
								  "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
								  "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", &back));
}
END_TEST

START_TEST(test_mock_secret)
{
	static const uint8_t nonce[32] = {1, 2, 3};
	ScramSecret a;
	ScramSecret b;
	ScramSecret c;

	ck_assert(scram_mock_secret("nobody", nonce, sizeof(nonce), &a));
	ck_assert(scram_mock_secret("nobody", nonce, sizeof(nonce), &b));
	ck_assert(scram_mock_secret("somebody", nonce, sizeof(nonce), &c));
	ck_assert_int_eq(a.iterations, SCRAM_DEFAULT_ITERATIONS);
	ck_assert_uint_eq(a.salt_len, SCRAM_DEFAULT_SALT_LEN);
	ck_assert(memcmp(a.salt, b.salt, a.salt_len) == 0);	/* the same every time */
	ck_assert(memcmp(a.salt, c.salt, a.salt_len) != 0);
}
END_TEST

/* ---- the exchange ---- */

static const uint8_t mock_nonce[32] = {9};

typedef struct Run
{
	ScramExchange x;
	Buf			out;
	PgError		err;
} Run;

static bool
begin(Run *r, const char *mech, const ScramSecret *secret, const uint8_t *cert_hash, size_t hlen)
{
	buf_init(&r->out);
	pgerr_clear(&r->err);
	return scram_exchange_begin(&r->x, mech, secret, "User \"user\" has no secret.", "user",
								mock_nonce, sizeof(mock_nonce), cert_hash, hlen, RFC_SNONCE, &r->err);
}

static ScramResult
step(Run *r, const char *msg)
{
	buf_reset(&r->out);
	pgerr_clear(&r->err);
	return scram_exchange_step(&r->x, (const uint8_t *) msg, strlen(msg), &r->out, &r->err);
}

static void
end(Run *r)
{
	scram_exchange_free(&r->x);
	buf_free(&r->out);
}

/* A client's final message for password, over the exchange so far. */
static void
client_final(Run *r, const char *password, const char *cbind, const char *bare, char *final, size_t n)
{
	char		without[256];
	char		message[1024];
	char		salt_b64[64];
	uint8_t		salt[64];
	uint8_t		salted[SCRAM_KEY_LEN];
	uint8_t		proof[SCRAM_KEY_LEN];
	char		enc[64];
	const char *s = strstr(r->x.server_first, ",s=") + 3;
	int			saltlen;

	snprintf(salt_b64, sizeof(salt_b64), "%.*s", (int) strcspn(s, ","), s);
	saltlen = base64_decode(salt_b64, strlen(salt_b64), salt, sizeof(salt));
	ck_assert_int_gt(saltlen, 0);
	snprintf(without, sizeof(without), "c=%s,r=%s%s", cbind, r->x.client_nonce, RFC_SNONCE);
	snprintf(message, sizeof(message), "%s,%s,%s", bare, r->x.server_first, without);
	ck_assert(scram_salted_password(password, salt, (size_t) saltlen, r->x.secret.iterations, salted));
	ck_assert(scram_client_proof(salted, message, strlen(message), proof));
	base64_encode(proof, sizeof(proof), enc);
	snprintf(final, n, "%s,p=%s", without, enc);
}

START_TEST(test_exchange_rfc7677)
{
	Run			r;
	ScramSecret secret;

	rfc_secret(&secret);
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
	/* no initial response: an empty challenge */
	ck_assert_int_eq(scram_exchange_step(&r.x, NULL, 0, &r.out, &r.err), SCRAM_CONTINUE);
	ck_assert_uint_eq(r.out.len, 0);
	ck_assert_int_eq(step(&r, RFC_CLIENT_FIRST), SCRAM_CONTINUE);
	ck_assert_str_eq(r.out.data, RFC_SERVER_FIRST);
	ck_assert_int_eq(step(&r, RFC_FINAL_NOPROOF ",p=" RFC_PROOF), SCRAM_SUCCESS);
	ck_assert_str_eq(r.out.data, RFC_SERVER_FINAL);
	end(&r);

	/* the same with a wrong proof: a failure, not an error */
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
	ck_assert_int_eq(step(&r, RFC_CLIENT_FIRST), SCRAM_CONTINUE);
	ck_assert_int_eq(step(&r, RFC_FINAL_NOPROOF ",p=eHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="),
					 SCRAM_FAILURE);
	ck_assert(!pgerr_is_set(&r.err));
	end(&r);
}
END_TEST

START_TEST(test_exchange_channel_binding)
{
	static const uint8_t hash[32] = {0xde, 0xad, 0xbe, 0xef};
	Run			r;
	ScramSecret secret;
	char		final[1024];
	uint8_t		cb[64];
	char		cb64[128];

	rfc_secret(&secret);
	memcpy(cb, "p=tls-server-end-point,,", 24);
	memcpy(cb + 24, hash, sizeof(hash));
	base64_encode(cb, 24 + sizeof(hash), cb64);

	/* PLUS with the right certificate hash */
	ck_assert(begin(&r, SCRAM_SHA_256_PLUS_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "p=tls-server-end-point,,n=,r=abc"), SCRAM_CONTINUE);
	client_final(&r, RFC_PASSWORD, cb64, "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_SUCCESS);
	end(&r);

	/* PLUS with another certificate's hash */
	ck_assert(begin(&r, SCRAM_SHA_256_PLUS_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "p=tls-server-end-point,,n=,r=abc"), SCRAM_CONTINUE);
	client_final(&r, RFC_PASSWORD, "cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAAA", "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_ERROR);
	ck_assert_str_eq(r.err.message, "SCRAM channel binding check failed");
	end(&r);

	/* plain SCRAM over TLS with "n": fine */
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "n,,n=,r=abc"), SCRAM_CONTINUE);
	client_final(&r, RFC_PASSWORD, "biws", "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_SUCCESS);
	end(&r);

	/* "y" when the server offered PLUS: an error (a downgrade attack) */
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "y,,n=,r=abc"), SCRAM_ERROR);
	ck_assert_str_eq(r.err.sqlstate, "28000");
	ck_assert_str_eq(r.err.message, "SCRAM channel binding negotiation error");
	end(&r);

	/* "y" without TLS: fine, and c= must repeat it */
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
	ck_assert_int_eq(step(&r, "y,,n=,r=abc"), SCRAM_CONTINUE);
	client_final(&r, RFC_PASSWORD, "eSws", "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_SUCCESS);
	end(&r);
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
	ck_assert_int_eq(step(&r, "y,,n=,r=abc"), SCRAM_CONTINUE);
	client_final(&r, RFC_PASSWORD, "biws", "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_ERROR);
	ck_assert_str_eq(r.err.message, "unexpected SCRAM channel-binding attribute in client-final-message");
	end(&r);

	/* PLUS not offered without TLS; "p" with plain SCRAM; "n" with PLUS */
	ck_assert(!begin(&r, SCRAM_SHA_256_PLUS_NAME, &secret, NULL, 0));
	ck_assert_str_eq(r.err.message, "client selected an invalid SASL authentication mechanism");
	end(&r);
	ck_assert(!begin(&r, "SCRAM-SHA-1", &secret, hash, sizeof(hash)));
	end(&r);
	ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "p=tls-server-end-point,,n=,r=abc"), SCRAM_ERROR);
	ck_assert_str_eq(r.err.message, "malformed SCRAM message");
	end(&r);
	ck_assert(begin(&r, SCRAM_SHA_256_PLUS_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "n,,n=,r=abc"), SCRAM_ERROR);
	end(&r);
	ck_assert(begin(&r, SCRAM_SHA_256_PLUS_NAME, &secret, hash, sizeof(hash)));
	ck_assert_int_eq(step(&r, "p=tls-unique,,n=,r=abc"), SCRAM_ERROR);
	ck_assert_str_eq(r.err.message, "unsupported SCRAM channel-binding type \"tls-unique\"");
	end(&r);
}
END_TEST

/* No secret: the same messages, a failure at the end whatever the proof. */
START_TEST(test_exchange_doomed)
{
	Run			r;
	Run			again;
	char		final[1024];

	ck_assert(begin(&r, SCRAM_SHA_256_NAME, NULL, NULL, 0));
	ck_assert_int_eq(step(&r, "n,,n=,r=abc"), SCRAM_CONTINUE);
	ck_assert(strstr(r.out.data, ",i=4096") != NULL);
	ck_assert(begin(&again, SCRAM_SHA_256_NAME, NULL, NULL, 0));
	ck_assert_int_eq(step(&again, "n,,n=,r=abc"), SCRAM_CONTINUE);
	ck_assert_str_eq(r.out.data, again.out.data);	/* the same salt for the same name */
	end(&again);
	client_final(&r, "", "biws", "n=,r=abc", final, sizeof(final));
	ck_assert_int_eq(step(&r, final), SCRAM_FAILURE);
	ck_assert_str_eq(r.x.logdetail, "User \"user\" has no secret.");
	end(&r);
}
END_TEST

START_TEST(test_exchange_malformed)
{
	static const struct
	{
		const char *first;
		const char *final;		/* NULL: the first message fails */
		const char *message;
	}			cases[] = {
		{"x,,n=,r=abc", NULL, "malformed SCRAM message"},
		{"n,a=someone,n=,r=abc", NULL, "client uses authorization identity, but it is not supported"},
		{"n,,m=ext,n=,r=abc", NULL, "client requires an unsupported SCRAM extension"},
		{"n,,r=abc", NULL, "malformed SCRAM message"},
		{"n,,n=,r=a\x01" "bc", NULL, "non-printable characters in SCRAM nonce"},
		{"n,,n=,r=abc,1", NULL, "malformed SCRAM message"},
		{"n", NULL, "malformed SCRAM message"},
		{"n,,n=,r=abc", "c=biws,r=abcWRONG,p=" RFC_PROOF, "invalid SCRAM response"},
		{"n,,n=,r=abc", "c=biws,r=abc" RFC_SNONCE ",p=short", "malformed SCRAM message"},
		{"n,,n=,r=abc", "c=biws,r=abc" RFC_SNONCE ",p=" RFC_PROOF ",x=1", "malformed SCRAM message"},
		{"n,,n=,r=abc", "c=biws,r=abc" RFC_SNONCE, "malformed SCRAM message"},
		{"n,,n=,r=abc", "r=abc" RFC_SNONCE ",p=" RFC_PROOF, "malformed SCRAM message"},
	};
	ScramSecret secret;

	rfc_secret(&secret);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		Run			r;
		ScramResult res;

		ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
		res = step(&r, cases[i].first);
		if (cases[i].final)
		{
			ck_assert_int_eq(res, SCRAM_CONTINUE);
			res = step(&r, cases[i].final);
		}
		ck_assert_msg(res == SCRAM_ERROR, "case %zu: result %d", i, (int) res);
		ck_assert_msg(strcmp(r.err.message, cases[i].message) == 0, "case %zu: %s", i, r.err.message);
		end(&r);
	}

	/* an embedded zero byte, an empty message */
	{
		Run			r;

		ck_assert(begin(&r, SCRAM_SHA_256_NAME, &secret, NULL, 0));
		ck_assert_int_eq(scram_exchange_step(&r.x, (const uint8_t *) "n,,n=\0,r=abc", 12, &r.out, &r.err),
						 SCRAM_ERROR);
		ck_assert_str_eq(r.err.detail, "Message length does not match input length.");
		ck_assert_int_eq(scram_exchange_step(&r.x, (const uint8_t *) "", 0, &r.out, &r.err), SCRAM_ERROR);
		end(&r);
	}
}
END_TEST

START_TEST(test_mechanisms)
{
	Buf			b;

	buf_init(&b);
	scram_write_mechanisms(&b, true);
	ck_assert_uint_eq(b.len, sizeof("SCRAM-SHA-256-PLUS") + sizeof("SCRAM-SHA-256") + 1);
	ck_assert(memcmp(b.data, "SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0", b.len) == 0);
	buf_reset(&b);
	scram_write_mechanisms(&b, false);
	ck_assert(memcmp(b.data, "SCRAM-SHA-256\0\0", 15) == 0);
	ck_assert_uint_eq(b.len, 15);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("scram");
	TCase	   *tc = tcase_create("scram");
	SRunner    *sr;
	int			failed;

	tcase_add_test(tc, test_base64);
	tcase_add_test(tc, test_rfc7677_math);
	tcase_add_test(tc, test_secret_text);
	tcase_add_test(tc, test_mock_secret);
	tcase_add_test(tc, test_exchange_rfc7677);
	tcase_add_test(tc, test_exchange_channel_binding);
	tcase_add_test(tc, test_exchange_doomed);
	tcase_add_test(tc, test_exchange_malformed);
	tcase_add_test(tc, test_mechanisms);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
