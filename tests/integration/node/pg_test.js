// node-postgres (the `pg` package) as a Node.js application uses it:
// parameterized queries (the extended protocol with text parameters),
// named prepared statements, rowMode 'array', queued queries, transactions,
// errors with their SQLSTATEs, and a pool of connections.
//
// Every expectation is what PostgreSQL 15 answers; check that with
//   node pg_test.js 5499 postgres postgres
//
// usage: node pg_test.js PORT [USER [DATABASE [HOST]]]

'use strict';

// node-pg reads timestamp without time zone as local time: make that UTC
process.env.TZ = 'UTC';

const util = require('util');
const pg = require('pg');

const [PORT, USER = 'tester', DATABASE = 'testdb', HOST = '127.0.0.1'] = process.argv.slice(2);
if (!PORT) {
    console.error('usage: node pg_test.js PORT [USER [DATABASE [HOST]]]');
    process.exit(2);
}
const CONFIG = { host: HOST, port: Number(PORT), user: USER, database: DATABASE };
const PREFIX = 'node-pg';
const TABLE = 'node_t';
let failures = 0;

function show(v) {
    return util.inspect(v, { depth: 4, breakLength: Infinity });
}

function ok(name) {
    console.log(`${PREFIX}: ok - ${name}`);
}

function fail(name, expected, got) {
    failures += 1;
    console.log(`${PREFIX}: FAIL: ${name}: expected ${expected}, got ${got}`);
}

function check(name, expected, got) {
    if (util.isDeepStrictEqual(got, expected)) {
        ok(name);
    } else {
        fail(name, show(expected), show(got));
    }
}

// the promise must reject with a server error carrying this SQLSTATE
async function checkError(name, promise, sqlstate) {
    try {
        const res = await promise;
        fail(name, `error ${sqlstate}`, `success ${show(res.rows)}`);
    } catch (err) {
        check(`${name} (${sqlstate})`, sqlstate, err.code || `${err.name}: ${err.message}`);
    }
}

async function checkUsable(name, client) {
    const res = await client.query('SELECT $1::text AS still', ['usable']);
    check(name, [{ still: 'usable' }], res.rows);
}

// one row of every type, as the application passes it and gets it back
const BIG = '9007199254740993'; // 2^53 + 1: only exact as a string
const ROW = {
    id: 1,
    name: 'héllo wörld ✓ 日本語 🐘',
    score: 1.25,
    ok: true,
    born: new Date(Date.UTC(2024, 0, 2)),
    seen: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)),
    raw: Buffer.from([0x00, 0x01, 0x27, 0x5c, 0xff]),
    big: BIG,
    amount: '12.5',
};
const COLUMNS = Object.keys(ROW);
const INSERT_ROW = `INSERT INTO ${TABLE} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

// ---- scenarios, run in order on one client: createTable seeds rows 1
// and 2, which later ones read; every other scenario uses its own ids ----

async function simpleQuery(client) {
    const res = await client.query('SELECT 1 AS one');
    check('simple query SELECT 1 AS one', [{ one: 1 }], res.rows);
}

async function createTable(client) {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    const res = await client.query(`CREATE TABLE ${TABLE} (id integer PRIMARY KEY, name text,` +
        ' score float8, ok boolean, born date, seen timestamp, raw bytea, big bigint, amount numeric)');
    check('CREATE TABLE', 'CREATE', res.command);
    // rows the later scenarios read, written as SQL literals (no parameters)
    const seed = await client.query(`INSERT INTO ${TABLE} (id, name, score, ok, born, seen, big, amount) VALUES` +
        ` (1, '${ROW.name}', 1.25, true, '2024-01-02', '2024-01-02 03:04:05.123', ${BIG}, 12.5), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    check('simple-protocol INSERT of two rows', ['INSERT', 2], [seed.command, seed.rowCount]);
}

async function everyType(client) {
    // the date goes as a string, the timestamp as a Date (node-pg sends
    // "2024-01-02T03:04:05.123+00:00"), the Buffer in binary format
    const values = COLUMNS.map((c) => (c === 'id' ? 3 : c === 'born' ? '2024-01-02' : ROW[c]));
    const ins = await client.query(INSERT_ROW, values).catch((err) => ({ command: `error ${err.code}: ${err.message}` }));
    check('INSERT with nine parameters: rowCount', ['INSERT', 1], [ins.command, ins.rowCount]);
    const res = await client.query(`SELECT ${COLUMNS.join(', ')} FROM ${TABLE} WHERE id = $1`, [3]);
    check('nine parameters stored, read back as node-pg parses them', [{ ...ROW, id: 3 }], res.rows);
}

