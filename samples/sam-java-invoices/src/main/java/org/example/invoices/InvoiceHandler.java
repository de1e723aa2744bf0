package org.example.invoices;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Answers GET /invoices/{orderId} with a plain-text invoice summary. */
public class InvoiceHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final InvoiceFormatter formatter = new InvoiceFormatter();

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String orderId = event.getPathParameters().get("orderId");
    if (orderId == null || orderId.isBlank()) {
      return APIGatewayV2HTTPResponse.builder().withStatusCode(400).withBody("missing order").build();
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withBody(formatter.summary(orderId, 3, 4599))
        .build();
  }
}
