import java.net.ServerSocket;
import java.net.Socket;

public class Server {
  public static void main(String[] args) throws Exception {
    ServerSocket server = new ServerSocket(7070);
    while (true) {
      Socket client = server.accept();
      client.close();
    }
    // new ServerSocket(1)  negative: comment
  }
  static String help = "new ServerSocket( is not called here";
}