// one column per row, so a failure names the type: stored through a
// parameter into a typed column, read back from that column
async function storeEachType(client) {
    const cases = [
        ['integer', 'id', 2147483647, 2147483647],
        ['bigint (string)', 'big', '-9223372036854775808', '-9223372036854775808'],
        ['text with Unicode', 'name', ROW.name, ROW.name],
        ['double precision', 'score', -0.1, -0.1],
        ['boolean', 'ok', true, true],
        ['date from a string', 'born', '1999-12-31', new Date(Date.UTC(1999, 11, 31))],
        ['date from a Date', 'born', new Date(Date.UTC(1999, 11, 31)), new Date(Date.UTC(1999, 11, 31))],
        ['timestamp from a Date', 'seen', ROW.seen, ROW.seen],
        ['timestamp from a string', 'seen', '2024-01-02 03:04:05.123', ROW.seen],
        ['bytea from a Buffer', 'raw', ROW.raw, ROW.raw],
        ['numeric (string)', 'amount', '-3.25', '-3.25'],
        ['numeric from a number', 'amount', 0.5, '0.5'],
    ];
    let id = 100;
    for (const [label, column, value, expected] of cases) {
        id += 1;
        const key = column === 'id' ? value : id;
        try {
            if (column === 'id') {
                await client.query(`INSERT INTO ${TABLE} (id) VALUES ($1)`, [value]);
            } else {
                await client.query(`INSERT INTO ${TABLE} (id, ${column}) VALUES ($1, $2)`, [key, value]);
            }
            const res = await client.query(`SELECT ${column} AS v FROM ${TABLE} WHERE id = $1`, [key]);
            check(`${label} parameter stored in its column`, [{ v: expected }], res.rows);
        } catch (err) {
            fail(`${label} parameter stored in its column`, show(expected), `error ${err.code}: ${err.message}`);
        }
    }
    // the stored boolean must be true to the database, not just read back as true
    const res = await client.query(`SELECT id FROM ${TABLE} WHERE ok AND id > $1 ORDER BY id`, [100]);
    check('a boolean stored through a parameter is true in WHERE', [{ id: 105 }], res.rows);
}

// one parameter per query, cast in the text: the value comes back as the cast's type
async function castEachType(client) {
    const cases = [
        ['integer', 'SELECT $1::int4 AS v', 2147483647, 2147483647],
        ['bigint (string)', 'SELECT $1::int8 AS v', '-9223372036854775808', '-9223372036854775808'],
        ['text with Unicode', 'SELECT $1::text AS v', ROW.name, ROW.name],
        ['double precision', 'SELECT $1::float8 AS v', -0.1, -0.1],
        ['boolean false', 'SELECT $1::bool AS v', false, false],
        ['date', 'SELECT $1::date AS v', '1999-12-31', new Date(Date.UTC(1999, 11, 31))],
        ['timestamp from a Date', 'SELECT $1::timestamp AS v', ROW.seen, ROW.seen],
        ['bytea from a Buffer', 'SELECT $1::bytea AS v', ROW.raw, ROW.raw],
        ['numeric (string)', 'SELECT $1::numeric AS v', '-3.25', '-3.25'],
        ['NULL', 'SELECT $1::text AS v', null, null],
    ];
    for (const [label, text, value, expected] of cases) {
        try {
            const res = await client.query(text, [value]);
            check(`cast parameter round trip: ${label}`, [{ v: expected }], res.rows);
        } catch (err) {
            fail(`cast parameter round trip: ${label}`, show(expected), `error ${err.code}: ${err.message}`);
        }
    }
}

async function nullParameter(client) {
    const ins = await client.query(`INSERT INTO ${TABLE} (id, name, big) VALUES ($1, $2, $3)`, [4, null, undefined]);
    check('INSERT with NULL parameters', 1, ins.rowCount);
    const res = await client.query(`SELECT name, big, name IS NULL AS is_null FROM ${TABLE} WHERE id = $1`, [4]);
    check('NULL parameters stored as NULL', [{ name: null, big: null, is_null: true }], res.rows);
}

