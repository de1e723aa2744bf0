'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { settle } = require('../src/settle');

test('settles a positive amount', () => {
  assert.deepStrictEqual(settle({ paymentId: 'p1', amount: 5 }), { paymentId: 'p1', settled: true });
});

test('rejects a negative amount', () => {
  assert.throws(() => settle({ paymentId: 'p2', amount: -1 }));
});
