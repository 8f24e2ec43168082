/*
 * pidfile.c
 *		Creating, updating, reading and removing postmaster.pid.
 *
 * Owns: the lock that keeps two servers out of one data directory, and the
 * status line pgwire-ctl waits on. A lock file whose process is gone, or
 * whose PID now belongs to another program, is stale and replaced.
 */
#include "postmaster/pidfile.h"

#include "common/file_io.h"
#include "common/shmem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void
pidfile_path(const char *data_dir, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", data_dir, PIDFILE_NAME);
}

bool
pidfile_process_alive(pid_t pid)
{
	char		path[64];
	char		cmdline[512];
	FILE	   *f;
	size_t		n;
	const char *base;

	if (pid <= 0)
		return false;
	if (kill(pid, 0) != 0 && errno != EPERM)
		return false;
	/* a live PID may have been reused by something else after a reboot */
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int) pid);
	f = fopen(path, "r");
	if (f == NULL)
		return true;			/* cannot tell: assume it is ours */
	n = fread(cmdline, 1, sizeof(cmdline) - 1, f);
	fclose(f);
	cmdline[n] = '\0';
	base = strrchr(cmdline, '/');
	base = base ? base + 1 : cmdline;
	return strstr(base, "pgwire") != NULL;
}

/* The eight lines, written and synced in one go. */
static bool
write_content(int fd, const PidFileInfo *info)
{
	char		content[10000];
	int			len = snprintf(content, sizeof(content), "%d\n%s\n%lld\n%d\n%s\n%s\n%s\n%-8s\n",
							   (int) info->pid, info->data_dir, (long long) info->start_time,
							   info->port, info->socket_dir, info->listen_address, "0",
							   info->status);

	return len > 0 && (size_t) len < sizeof(content) &&
		file_write_all(fd, content, (size_t) len) && fsync(fd) == 0;
}

/* A crashed server's shared memory segment goes with its lock file. */
static void
remove_stale_segment(const PidFileInfo *stale)
{
	char		name[64];

	if (stale->pid <= 0 || stale->pid == getpid())
		return;
	shm_name_for(stale->pid, name, sizeof(name));
	(void) shm_unlink(name);
}

bool
pidfile_create(const char *data_dir, const PidFileInfo *info, char *errbuf, size_t errlen)
{
	char		path[4200];
	int			fd = -1;

	pidfile_path(data_dir, path, sizeof(path));
	for (int attempt = 0; attempt < 2 && fd < 0; attempt++)
	{
		PidFileInfo other = {0};

		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			break;
		if (errno != EEXIST)
		{
			snprintf(errbuf, errlen, "could not create lock file \"%s\": %s", path, strerror(errno));
			return false;
		}
		if (pidfile_read(data_dir, &other) && pidfile_process_alive(other.pid) &&
			other.pid != getpid())
		{
			snprintf(errbuf, errlen,
					 "lock file \"%s\" already exists\n"
					 "HINT:  Is another pgwire (PID %d) running in data directory \"%s\"?",
					 PIDFILE_NAME, (int) other.pid, data_dir);
			return false;
		}
		if (unlink(path) != 0 && errno != ENOENT)
		{
			snprintf(errbuf, errlen, "could not remove old lock file \"%s\": %s", path, strerror(errno));
			return false;
		}
		remove_stale_segment(&other);
	}
	if (fd < 0)
	{
		snprintf(errbuf, errlen, "could not create lock file \"%s\": %s", path, strerror(errno));
		return false;
	}

	if (!write_content(fd, info))
	{
		snprintf(errbuf, errlen, "could not write lock file \"%s\": %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return false;
	}
	close(fd);
	return true;
}

bool
pidfile_rewrite(const char *data_dir, const PidFileInfo *info, char *errbuf, size_t errlen)
{
	char		path[4200];
	int			fd;
	bool		ok;

	pidfile_path(data_dir, path, sizeof(path));
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
	{
		snprintf(errbuf, errlen, "could not open lock file \"%s\": %s", path, strerror(errno));
		return false;
	}
	ok = write_content(fd, info);
	if (!ok)
		snprintf(errbuf, errlen, "could not write lock file \"%s\": %s", path, strerror(errno));
	close(fd);
	return ok;
}

bool
pidfile_set_status(const char *data_dir, const char *status)
{
	char		path[4200];
	char		content[10000];
	char		padded[16];
	ssize_t		n;
	int			fd;
	int			line = 1;
	ssize_t		off = -1;

	pidfile_path(data_dir, path, sizeof(path));
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, content, sizeof(content) - 1);
	if (n <= 0)
	{
		close(fd);
		return false;
	}
	content[n] = '\0';
	for (ssize_t i = 0; i < n && line < PIDFILE_LINE_STATUS; i++)
	{
		if (content[i] == '\n' && ++line == PIDFILE_LINE_STATUS)
			off = i + 1;
	}
	snprintf(padded, sizeof(padded), "%-8s", status);
	if (off < 0 || pwrite(fd, padded, strlen(padded), off) != (ssize_t) strlen(padded))
	{
		close(fd);
		return false;
	}
	close(fd);
	return true;
}

void
pidfile_remove(const char *data_dir)
{
	char		path[4200];

	pidfile_path(data_dir, path, sizeof(path));
	unlink(path);
}

/* Copy line number `line` (1-based) of text into dst. */
static void
copy_line(const char *text, int line, char *dst, size_t size)
{
	const char *p = text;
	size_t		n = 0;

	for (int i = 1; i < line && p; i++)
	{
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (p)
	{
		while (p[n] && p[n] != '\n' && n < size - 1)
			n++;
		memcpy(dst, p, n);
	}
	dst[n] = '\0';
}

bool
pidfile_read(const char *data_dir, PidFileInfo *out)
{
	char		path[4200];
	char		content[10000];
	char		field[64];
	FILE	   *f;
	size_t		n;

	memset(out, 0, sizeof(*out));
	pidfile_path(data_dir, path, sizeof(path));
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	n = fread(content, 1, sizeof(content) - 1, f);
	fclose(f);
	content[n] = '\0';

	copy_line(content, PIDFILE_LINE_PID, field, sizeof(field));
	out->pid = (pid_t) atoi(field);
	copy_line(content, PIDFILE_LINE_DATADIR, out->data_dir, sizeof(out->data_dir));
	copy_line(content, PIDFILE_LINE_START, field, sizeof(field));
	out->start_time = (time_t) atoll(field);
	copy_line(content, PIDFILE_LINE_PORT, field, sizeof(field));
	out->port = atoi(field);
	copy_line(content, PIDFILE_LINE_SOCKET_DIR, out->socket_dir, sizeof(out->socket_dir));
	copy_line(content, PIDFILE_LINE_LISTEN, out->listen_address, sizeof(out->listen_address));
	copy_line(content, PIDFILE_LINE_STATUS, out->status, sizeof(out->status));
	return out->pid > 0;
}
