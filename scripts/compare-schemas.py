#!/usr/bin/env python3
"""Compares the schema of a SQLite store with that of a PostgreSQL store (docs/decisions/0010).

    scripts/compare-schemas.py --sqlite FILE --postgres URL [--pg-schema NAME] [--no-data]

Reads, from both databases: the tables; each table's columns in order (name, type class:
integer/text/blob/real, NOT NULL, default); primary keys (column lists in key order); UNIQUE
constraints (sorted column lists); foreign keys; indexes made by CREATE INDEX (name, columns,
unique, partial); triggers (name, table, timing, event); and the rows of the tables that the
migrations fill (code, change_stamp). Prints every difference and exits 1 if there is any, 0 if
none.

Differences that are the design (src/store/postgres/schema.cc) are not reported: the `province`
column that ends the partitioned registry tables and their keys, quarantine's `entry_id`
(SQLite's rowid), and the `<table>_next_id` triggers that number keys as SQLite does by itself;
the first two are checked to be where and what they should be instead, as is the
partitioning. CHECK constraints and partial-index predicates are not compared (the two dialects
spell them differently). schema_migrations, sqlite_sequence and partitions are left out.

Compare fresh databases: a SQLite file made by `xianjie init` (its region rows are data of init,
not of the migrations, and are not compared) and a PostgreSQL database loaded with the baseline.
Needs only Python's standard library and psql.
"""

import argparse
import re
import sqlite3
import subprocess
import sys

# The tables PostgreSQL partitions by province, and the columns only PostgreSQL has.
PARTITIONED = ("household", "household_version", "member_version")
PG_ONLY_COLUMNS = {(t, "province"): ("integer", True) for t in PARTITIONED}
PG_ONLY_COLUMNS[("quarantine", "entry_id")] = ("integer", True)
IGNORED_TABLES = {"schema_migrations", "sqlite_sequence"}
# Tables whose rows the migrations insert.
SEED_TABLES = {"code": "kind, value", "change_stamp": "name"}

SEP = "\x1f"


def sqlite_type_class(declared):
    t = declared.upper()
    if "INT" in t:
        return "integer"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "text"
    if t == "" or "BLOB" in t:
        return "blob"
    if "REAL" in t or "FLOA" in t or "DOUB" in t:
        return "real"
    return "numeric:" + declared


def pg_type_class(declared):
    if declared in ("bigint", "integer", "smallint"):
        return "integer"
    if declared in ("text", "character varying", "character"):
        return "text"
    if declared == "bytea":
        return "blob"
    if declared in ("double precision", "real"):
        return "real"
    return "other:" + declared


def normalize_default(value):
    """A column default as comparable text: SQLite's `''` and `6`, PostgreSQL's `''::text`."""
    if value is None:
        return None
    v = value.strip()
    v = re.sub(r"::(text|bigint|integer|smallint|double precision|bytea)$", "", v)
    if v.startswith("(") and v.endswith(")"):
        v = v[1:-1]
    return v


class Schema:
    def __init__(self):
        self.columns = {}   # table -> [(name, class, notnull, default)]
        self.pk = {}        # table -> (columns...) in key order
        self.unique = {}    # table -> set of column tuples (SQLite: sorted; PostgreSQL: key order)
        self.fks = {}       # table -> set of ((columns), ref_table, (ref_columns))
        self.indexes = {}   # name -> (table, (columns), unique, partial)
        self.triggers = {}  # name -> set of (table, timing, event)
        self.seed = {}      # table -> sorted rows


