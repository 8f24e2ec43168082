/*
 * log.h
 *		Server log: one line per event, "timestamp [pid] LEVEL:  message",
 *		as PostgreSQL's default log_line_prefix writes it.
 *
 * Lines go to file descriptor 2. When log_directory is set the postmaster
 * points fd 2 at the log file (log_redirect_stderr) before forking, so every
 * process appends to the same file; each line is one write(2).
 */
#ifndef PGW_LOG_H
#define PGW_LOG_H

#include "common/base.h"
#include "common/pgerror.h"

#include <stdarg.h>

typedef enum LogLevel
{
	LL_DEBUG2,
	LL_DEBUG1,
	LL_INFO,
	LL_NOTICE,
	LL_WARNING,
	LL_ERROR,
	LL_LOG,
	LL_FATAL,
	LL_PANIC
} LogLevel;

/* Lowest level written; set from log_min_messages. */
void		log_set_min_level(LogLevel level);
LogLevel	log_get_min_level(void);

/* Parse a log_min_messages name ("warning", "debug1", ...); false if unknown. */
bool		log_level_from_name(const char *name, LogLevel *level);

/*
 * Open log_directory/log_filename (strftime pattern) for appending and make it
 * fd 2, creating the directory if needed. Returns false with a reason in errbuf if the file cannot be opened,
 * leaving fd 2 untouched.
 */
bool		log_redirect_stderr(const char *directory, const char *filename,
								char *errbuf, size_t errlen) PGW_MUSTCHECK;

void		log_write(LogLevel level, const char *fmt,...) PGW_PRINTF(2, 3);
void		log_vwrite(LogLevel level, const char *fmt, va_list ap) PGW_PRINTF(2, 0);

/* Log a PgError at the given level, with its SQLSTATE, detail and hint. */
void		log_pgerror(LogLevel level, const PgError *err);

#define log_debug(...)		log_write(LL_DEBUG1, __VA_ARGS__)
#define log_info(...)		log_write(LL_INFO, __VA_ARGS__)
#define log_warning(...)	log_write(LL_WARNING, __VA_ARGS__)
#define log_error(...)		log_write(LL_ERROR, __VA_ARGS__)
#define log_log(...)		log_write(LL_LOG, __VA_ARGS__)
#define log_fatal(...)		log_write(LL_FATAL, __VA_ARGS__)

#endif							/* PGW_LOG_H */
