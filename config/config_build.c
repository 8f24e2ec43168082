/*
 * config_build.c
 *		Building a server's configuration: defaults, then the data
 *		directory's pgwire.yaml, then -c overrides.
 *
 * Owns: the order of precedence. Used at start and on every reload (by the
 * postmaster and, for session defaults, by each backend), always into a
 * fresh Config so a bad file never damages the one in use.
 */
#include "config/config.h"

#include <stdio.h>

bool
config_build(Config *cfg, const char *data_dir, char *const *overrides, int noverrides,
			 Buf *errors)
{
	char		path[4096];
	PgError		err;
	bool		ok;

	if (!config_init_defaults(cfg))
	{
		buf_append_str(errors, "out of memory\n");
		return false;
	}
	if ((size_t) snprintf(path, sizeof(path), "%s/%s", data_dir, CONFIG_FILE_NAME) >= sizeof(path))
	{
		buf_append_str(errors, "data directory path too long\n");
		return false;
	}
	ok = config_load_file(cfg, path, errors);
	ok = config_apply_overrides(cfg, overrides, noverrides, errors) && ok;
	if (!config_set(cfg, config_lookup("data_directory"), data_dir, &err) ||
		!config_set(cfg, config_lookup("config_file"), path, &err))
	{
		buf_appendf(errors, "%s\n", err.message);
		ok = false;
	}
	return ok;
}

bool
config_data_path(const Config *cfg, const char *value, char *out, size_t outlen)
{
	int			n;

	if (value[0] == '/' || cfg->data_directory == NULL || cfg->data_directory[0] == '\0')
		n = snprintf(out, outlen, "%s", value);
	else
		n = snprintf(out, outlen, "%s/%s", cfg->data_directory, value);
	return n >= 0 && (size_t) n < outlen;
}
