import json
import os
import unittest
from unittest import mock

os.environ.setdefault("TABLE_NAME", "orders-test")
with mock.patch("boto3.resource"):
    from orders import app


class ToItemTest(unittest.TestCase):
    def test_maps_an_order(self):
        item = app.to_item(json.dumps({"id": "o1", "customer": "c1", "total_cents": "250"}))
        self.assertEqual(item["total_cents"], 250)

    def test_bad_order_is_reported(self):
        with mock.patch.object(app, "TABLE") as table:
            table.batch_writer.return_value.__enter__.return_value = mock.Mock()
            out = app.lambda_handler({"Records": [{"messageId": "m1", "body": "{}"}]}, None)
        self.assertEqual(out["batchItemFailures"], [{"itemIdentifier": "m1"}])


if __name__ == "__main__":
    unittest.main()
