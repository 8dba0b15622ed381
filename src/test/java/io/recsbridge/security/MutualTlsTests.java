package io.recsbridge.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.recsbridge.RecsBridgeApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * mTLS as AJO does it, surviving Adobe's unannounced certificate rotation: the API port
 * asks for a client certificate through a Spring Boot SSL bundle with
 * {@code client-auth: need}, trusts the configured CA (in production, DigiCert's, which
 * issues Adobe's) by chain, and accepts only the allow-listed names, as subject CN or
 * subject alternative name. Two CAs, a server certificate and client certificates are
 * made for the run with the JDK's keytool: no private key is committed.
 */
class MutualTlsTests {

	private static final String PASSWORD = "changeit";

	private static final String PATH = "/v1/recommendations/recently-viewed";

	private static final String BODY = "{\"ecid\": \"45781285307713846961427437541683283427\"}";

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext bridge;

	private static int port;

	@BeforeAll
	static void startWithMutualTls() throws Exception {
		certificateAuthority("ca", "CN=Test DigiCert CA");
		certificateAuthority("otherca", "CN=Another CA");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store("trust"));
		signedBy("ca", "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
		// Adobe's certificate before and after a rotation: new key, new serial, the name
		// carried as CN by one and only as a subject alternative name by the other.
		signedBy("ca", "ajo", "CN=AJO Test Client", null);
		signedBy("ca", "ajo-rotated", "CN=Renewed 2026", "san=dns:ajo-client.adobe.example");
		signedBy("ca", "other", "CN=Other Client", "san=dns:other.example.com");
		signedBy("otherca", "stranger", "CN=AJO Test Client", "san=dns:ajo-client.adobe.example");
		bridge = new SpringApplicationBuilder(RecsBridgeApplication.class).run("--server.port=0",
				"--management.server.port=0", "--target.client-code=acme", "--target.base-url=http://127.0.0.1:9",
				"--spring.ssl.bundle.jks.bridge.keystore.location=file:" + store("server"),
				"--spring.ssl.bundle.jks.bridge.keystore.password=" + PASSWORD,
				"--spring.ssl.bundle.jks.bridge.keystore.type=PKCS12",
				"--spring.ssl.bundle.jks.bridge.truststore.location=file:" + store("trust"),
				"--spring.ssl.bundle.jks.bridge.truststore.password=" + PASSWORD,
				"--spring.ssl.bundle.jks.bridge.truststore.type=PKCS12", "--server.ssl.bundle=bridge",
				"--server.ssl.client-auth=need", "--bridge.mtls-subjects=AJO Test Client, ajo-client.adobe.example");
		port = Integer.parseInt(bridge.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		if (bridge != null) {
			bridge.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ajo", "ajo-rotated" })
	void bothLeavesOfTheTrustedCaWithAnAllowedNameAreAcceptedSoARotationNeedsNoChange(String leaf) throws Exception {
		HttpResponse<String> response = post(client(leaf));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"useCase\":\"recently-viewed\"");
	}

	@Test
	void theManagementPortStaysPlainHttpForProbes() throws Exception {
		int management = Integer.parseInt(bridge.getEnvironment().getProperty("local.management.port"));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void noClientCertificateFailsTheHandshake() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post(client(null)));
	}

	@Test
	void aLeafOfAnotherCaWithAnAllowedNameFailsTheHandshake() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post(client("stranger")));
	}

	@Test
	void aLeafOfTheTrustedCaWithAnotherNameIsA401Problem() throws Exception {
		HttpResponse<String> response = post(client("other"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("an accepted client certificate");
	}

	private static HttpResponse<String> post(HttpClient client) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + PATH))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpClient client(String identity) throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load("trust"));
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init((identity != null) ? load(identity) : emptyStore(), PASSWORD.toCharArray());
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
		return HttpClient.newBuilder()
			.sslContext(ssl)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	private static KeyStore load(String name) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(Path.of(store(name)))) {
			store.load(input, PASSWORD.toCharArray());
		}
		return store;
	}

	private static KeyStore emptyStore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		return store;
	}

	private static void certificateAuthority(String name, String subject) throws Exception {
		keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", subject, "-ext", "bc:c",
				"-validity", "2", "-keystore", store(name));
		keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name), "-file", file(name + ".pem"));
	}

	private static void signedBy(String ca, String name, String subject, String extension) throws Exception {
		keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", subject, "-validity",
				"2", "-keystore", store(name));
		keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", file(name + ".csr"));
		List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", ca, "-keystore", store(ca), "-infile",
				file(name + ".csr"), "-outfile", file(name + ".pem"), "-rfc", "-validity", "2"));
		if (extension != null) {
			sign.addAll(List.of("-ext", extension));
		}
		keytool(sign.toArray(String[]::new));
		keytool("-importcert", "-noprompt", "-alias", ca, "-file", file(ca + ".pem"), "-keystore", store(name));
		keytool("-importcert", "-alias", name, "-file", file(name + ".pem"), "-keystore", store(name));
	}

	private static String store(String name) {
		return file(name + ".p12");
	}

	private static String file(String name) {
		return dir.resolve(name).toString();
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (List.of(args).contains("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
