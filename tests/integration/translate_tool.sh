#!/bin/bash
# pgwire-translate as a user runs it: the translation on stdout, errors on
# stderr shown as psql shows them (SQLSTATE, LINE n: and a caret), exit
# status 0 / 1 (refused or invalid SQL) / 2 (usage). No server is started.
. "$(dirname "$0")/lib.sh"

TOOL="$PGWIRE_BUILDDIR/pgwire-translate"
OUT="$WORK/out"
ERR="$WORK/err"

# run_tool ARGS...: run the tool (stdin from the caller); sets RC, STDOUT, STDERR
run_tool() {
    "$TOOL" "$@" >"$OUT" 2>"$ERR"
    RC=$?
    STDOUT=$(cat "$OUT")
    STDERR=$(cat "$ERR")
}

# expect_ok DESCRIPTION EXPECTED_STDOUT ARGS...: translated, nothing on stderr
expect_ok() {
    local what=$1 expected=$2
    shift 2
    run_tool "$@"
    expect_eq "$what: exit status" 0 "$RC"
    expect_eq "$what: output" "$expected" "$STDOUT"
    expect_eq "$what: nothing on stderr" "" "$STDERR"
}

# expect_error DESCRIPTION STATUS EXPECTED_STDERR ARGS...: nothing on stdout
expect_error() {
    local what=$1 status=$2 expected=$3
    shift 3
    run_tool "$@"
    expect_eq "$what: exit status" "$status" "$RC"
    expect_eq "$what: message" "$expected" "$STDERR"
    expect_eq "$what: nothing on stdout" "" "$STDOUT"
}

[ -x "$TOOL" ] || { fail "$TOOL not built"; pgw_finish; }

# ---- translations ----
VERSION_IRIS="SELECT 'PostgreSQL 16.6 (pgwire 0.1.0)' AS \"version\""
expect_ok "iris is the default dialect" "$VERSION_IRIS" -c "SELECT version()"
expect_ok "--dialect iris" "$VERSION_IRIS" --dialect iris -c "SELECT version()"
expect_ok "--dialect iris-top (IRIS before 2025.1)" "$VERSION_IRIS" --dialect iris-top -c "SELECT version()"
expect_ok "--dialect=sqlite" "$VERSION_IRIS" --dialect=sqlite -c "SELECT version()"
expect_ok "--dialect postgres" "SELECT 'PostgreSQL 16.6 (pgwire 0.1.0)' AS version" \
    --dialect postgres -c "SELECT version()"
expect_ok "SQL from standard input" "$VERSION_IRIS" <<<"SELECT version()"
expect_ok "empty input" "" -c ""

expect_ok "the corpus's session values by default" \
    "SELECT 'testdb' AS \"current_database\", 'tester' AS \"current_user\", 4242 AS \"pg_backend_pid\"" \
    --dialect sqlite -c "SELECT current_database(), current_user, pg_backend_pid()"
expect_ok "--database and --user" \
    "SELECT 'shop' AS \"current_database\", 'alice' AS \"current_user\"" \
    --dialect sqlite --database shop --user=alice -c "SELECT current_database(), current_user"

expect_ok "statements pgwire handles itself are named" \
    "$(printf -- '-- pgwire: BEGIN;\nSELECT 1;\n-- pgwire: SET;\n-- pgwire: COMMIT')" \
    --dialect postgres -c "BEGIN; SELECT 1; SET search_path TO public; COMMIT"
expect_ok "a statement run as several shows its steps" \
    "$(printf -- 'INSERT INTO t (a) VALUES (?);\n-- pgwire: then\nSELECT id AS "id" FROM t WHERE rowid = last_insert_rowid()')" \
    --dialect sqlite -c "INSERT INTO t (a) VALUES (\$1) RETURNING id"
expect_ok "\$n parameters become ? markers" "SELECT '\$1', ?, ? FROM t WHERE a = ?" \
    --dialect postgres -c "SELECT '\$1', \$1, \$2 FROM t WHERE a = \$1"

# ---- errors: psql's layout, with the SQLSTATE ----
expect_error "an unterminated string" 1 "$(cat <<'EOF'
ERROR:  42601: unterminated quoted string at or near "'abc"
LINE 1: SELECT 1, 'abc
                  ^
EOF
)" -c "SELECT 1, 'abc"

expect_error "an error on the second line of standard input" 1 "$(cat <<'EOF'
ERROR:  42P02: there is no parameter $70000
LINE 2:   $70000 FROM t
          ^
EOF
)" --dialect sqlite <<<"SELECT 1,
  \$70000 FROM t"

expect_error "a long line is cut around the caret, as psql cuts it" 1 "$(cat <<'EOF'
ERROR:  42601: unterminated /* comment at or near "/* open"
LINE 1: ...a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a /* open
                                                                ^
EOF
)" -c "SELECT $(printf 'a, %.0s' {1..40})a /* open"

expect_error "invalid UTF-8" 1 'ERROR:  22021: invalid byte sequence for encoding "UTF8": 0xff' \
    < <(printf 'SELECT \xff')

# ---- usage ----
run_tool --help
expect_eq "--help: exit status" 0 "$RC"
expect_contains "--help: usage on stdout" "pgwire-translate [OPTION]... [-c SQL]" "$STDOUT"

USAGE_HINT='Try "pgwire-translate --help" for more information.'
expect_error "an unknown dialect" 2 \
    "$(printf 'pgwire-translate: unknown dialect "mysql" (iris, iris-top, iris-float, iris-inline, sqlite, sqlite-inline, postgres or catalog)\n%s' "$USAGE_HINT")" \
    --dialect mysql -c "SELECT 1"
expect_error "an unknown option" 2 \
    "$(printf 'pgwire-translate: invalid option "--bogus"\n%s' "$USAGE_HINT")" --bogus
expect_error "-c without SQL" 2 \
    "$(printf 'pgwire-translate: option "-c" requires an argument\n%s' "$USAGE_HINT")" -c
expect_error "an extra argument" 2 \
    "$(printf 'pgwire-translate: too many command-line arguments (first is "extra")\n%s' "$USAGE_HINT")" \
    -c "SELECT 1" extra

pgw_finish
