'use strict';
// Accepts a payment provider's webhook and queues it for settlement.
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const sqs = new SQSClient({});

async function handler(event) {
  let body;
  try {
    body = JSON.parse(event.body || '');
  } catch (err) {
    return { statusCode: 400, body: 'invalid JSON' };
  }
  if (!body.paymentId) return { statusCode: 422, body: 'paymentId missing' };
  await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.QUEUE_URL,
    MessageBody: JSON.stringify(body),
  }));
  return { statusCode: 202, body: 'queued' };
}

module.exports = { handler };
