"""SQLAlchemy 1.4 (Debian's python3-sqlalchemy) with the postgresql+psycopg2
dialect: the inspector's reflection, Table(..., autoload_with=engine),
metadata.create_all() and ORM CRUD, all answered from pgwire's catalog.

    catalog_sqlalchemy.py PORT
"""
import sys

import sqlalchemy as sa
from sqlalchemy.orm import Session, declarative_base

from checks import Checks

PORT = sys.argv[1]
ck = Checks("sqlalchemy")
engine = sa.create_engine("postgresql+psycopg2://tester@127.0.0.1:%s/testdb" % PORT, future=True)

# --- metadata.create_all(): SQLAlchemy asks the catalog which tables exist ---
Base = declarative_base()


class Author(Base):
    __tablename__ = "sa_author"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    name = sa.Column(sa.String(40), nullable=False, unique=True)
    rating = sa.Column(sa.Numeric(5, 2))


class Book(Base):
    __tablename__ = "sa_book"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    author_id = sa.Column(sa.Integer, sa.ForeignKey("sa_author.id"), nullable=False)
    title = sa.Column(sa.Text)
    __table_args__ = (sa.Index("sa_book_title", "title"),)


def ours(names):
    return sorted(n for n in names if n.startswith("sa_"))


with engine.begin() as c:
    c.exec_driver_sql("DROP VIEW IF EXISTS sa_titles")
Base.metadata.drop_all(engine)
Base.metadata.create_all(engine)
Base.metadata.create_all(engine)  # a second time: everything exists, nothing is created
with engine.begin() as c:
    c.exec_driver_sql("CREATE VIEW sa_titles AS SELECT title FROM sa_book")

insp = sa.inspect(engine)
ck.check("get_schema_names has public", "public" in insp.get_schema_names(), True)
ck.check("get_table_names", ours(insp.get_table_names()), ["sa_author", "sa_book"])
ck.check("has_table", (insp.has_table("sa_book"), insp.has_table("nosuch")), (True, False))
ck.check("get_view_names", ours(insp.get_view_names()), ["sa_titles"])
cols = insp.get_columns("sa_author")
ck.check("get_columns: names and types",
         [(c["name"], str(c["type"]), c["nullable"]) for c in cols],
         [("id", "INTEGER", False), ("name", "VARCHAR(40)", False), ("rating", "NUMERIC(5, 2)", True)])
ck.check("get_pk_constraint", insp.get_pk_constraint("sa_book")["constrained_columns"], ["id"])
fks = insp.get_foreign_keys("sa_book")
ck.check("get_foreign_keys",
         [(fk["constrained_columns"], fk["referred_table"], fk["referred_columns"]) for fk in fks],
         [(["author_id"], "sa_author", ["id"])])
ck.check("get_indexes", [(ix["name"], ix["column_names"], ix["unique"]) for ix in insp.get_indexes("sa_book")],
         [("sa_book_title", ["title"], False)])
ck.check("get_unique_constraints",
         [u["column_names"] for u in insp.get_unique_constraints("sa_author")], [["name"]])

# --- reflection of a table into a Table object ---
reflected = sa.Table("sa_book", sa.MetaData(), autoload_with=engine)
ck.check("Table(autoload_with): columns", [c.name for c in reflected.columns], ["id", "author_id", "title"])
ck.check("Table(autoload_with): foreign key",
         [fk.target_fullname for fk in reflected.foreign_keys], ["sa_author.id"])

# --- ORM CRUD ---
with Session(engine) as session:
    session.add(Author(id=1, name="Ursula", rating=4.5))
    session.add(Book(id=1, author_id=1, title="The Dispossessed"))
    session.commit()
with Session(engine) as session:
    book = session.get(Book, 1)
    ck.check("ORM read", (book.title, book.author_id), ("The Dispossessed", 1))
    book.title = "The Left Hand of Darkness"
    session.commit()
with Session(engine) as session:
    ck.check("ORM update", session.get(Book, 1).title, "The Left Hand of Darkness")
    session.delete(session.get(Book, 1))
    session.commit()
    ck.check("ORM delete", session.query(Book).count(), 0)

with engine.begin() as c:
    c.exec_driver_sql("DROP VIEW sa_titles")
Base.metadata.drop_all(engine)
ck.check("drop_all", ours(sa.inspect(engine).get_table_names()), [])
sys.exit(ck.exit_code())
