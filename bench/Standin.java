import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The alternative Target stand-in (STANDIN=java): answers every request with the given
 * body after a fixed delay, one virtual thread per request. Run with
 * {@code java Standin.java <port> <delay-ms> <body-file>}.
 */
public class Standin {

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		long delayMillis = Long.parseLong(args[1]);
		byte[] body = Files.readAllBytes(Path.of(args[2]));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			try {
				Thread.sleep(delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (var out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

}
