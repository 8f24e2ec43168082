/*
 * check_proto.c
 *		Unit tests of the message codec, the startup-packet parser, UTF-8
 *		validation and the text output formats: exact bytes in and out,
 *		including truncated and oversized input.
 */
#include "common/proto.h"
#include "common/protocol.h"
#include "common/startup.h"
#include "common/types.h"
#include "common/utf8.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static size_t
be32(uint8_t *p, uint32_t v)
{
	uint32_t	n = htonl(v);

	memcpy(p, &n, 4);
	return 4;
}

/* Build a first packet: length, code, then body bytes. */
static size_t
first_packet(uint8_t *out, uint32_t code, const void *body, size_t bodylen)
{
	be32(out, (uint32_t) (8 + bodylen));
	be32(out + 4, code);
	memcpy(out + 8, body, bodylen);
	return 8 + bodylen;
}

static uint32_t
read_be32(const char *p)
{
	uint32_t	n;

	memcpy(&n, p, 4);
	return ntohl(n);
}

/* ---- building messages ---- */

START_TEST(test_ready_for_query_bytes)
{
	Buf			b;

	buf_init(&b);
	proto_write_ready(&b, 'T');
	ck_assert_uint_eq(b.len, 6);
	ck_assert_mem_eq(b.data, "Z\0\0\0\5T", 6);
	buf_free(&b);
}
END_TEST

START_TEST(test_command_complete_and_empty_query)
{
	Buf			b;

	buf_init(&b);
	proto_write_command_complete(&b, "INSERT 0 5");
	proto_write_empty_query(&b);
	ck_assert_uint_eq(b.len, 1 + 4 + 11 + 5);
	ck_assert_int_eq(b.data[0], 'C');
	ck_assert_uint_eq(read_be32(b.data + 1), 4 + 11);
	ck_assert_str_eq(b.data + 5, "INSERT 0 5");
	ck_assert_mem_eq(b.data + 16, "I\0\0\0\4", 5);
	buf_free(&b);
}
END_TEST

START_TEST(test_error_response_fields)
{
	Buf			b;
	PgError		err;
	const char *p;

	pgerr_set(&err, ERRCODE_UNIQUE_VIOLATION, "duplicate key");
	pgerr_set_detail(&err, "Key (id)=(1) already exists.");
	err.position = 12;
	buf_init(&b);
	proto_write_error(&b, &err);
	ck_assert_int_eq(b.data[0], 'E');
	ck_assert_uint_eq(read_be32(b.data + 1), b.len - 1);
	p = b.data + 5;
	ck_assert_str_eq(p, "SERROR");
	p += strlen(p) + 1;
	ck_assert_str_eq(p, "VERROR");
	p += strlen(p) + 1;
	ck_assert_str_eq(p, "C23505");
	p += strlen(p) + 1;
	ck_assert_str_eq(p, "Mduplicate key");
	p += strlen(p) + 1;
	ck_assert_str_eq(p, "DKey (id)=(1) already exists.");
	p += strlen(p) + 1;
	ck_assert_str_eq(p, "P12");
	p += strlen(p) + 1;
	ck_assert_int_eq(*p, '\0');
	ck_assert_ptr_eq(p, b.data + b.len - 1);
	buf_free(&b);
}
END_TEST

