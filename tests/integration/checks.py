"""Assertions for the Python client tests: each prints one line, ok or
FAIL with what was expected and what came, and counts failures so a test
reports every problem in one run.

    ck = Checks("psycopg")
    ck.check("name", got, expected)
    ck.raises("name", SomeError, lambda: ...)
    sys.exit(ck.exit_code())
"""


class Checks:
    def __init__(self, prefix):
        self.prefix = prefix
        self.failures = 0

    def ok(self, name, detail=""):
        print("%s: ok - %s%s" % (self.prefix, name, detail))

    def fail(self, name, why):
        self.failures += 1
        print("%s: FAIL: %s: %s" % (self.prefix, name, why))

    def check(self, name, got, expected):
        if got == expected:
            self.ok(name)
        else:
            self.fail(name, "expected %r, got %r" % (expected, got))

    def raises(self, name, exc_class, fn, sqlstate=None):
        """fn() must raise exc_class (and, if given, carry sqlstate)."""
        try:
            fn()
        except exc_class as e:
            got = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
            if sqlstate is not None and got != sqlstate:
                self.fail(name, "SQLSTATE %s, expected %s: %s" % (got, sqlstate, e))
            else:
                self.ok(name, " (%s)" % (got or type(e).__name__))
            return
        except Exception as e:  # noqa: BLE001 - report what was raised instead
            self.fail(name, "raised %s: %s" % (type(e).__name__, e))
            return
        self.fail(name, "nothing raised")

    def exit_code(self):
        return 1 if self.failures else 0
