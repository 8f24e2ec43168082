/*
 * postmaster.c
 *		The supervisor process.
 *
 * Owns: the server loop, signal handling, reloads, shutdown modes and the
 * hand-off of accepted connections to backends. Modeled on PostgreSQL's
 * postmaster: signal handlers only set flags and wake the loop; the loop
 * reaps children, then acts on shutdown and reload requests, then accepts.
 * The postmaster never reads a byte from a client, never touches a
 * backend's state, and survives any backend's death: a backend that exits
 * with anything but 0 or 1 is logged as a crash and forgotten.
 *
 * Every accepted connection goes through pm_handoff(), the one place that
 * decides what serves it; today it forks, later it can pass the socket to a
 * pre-forked backend instead.
 */
#include "postmaster/postmaster.h"

#include "backend/backend.h"
#include "common/log.h"
#include "postmaster/pidfile.h"
#include "postmaster/security.h"

#include <arpa/inet.h>
#include <openssl/rand.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIGKILL_CHILDREN_AFTER_SECS 5

static volatile sig_atomic_t pending_reload;
static volatile sig_atomic_t pending_child_exit;
static volatile sig_atomic_t pending_shutdown;	/* a ShutdownMode */
static int	signal_wake_fd = -1;

static void
wake_loop(void)
{
	int			save_errno = errno;

	if (signal_wake_fd >= 0)
		(void) !write(signal_wake_fd, "x", 1);
	errno = save_errno;
}

static void
handle_signal(int signo)
{
	switch (signo)
	{
		case SIGHUP:
			pending_reload = 1;
			break;
		case SIGCHLD:
			pending_child_exit = 1;
			break;
		case SIGTERM:
			if (pending_shutdown < SHUTDOWN_SMART)
				pending_shutdown = SHUTDOWN_SMART;
			break;
		case SIGINT:
			if (pending_shutdown < SHUTDOWN_FAST)
				pending_shutdown = SHUTDOWN_FAST;
			break;
		case SIGQUIT:
			pending_shutdown = SHUTDOWN_IMMEDIATE;
			break;
	}
	wake_loop();
}

