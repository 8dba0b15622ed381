package io.recsbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free
 * loopback port, started and stopped by the test itself, so that a test can take Redis
 * away in the middle of a run and bring it back on the same port. Nothing is persisted.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	private RedisProcess(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts one on a free port.
	 * @return the running server
	 */
	public static RedisProcess start() {
		try {
			RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("recs-bridge-redis"));
			redis.restart();
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start redis-server", ex);
		}
	}

	/** {@code redis://127.0.0.1:<port>}, for {@code spring.data.redis.url}. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Starts the server again on its port (after {@link #stop()}), empty. */
	public synchronized void restart() {
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--maxmemory",
					"64mb", "--maxmemory-policy", "allkeys-lru"))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)", ex);
		}
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::answersPing);
	}

	/** Stops the server, as a crash or a failover would: its clients see it gone. */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Runs one command, such as {@code FLUSHALL} or {@code KEYS *}.
	 * @param command the command's words
	 * @return the raw RESP reply
	 */
	public String command(String... command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
			for (String word : command) {
				request.append('$')
					.append(word.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(word)
					.append("\r\n");
			}
			// QUIT after it: Redis answers both, then closes, which ends the reply.
			request.append("*1\r\n$4\r\nQUIT\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return reply.endsWith("+OK\r\n") ? reply.substring(0, reply.length() - 5) : reply;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis did not answer " + command[0], ex);
		}
	}

	private boolean answersPing() {
		try {
			return command("PING").startsWith("+PONG");
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
