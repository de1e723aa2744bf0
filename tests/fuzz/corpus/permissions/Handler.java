import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
class Handler {
  SqsClient sqs = SqsClient.create();
  void run() { sqs.sendMessage(SendMessageRequest.builder().queueUrl(System.getenv("Q")).build()); }
}
