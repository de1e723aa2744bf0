import datetime as dt
import unittest
from unittest import mock

with mock.patch("boto3.resource"):
    import purge


class StaleTest(unittest.TestCase):
    def test_old_cart_is_stale(self):
        now = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
        self.assertTrue(purge.is_stale("2026-03-01T00:00:00+00:00", now))

    def test_recent_cart_is_kept(self):
        now = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
        self.assertFalse(purge.is_stale("2026-04-20T00:00:00+00:00", now))


if __name__ == "__main__":
    unittest.main()
