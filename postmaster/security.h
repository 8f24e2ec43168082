/*
 * security.h
 *		The postmaster's TLS context and host-based authentication rules.
 */
#ifndef PGW_SECURITY_H
#define PGW_SECURITY_H

#include "postmaster/postmaster.h"

/*
 * At start: the TLS context (if ssl is on), the hba rules, the secret for
 * unknown users' salts. False with the reason in err: the server must not
 * start (a bad certificate, a bad hba file).
 */
bool		pm_security_init(Postmaster *pm, char *err, size_t errlen) PGW_MUSTCHECK;

/*
 * On SIGHUP, after the configuration: rebuild the TLS context and re-read
 * the hba file. Whatever fails is logged and the old one kept.
 */
void		pm_security_reload(Postmaster *pm);

void		pm_security_free(Postmaster *pm);

#endif							/* PGW_SECURITY_H */
