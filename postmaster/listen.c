/*
 * listen.c
 *		Opening and closing the postmaster's listening sockets.
 *
 * Owns: binding, with PostgreSQL's conventions: IPv6 sockets are v6-only so
 * "*" gets one socket per family, Unix sockets live in a directory next to
 * a lock file naming the owning PID, and a stale socket from a crashed
 * server is replaced. Sockets are non-blocking; the postmaster accepts in a
 * loop until EAGAIN.
 */
#include "postmaster/listen.h"

#include "common/log.h"
#include "config/config.h"
#include "postmaster/pidfile.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define LISTEN_BACKLOG 1024

void
listen_init(ListenSet *set)
{
	memset(set, 0, sizeof(*set));
}

static ListenSocket *
add_socket(ListenSet *set, int fd, bool is_unix)
{
	ListenSocket *ls;

	if (set->count >= MAX_LISTEN_SOCKETS)
		return NULL;
	ls = &set->socks[set->count++];
	memset(ls, 0, sizeof(*ls));
	ls->fd = fd;
	ls->is_unix = is_unix;
	return ls;
}

static bool
set_nonblocking(int fd)
{
	int			flags = fcntl(fd, F_GETFL);

	return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

typedef struct TcpArgs
{
	ListenSet  *set;
	int			port;
	int			opened;
} TcpArgs;

static void
bind_tcp_address(const struct addrinfo *ai, TcpArgs *args)
{
	char		host[NI_MAXHOST] = "?";
	const char *family = ai->ai_family == AF_INET6 ? "IPv6" : "IPv4";
	int			one = 1;
	int			fd;

	getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
	{
		log_warning("could not create %s socket for address \"%s\": %s", family, host, strerror(errno));
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0)
	{
		log_warning("could not bind %s address \"%s\": %s", family, host, strerror(errno));
		if (errno == EADDRINUSE)
			log_write(LL_LOG, "HINT:  Is another server already running on port %d? If not, wait a few seconds and retry.",
					  args->port);
		close(fd);
		return;
	}
	if (listen(fd, LISTEN_BACKLOG) != 0 || !set_nonblocking(fd) ||
		add_socket(args->set, fd, false) == NULL)
	{
		log_warning("could not listen on %s address \"%s\": %s", family, host, strerror(errno));
		close(fd);
		return;
	}
	log_write(LL_LOG, "listening on %s address \"%s\", port %d", family, host, args->port);
	args->opened++;
}

static void
open_tcp_item(const char *item, void *arg)
{
	TcpArgs    *args = arg;
	struct addrinfo hints;
	struct addrinfo *res;
	char		port[16];
	const char *host = strcmp(item, "*") == 0 ? NULL : item;
	int			rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(port, sizeof(port), "%d", args->port);
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0)
	{
		log_warning("could not translate host name \"%s\", service \"%s\" to address: %s",
					item, port, gai_strerror(rc));
		return;
	}
	for (const struct addrinfo *ai = res; ai; ai = ai->ai_next)
	{
		if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
			bind_tcp_address(ai, args);
	}
	freeaddrinfo(res);
}

bool
listen_open_tcp(ListenSet *set, const char *addresses, int port, char *errbuf, size_t errlen)
{
	TcpArgs		args = {.set = set,.port = port,.opened = 0};
	int			asked = config_list_foreach(addresses, open_tcp_item, &args);

	if (asked > 0 && args.opened == 0)
	{
		snprintf(errbuf, errlen, "could not create any TCP/IP sockets");
		return false;
	}
	return true;
}

typedef struct UnixArgs
{
	ListenSet  *set;
	int			port;
	int			permissions;
	int			opened;
} UnixArgs;

/*
 * Take the socket's lock file: it holds the owner's PID. A live owner means
 * another server uses this socket; a dead one left a stale socket behind.
 */
