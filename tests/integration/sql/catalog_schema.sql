CREATE TABLE foo (id int PRIMARY KEY, name varchar(40) NOT NULL DEFAULT 'x', amount numeric(12,3), ts timestamptz, ok boolean, UNIQUE (name));
CREATE TABLE bar (id int PRIMARY KEY, foo_id int REFERENCES foo (id) ON DELETE CASCADE, note text);
CREATE INDEX bar_note ON bar (note);
CREATE TABLE foo_tree (id int PRIMARY KEY, parent int REFERENCES foo_tree (id), foo_id int REFERENCES FOO (id));
CREATE VIEW foo_names AS SELECT id, name FROM foo;
