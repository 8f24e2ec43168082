/*
 * ctl_passwd.h
 *		pgwire-ctl passwd: set a user's SCRAM secret in the password file.
 */
#ifndef PGW_CTL_PASSWD_H
#define PGW_CTL_PASSWD_H

#include "common/base.h"

/*
 * Ask for user's password (twice, without echo, on a terminal; one line of
 * stdin otherwise) and store its SCRAM-SHA-256 secret in the data
 * directory's password_file. Prints what it did, never the password;
 * returns false after printing why it failed.
 */
bool		ctl_set_password(const char *progname, const char *data_dir, const char *user) PGW_MUSTCHECK;

#endif							/* PGW_CTL_PASSWD_H */
