import org.springframework.scheduling.annotation.Scheduled;
import software.amazon.awssdk.services.sqs.SqsClient;

public class Poller {
  @Scheduled(fixedRate = 60000)  // lambdafit-expect(java-scheduled-task)
  public void sweep() {}

  @Override  // lambdafit-expect-not(java-scheduled-task)
  public String toString() { return "poller"; }

  void run(SqsClient sqs, ReceiveMessageRequest req) {
    while (true) {
      var msgs = sqs.receiveMessage(req).messages();  // lambdafit-expect(java-polling-loop)
      msgs.forEach(System.out::println);
    }
  }

  void once(SqsClient sqs, ReceiveMessageRequest req) {
    sqs.receiveMessage(req);  // lambdafit-expect-not(java-polling-loop)
  }
}
