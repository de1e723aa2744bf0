import java.net.ServerSocket;
import java.net.Socket;

public class Server {
  public static void main(String[] args) throws Exception {
    ServerSocket server = new ServerSocket(7070);  // lambdafit-expect(java-server-inbound)
    while (true) {
      Socket client = server.accept();  // lambdafit-expect(java-server-forever)
      client.close();
    }
    // new ServerSocket(1)  lambdafit-expect-not(java-server-inbound)
  }
  static String help = "new ServerSocket( is not called here";  // lambdafit-expect-not(java-server-inbound)
  void other(java.util.concurrent.BlockingQueue<String> queue, Thread worker) throws Exception {
    worker.join();  // lambdafit-expect-not(java-server-forever)
  }
}
