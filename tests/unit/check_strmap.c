/*
 * check_strmap.c
 *		Unit tests of the string hash map: insert, replace, remove,
 *		growth past many entries, tombstone reuse, iteration.
 */
#include "common/strmap.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_basic)
{
	StrMap		m;
	int			a = 1,
				b = 2;

	strmap_init(&m);
	ck_assert_ptr_null(strmap_get(&m, "x"));
	ck_assert(strmap_put(&m, "x", &a));
	ck_assert(strmap_put(&m, "", &b));	/* the unnamed statement's name */
	ck_assert_ptr_eq(strmap_get(&m, "x"), &a);
	ck_assert_ptr_eq(strmap_get(&m, ""), &b);
	ck_assert(strmap_put(&m, "x", &b));
	ck_assert_ptr_eq(strmap_get(&m, "x"), &b);
	ck_assert_uint_eq(strmap_count(&m), 2);
	ck_assert_ptr_eq(strmap_remove(&m, "x"), &b);
	ck_assert_ptr_null(strmap_remove(&m, "x"));
	ck_assert_ptr_null(strmap_get(&m, "x"));
	ck_assert_uint_eq(strmap_count(&m), 1);
	strmap_free(&m);
}
END_TEST

START_TEST(test_many_and_churn)
{
	StrMap		m;
	char		key[32];
	static int	values[5000];

	strmap_init(&m);
	for (int i = 0; i < 5000; i++)
	{
		snprintf(key, sizeof(key), "S_%d", i);
		values[i] = i;
		ck_assert(strmap_put(&m, key, &values[i]));
	}
	ck_assert_uint_eq(strmap_count(&m), 5000);
	/* remove and re-add repeatedly: tombstones must not fill the table */
	for (int round = 0; round < 20; round++)
	{
		for (int i = 0; i < 5000; i += 2)
		{
			snprintf(key, sizeof(key), "S_%d", i);
			ck_assert_ptr_eq(strmap_remove(&m, key), &values[i]);
		}
		for (int i = 0; i < 5000; i += 2)
		{
			snprintf(key, sizeof(key), "S_%d", i);
			ck_assert(strmap_put(&m, key, &values[i]));
		}
	}
	for (int i = 0; i < 5000; i++)
	{
		snprintf(key, sizeof(key), "S_%d", i);
		ck_assert_ptr_eq(strmap_get(&m, key), &values[i]);
	}
	ck_assert_uint_lt(m.cap, 5000 * 4);
	strmap_free(&m);
}
END_TEST

START_TEST(test_iterate)
{
	StrMap		m;
	int			v[3] = {10, 20, 30};
	size_t		pos = 0;
	const char *key;
	void	   *value;
	int			sum = 0,
				n = 0;

	strmap_init(&m);
	ck_assert(!strmap_next(&m, &pos, &key, &value));
	ck_assert(strmap_put(&m, "a", &v[0]));
	ck_assert(strmap_put(&m, "b", &v[1]));
	ck_assert(strmap_put(&m, "c", &v[2]));
	strmap_remove(&m, "b");
	while (strmap_next(&m, &pos, &key, &value))
	{
		sum += *(int *) value;
		n++;
	}
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(sum, 40);
	strmap_clear(&m);
	ck_assert_uint_eq(strmap_count(&m), 0);
	ck_assert_ptr_null(strmap_get(&m, "a"));
	strmap_free(&m);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("strmap");
	TCase	   *tc = tcase_create("map");
	SRunner    *sr;
	int			failed;

	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_many_and_churn);
	tcase_add_test(tc, test_iterate);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