async function parameterTwice(client) {
    const res = await client.query(`SELECT id FROM ${TABLE} WHERE id = $1 OR id = $1 + 1 ORDER BY id`, [1]);
    check('a parameter used twice', [{ id: 1 }, { id: 2 }], res.rows);
}

async function parametersOutOfOrder(client) {
    const res = await client.query('SELECT $2::text AS a, $1::int4 AS b', [7, 'seven']);
    check('parameters out of order ($2 before $1)', [{ a: 'seven', b: 7 }], res.rows);
    const where = await client.query(`SELECT id FROM ${TABLE} WHERE name = $2 AND id = $1`, [1, ROW.name]);
    check('out-of-order parameters in WHERE', [{ id: 1 }], where.rows);
}

async function namedStatements(client) {
    const ids = [10, 11, 12, 13, 14, 15];
    for (const id of ids) {
        await client.query({ name: 'put-row', text: `INSERT INTO ${TABLE} (id, name) VALUES ($1, $2)`, values: [id, `n${id}`] });
    }
    const got = [];
    for (const id of [12, 10, 15, 99, 11]) {
        const res = await client.query({ name: 'get-row', text: `SELECT name FROM ${TABLE} WHERE id = $1`, values: [id] });
        got.push(res.rows.length ? res.rows[0].name : null);
    }
    check('named prepared statements re-executed with new values', ['n12', 'n10', 'n15', null, 'n11'], got);
}

async function rowModeArray(client) {
    const res = await client.query({
        text: `SELECT id, name, ok, big, score, born, seen, raw, amount FROM ${TABLE} WHERE id = $1 OR id = $2 ORDER BY id`,
        values: [1, 2],
        rowMode: 'array',
    });
    const seeded = ['id', 'name', 'ok', 'big', 'score', 'born', 'seen', 'raw', 'amount'].map((c) => (c === 'raw' ? null : ROW[c]));
    check("rowMode 'array': rows are arrays", [seeded, [2, null, null, null, null, null, null, null, null]], res.rows);
    check('result.fields: names and type OIDs',
        [['id', 23], ['name', 25], ['ok', 16], ['big', 20], ['score', 701], ['born', 1082], ['seen', 1114], ['raw', 17], ['amount', 1700]],
        res.fields.map((f) => [f.name, f.dataTypeID]));
}

async function queuedQueries(client) {
    // issued without awaiting: node-pg queues them on the connection;
    // simple and extended queries interleaved
    const promises = [];
    for (let i = 0; i < 30; i++) {
        promises.push(i % 3 === 0
            ? client.query(`SELECT ${i} AS v`)
            : client.query({ name: i % 3 === 1 ? 'double' : undefined, text: 'SELECT $1::int4 * 2 AS v', values: [i] }));
    }
    const got = (await Promise.all(promises)).map((r) => r.rows[0].v);
    check('30 queued queries resolve in order', Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? i : 2 * i)), got);
}

