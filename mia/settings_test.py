"""Settings for the test suite: jobs run in the process that starts them.

Tests of the real worker start their own processes with a queue file of their own."""

from mia.jobs.broker import make_huey
from mia.settings import *  # noqa: F403
from mia.settings import DATA_DIR

HUEY = make_huey("immediate", DATA_DIR)

from mia.settings import MIDDLEWARE  # noqa: E402

# Every GET of every test is checked: a page load must never write (see mia.tests.middleware).
MIDDLEWARE = [*MIDDLEWARE, "mia.tests.middleware.RefuseWritesOnGetMiddleware"]
