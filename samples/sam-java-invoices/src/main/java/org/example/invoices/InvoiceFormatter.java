package org.example.invoices;

/** Formats invoice totals; kept apart from the handler so it is easy to test. */
public class InvoiceFormatter {
  public String summary(String orderId, int lines, long totalCents) {
    return String.format("invoice %s: %d lines, total %d.%02d EUR", orderId, lines,
        totalCents / 100, totalCents % 100);
  }
}
