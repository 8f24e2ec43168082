\dt
\d
\d foo
\d bar
\d foo_tree
\d foo_names
\di
\dv
\dn
\df
\d nosuch
\dt nosuch*