START_TEST(test_notice_uses_N)
{
	Buf			b;
	PgError		err;

	pgerr_set(&err, ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
	err.severity = PGSEV_WARNING;
	buf_init(&b);
	proto_write_error(&b, &err);
	ck_assert_int_eq(b.data[0], 'N');
	ck_assert_str_eq(b.data + 5, "SWARNING");
	buf_free(&b);
}
END_TEST

START_TEST(test_row_description_layout)
{
	Buf			b;
	FieldDesc	f[2] = {
		{.name = "id",.type_oid = INT4OID,.typlen = 4,.typmod = -1},
		{.name = "name",.type_oid = VARCHAROID,.typlen = -1,.typmod = 44},
	};
	const char *p;

	buf_init(&b);
	proto_write_row_description(&b, f, 2);
	ck_assert_int_eq(b.data[0], 'T');
	ck_assert_uint_eq(read_be32(b.data + 1), b.len - 1);
	ck_assert_int_eq(b.data[5], 0);
	ck_assert_int_eq(b.data[6], 2);
	p = b.data + 7;
	ck_assert_str_eq(p, "id");
	p += 3;
	ck_assert_uint_eq(read_be32(p), 0);	/* table oid */
	ck_assert_uint_eq(read_be32(p + 6), INT4OID);
	p += 18;
	ck_assert_str_eq(p, "name");
	p += 5;
	ck_assert_uint_eq(read_be32(p + 6), VARCHAROID);
	ck_assert_uint_eq(read_be32(p + 12), 44);
	ck_assert_ptr_eq(p + 18, b.data + b.len);
	buf_free(&b);
}
END_TEST

START_TEST(test_parameter_status_and_backend_key)
{
	Buf			b;
	uint8_t		key[4] = {1, 2, 3, 4};

	buf_init(&b);
	proto_write_parameter_status(&b, "DateStyle", "ISO, MDY");
	ck_assert_int_eq(b.data[0], 'S');
	ck_assert_str_eq(b.data + 5, "DateStyle");
	ck_assert_str_eq(b.data + 15, "ISO, MDY");
	buf_reset(&b);
	proto_write_backend_key(&b, 4242, key, 4);
	ck_assert_uint_eq(b.len, 13);
	ck_assert_int_eq(b.data[0], 'K');
	ck_assert_uint_eq(read_be32(b.data + 5), 4242);
	ck_assert_mem_eq(b.data + 9, key, 4);
	buf_free(&b);
}
END_TEST

START_TEST(test_negotiate_version)
{
	Buf			b;
	const char *opts[] = {"_pq_.a", "_pq_.b"};

	buf_init(&b);
	proto_write_negotiate_version(&b, 0, opts, 2);
	ck_assert_int_eq(b.data[0], 'v');
	ck_assert_uint_eq(read_be32(b.data + 5), PG_PROTOCOL(3, 0));
	ck_assert_uint_eq(read_be32(b.data + 9), 2);
	ck_assert_str_eq(b.data + 13, "_pq_.a");
	ck_assert_str_eq(b.data + 20, "_pq_.b");
	buf_free(&b);
}
END_TEST

/* ---- reading ---- */

START_TEST(test_reader_bounds)
{
	const uint8_t data[] = {0, 0, 0, 7, 'a', 'b', 0, 'c'};
	MsgReader	r;
	int32_t		v;
	const char *s;
	size_t		len;
	const uint8_t *p;

	pq_reader_init(&r, data, sizeof(data));
	ck_assert(pq_get_int32(&r, &v));
	ck_assert_int_eq(v, 7);
	ck_assert(pq_get_string(&r, &s, &len));
	ck_assert_str_eq(s, "ab");
	ck_assert_uint_eq(len, 2);
	/* "c" has no terminator: not a string */
	ck_assert(!pq_get_string(&r, &s, &len));
	ck_assert(!pq_get_int32(&r, &v));
	ck_assert(!pq_get_bytes(&r, 2, &p));
	ck_assert(pq_get_bytes(&r, 1, &p));
	ck_assert_int_eq(*p, 'c');
	ck_assert_uint_eq(pq_remaining(&r), 0);
}
END_TEST

START_TEST(test_parse_query)
{
	const char *sql;
	size_t		len;
	PgError		err;

	ck_assert(proto_parse_query("SELECT 1\0", 9, &sql, &len, &err));
	ck_assert_str_eq(sql, "SELECT 1");
	ck_assert_uint_eq(len, 8);
	ck_assert(!proto_parse_query("SELECT 1", 8, &sql, &len, &err));
	ck_assert_str_eq(err.sqlstate, "08P01");
	ck_assert(!proto_parse_query("SELECT 1\0x", 10, &sql, &len, &err));
	ck_assert_str_eq(err.message, "invalid message format");
}
END_TEST

START_TEST(test_check_header)
{
	PgError		err;

	ck_assert(proto_check_header('Q', 4, &err));
	ck_assert(proto_check_header('Q', 100000000, &err));
	ck_assert(proto_check_header('S', 4, &err));
	ck_assert(!proto_check_header('S', 20000, &err));
	ck_assert_str_eq(err.message, "invalid message length");
	ck_assert(!proto_check_header('Q', 3, &err));
	ck_assert(!proto_check_header('Y', 4, &err));
	ck_assert_str_eq(err.sqlstate, "08P01");
	ck_assert_str_eq(err.message, "invalid frontend message type 89");
	ck_assert(!proto_check_header('Q', 0x80000000u, &err));
}
END_TEST

/* ---- startup packets ---- */

START_TEST(test_startup_normal)
{
	static const char body[] = "user\0alice\0database\0db1\0application_name\0psql\0";
	uint8_t		pkt[256];
	size_t		len = first_packet(pkt, PG_PROTOCOL(3, 0), body, sizeof(body));
	StartupPacket sp;
	PgError		err;

	ck_assert(startup_parse(pkt, len, &sp, &err));
	ck_assert_int_eq(sp.kind, STARTUP_NORMAL);
	ck_assert_uint_eq(sp.version, PG_PROTOCOL(3, 0));
	ck_assert_int_eq(sp.nparams, 3);
	ck_assert_str_eq(startup_param(&sp, "user"), "alice");
	ck_assert_str_eq(startup_param(&sp, "database"), "db1");
	ck_assert_str_eq(startup_param(&sp, "application_name"), "psql");
	ck_assert_ptr_null(startup_param(&sp, "options"));
}
END_TEST

START_TEST(test_startup_layout_errors)
{
	uint8_t		pkt[256];
	StartupPacket sp;
	PgError		err;
	size_t		len;

	/* no final terminator */
	len = first_packet(pkt, PG_PROTOCOL(3, 0), "user\0alice\0", 11);
	ck_assert(!startup_parse(pkt, len, &sp, &err));
	ck_assert_str_eq(err.sqlstate, "08P01");
	ck_assert_str_eq(err.message, "invalid startup packet layout: expected terminator as last byte");

	/* name without value */
	len = first_packet(pkt, PG_PROTOCOL(3, 0), "user\0", 5);
	ck_assert(!startup_parse(pkt, len, &sp, &err));

	/* bytes after the terminator */
	len = first_packet(pkt, PG_PROTOCOL(3, 0), "user\0a\0\0x", 9);
	ck_assert(!startup_parse(pkt, len, &sp, &err));

	/* length word disagrees with the packet */
	len = first_packet(pkt, PG_PROTOCOL(3, 0), "user\0a\0\0", 8);
	ck_assert(!startup_parse(pkt, len - 1, &sp, &err));
	ck_assert_str_eq(err.message, "invalid length of startup packet");

	/* protocol 2 */
	len = first_packet(pkt, PG_PROTOCOL(2, 0), "user\0a\0\0", 8);
	ck_assert(!startup_parse(pkt, len, &sp, &err));
	ck_assert_str_eq(err.sqlstate, "0A000");
	ck_assert_str_eq(err.message, "unsupported frontend protocol 2.0: server supports 3.0 to 3.2");

	/* 3.2 is accepted here; the backend negotiates it down */
	len = first_packet(pkt, PG_PROTOCOL(3, 2), "user\0a\0\0", 8);
	ck_assert(startup_parse(pkt, len, &sp, &err));
	ck_assert_uint_eq(sp.version, PG_PROTOCOL(3, 2));
}
END_TEST

START_TEST(test_startup_length_limits)
{
	PgError		err;

	ck_assert(!startup_check_length(7, &err));
	ck_assert_str_eq(err.sqlstate, "08P01");
	ck_assert(startup_check_length(8, &err));
	ck_assert(startup_check_length(MAX_STARTUP_PACKET_LENGTH, &err));
	ck_assert(!startup_check_length(MAX_STARTUP_PACKET_LENGTH + 1, &err));
	ck_assert(!startup_check_length(0xFFFFFFFFu, &err));
}
END_TEST

START_TEST(test_startup_too_many_params)
{
	uint8_t		pkt[4096];
	char		body[3000];
	size_t		n = 0;
	StartupPacket sp;
	PgError		err;

	/* "p0\0v\0p1\0v\0..." one parameter more than allowed */
	for (int i = 0; i < STARTUP_MAX_PARAMS + 1; i++)
	{
		n += (size_t) snprintf(body + n, sizeof(body) - n, "p%d", i) + 1;
		body[n++] = 'v';
		body[n++] = '\0';
	}
	body[n++] = '\0';
	ck_assert(!startup_parse(pkt, first_packet(pkt, PG_PROTOCOL(3, 0), body, n), &sp, &err));
	ck_assert_str_eq(err.sqlstate, "08P01");
}
END_TEST

START_TEST(test_ssl_gss_requests)
{
	uint8_t		pkt[32];
	StartupPacket sp;
	PgError		err;

	ck_assert(startup_parse(pkt, first_packet(pkt, NEGOTIATE_SSL_CODE, "", 0), &sp, &err));
	ck_assert_int_eq(sp.kind, STARTUP_SSL_REQUEST);
	ck_assert(startup_parse(pkt, first_packet(pkt, NEGOTIATE_GSS_CODE, "", 0), &sp, &err));
	ck_assert_int_eq(sp.kind, STARTUP_GSSENC_REQUEST);
	ck_assert(!startup_parse(pkt, first_packet(pkt, NEGOTIATE_SSL_CODE, "xx", 2), &sp, &err));
	ck_assert_str_eq(err.message, "invalid length of SSL request");
}
END_TEST

START_TEST(test_cancel_request_lengths)
{
	uint8_t		pkt[512];
	uint8_t		body[300];
	StartupPacket sp;
	PgError		err;

	memset(body, 0xAB, sizeof(body));
	be32(body, 1234);
	/* 3.0: four-byte key */
	ck_assert(startup_parse(pkt, first_packet(pkt, CANCEL_REQUEST_CODE, body, 8), &sp, &err));
	ck_assert_int_eq(sp.kind, STARTUP_CANCEL);
	ck_assert_int_eq(sp.cancel_pid, 1234);
	ck_assert_uint_eq(sp.cancel_key_len, 4);
	/* 3.2: 32-byte key */
	ck_assert(startup_parse(pkt, first_packet(pkt, CANCEL_REQUEST_CODE, body, 36), &sp, &err));
	ck_assert_uint_eq(sp.cancel_key_len, 32);
	/* too short, too long */
	ck_assert(!startup_parse(pkt, first_packet(pkt, CANCEL_REQUEST_CODE, body, 6), &sp, &err));
	ck_assert(!startup_parse(pkt, first_packet(pkt, CANCEL_REQUEST_CODE, body, 4 + 257), &sp, &err));
	ck_assert_str_eq(err.message, "invalid length of cancel request");
}
END_TEST

static bool
collect_word(const char *word, void *arg)
{
	Buf		   *b = arg;

	buf_appendf(b, "[%s]", word);
	return true;
}

START_TEST(test_split_options)
{
	Buf			b;

	buf_init(&b);
	ck_assert(startup_split_options("  -c a=1   --b=two\\ words -c\tc=x\\\\y ", collect_word, &b));
	ck_assert_str_eq(b.data, "[-c][a=1][--b=two words][-c][c=x\\y]");
	buf_free(&b);
}
END_TEST

/* ---- UTF-8 ---- */

START_TEST(test_utf8)
{
	PgError		err;
	size_t		off;

	ck_assert(utf8_valid("plain", 5, &off));
	ck_assert(utf8_valid("\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80", 9, &off));
	ck_assert(!utf8_valid("ab\xc3\x28", 4, &off));
	ck_assert_uint_eq(off, 2);
	ck_assert(!utf8_valid("\xc0\xaf", 2, &off));	/* overlong */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3, &off));	/* surrogate */
	ck_assert(!utf8_valid("\xf4\x90\x80\x80", 4, &off));	/* > U+10FFFF */
	ck_assert(!utf8_valid("\xe2\x9c", 2, &off));	/* truncated */
	ck_assert(!utf8_check("x\xff", 2, &err));
	ck_assert_str_eq(err.sqlstate, "22021");
	ck_assert_str_eq(err.message, "invalid byte sequence for encoding \"UTF8\": 0xff");
	ck_assert(!utf8_check("\xc3\x28", 2, &err));
	ck_assert_str_eq(err.message, "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
	ck_assert(!utf8_check("a\0b", 3, &err));
	ck_assert_str_eq(err.message, "invalid byte sequence for encoding \"UTF8\": 0x00");
}
END_TEST

