\set id random(1, 100000)
INSERT INTO bench_log (id, note) VALUES (:id, 'pgbench');
SELECT count(*) FROM bench_log WHERE id = :id;
