package io.recsbridge.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static io.recsbridge.deploy.DeploymentFilesTests.at;
import static io.recsbridge.deploy.DeploymentFilesTests.list;
import static io.recsbridge.deploy.DeploymentFilesTests.map;
import static io.recsbridge.deploy.DeploymentFilesTests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI scripts fail when what they check fails, and say what they leave out: a check
 * that falls through silently is worse than none.
 */
class CiScriptsTests {

	private static final Path AWAIT_READY = Path.of(".ci/await-ready.sh");

	@Test
	void awaitReadyFailsWhenNothingEverAnswers() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}

		Result result = run("bash", AWAIT_READY.toString(), "http://127.0.0.1:" + port + "/actuator/health/readiness",
				"2");

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("not ready after 2s");
	}

	@Test
	void awaitReadyFailsAsSoonAsTheApplicationHasExited() throws Exception {
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();

		Result result = run("bash", AWAIT_READY.toString(), "http://127.0.0.1:9/", "60", Long.toString(exited.pid()));

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("exited before");
	}

	@Test
	void awaitReadySucceedsOnceTheUrlAnswers() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/ready", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			Result result = run("bash", AWAIT_READY.toString(),
					"http://127.0.0.1:" + server.getAddress().getPort() + "/ready", "10");

			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void theNewmanJobFailsWhenTheApplicationNeverGetsReady() {
		Map<String, Object> ci = yaml(Path.of(".github/workflows/ci.yml"));
		String run = list(at(ci, "jobs", "newman", "steps")).stream()
			.map(DeploymentFilesTests::map)
			.filter((step) -> String.valueOf(step.get("run")).contains("newman"))
			.map((step) -> step.get("run").toString())
			.findFirst()
			.orElseThrow();
		// GitHub runs the step with bash -e: the script's exit status fails the job.
		assertThat(run)
			.containsPattern("(?m)^bash \\.ci/await-ready\\.sh http://localhost:8081/actuator/health/readiness ");
	}

	@Test
	void deployCheckShellchecksEveryCiScript() throws IOException {
		List<String> arguments = List.of(Files.readAllLines(Path.of(".ci/deploy-check.sh"))
			.stream()
			.filter((line) -> line.startsWith("shellcheck "))
			.findFirst()
			.orElseThrow()
			.split("\\s+"));
		try (Stream<Path> ci = Files.list(Path.of(".ci"))) {
			List<Path> scripts = ci.filter((file) -> isShellScript(file)).toList();
			assertThat(scripts).isNotEmpty()
				.contains(Path.of(".ci/tools-check.sh"), AWAIT_READY)
				.allSatisfy((script) -> assertThat(arguments.subList(1, arguments.size()))
					.as(script + " is shellchecked")
					.anyMatch((glob) -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(script)));
		}
	}

	@Test
	void deployCheckSaysWhenItSkipsDockerComposeConfig() throws IOException {
		String script = Files.readString(Path.of(".ci/deploy-check.sh"));
		int check = script.indexOf("if docker compose version");
		assertThat(check).isNotNegative();
		String block = script.substring(check, script.indexOf("\nfi\n", check));
		assertThat(block).containsPattern("\nelse\n\\s*(#.*\n\\s*)*echo \"[^\"]*skipped 'docker compose config'");
	}

	private static boolean isShellScript(Path file) {
		try {
			return Files.isRegularFile(file) && Files.readString(file).startsWith("#!/usr/bin/env bash");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Result run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes()));
	}

	record Result(int exitCode, String output) {
	}

}
