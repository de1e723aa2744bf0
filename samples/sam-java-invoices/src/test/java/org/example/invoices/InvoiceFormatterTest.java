package org.example.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvoiceFormatterTest {
  @Test
  void formatsCents() {
    assertEquals("invoice o1: 2 lines, total 12.05 EUR", new InvoiceFormatter().summary("o1", 2, 1205));
  }
}
