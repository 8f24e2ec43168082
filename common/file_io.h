/*
 * file_io.h
 *		Writing whole buffers to file descriptors.
 */
#ifndef PGW_FILE_IO_H
#define PGW_FILE_IO_H

#include "common/base.h"

/* Write all len bytes to fd, retrying after EINTR; false on error (errno set). */
bool		file_write_all(int fd, const void *data, size_t len) PGW_MUSTCHECK;

#endif							/* PGW_FILE_IO_H */