def read_sqlite(path):
    s = Schema()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for t in tables:
        if t in IGNORED_TABLES:
            continue
        info = db.execute("SELECT name, type, \"notnull\", dflt_value, pk "
                          "FROM pragma_table_info(?) ORDER BY cid", (t,)).fetchall()
        # A primary key column is NOT NULL (SQLite lets a rowid table's non-integer key be NULL,
        # a quirk that PostgreSQL does not have and that the store never uses).
        s.columns[t] = [(n, sqlite_type_class(ty), bool(nn) or pk > 0, normalize_default(d))
                        for n, ty, nn, d, pk in info]
        s.pk[t] = tuple(n for n, _, _, _, pk in sorted(info, key=lambda r: r[4]) if pk > 0)
        s.unique[t] = set()
        for _, name, unique, origin, partial in db.execute(
                "SELECT seq, name, \"unique\", origin, partial FROM pragma_index_list(?)", (t,)):
            cols = tuple(r[0] for r in db.execute(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (name,)))
            if origin == "u":
                s.unique[t].add(tuple(sorted(cols)))
            elif origin == "c":
                s.indexes[name] = (t, cols, bool(unique), bool(partial))
        fks = {}
        for fk_id, seq, ref, frm, to in db.execute(
                "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) "
                "ORDER BY id, seq", (t,)):
            fks.setdefault(fk_id, (ref, [], []))
            fks[fk_id][1].append(frm)
            fks[fk_id][2].append(to)
        s.fks[t] = {(tuple(f), ref, tuple(to)) for ref, f, to in fks.values()}
    pattern = re.compile(
        r"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+(BEFORE|AFTER|INSTEAD\s+OF)?\s*"
        r"(INSERT|UPDATE|DELETE)(?:\s+OF\s+([\w\s,]+?))?\s+ON\s+(\w+)", re.I)
    for name, sql in db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"):
        m = pattern.search(sql)
        if not m:
            s.triggers[name] = {("?", "?", sql)}
            continue
        timing = (m.group(2) or "BEFORE").upper()
        event = m.group(3).upper()
        if m.group(4):
            event += " OF " + ",".join(c.strip() for c in m.group(4).split(","))
        s.triggers[name] = {(m.group(5), timing, event)}
    for t, order in SEED_TABLES.items():
        if t in s.columns:
            s.seed[t] = [tuple(r) for r in db.execute(f"SELECT * FROM {t} ORDER BY {order}")]
    return s


class Postgres:
    def __init__(self, url, schema):
        self.url = url
        self.schema = schema

    def query(self, sql):
        """Rows of `sql` (sent on stdin), each a list of text fields."""
        if self.schema:
            sql = 'SET search_path TO "' + self.schema.replace('"', '""') + '";\n' + sql
        out = subprocess.run(
            ["psql", "-X", "-q", "-At", "-F", SEP, "-v", "ON_ERROR_STOP=1", "-d", self.url],
            input=sql, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"compare-schemas: psql failed: {out.stderr.strip()}")
        return [line.split(SEP) for line in out.stdout.splitlines() if line != ""]


