/*
 * cancel.c
 *		Stopping the running statement (see cancel.h).
 *
 * Owns: a small thread that calls SQLCancel on the running statement's
 * handle, and the bookkeeping that makes a cancel stop exactly the
 * statement it was meant for. SQLCancel is not async-signal-safe, so
 * SIGINT is delivered only to that thread: its handler notes which
 * statement was running at that instant (a generation number; 0 when none
 * was) and the thread, woken by the signal or by the running statement's
 * deadline, cancels that statement if it is still the one running. A
 * cancel that arrives between statements or after one finished stops
 * nothing, as in PostgreSQL.
 */
#include "backend/cancel.h"

#include "common/log.h"
#include "common/sqlstate.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int	wake_fd = -1;

/* under lock */
static SQLHSTMT running = SQL_NULL_HSTMT;
static uint64_t running_gen;
static int64_t deadline_ms;		/* 0: none */
static bool cancel_sent;
static CancelReason reason;
static uint64_t next_gen = 1;

/* read by the signal handler */
static _Atomic uint64_t active_gen;		/* the running statement, 0 if none */
static _Atomic uint64_t requested_gen;	/* the one running when SIGINT came */

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
wake_thread(void)
{
	uint64_t	one = 1;
	int			save_errno = errno;

	(void) !write(wake_fd, &one, sizeof(one));
	errno = save_errno;
}

void
be_cancel_from_signal(void)
{
	uint64_t	gen = atomic_load(&active_gen);

	if (gen != 0)
		atomic_store(&requested_gen, gen);
	if (wake_fd >= 0)
		wake_thread();
}

static void
handle_sigint(int signo)
{
	(void) signo;
	be_cancel_from_signal();
}

/* How long the thread may sleep: until the deadline, or for ever. */
static int
poll_timeout(void)
{
	int64_t		left;
	int			timeout = -1;

	pthread_mutex_lock(&lock);
	if (running != SQL_NULL_HSTMT && deadline_ms != 0 && !cancel_sent)
	{
		left = deadline_ms - now_ms();
		timeout = left <= 0 ? 0 : (int) Min(left, INT32_MAX);
	}
	pthread_mutex_unlock(&lock);
	return timeout;
}

/* Cancel the running statement if a request or its deadline says so. */
static void
cancel_if_due(void)
{
	pthread_mutex_lock(&lock);
	if (running != SQL_NULL_HSTMT && !cancel_sent)
	{
		if (atomic_load(&requested_gen) == running_gen)
			reason = CANCEL_USER;
		else if (deadline_ms != 0 && now_ms() >= deadline_ms)
			reason = CANCEL_TIMEOUT;
		if (reason != CANCEL_NONE)
		{
			cancel_sent = true;
			(void) SQLCancel(running);
		}
	}
	pthread_mutex_unlock(&lock);
}

static void *
cancel_thread(void *arg)
{
	sigset_t	only_sigint;
	struct pollfd pfd;

	(void) arg;
	sigemptyset(&only_sigint);
	sigaddset(&only_sigint, SIGINT);
	pthread_sigmask(SIG_UNBLOCK, &only_sigint, NULL);
	pfd.fd = wake_fd;
	pfd.events = POLLIN;
	for (;;)
	{
		uint64_t	count;

		if (poll(&pfd, 1, poll_timeout()) > 0)
			(void) !read(wake_fd, &count, sizeof(count));
		cancel_if_due();
	}
	return NULL;
}

bool
be_cancel_start(void)
{
	sigset_t	all;
	sigset_t	old;
	sigset_t	sigint;
	struct sigaction sa;
	pthread_t	thread;
	int			rc;

	if ((wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handle_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);

	/* the thread starts with every signal blocked and unblocks SIGINT itself */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&thread, NULL, cancel_thread, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return false;
	pthread_detach(thread);
	/* and only the thread takes SIGINT: ODBC calls here never see EINTR from it */
	sigemptyset(&sigint);
	sigaddset(&sigint, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigint, NULL);
	return true;
}

void
be_cancel_begin(SQLHSTMT hstmt, int timeout_ms)
{
	pthread_mutex_lock(&lock);
	running = hstmt;
	running_gen = next_gen++;
	deadline_ms = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	cancel_sent = false;
	reason = CANCEL_NONE;
	atomic_store(&active_gen, running_gen);
	pthread_mutex_unlock(&lock);
	if (timeout_ms > 0 && wake_fd >= 0)
		wake_thread();			/* sleep until the new deadline */
}

void
be_cancel_switch(SQLHSTMT hstmt)
{
	pthread_mutex_lock(&lock);
	running = hstmt;
	pthread_mutex_unlock(&lock);
	if (wake_fd >= 0)
		wake_thread();			/* a request or deadline that came meanwhile */
}

bool
be_cancel_pending(void)
{
	bool		pending;

	pthread_mutex_lock(&lock);
	pending = reason != CANCEL_NONE;
	pthread_mutex_unlock(&lock);
	return pending;
}

CancelReason
be_cancel_end(void)
{
	CancelReason r;

	pthread_mutex_lock(&lock);
	atomic_store(&active_gen, 0);
	running = SQL_NULL_HSTMT;
	deadline_ms = 0;
	r = reason;
	reason = CANCEL_NONE;
	pthread_mutex_unlock(&lock);
	return r;
}

CancelReason
be_cancel_requested(void)
{
	CancelReason r;

	cancel_if_due();
	pthread_mutex_lock(&lock);
	r = reason;
	pthread_mutex_unlock(&lock);
	return r;
}

void
be_cancel_explain(CancelReason why, PgError *err)
{
	switch (why)
	{
		case CANCEL_NONE:
			break;
		case CANCEL_USER:
			pgerr_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to user request");
			break;
		case CANCEL_TIMEOUT:
			pgerr_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to statement timeout");
			break;
	}
}