static bool
take_socket_lock(const char *lock_path, const char *sock_path)
{
	char		pidtext[32];
	int			fd;

	for (int attempt = 0; attempt < 2; attempt++)
	{
		fd = open(lock_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			break;
		if (errno == EEXIST)
		{
			FILE	   *f = fopen(lock_path, "r");
			int			owner = 0;

			if (f)
			{
				if (fscanf(f, "%d", &owner) != 1)
					owner = 0;
				fclose(f);
			}
			if (owner > 0 && owner != getpid() && pidfile_process_alive((pid_t) owner))
			{
				log_warning("could not create lock file \"%s\": another server (PID %d) is using socket \"%s\"",
							lock_path, owner, sock_path);
				return false;
			}
			unlink(lock_path);
			continue;
		}
		log_warning("could not create lock file \"%s\": %s", lock_path, strerror(errno));
		return false;
	}
	if (fd < 0)
		return false;
	snprintf(pidtext, sizeof(pidtext), "%d\n", (int) getpid());
	if (write(fd, pidtext, strlen(pidtext)) != (ssize_t) strlen(pidtext))
	{
		close(fd);
		unlink(lock_path);
		return false;
	}
	close(fd);
	return true;
}

static void
open_unix_item(const char *dir, void *arg)
{
	UnixArgs   *args = arg;
	struct sockaddr_un addr;
	char		path[sizeof(addr.sun_path)];
	char		lock_path[sizeof(addr.sun_path) + 16];
	ListenSocket *ls;
	int			fd;

	if ((size_t) snprintf(path, sizeof(path), "%s/.s.PGSQL.%d", dir, args->port) >= sizeof(path))
	{
		log_warning("Unix-domain socket path \"%s/.s.PGSQL.%d\" is too long", dir, args->port);
		return;
	}
	snprintf(lock_path, sizeof(lock_path), "%s.lock", path);
	if (!take_socket_lock(lock_path, path))
		return;
	unlink(path);				/* stale socket of a server that is gone */

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	memcpy(addr.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *) &addr, sizeof(addr)) != 0 ||
		chmod(path, (mode_t) args->permissions) != 0 ||
		listen(fd, LISTEN_BACKLOG) != 0 || !set_nonblocking(fd))
	{
		log_warning("could not create Unix-domain socket in directory \"%s\": %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(path);
		unlink(lock_path);
		return;
	}
	ls = add_socket(args->set, fd, true);
	if (ls == NULL)
	{
		close(fd);
		unlink(path);
		unlink(lock_path);
		return;
	}
	memcpy(ls->path, path, strlen(path) + 1);
	memcpy(ls->lock_path, lock_path, strlen(lock_path) + 1);
	log_write(LL_LOG, "listening on Unix socket \"%s\"", path);
	args->opened++;
}

bool
listen_open_unix(ListenSet *set, const char *directories, int port, int permissions,
				 char *errbuf, size_t errlen)
{
	UnixArgs	args = {.set = set,.port = port,.permissions = permissions,.opened = 0};
	int			asked = config_list_foreach(directories, open_unix_item, &args);

	if (asked > 0 && args.opened == 0)
	{
		snprintf(errbuf, errlen, "could not create any Unix-domain sockets");
		return false;
	}
	return true;
}

void
listen_close_all(ListenSet *set, bool unlink_files)
{
	for (int i = 0; i < set->count; i++)
	{
		ListenSocket *ls = &set->socks[i];

		if (ls->fd >= 0)
			close(ls->fd);
		ls->fd = -1;
		if (unlink_files && ls->is_unix)
		{
			unlink(ls->path);
			unlink(ls->lock_path);
		}
	}
	set->count = 0;
}

void
listen_first_unix_dir(const ListenSet *set, char *dir, size_t size)
{
	dir[0] = '\0';
	for (int i = 0; i < set->count; i++)
	{
		const char *slash;

		if (!set->socks[i].is_unix)
			continue;
		slash = strrchr(set->socks[i].path, '/');
		if (slash)
			snprintf(dir, size, "%.*s", (int) (slash - set->socks[i].path), set->socks[i].path);
		return;
	}
}
