import org.springframework.boot.SpringApplication;

public class App {
  public static void main(String[] args) {
    // lambdafit-expect(java-server-inbound) lambdafit-expect(java-server-forever)
    SpringApplication.run(App.class, args);
  }
  void notSpring(Runner runner) {
    runner.run();  // lambdafit-expect-not(java-server-forever)
  }
}
