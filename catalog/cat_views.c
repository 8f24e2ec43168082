/*
 * cat_views.c
 *		PostgreSQL's system views and the information_schema views the
 *		catalog computes, written as SQLite views over the catalog tables.
 *
 * Owns: the view definitions (their columns in PostgreSQL's order and
 * names, as cat_builtin.c lists them), and the type of a view's computed
 * column, which SQLite does not declare. Views not written here are empty
 * tables of the right shape (pg_locks, pg_stat_user_tables, ...): nothing
 * to report. It must never hold rows of its own.
 */
#include "catalog/cat_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct CatView
{
	const char *name;
	const char *sql;
} CatView;

#define SCHEMA_OF(ns) "(SELECT nspname FROM pg_namespace WHERE oid = " ns ")"

static const CatView views[] = {
	{"pg_roles",
		"SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
		" rolconnlimit, '********' AS rolpassword, rolvaliduntil, rolbypassrls, NULL AS rolconfig, oid"
	" FROM pg_authid"},
	{"pg_user",
		"SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,"
		" rolreplication AS userepl, rolbypassrls AS usebypassrls, '********' AS passwd,"
	" rolvaliduntil AS valuntil, NULL AS useconfig FROM pg_authid WHERE rolcanlogin"},
	{"pg_shadow",
		"SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,"
		" rolreplication AS userepl, rolbypassrls AS usebypassrls, NULL AS passwd,"
	" rolvaliduntil AS valuntil, NULL AS useconfig FROM pg_authid WHERE rolcanlogin"},
	{"pg_tables",
		"SELECT n.nspname AS schemaname, c.relname AS tablename, pg_get_userbyid(c.relowner) AS tableowner,"
		" NULL AS tablespace, c.relhasindex AS hasindexes, c.relhasrules AS hasrules,"
		" c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity"
		" FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE c.relkind IN ('r', 'p')"},
	{"pg_views",
		"SELECT n.nspname AS schemaname, c.relname AS viewname, pg_get_userbyid(c.relowner) AS viewowner,"
		" pg_get_viewdef(c.oid) AS definition"
		" FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE c.relkind = 'v'"},
	{"pg_indexes",
		"SELECT n.nspname AS schemaname, c.relname AS tablename, i.relname AS indexname,"
		" NULL AS tablespace, pg_get_indexdef(i.oid) AS indexdef"
		" FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid"
	" LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'p')"},
	{"information_schema.schemata",
		"SELECT current_database() AS catalog_name, n.nspname AS schema_name,"
		" pg_get_userbyid(n.nspowner) AS schema_owner, NULL AS default_character_set_catalog,"
		" NULL AS default_character_set_schema, NULL AS default_character_set_name, NULL AS sql_path"
	" FROM pg_namespace n"},
	{"information_schema.tables",
		"SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,"
		" CASE WHEN n.oid = 11 OR n.oid = 13207 THEN CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'SYSTEM TABLE' END"
		" WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE' WHEN c.relkind = 'v' THEN 'VIEW'"
		" WHEN c.relkind = 'f' THEN 'FOREIGN' ELSE NULL END AS table_type,"
		" NULL AS self_referencing_column_name, NULL AS reference_generation,"
		" NULL AS user_defined_type_catalog, NULL AS user_defined_type_schema,"
		" NULL AS user_defined_type_name,"
		" CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END AS is_insertable_into,"
		" 'NO' AS is_typed, NULL AS commit_action"
		" FROM pg_namespace n JOIN pg_class c ON n.oid = c.relnamespace"
	" WHERE c.relkind IN ('r', 'v', 'f', 'p')"},
	{"information_schema.views",
		"SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,"
		" pg_get_viewdef(c.oid) AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable,"
		" 'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable,"
		" 'NO' AS is_trigger_insertable_into"
		" FROM pg_namespace n JOIN pg_class c ON n.oid = c.relnamespace"
	" WHERE c.relkind = 'v'"},
	{"information_schema.columns",
		"SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,"
		" a.attname AS column_name, a.attnum AS ordinal_position,"
		" pg_get_expr(d.adbin, d.adrelid) AS column_default,"
		" CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,"
		" pgw_is_data_type(a.atttypid) AS data_type,"
		" pgw_is_char_length(a.atttypid, a.atttypmod) AS character_maximum_length,"
		" pgw_is_char_length(a.atttypid, a.atttypmod) * 4 AS character_octet_length,"
		" pgw_is_numeric_precision(a.atttypid, a.atttypmod) AS numeric_precision,"
		" pgw_is_numeric_radix(a.atttypid) AS numeric_precision_radix,"
		" pgw_is_numeric_scale(a.atttypid, a.atttypmod) AS numeric_scale,"
		" pgw_is_datetime_precision(a.atttypid, a.atttypmod) AS datetime_precision,"
		" NULL AS interval_type, NULL AS interval_precision, NULL AS character_set_catalog,"
		" NULL AS character_set_schema, NULL AS character_set_name, NULL AS collation_catalog,"
		" NULL AS collation_schema, NULL AS collation_name, NULL AS domain_catalog,"
		" NULL AS domain_schema, NULL AS domain_name, current_database() AS udt_catalog,"
		" (SELECT nspname FROM pg_namespace WHERE oid = t.typnamespace) AS udt_schema,"
		" t.typname AS udt_name, NULL AS scope_catalog, NULL AS scope_schema, NULL AS scope_name,"
		" NULL AS maximum_cardinality, CAST(a.attnum AS TEXT) AS dtd_identifier,"
		" 'NO' AS is_self_referencing, 'NO' AS is_identity, NULL AS identity_generation,"
		" NULL AS identity_start, NULL AS identity_increment, NULL AS identity_maximum,"
		" NULL AS identity_minimum, 'NO' AS identity_cycle, 'NEVER' AS is_generated,"
		" NULL AS generation_expression,"
		" CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END AS is_updatable"
		" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
		" JOIN pg_namespace n ON n.oid = c.relnamespace"
		" LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
		" LEFT JOIN pg_type t ON t.oid = a.atttypid"
	" WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'f', 'p', 'm')"},
	{"information_schema.table_constraints",
		"SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,"
		" con.conname AS constraint_name, current_database() AS table_catalog, n.nspname AS table_schema,"
		" c.relname AS table_name,"
		" CASE con.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'p' THEN 'PRIMARY KEY'"
		" WHEN 'u' THEN 'UNIQUE' END AS constraint_type,"
		" CASE WHEN con.condeferrable THEN 'YES' ELSE 'NO' END AS is_deferrable,"
		" CASE WHEN con.condeferred THEN 'YES' ELSE 'NO' END AS initially_deferred,"
		" 'YES' AS enforced, CASE WHEN con.contype = 'u' THEN 'YES' END AS nulls_distinct"
		" FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype IN ('c', 'f', 'p', 'u')"},
	{"information_schema.key_column_usage",
		"SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,"
		" con.conname AS constraint_name, current_database() AS table_catalog, n.nspname AS table_schema,"
		" c.relname AS table_name, a.attname AS column_name, k.key + 1 AS ordinal_position,"
		" CASE WHEN con.contype = 'f' THEN k.key + 1 END AS position_in_unique_constraint"
		" FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
		" JOIN pg_namespace n ON n.oid = c.relnamespace"
		" JOIN json_each(pgw_array_json(con.conkey)) k"
		" JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.value"
	" WHERE con.contype IN ('p', 'u', 'f')"},
	{"information_schema.constraint_column_usage",
		"SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,"
		" a.attname AS column_name, current_database() AS constraint_catalog,"
		" cn.nspname AS constraint_schema, con.conname AS constraint_name"
		" FROM pg_constraint con"
		" JOIN pg_class c ON c.oid = CASE WHEN con.contype = 'f' THEN con.confrelid ELSE con.conrelid END"
		" JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_namespace cn ON cn.oid = con.connamespace"
		" JOIN json_each(pgw_array_json(CASE WHEN con.contype = 'f' THEN con.confkey ELSE con.conkey END)) k"
		" JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.value"
	" WHERE con.contype IN ('p', 'u', 'f')"},
	{"information_schema.referential_constraints",
		"SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,"
		" con.conname AS constraint_name, current_database() AS unique_constraint_catalog,"
		" pn.nspname AS unique_constraint_schema, pk.conname AS unique_constraint_name,"
		" CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL' ELSE 'NONE' END AS match_option,"
		" pgw_is_rule(con.confupdtype) AS update_rule, pgw_is_rule(con.confdeltype) AS delete_rule"
		" FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace"
		" LEFT JOIN pg_constraint pk ON pk.conrelid = con.confrelid AND pk.contype IN ('p', 'u')"
		"  AND pk.conkey = con.confkey"
		" LEFT JOIN pg_namespace pn ON pn.oid = pk.connamespace"
	" WHERE con.contype = 'f'"},
};

