package org.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

public class Handler implements RequestStreamHandler {  // lambdafit-expect(java-function-handler)
  public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context c) {}
}

// lambdafit-expect-not(java-function-handler)
class Other implements Runnable, java.io.Serializable {
  // implements RequestHandler<String, String> in a comment
  public void run() {}
}

class Docs {
  // skip_strings: the words inside a string literal are not code
  static final String EXAMPLE = "class Fn implements RequestHandler<String, String> {}";  // lambdafit-expect-not(java-function-handler)
}
