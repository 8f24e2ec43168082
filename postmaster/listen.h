/*
 * listen.h
 *		The postmaster's listening sockets: TCP on listen_addresses and
 *		Unix-domain sockets .s.PGSQL.<port> in unix_socket_directories.
 */
#ifndef PGW_LISTEN_H
#define PGW_LISTEN_H

#include "common/base.h"
#include "common/buf.h"

#define MAX_LISTEN_SOCKETS 32

typedef struct ListenSocket
{
	int			fd;
	bool		is_unix;
	char		path[108];		/* Unix socket path */
	char		lock_path[120];	/* its .lock file */
} ListenSocket;

typedef struct ListenSet
{
	ListenSocket socks[MAX_LISTEN_SOCKETS];
	int			count;
} ListenSet;

void		listen_init(ListenSet *set);

/*
 * Open TCP sockets for a comma-separated address list ("*" = all IPv4 and
 * IPv6 addresses, "" = none). Problems with one address are logged as
 * warnings; fails (message in errbuf) only if none could be opened while
 * some were asked for.
 */
bool		listen_open_tcp(ListenSet *set, const char *addresses, int port,
							char *errbuf, size_t errlen) PGW_MUSTCHECK;

/*
 * Open .s.PGSQL.<port> in each comma-separated directory, guarded by a
 * .s.PGSQL.<port>.lock file holding our PID. Same failure rule as TCP.
 */
bool		listen_open_unix(ListenSet *set, const char *directories, int port,
							 int permissions, char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Close every socket (in a child: close only); unlink Unix sockets and locks if asked. */
void		listen_close_all(ListenSet *set, bool unlink_files);

/* First Unix socket directory and first TCP address, for postmaster.pid. */
void		listen_first_unix_dir(const ListenSet *set, char *dir, size_t size);

#endif							/* PGW_LISTEN_H */
