import jcuda.Pointer;  // lambdafit-expect(java-cuda)
import jcuda.runtime.JCuda;  // lambdafit-expect(java-cuda)
import java.util.List;  // lambdafit-expect-not(java-cuda)

public class Native {
  static {
    System.loadLibrary("fastmath");  // lambdafit-expect(java-jni-library)
  }

  void run() throws Exception {
    Runtime.getRuntime().exec("sysctl -w vm.swappiness=10");  // lambdafit-expect(java-host-tool)
    new ProcessBuilder("ffmpeg", "-i", "a.mov", "b.mp4").start();  // lambdafit-expect(java-host-tool)
    new ProcessBuilder(List.of("sudo", "systemctl", "restart", "app")).start();  // lambdafit-expect(java-host-tool)
    Runtime rt = Runtime.getRuntime();
    rt.exec(new String[] {"iptables", "-L"});  // lambdafit-expect(java-host-tool)
    new ProcessBuilder("java", "-version").start();  // lambdafit-expect-not(java-host-tool)
    /* Runtime.getRuntime().exec("useradd x"); lambdafit-expect-not(java-host-tool) */
    String s = "System.loadLibrary(\"x\") in a string";  // lambdafit-expect-not(java-jni-library)
    statement.exec("sysctl");  // lambdafit-expect-not(java-host-tool)
  }
}
