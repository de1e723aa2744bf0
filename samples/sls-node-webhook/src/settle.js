'use strict';
// Marks each queued payment as settled; failures go back to the queue one by one.
function settle(payment) {
  if (!payment.amount || payment.amount < 0) throw new Error(`bad amount for ${payment.paymentId}`);
  return { paymentId: payment.paymentId, settled: true };
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      settle(JSON.parse(record.body));
    } catch (err) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

exports.settle = settle;