/* ---- text output ---- */

static const char *
fmt8(Buf *b, double v, int efd)
{
	buf_reset(b);
	pgtype_format_float8(b, v, efd);
	return b->data;
}

START_TEST(test_float_output_matches_postgres)
{
	Buf			b;

	buf_init(&b);
	/* expected values printed by PostgreSQL 15 */
	ck_assert_str_eq(fmt8(&b, 0.1 + 0.2, 1), "0.30000000000000004");
	ck_assert_str_eq(fmt8(&b, 1e15, 1), "1e+15");
	ck_assert_str_eq(fmt8(&b, 123456789012345.0, 1), "123456789012345");
	ck_assert_str_eq(fmt8(&b, 1234567890123456.0, 1), "1.234567890123456e+15");
	ck_assert_str_eq(fmt8(&b, 0.0001, 1), "0.0001");
	ck_assert_str_eq(fmt8(&b, 0.00001, 1), "1e-05");
	ck_assert_str_eq(fmt8(&b, 100, 1), "100");
	ck_assert_str_eq(fmt8(&b, 1.5e300, 1), "1.5e+300");
	ck_assert_str_eq(fmt8(&b, -0.0, 1), "-0");
	ck_assert_str_eq(fmt8(&b, 1e-310, 1), "1e-310");
	ck_assert_str_eq(fmt8(&b, -2.5, 1), "-2.5");
	ck_assert_str_eq(fmt8(&b, 0.0 / 0.0, 1), "NaN");
	ck_assert_str_eq(fmt8(&b, -1.0 / 0.0, 1), "-Infinity");
	ck_assert_str_eq(fmt8(&b, 0.1 + 0.2, 0), "0.3");
	ck_assert_str_eq(fmt8(&b, 123456789012345678.0, 0), "1.23456789012346e+17");
	ck_assert_str_eq(fmt8(&b, 0.00001, 0), "1e-05");
	buf_reset(&b);
	pgtype_format_float4(&b, 1234567.0f, 1);
	ck_assert_str_eq(b.data, "1.234567e+06");
	buf_reset(&b);
	pgtype_format_float4(&b, 1e6f, 1);
	ck_assert_str_eq(b.data, "1e+06");
	buf_reset(&b);
	pgtype_format_float4(&b, 1.5f, 1);
	ck_assert_str_eq(b.data, "1.5");
	buf_free(&b);
}
END_TEST

