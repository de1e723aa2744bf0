import jcuda.Pointer;
import jcuda.runtime.JCuda;

public class Native {
  static {
    System.loadLibrary("fastmath");
  }

  void run() throws Exception {
    Runtime.getRuntime().exec("sysctl -w vm.swappiness=10");
    new ProcessBuilder("ffmpeg", "-i", "a.mov", "b.mp4").start();
    new ProcessBuilder("java", "-version").start();
    /* Runtime.getRuntime().exec("useradd x"); negative: comment */
    String s = "System.loadLibrary(\"x\") in a string";
  }
}
