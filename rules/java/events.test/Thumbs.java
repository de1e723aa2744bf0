import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

public class Thumbs implements RequestHandler<S3Event, String> {  // lambdafit-expect(java-event-handler)
  // implements RequestHandler<SQSEvent, String>   lambdafit-expect-not(java-event-handler)
  public String handleRequest(S3Event e, com.amazonaws.services.lambda.runtime.Context c) {
    return "ok";
  }
}