START_TEST(test_datetime_and_bytea_output)
{
	Buf			b;

	buf_init(&b);
	pgtype_format_timestamp(&b, 2024, 1, 2, 3, 4, 5, 500000000);
	ck_assert_str_eq(b.data, "2024-01-02 03:04:05.5");
	buf_reset(&b);
	pgtype_format_timestamp(&b, 2024, 1, 2, 3, 4, 5, 123456789);
	ck_assert_str_eq(b.data, "2024-01-02 03:04:05.123456");
	buf_reset(&b);
	pgtype_format_date(&b, 44, 3, 15);
	ck_assert_str_eq(b.data, "0044-03-15");
	buf_reset(&b);
	pgtype_format_date(&b, 0, 1, 1);
	ck_assert_str_eq(b.data, "0001-01-01 BC");
	buf_reset(&b);
	pgtype_format_time(&b, 23, 59, 59, 0);
	ck_assert_str_eq(b.data, "23:59:59");
	buf_reset(&b);
	pgtype_format_bytea_hex(&b, (const uint8_t *) "\x00\x7f\xff", 3);
	ck_assert_str_eq(b.data, "\\x007fff");
	buf_reset(&b);
	buf_append_str(&b, "KEEP");
	buf_append(&b, "\x01\xab\x10", 3);
	pgtype_hex_encode_tail(&b, 4);
	ck_assert_str_eq(b.data, "KEEP\\x01ab10");
	buf_free(&b);
}
END_TEST

