import jcuda.Pointer
import org.springframework.boot.runApplication

class Thumbs : RequestHandler<S3Event, String> {
    override fun handleRequest(e: S3Event, c: Context): String = "ok"
}

fun main(args: Array<String>) {
    System.loadLibrary("fastmath")
    ProcessBuilder("ffmpeg", "-i", "a.mov").start()
    ProcessBuilder("java", "-version").start()
    // ProcessBuilder("sysctl", "-w")  negative: comment
    val help = "System.loadLibrary(x) in a string"
    runApplication<App>(*args)
}
