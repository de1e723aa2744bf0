// lambdafit-expect-not(typescript-event-types)
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

<<<<<<<< HEAD:rules/text/event-handlers.test/Thumbs.java
// lambdafit-expect(java-event-handler)
public class Thumbs implements RequestHandler<S3Event, String> {
  // lambdafit-expect-not(java-event-handler)
  // implements RequestHandler<SQSEvent, String>   negative: comment
========
public class Thumbs implements RequestHandler<S3Event, String> {  // lambdafit-expect(java-event-handler)
  // implements RequestHandler<SQSEvent, String>   lambdafit-expect-not(java-event-handler)
>>>>>>>> h-ts:rules/java/events.test/Thumbs.java
  public String handleRequest(S3Event e, com.amazonaws.services.lambda.runtime.Context c) {
    return "ok";
  }
}