START_TEST(test_type_lookup)
{
	ck_assert_uint_eq(pgtype_by_name("timestamptz")->oid, TIMESTAMPTZOID);
	ck_assert_uint_eq(pgtype_by_name("INTEGER")->oid, INT4OID);
	ck_assert_uint_eq(pgtype_by_name("double precision")->oid, FLOAT8OID);
	ck_assert_uint_eq(pgtype_by_name("boolean")->oid, BOOLOID);
	ck_assert_ptr_null(pgtype_by_name("nosuchtype"));
	ck_assert_str_eq(pgtype_by_oid(VARCHAROID)->name, "varchar");
	ck_assert_int_eq(pgtype_char_typmod(40), 44);
	ck_assert_int_eq(pgtype_numeric_typmod(12, 3), ((12 << 16) | 3) + 4);
}
END_TEST

static Suite *
proto_suite(void)
{
	Suite	   *s = suite_create("proto");
	TCase	   *tc = tcase_create("codec");

	tcase_add_test(tc, test_ready_for_query_bytes);
	tcase_add_test(tc, test_command_complete_and_empty_query);
	tcase_add_test(tc, test_error_response_fields);
	tcase_add_test(tc, test_notice_uses_N);
	tcase_add_test(tc, test_row_description_layout);
	tcase_add_test(tc, test_parameter_status_and_backend_key);
	tcase_add_test(tc, test_negotiate_version);
	tcase_add_test(tc, test_reader_bounds);
	tcase_add_test(tc, test_parse_query);
	tcase_add_test(tc, test_check_header);
	suite_add_tcase(s, tc);

	tc = tcase_create("startup");
	tcase_add_test(tc, test_startup_normal);
	tcase_add_test(tc, test_startup_layout_errors);
	tcase_add_test(tc, test_startup_length_limits);
	tcase_add_test(tc, test_startup_too_many_params);
	tcase_add_test(tc, test_ssl_gss_requests);
	tcase_add_test(tc, test_cancel_request_lengths);
	tcase_add_test(tc, test_split_options);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_float_output_matches_postgres);
	tcase_add_test(tc, test_datetime_and_bytea_output);
	tcase_add_test(tc, test_type_lookup);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(proto_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
