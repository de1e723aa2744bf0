import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

public class Thumbs implements RequestHandler<S3Event, String> {
  // implements RequestHandler<SQSEvent, String>   negative: comment
  public String handleRequest(S3Event e, com.amazonaws.services.lambda.runtime.Context c) {
    return "ok";
  }
}
