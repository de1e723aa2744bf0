import java.util.Map;

public class Api implements RequestHandler<Map<String, Object>, String> {  // lambdafit-expect-not(java-event-handler)
  public String handleRequest(Map<String, Object> in, Object c) {
    return "ok";
  }
}