static void
install_signals(void)
{
	static const int handled[] = {SIGHUP, SIGCHLD, SIGTERM, SIGINT, SIGQUIT};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handle_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < lengthof(handled); i++)
		sigaddset(&sa.sa_mask, handled[i]);
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < lengthof(handled); i++)
		sigaction(handled[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
}

/* In a new child: forget everything of the postmaster it does not need. */
static void
become_child(Postmaster *pm)
{
	static const int handled[] = {SIGHUP, SIGCHLD, SIGTERM, SIGINT, SIGQUIT};

	for (size_t i = 0; i < lengthof(handled); i++)
		signal(handled[i], SIG_DFL);
	listen_close_all(&pm->listen, false);
	close(pm->wake_pipe[0]);
	close(pm->wake_pipe[1]);
	close(pm->alive_pipe[1]);
	pm->shmem.name[0] = '\0';	/* the segment is the postmaster's to remove */
	signal_wake_fd = -1;
	/* its own process group, so signals aimed at it never hit us */
	setsid();
}

/* ---- hand-off ---- */

/*
 * Refuse a connection without a child: used only when even the dead-end
 * table is full. Best effort, never blocks.
 */
static void
refuse_without_child(int fd, const char *message)
{
	char		packet[256];
	int			n = snprintf(packet + 5, sizeof(packet) - 5,
							 "SFATAL%cC53300%cM%s%c%c", 0, 0, message, 0, 0);
	uint32_t	len;

	if (n > 0 && (size_t) n + 5 <= sizeof(packet))
	{
		packet[0] = 'E';
		len = htonl((uint32_t) n + 4);
		memcpy(packet + 1, &len, 4);
		(void) !send(fd, packet, (size_t) n + 5, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	close(fd);
}

static void
pm_handoff(Postmaster *pm, int fd, const struct sockaddr_storage *addr, socklen_t addrlen)
{
	BackendMode mode = BACKEND_NORMAL;
	bool		dead_end;
	pid_t		pid;
	int			slot;
	uint8_t		cancel_key[SHM_CANCEL_KEY_LEN];
	sigset_t	all;
	sigset_t	old;

	if (pm->shutdown != SHUTDOWN_NONE)
		mode = BACKEND_SHUTTING_DOWN;
	else if (!children_can_add(&pm->children, false))
		mode = BACKEND_TOO_MANY;
	dead_end = (mode != BACKEND_NORMAL);

	if (dead_end && !children_can_add(&pm->children, true))
	{
		refuse_without_child(fd, "sorry, too many clients already");
		return;
	}

	slot = children_free_slot(&pm->children);
	if (RAND_bytes(cancel_key, sizeof(cancel_key)) != 1)
	{
		log_write(LL_LOG, "could not generate random cancel key");
		refuse_without_child(fd, "could not generate random cancel key");
		return;
	}
	/*
	 * The child starts with every signal blocked, so a SIGTERM or SIGHUP
	 * sent the moment it exists waits for its own handlers (be_main
	 * installs them, then unblocks), as PostgreSQL's postmaster does.
	 */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid != 0)
		sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
	{
		log_write(LL_LOG, "could not fork new process for connection: %s", strerror(errno));
		refuse_without_child(fd, "could not fork new process for connection");
		return;
	}
	if (pid == 0)
	{
		BackendStart start;

		become_child(pm);
		memset(&start, 0, sizeof(start));
		start.client_fd = fd;
		memcpy(&start.addr, addr, addrlen);
		start.addrlen = addrlen;
		start.mode = mode;
		start.pm_death_fd = pm->alive_pipe[0];
		start.config = &pm->config;
		start.data_dir = pm->data_dir;
		start.overrides = pm->overrides;
		start.noverrides = pm->noverrides;
		start.shmem = &pm->shmem;
		start.catalog_template = &pm->catalog;
		start.slot = dead_end ? NULL : &pm->shmem.slots[slot];
		start.tls_context = pm->tls_context;
		start.hba = pm->hba_loaded ? &pm->hba : NULL;
		start.mock_auth_nonce = pm->mock_auth_nonce;
		memcpy(start.cancel_key, cancel_key, sizeof(cancel_key));
		be_main(&start);
	}
	children_add(&pm->children, slot, pid, dead_end);
	if (!dead_end)
		shm_slot_publish(&pm->shmem, slot, pid, cancel_key);
	close(fd);
}

static void
accept_connections(Postmaster *pm, int listen_fd)
{
	for (;;)
	{
		struct sockaddr_storage addr;
		socklen_t	addrlen = sizeof(addr);
		int			fd = accept4(listen_fd, (struct sockaddr *) &addr, &addrlen, SOCK_CLOEXEC);

		if (fd < 0)
		{
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_write(LL_LOG, "could not accept new connection: %s", strerror(errno));
			return;
		}
		pm_handoff(pm, fd, &addr, addrlen);
	}
}

/* ---- children ---- */

static void
reap_children(Postmaster *pm)
{
	int			status;
	pid_t		pid;

	pending_child_exit = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
	{
		bool		dead_end;
		int			slot;

		if (!children_remove(&pm->children, pid, &dead_end, &slot))
			continue;
		shm_slot_release(&pm->shmem, slot);
		if (pm->shutdown == SHUTDOWN_IMMEDIATE)
			continue;
		if (WIFEXITED(status) && WEXITSTATUS(status) > 1)
			log_write(LL_LOG, "server process (PID %d) exited with exit code %d",
					  (int) pid, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			log_write(LL_LOG, "server process (PID %d) was terminated by signal %d: %s",
					  (int) pid, WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
}

/* ---- reload ---- */

static void
reopen_log(const Config *cfg)
{
	char		err[512];

	if (cfg->log_directory[0] == '\0')
		return;
	if (!log_redirect_stderr(cfg->log_directory, cfg->log_filename, err, sizeof(err)))
		log_write(LL_LOG, "%s", err);
}

static void
reload_config(Postmaster *pm)
{
	Config		fresh;
	Buf			errors;
	bool		log_moved;

	pending_reload = 0;
	log_write(LL_LOG, "received SIGHUP, reloading configuration files");
	buf_init(&errors);
	if (!config_build(&fresh, pm->data_dir, pm->overrides, pm->noverrides, &errors))
	{
		char	   *line = errors.data;

		while (line && *line)
		{
			char	   *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			log_write(LL_LOG, "%s", line);
			line = nl ? nl + 1 : NULL;
		}
		log_write(LL_LOG, "configuration file \"%s\" contains errors; no changes were applied",
				  pm->config.config_file);
		config_free(&fresh);
		buf_free(&errors);
		return;
	}
	buf_free(&errors);

	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		Buf			value;
		PgError		err;

		if (p->context == PARAM_INTERNAL || config_equal(&pm->config, &fresh, p))
			continue;
		buf_init(&value);
		if (p->context == PARAM_POSTMASTER)
		{
			log_write(LL_LOG, "parameter \"%s\" cannot be changed without restarting the server", p->name);
			config_show(&pm->config, p, &value);
			if (!config_set(&fresh, p, value.data ? value.data : "", &err))
				log_pgerror(LL_LOG, &err);
		}
		else
		{
			config_show(&fresh, p, &value);
			if (p->flags & PARAM_NO_SHOW_ALL)
				log_write(LL_LOG, "parameter \"%s\" changed", p->name);
			else
				log_write(LL_LOG, "parameter \"%s\" changed to \"%s\"", p->name,
						  value.data ? value.data : "");
		}
		buf_free(&value);
	}

	log_moved = strcmp(pm->config.log_directory, fresh.log_directory) != 0 ||
		strcmp(pm->config.log_filename, fresh.log_filename) != 0;
	config_free(&pm->config);
	pm->config = fresh;
	log_set_min_level((LogLevel) pm->config.log_min_messages);
	if (log_moved)
		reopen_log(&pm->config);
	children_signal(&pm->children, SIGHUP, false);
}

/* ---- shutdown ---- */

static void
begin_shutdown(Postmaster *pm, ShutdownMode mode)
{
	if (mode <= pm->shutdown)
		return;
	pm->shutdown = mode;
	if (!pidfile_set_status(pm->data_dir, PM_STATUS_STOPPING))
		log_warning("could not update \"%s\"", PIDFILE_NAME);
	switch (mode)
	{
		case SHUTDOWN_SMART:
			log_write(LL_LOG, "received smart shutdown request");
			break;
		case SHUTDOWN_FAST:
			log_write(LL_LOG, "received fast shutdown request");
			log_write(LL_LOG, "aborting any active transactions");
			children_signal(&pm->children, SIGTERM, true);
			break;
		case SHUTDOWN_IMMEDIATE:
			log_write(LL_LOG, "received immediate shutdown request");
			children_signal(&pm->children, SIGQUIT, true);
			pm->immediate_since = time(NULL);
			break;
		case SHUTDOWN_NONE:
			break;
	}
}

static bool
shutdown_complete(Postmaster *pm)
{
	if (pm->shutdown == SHUTDOWN_NONE)
		return false;
	if (pm->shutdown == SHUTDOWN_IMMEDIATE && children_total(&pm->children) > 0 &&
		time(NULL) - pm->immediate_since >= SIGKILL_CHILDREN_AFTER_SECS)
	{
		log_write(LL_LOG, "issuing SIGKILL to recalcitrant children");
		children_signal(&pm->children, SIGKILL, true);
		pm->immediate_since = time(NULL);
	}
	return children_total(&pm->children) == 0;
}

/* ---- the loop ---- */

static void
drain_wake_pipe(int fd)
{
	char		junk[64];

	while (read(fd, junk, sizeof(junk)) > 0)
		;
}

static int
server_loop(Postmaster *pm)
{
	struct pollfd pfd[MAX_LISTEN_SOCKETS + 1];

	for (;;)
	{
		int			n = 0;
		int			rc;

		pfd[n++] = (struct pollfd) {.fd = pm->wake_pipe[0],.events = POLLIN};
		/* after a shutdown request new clients are still told why they are refused */
		if (pm->shutdown < SHUTDOWN_FAST)
		{
			for (int i = 0; i < pm->listen.count; i++)
				pfd[n++] = (struct pollfd) {.fd = pm->listen.socks[i].fd,.events = POLLIN};
		}

		rc = poll(pfd, (nfds_t) n, 1000);
		if (rc < 0 && errno != EINTR)
		{
			log_write(LL_LOG, "poll() failed in postmaster: %s", strerror(errno));
			return 1;
		}
		if (rc > 0 && pfd[0].revents)
			drain_wake_pipe(pm->wake_pipe[0]);

		if (pending_child_exit)
			reap_children(pm);
		if (pending_shutdown > (sig_atomic_t) pm->shutdown)
			begin_shutdown(pm, (ShutdownMode) pending_shutdown);
		if (pending_reload && pm->shutdown == SHUTDOWN_NONE)
		{
			reload_config(pm);
			/* certificates and hba rules are re-read even if pgwire.yaml is broken */
			pm_security_reload(pm);
		}
		if (shutdown_complete(pm))
			return 0;

		for (int i = 1; rc > 0 && i < n; i++)
		{
			if (pfd[i].revents & POLLIN)
				accept_connections(pm, pfd[i].fd);
		}
	}
}

int
postmaster_run(Postmaster *pm)
{
	char		err[1024];
	char		shm_name[64];
	PidFileInfo info;
	int			rc;

	if (pipe2(pm->wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0 || pipe2(pm->alive_pipe, O_CLOEXEC) != 0)
	{
		log_fatal("could not create pipes: %s", strerror(errno));
		return 1;
	}
	signal_wake_fd = pm->wake_pipe[1];
	install_signals();

	if (!children_init(&pm->children, pm->config.max_connections, pm->config.max_connections + 16))
	{
		log_fatal("out of memory");
		return 1;
	}
	if (!pm_security_init(pm, err, sizeof(err)))
	{
		log_fatal("%s", err);
		children_free(&pm->children);
		return 1;
	}

	memset(&info, 0, sizeof(info));
	info.pid = getpid();
	snprintf(info.data_dir, sizeof(info.data_dir), "%s", pm->data_dir);
	info.start_time = time(NULL);
	info.port = pm->config.port;
	snprintf(info.status, sizeof(info.status), "%s", PM_STATUS_STARTING);
	if (!pidfile_create(pm->data_dir, &info, err, sizeof(err)))
	{
		log_fatal("%s", err);
		return 1;
	}

	listen_init(&pm->listen);
	if (!listen_open_tcp(&pm->listen, pm->config.listen_addresses, pm->config.port, err, sizeof(err)) ||
		!listen_open_unix(&pm->listen, pm->config.unix_socket_directories, pm->config.port,
						  pm->config.unix_socket_permissions, err, sizeof(err)))
	{
		log_fatal("%s", err);
		listen_close_all(&pm->listen, true);
		pidfile_remove(pm->data_dir);
		return 1;
	}
	if (pm->listen.count == 0)
	{
		log_fatal("no socket created for listening");
		pidfile_remove(pm->data_dir);
		return 1;
	}

	/* the backend table, before anything is forked (and only once nothing else can fail) */
	shm_name_for(getpid(), shm_name, sizeof(shm_name));
	if (!shm_create(&pm->shmem, shm_name, pm->children.cap))
	{
		log_fatal("could not create shared memory segment \"%s\": %s", shm_name, strerror(errno));
		listen_close_all(&pm->listen, true);
		pidfile_remove(pm->data_dir);
		return 1;
	}

	/* the catalog's template, copied by every session that asks the catalog (else built there) */
	{
		PgError		cat_err;

		cat_library_setup();
		if (!cat_template_build(&pm->catalog, &cat_err))
			log_write(LL_WARNING, "could not build the catalog's template: %s", cat_err.message);
	}

	/* now that the sockets exist, complete postmaster.pid and say we are ready */
	listen_first_unix_dir(&pm->listen, info.socket_dir, sizeof(info.socket_dir));
	snprintf(info.listen_address, sizeof(info.listen_address), "%s", pm->config.listen_addresses);
	snprintf(info.status, sizeof(info.status), "%s", PM_STATUS_READY);
	if (!pidfile_rewrite(pm->data_dir, &info, err, sizeof(err)))
	{
		log_fatal("%s", err);
		listen_close_all(&pm->listen, true);
		pidfile_remove(pm->data_dir);
		shm_destroy(&pm->shmem);
		cat_template_free(&pm->catalog);
		return 1;
	}
	log_write(LL_LOG, "database system is ready to accept connections");

	rc = server_loop(pm);

	listen_close_all(&pm->listen, true);
	pidfile_remove(pm->data_dir);
	children_free(&pm->children);
	shm_destroy(&pm->shmem);
	cat_template_free(&pm->catalog);
	log_write(LL_LOG, "database system is shut down");
	return rc;
}