static const CatView *
view_named(const char *name)
{
	for (size_t i = 0; i < lengthof(views); i++)
	{
		if (strcmp(views[i].name, name) == 0)
			return &views[i];
	}
	return NULL;
}

bool
cat_is_view(const char *name)
{
	return view_named(name) != NULL;
}

bool
cat_create_views(Catalog *cat, PgError *err)
{
	Buf			sql;
	bool		ok = true;

	buf_init(&sql);
	for (size_t i = 0; ok && i < lengthof(views); i++)
	{
		buf_reset(&sql);
		buf_appendf(&sql, "CREATE VIEW \"%s\" AS %s;", views[i].name, views[i].sql);
		ok = !buf_failed(&sql) && cat_exec(cat, sql.data, err);
	}
	buf_free(&sql);
	return ok;
}

/*
 * The declared type of a column of the views by its name ("ordinal_position":
 * int4), when every view that has such a column declares the same type:
 * SQLite declares no type for a computed column.
 */
bool
cat_view_column_type(const char *column, char *type, size_t typelen)
{
	char		found[64] = "";
	char		pattern[160];

	snprintf(pattern, sizeof(pattern), "\"%s\" ", column);
	for (size_t i = 0; i < lengthof(views); i++)
	{
		const CatRelationDef *d = cat_relation_def(views[i].name);
		const char *p;
		size_t		n;

		if (d == NULL || (p = strstr(d->columns, pattern)) == NULL ||
			(p != d->columns && p[-1] != ' '))
			continue;
		p += strlen(pattern);
		n = strcspn(p, ",");
		if (n >= sizeof(found))
			continue;
		if (found[0] != '\0' && (strlen(found) != n || strncmp(found, p, n) != 0))
			return false;
		memcpy(found, p, n);
		found[n] = '\0';
	}
	if (found[0] == '\0')
		return false;
	snprintf(type, typelen, "%s", found);
	return true;
}

const char *const *
cat_bool_columns(void)
{
	return cat_bool_column_names;
}