async function transaction(client, finish, id) {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${TABLE} (id, name) VALUES ($1, $2)`, [id, finish]);
    const inside = await client.query(`SELECT count(*)::int4 AS n FROM ${TABLE} WHERE id = $1`, [id]);
    await client.query(finish);
    const after = await client.query(`SELECT count(*)::int4 AS n FROM ${TABLE} WHERE id = $1`, [id]);
    return [inside.rows[0].n, after.rows[0].n];
}

async function transactions(client) {
    check('BEGIN / INSERT / ROLLBACK: the row is gone', [1, 0], await transaction(client, 'ROLLBACK', 900));
    check('BEGIN / INSERT / COMMIT: the row is there', [1, 1], await transaction(client, 'COMMIT', 901));
}

async function errors(client) {
    await checkError('duplicate primary key', client.query(`INSERT INTO ${TABLE} (id, name) VALUES ($1, $2)`, [1, 'again']), '23505');
    await checkUsable('usable after a unique violation', client);
    await checkError('missing table', client.query('SELECT * FROM node_no_such_table WHERE id = $1', [1]), '42P01');
    await checkUsable('usable after a missing table', client);
    await checkError('bad value for an int4 parameter', client.query('SELECT $1::int4 AS v', ['abc']), '22P02');
    await checkUsable('usable after a bad parameter', client);
    await checkError('a named statement that fails', client.query({ name: 'bad-named', text: 'SELECT $1::int4 AS v', values: ['x'] }), '22P02');
    const again = await client.query({ name: 'bad-named', text: 'SELECT $1::int4 AS v', values: ['5'] });
    check('the same named statement works with a good value', [{ v: 5 }], again.rows);
}

async function errorInTransaction(client) {
    await client.query('BEGIN');
    await checkError('error inside BEGIN', client.query(`INSERT INTO ${TABLE} (id) VALUES ($1)`, [1]), '23505');
    await checkError('the failed transaction refuses statements', client.query('SELECT 1'), '25P02');
    const res = await client.query('ROLLBACK');
    check('ROLLBACK ends the failed transaction', 'ROLLBACK', res.command);
    await checkUsable('usable after the failed transaction', client);
}

async function updateDelete(client) {
    const upd = await client.query(`UPDATE ${TABLE} SET name = $1 WHERE id >= $2 AND id <= $3`, ['changed', 10, 12]);
    check('UPDATE with parameters: rowCount', ['UPDATE', 3], [upd.command, upd.rowCount]);
    const del = await client.query(`DELETE FROM ${TABLE} WHERE id = $1`, [15]);
    check('DELETE with a parameter: rowCount', ['DELETE', 1], [del.command, del.rowCount]);
}

async function pool() {
    const p = new pg.Pool({ ...CONFIG, max: 4 });
    try {
        const jobs = Array.from({ length: 40 }, (_, i) =>
            p.query(`SELECT $1::int4 AS i, name FROM ${TABLE} WHERE id = $2`, [i, 10 + (i % 5)]));
        const got = (await Promise.all(jobs)).map((r) => r.rows);
        const names = ['changed', 'changed', 'changed', 'n13', 'n14'];
        check('a pool of 4 running 40 concurrent queries', Array.from({ length: 40 }, (_, i) => [{ i, name: names[i % 5] }]), got);
        check('the pool opened 4 connections', 4, p.totalCount);
    } finally {
        await p.end();
    }
}

// pgvector as node applications use it (pgvector-node sends '[1,2,...]'
// text): a 1536-dimension parameter, the nearest rows first. PostgreSQL
// needs the pgvector extension installed for this one.
function vec(dims, at, value) {
    const v = new Array(dims).fill(0);
    v[at] = value;
    return `[${v.join(',')}]`;
}

async function vectors(client) {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
    await client.query('CREATE TABLE node_v (id int PRIMARY KEY, embedding vector(1536))');
    for (let i = 0; i < 3; i++) {
        await client.query('INSERT INTO node_v (id, embedding) VALUES ($1, $2)', [i + 1, vec(1536, i, 1 + i)]);
    }
    const near = await client.query('SELECT id, embedding <=> $1 AS d FROM node_v ORDER BY d LIMIT 2', [vec(1536, 1, 0.5)]);
    check('a 1536-dimension parameter finds the nearest row first, at distance 0 (a number)',
        [2, 0], [near.rows[0].id, near.rows[0].d]);
    const back = await client.query('SELECT embedding FROM node_v WHERE id = $1', [3]);
    check('a stored 1536-dimension vector comes back as pgvector text', vec(1536, 2, 3), back.rows[0].embedding);
    await checkError('a vector of the wrong dimension', client.query('INSERT INTO node_v VALUES ($1, $2)', [9, '[1,2,3]']), '22000');
    await client.query('DROP TABLE node_v');
}

const SCENARIOS = [
    simpleQuery, createTable, everyType, storeEachType, castEachType, nullParameter, parameterTwice,
    parametersOutOfOrder, namedStatements, rowModeArray, queuedQueries, transactions,
    errors, errorInTransaction, updateDelete, pool, vectors,
];

async function main() {
    const client = new pg.Client(CONFIG);
    try {
        await client.connect();
        ok(`connect to ${HOST}:${PORT} as ${USER}, database ${DATABASE}`);
    } catch (err) {
        fail('connect', 'a connection', `${err.name}: ${err.message}`);
        return;
    }
    // a lost connection would fail every later query: report it once
    client.on('error', (err) => fail('connection', 'no error', `${err.name}: ${err.message}`));
    for (const scenario of SCENARIOS) {
        try {
            await scenario(client);
        } catch (err) {
            fail(scenario.name, 'no exception', `${err.code || err.name}: ${err.message}`);
        }
    }
    await client.query(`DROP TABLE ${TABLE}`).catch(() => {});
    await client.end();
}

main().then(() => process.exit(failures ? 1 : 0), (err) => {
    console.log(`${PREFIX}: FAIL: unexpected: ${err.stack}`);
    process.exit(1);
});
