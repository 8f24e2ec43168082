/*
 * type_timezone.c
 *		The session time zone: pgtype_set_timezone() and the UTC offsets
 *		timestamptz needs, from the C library's zone data.
 *
 * The one piece of process-wide mutable state in the type code: TZ, set
 * here and read by localtime_r(). A backend is single-threaded and serves
 * one session. Local times in a DST gap or overlap resolve as PostgreSQL's
 * DetermineTimeZoneOffset resolves them.
 */
#include "common/type_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool
fail_timezone(PgError *err, const char *name)
{
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
			  "invalid value for parameter \"TimeZone\": \"%s\"", name);
	return false;
}

/* A whole string that strtod reads: a number of hours, SQL sign convention. */
static bool
parse_hours(const char *name, double *hours)
{
	char	   *end;

	*hours = strtod(name, &end);
	return end != name && *end == '\0' && *hours >= -168 && *hours <= 168;
}

/* [+-]hh[:mm[:ss]] or letters (3+) then that: a POSIX zone, hours west. */
static bool
is_posix_offset(const char *name)
{
	const char *p = name;
	int			letters = 0;

	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++, letters++;
	if (letters != 0 && letters < 3)
		return false;
	if (*p == '+' || *p == '-')
		p++;
	else if (letters == 0)
		return false;
	for (int part = 0; part < 3; part++)
	{
		int			value = 0;

		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9' && value < 1000)
			value = value * 10 + (*p++ - '0');
		if (part > 0 && value > 59)
			return false;		/* minutes and seconds */
		if (*p != ':')
			break;
		p++;
	}
	return *p == '\0';
}

/* A file under the zoneinfo directory, reached without "..". */
static bool
is_zone_file(const char *name)
{
	const char *dir = getenv("TZDIR");
	char		path[1024];
	struct stat st;

	if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") != NULL)
		return false;
	if ((size_t) snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name) >= sizeof(path))
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void
set_tz(const char *value)
{
	setenv("TZ", value, 1);
	tzset();
}

/*
 * The TZ value for a TimeZone setting, in spec[size]: false if the name is
 * not a zone PostgreSQL would accept here.
 */
static bool
timezone_spec(const char *name, char *spec, size_t size)
{
	double		hours;

	if (strlen(name) >= size - 8)
		return false;
	if (strcasecmp(name, "UTC") == 0 || strcasecmp(name, "GMT") == 0)
		snprintf(spec, size, "UTC0");
	else if (parse_hours(name, &hours))
	{
		long		secs = (long) (hours >= 0 ? hours * 3600 + 0.5 : hours * 3600 - 0.5);
		long		west = secs < 0 ? -secs : secs;

		/* POSIX counts hours west of Greenwich: flip the sign */
		snprintf(spec, size, "PGW%c%ld:%02ld:%02ld", secs > 0 ? '-' : '+',
				 west / 3600, west / 60 % 60, west % 60);
	}
	else if (is_zone_file(name))
		snprintf(spec, size, "%s", name);
	else if (is_posix_offset(name))
	{
		/* a bare "+03:00" needs a zone name in front for the C library */
		snprintf(spec, size, "%s%s", (name[0] == '+' || name[0] == '-') ? "PGW" : "", name);
	}
	else
		return false;
	return true;
}

bool
pgtype_timezone_valid(const char *name)
{
	char		spec[64];

	return timezone_spec(name, spec, sizeof(spec));
}

bool
pgtype_set_timezone(const char *name, PgError *err)
{
	char		spec[64];

	if (!timezone_spec(name, spec, sizeof(spec)))
		return fail_timezone(err, name);
	set_tz(spec);
	return true;
}

int
pgt_tz_offset_at(int64_t utc)
{
	time_t		t = (time_t) utc;
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return (int) tm.tm_gmtoff;
}

/*
 * A wall-clock time may be skipped (gap) or repeated (overlap) near a
 * transition. Take the offsets a day before and after; if they differ,
 * see on which side of the transition each reading lands. Both before the
 * transition: the earlier offset; both after: the later one; a gap or an
 * overlap: the reading with the earlier offset if it gives the later
 * instant (a gap), else the later offset (an overlap), as PostgreSQL does.
 */
int
pgt_tz_offset_for_local(int64_t local)
{
	int			before = pgt_tz_offset_at(local - SECS_PER_DAY);
	int			after = pgt_tz_offset_at(local + SECS_PER_DAY);
	int64_t		before_time;
	int64_t		after_time;
	bool		before_early;
	bool		after_early;

	if (before == after)
		return before;
	before_time = local - before;
	after_time = local - after;
	before_early = pgt_tz_offset_at(before_time) == before;
	after_early = pgt_tz_offset_at(after_time) == before;
	if (before_early && after_early)
		return before;
	if (!before_early && !after_early)
		return after;
	return before_time > after_time ? before : after;
}
