/*
 * log.c
 *		Server log lines, PostgreSQL style.
 *
 * Owns: the minimum level and the line format. Each line is built in a
 * stack buffer and written with a single write(2) to fd 2 so lines from many
 * processes appending to one file never interleave.
 */
#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 8192

static LogLevel min_level = LL_WARNING;

static const struct
{
	const char *name;
	LogLevel	level;
}			level_names[] =
{
	{"debug5", LL_DEBUG2}, {"debug4", LL_DEBUG2}, {"debug3", LL_DEBUG2},
	{"debug2", LL_DEBUG2}, {"debug1", LL_DEBUG1}, {"debug", LL_DEBUG1},
	{"info", LL_INFO}, {"notice", LL_NOTICE}, {"warning", LL_WARNING},
	{"error", LL_ERROR}, {"log", LL_LOG}, {"fatal", LL_FATAL},
	{"panic", LL_PANIC},
};

void
log_set_min_level(LogLevel level)
{
	min_level = level;
}

LogLevel
log_get_min_level(void)
{
	return min_level;
}

bool
log_level_from_name(const char *name, LogLevel *level)
{
	for (size_t i = 0; i < lengthof(level_names); i++)
	{
		if (strcasecmp(name, level_names[i].name) == 0)
		{
			*level = level_names[i].level;
			return true;
		}
	}
	return false;
}

static const char *
level_label(LogLevel level)
{
	switch (level)
	{
		case LL_DEBUG2:
			return "DEBUG2";
		case LL_DEBUG1:
			return "DEBUG1";
		case LL_INFO:
			return "INFO";
		case LL_NOTICE:
			return "NOTICE";
		case LL_WARNING:
			return "WARNING";
		case LL_ERROR:
			return "ERROR";
		case LL_LOG:
			return "LOG";
		case LL_FATAL:
			return "FATAL";
		case LL_PANIC:
			return "PANIC";
	}
	return "LOG";
}

/*
 * LOG is ranked between ERROR and FATAL for the server log, as PostgreSQL
 * does: log_min_messages=warning still shows connection lines.
 */
static bool
level_enabled(LogLevel level)
{
	return level >= min_level;
}

static size_t
format_prefix(char *line, size_t size)
{
	struct timeval tv;
	struct tm	tm;
	char		stamp[64];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	{
		char		zone[16];
		int			n;

		strftime(zone, sizeof(zone), "%Z", &tm);
		n = snprintf(line, size, "%s.%03d %s [%d] ", stamp,
					 (int) (tv.tv_usec / 1000), zone, (int) getpid());
		return n < 0 ? 0 : Min((size_t) n, size - 1);
	}
}

static void
write_line(char *line, size_t len)
{
	size_t		off = 0;

	if (len >= LOG_LINE_MAX - 1)
		len = LOG_LINE_MAX - 2;
	line[len++] = '\n';
	while (off < len)
	{
		ssize_t		n = write(STDERR_FILENO, line + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;				/* nowhere left to report it */
		off += (size_t) n;
	}
}

void
log_vwrite(LogLevel level, const char *fmt, va_list ap)
{
	char		line[LOG_LINE_MAX];
	size_t		len;
	int			n;

	if (!level_enabled(level))
		return;
	len = format_prefix(line, sizeof(line));
	n = snprintf(line + len, sizeof(line) - len, "%s:  ", level_label(level));
	if (n > 0)
		len = Min(len + (size_t) n, sizeof(line) - 1);
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n > 0)
		len = Min(len + (size_t) n, sizeof(line) - 2);
	write_line(line, len);
}

void
log_write(LogLevel level, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	log_vwrite(level, fmt, ap);
	va_end(ap);
}

void
log_pgerror(LogLevel level, const PgError *err)
{
	if (!level_enabled(level))
		return;
	log_write(level, "%s (SQLSTATE %s)", err->message, err->sqlstate);
	if (err->detail[0])
		log_write(LL_LOG < level ? level : LL_LOG, "DETAIL:  %s", err->detail);
	if (err->hint[0])
		log_write(LL_LOG < level ? level : LL_LOG, "HINT:  %s", err->hint);
}

bool
log_redirect_stderr(const char *directory, const char *filename,
					char *errbuf, size_t errlen)
{
	char		name[512];
	char		path[1024];
	time_t		now = time(NULL);
	struct tm	tm;
	int			fd;

	if (mkdir(directory, 0700) != 0 && errno != EEXIST)
	{
		snprintf(errbuf, errlen, "could not create log directory \"%s\": %s", directory, strerror(errno));
		return false;
	}
	localtime_r(&now, &tm);
	if (strftime(name, sizeof(name), filename, &tm) == 0)
	{
		snprintf(errbuf, errlen, "invalid log_filename \"%s\"", filename);
		return false;
	}
	if ((size_t) snprintf(path, sizeof(path), "%s/%s", directory, name) >= sizeof(path))
	{
		snprintf(errbuf, errlen, "log file path too long");
		return false;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
	{
		snprintf(errbuf, errlen, "could not open log file \"%s\": %s", path, strerror(errno));
		return false;
	}
	if (dup2(fd, STDERR_FILENO) < 0)
	{
		snprintf(errbuf, errlen, "could not redirect stderr to \"%s\": %s", path, strerror(errno));
		close(fd);
		return false;
	}
	close(fd);
	return true;
}