def read_postgres(url, schema_name):
    pg = Postgres(url, schema_name)
    s = Schema()
    tables = [r[0] for r in pg.query(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1")]
    tables = [t for t in tables if t not in IGNORED_TABLES]
    for t in tables:
        s.columns[t] = []
    for t, name, ty, notnull, default, identity in pg.query(
            "SELECT c.relname, a.attname, format_type(a.atttypid, NULL), a.attnotnull, "
            "pg_get_expr(d.adbin, d.adrelid), a.attidentity "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
            "AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY c.relname, a.attnum"):
        if t in s.columns:
            s.columns[t].append((name, pg_type_class(ty), notnull == "t",
                                 normalize_default(default or None), identity))
    for t in tables:
        s.unique[t] = set()
        s.fks[t] = set()
        s.pk[t] = ()
    # Constraints: conkey in key order.
    for t, contype, cols, ref, refcols in pg.query(
            "SELECT c.relname, k.contype, "
            "(SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(k.conkey) "
            "  WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a "
            "  ON a.attrelid = k.conrelid AND a.attnum = u.attnum), "
            "coalesce(r.relname, ''), "
            "coalesce((SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(k.confkey) "
            "  WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a "
            "  ON a.attrelid = k.confrelid AND a.attnum = u.attnum), '') "
            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "LEFT JOIN pg_class r ON r.oid = k.confrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition "
            "AND k.contype IN ('p', 'u', 'f') AND k.conparentid = 0"):
        if t not in s.columns:
            continue
        cols = tuple(cols.split(","))
        if contype == "p":
            s.pk[t] = cols
        elif contype == "u":
            s.unique[t].add(cols)  # in key order; compared sorted
        else:
            s.fks[t].add((cols, ref, tuple(refcols.split(","))))
    # Indexes that back no constraint: the ones CREATE INDEX made.
    for name, t, cols, unique, partial in pg.query(
            "SELECT i.relname, c.relname, "
            "(SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM unnest(x.indkey::int2[]) "
            "  WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a "
            "  ON a.attrelid = x.indrelid AND a.attnum = u.attnum), "
            "x.indisunique, x.indpred IS NOT NULL "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class c ON c.oid = x.indrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"):
        if t in s.columns:
            s.indexes[name] = (t, tuple(cols.split(",")), unique == "t", partial == "t")
    # Triggers: one entry per event (UPDATE OF columns as information_schema does not show them,
    # so they are read from pg_trigger.tgattr).
    for name, t, tgtype, cols in pg.query(
            "SELECT g.tgname, c.relname, g.tgtype, "
            "coalesce((SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM "
            "  unnest(g.tgattr::int2[]) WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a "
            "  ON a.attrelid = g.tgrelid AND a.attnum = u.attnum), '') "
            "FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal "
            "AND NOT c.relispartition"):
        bits = int(tgtype)
        row = bool(bits & 1)
        timing = "BEFORE" if bits & 2 else ("INSTEAD OF" if bits & 64 else "AFTER")
        events = [e for bit, e in ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE"),
                                   (32, "TRUNCATE")) if bits & bit]
        entries = set()
        for e in events:
            if e == "UPDATE" and cols:
                e += " OF " + cols
            if not row:
                e += " (FOR EACH STATEMENT)"
            entries.add((t, timing, e))
        s.triggers[name] = entries
    for t, order in SEED_TABLES.items():
        if t in s.columns:
            rows = pg.query(f"SELECT * FROM {t} ORDER BY {order}")
            s.seed[t] = rows
    partitioning = {r[0]: r[1:] for r in pg.query(
        "SELECT c.relname, pg_get_partkeydef(c.oid), "
        "coalesce((SELECT string_agg(p.relname, ',') FROM pg_inherits h "
        "  JOIN pg_class p ON p.oid = h.inhrelid "
        "  WHERE h.inhparent = c.oid AND pg_get_expr(p.relpartbound, p.oid) = 'DEFAULT'), '') "
        "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relkind = 'p'")}
    return s, partitioning


def drop_pg_only(table, cols):
    """A key's columns without the ones only PostgreSQL has."""
    return tuple(c for c in cols if (table, c) not in PG_ONLY_COLUMNS)


def compare(lite, pg, partitioning):
    diffs = []

    def diff(what):
        diffs.append(what)

    for t in sorted(set(lite.columns) - set(pg.columns)):
        diff(f"table {t}: only in SQLite")
    for t in sorted(set(pg.columns) - set(lite.columns)):
        diff(f"table {t}: only in PostgreSQL")

    for t in sorted(set(lite.columns) & set(pg.columns)):
        pg_cols = []
        for i, (name, cls, notnull, default, identity) in enumerate(pg.columns[t]):
            extra = PG_ONLY_COLUMNS.get((t, name))
            if extra is None:
                pg_cols.append((name, cls, notnull, default))
                continue
            # A column that only PostgreSQL has: last (entry_id) or last (province), as designed.
            if i != len(pg.columns[t]) - 1:
                diff(f"table {t}: PostgreSQL-only column {name} is not the last column")
            if (cls, notnull) != extra:
                diff(f"table {t}: PostgreSQL-only column {name} is {cls}, not null={notnull}")
            if name == "entry_id" and identity != "a":
                diff(f"table {t}: {name} is not GENERATED ALWAYS AS IDENTITY")
        a = lite.columns[t]
        if [c[0] for c in a] != [c[0] for c in pg_cols]:
            diff(f"table {t}: columns differ:\n    SQLite:     {[c[0] for c in a]}\n"
                 f"    PostgreSQL: {[c[0] for c in pg_cols]}")
        else:
            for x, y in zip(a, pg_cols):
                if x != y:
                    diff(f"table {t} column {x[0]}: SQLite (type, not null, default) "
                         f"{x[1:]} vs PostgreSQL {y[1:]}")
        if lite.pk[t] != drop_pg_only(t, pg.pk[t]):
            diff(f"table {t}: primary key SQLite {lite.pk[t]} vs PostgreSQL {pg.pk[t]}")
        pg_unique = {tuple(sorted(drop_pg_only(t, u))) for u in pg.unique[t]}
        if lite.unique[t] != pg_unique:
            diff(f"table {t}: UNIQUE constraints SQLite {sorted(lite.unique[t])} vs "
                 f"PostgreSQL {sorted(pg_unique)}")
        pg_fks = {(drop_pg_only(t, f), ref, drop_pg_only(ref, to)) for f, ref, to in pg.fks[t]}
        if lite.fks[t] != pg_fks:
            diff(f"table {t}: foreign keys SQLite {sorted(lite.fks[t])} vs "
                 f"PostgreSQL {sorted(pg_fks)}")
        if t in PARTITIONED:
            key, default = partitioning.get(t, ("", ""))
            if key != "LIST (province)":
                diff(f"table {t}: PostgreSQL partitioning is '{key}', not LIST (province)")
            if not default:
                diff(f"table {t}: no DEFAULT partition")
            for u in [pg.pk[t]] + sorted(pg.unique[t]):
                if u and u[-1] != "province":
                    diff(f"table {t}: key {u} does not end with province")
        elif t in partitioning:
            diff(f"table {t}: partitioned in PostgreSQL ({partitioning[t][0]})")

    for name in sorted(set(lite.indexes) | set(pg.indexes)):
        x, y = lite.indexes.get(name), pg.indexes.get(name)
        if x is None:
            diff(f"index {name}: only in PostgreSQL {y}")
        elif y is None:
            diff(f"index {name}: only in SQLite {x}")
        elif x != y:
            diff(f"index {name}: SQLite (table, columns, unique, partial) {x} vs PostgreSQL {y}")

    for name in sorted(set(lite.triggers) | set(pg.triggers)):
        x, y = lite.triggers.get(name), pg.triggers.get(name)
        if x is None and name.endswith("_next_id"):
            continue  # PostgreSQL numbers keys by trigger where SQLite does it by itself
        if x is None:
            diff(f"trigger {name}: only in PostgreSQL {sorted(y)}")
        elif y is None:
            diff(f"trigger {name}: only in SQLite {sorted(x)}")
        elif x != y:
            diff(f"trigger {name}: SQLite {sorted(x)} vs PostgreSQL {sorted(y)}")

    for t in sorted(set(lite.seed) | set(pg.seed)):
        x = [tuple("" if v is None else str(v) for v in r) for r in lite.seed.get(t, [])]
        y = [tuple(r) for r in pg.seed.get(t, [])]
        if x != y:
            diff(f"rows of {t}: SQLite {len(x)} rows, PostgreSQL {len(y)} rows; first "
                 f"difference: {next(((a, b) for a, b in zip(x, y) if a != b), None)}")
    return diffs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", required=True, help="a SQLite store (xianjie init --db FILE)")
    parser.add_argument("--postgres", required=True, help="postgresql://... of the database")
    parser.add_argument("--pg-schema", default="", help="PostgreSQL schema (default: search_path)")
    parser.add_argument("--no-data", action="store_true", help="skip the migrations' rows")
    args = parser.parse_args()

    lite = read_sqlite(args.sqlite)
    pg, partitioning = read_postgres(args.postgres, args.pg_schema)
    if args.no_data:
        lite.seed, pg.seed = {}, {}
    diffs = compare(lite, pg, partitioning)
    for d in diffs:
        print(d)
    counts = (f"{len(lite.columns)} tables, {len(lite.indexes)} indexes, "
              f"{len(lite.triggers)} triggers in SQLite; {len(pg.columns)} tables, "
              f"{len(pg.indexes)} indexes, {len(pg.triggers)} triggers in PostgreSQL")
    if diffs:
        print(f"compare-schemas: {len(diffs)} differences ({counts})")
        return 1
    print(f"compare-schemas: the schemas match ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
