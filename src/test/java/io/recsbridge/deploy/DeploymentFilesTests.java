package io.recsbridge.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files that ship the service (docker/, .github/) against the application's own
 * configuration: nothing here can run Docker or Kubernetes, so what can be checked
 * without them is checked here. Ports, paths and names are read from application.yml,
 * never restated.
 */
class DeploymentFilesTests {

	private static final Path DOCKER = Path.of("docker");

	private static final ObjectMapper json = new ObjectMapper();

	private final Map<String, Object> application = yaml(Path.of("src/main/resources/application.yml"));

	private final Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve("Dockerfile"));

	private final Map<String, Object> deployment = k8s("deployment.yaml");

	static Stream<Path> deploymentFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path root : List.of(DOCKER, Path.of(".github"))) {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(Files::isRegularFile)
					.filter((file) -> file.toString().matches(".*\\.(ya?ml|json)"))
					.sorted()
					.forEach(files::add);
			}
		}
		return files.stream();
	}

	@ParameterizedTest
	@MethodSource("deploymentFiles")
	void everyYamlAndJsonFileParses(Path file) throws IOException {
		if (file.toString().endsWith(".json")) {
			assertThat(json.readTree(file.toFile())).as(file.toString()).isNotNull();
		}
		else {
			assertThat(yamlDocuments(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
		}
	}

	@Test
	void theDeploymentFilesAreThere() throws IOException {
		assertThat(deploymentFiles().map(DeploymentFilesTests::slashed)).contains("docker/compose.yaml",
				"docker/k8s/kustomization.yaml", "docker/k8s/deployment.yaml", ".github/workflows/ci.yml",
				".github/workflows/image.yml", ".github/dependabot.yml",
				"docker/grafana/provisioning/datasources/prometheus.yml",
				"docker/grafana/provisioning/dashboards/recs-bridge.yml");
		assertThat(Path.of(".dockerignore")).isRegularFile();
	}

	@Test
	void probesAskTheManagementServerForItsHealthGroups() {
		assertThat(at(this.application, "management", "endpoint", "health", "probes", "enabled")).isEqualTo(true);
		Map<String, Object> container = container();
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			String path = (String) at(container, probe, "httpGet", "path");
			assertThat(path).as(probe)
				.isEqualTo(actuatorPath(probe.equals("readinessProbe") ? "/health/readiness" : "/health/liveness"));
			assertThat(containerPort(at(container, probe, "httpGet", "port"))).as(probe).isEqualTo(managementPort());
		}
	}

	@Test
	void containerPortsAndTheImagesExposedPortsAreTheApplicationsPorts() {
		Set<Integer> ports = Set.of(serverPort(), managementPort());
		assertThat(containerPort("http")).isEqualTo(serverPort());
		assertThat(containerPort("management")).isEqualTo(managementPort());
		assertThat(this.dockerfile.exposedPorts()).isEqualTo(ports);
		List<Object> composePorts = list(at(composeService("recs-bridge"), "ports"));
		assertThat(composePorts).map((mapping) -> Integer.parseInt(mapping.toString().replaceAll(".*:", "")))
			.containsExactlyInAnyOrderElementsOf(ports);
	}

	@Test
	void theImagesUserIsTheDeploymentsNonRootUser() {
		String uid = this.dockerfile.last("USER").split(":")[0];
		assertThat(uid).matches("[1-9][0-9]*");
		Map<String, Object> pod = map(at(this.deployment, "spec", "template", "spec", "securityContext"));
		assertThat(pod.get("runAsNonRoot")).isEqualTo(true);
		assertThat(pod.get("runAsUser")).isEqualTo(Integer.parseInt(uid));
		Map<String, Object> container = map(container().get("securityContext"));
		assertThat(container.get("readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(container.get("allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(list(at(container, "capabilities", "drop"))).containsExactly("ALL");
		String tmpVolume = list(container().get("volumeMounts")).stream()
			.map(DeploymentFilesTests::map)
			.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
			.map((mount) -> (String) mount.get("name"))
			.findFirst()
			.orElseThrow();
		assertThat(list(at(this.deployment, "spec", "template", "spec", "volumes"))).map(DeploymentFilesTests::map)
			.anySatisfy((volume) -> {
				assertThat(volume.get("name")).isEqualTo(tmpVolume);
				assertThat(volume).containsKey("emptyDir");
			});
	}

	@Test
	void terminationGraceCoversTheDrainAndTheShutdownPhase() {
		assertThat(at(this.application, "server", "shutdown")).isEqualTo("graceful");
		Duration shutdownPhase = DurationStyle
			.detectAndParse(at(this.application, "spring", "lifecycle", "timeout-per-shutdown-phase").toString());
		List<Object> preStop = list(at(container(), "lifecycle", "preStop", "exec", "command"));
		assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
		long drainSeconds = Long.parseLong(preStop.get(1).toString());
		int grace = (Integer) at(this.deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
		assertThat(grace).isGreaterThan((int) (drainSeconds + shutdownPhase.toSeconds()));
		assertThat((Integer) at(this.deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
		assertThat(map(container().get("resources"))).containsKeys("requests", "limits");
	}

	@Test
	void theServiceCarriesTheApiAndTheServiceMonitorScrapesTheManagementPort() {
		List<Object> apiPorts = list(at(k8s("service.yaml"), "spec", "ports"));
		assertThat(apiPorts).singleElement()
			.satisfies((port) -> assertThat(containerPort(map(port).get("targetPort"))).isEqualTo(serverPort()));
		Map<String, Object> metrics = k8s("service-metrics.yaml");
		Map<String, Object> metricsPort = map(list(at(metrics, "spec", "ports")).get(0));
		assertThat(containerPort(metricsPort.get("targetPort"))).isEqualTo(managementPort());
		assertThat(at(metrics, "spec", "clusterIP")).isEqualTo("None");
		Map<String, Object> monitor = k8s("servicemonitor.yaml");
		assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(map(at(metrics, "metadata", "labels")))
			.containsAllEntriesOf(map(at(monitor, "spec", "selector", "matchLabels")));
		Map<String, Object> endpoint = map(list(at(monitor, "spec", "endpoints")).get(0));
		assertThat(endpoint.get("port")).isEqualTo(metricsPort.get("name"));
		assertThat(endpoint.get("path")).isEqualTo(actuatorPath("/prometheus"));
		assertThat(at(this.application, "management", "endpoints", "web", "exposure", "include").toString())
			.contains("prometheus");
	}

	@Test
	void theAutoscalerAndTheDisruptionBudgetTargetTheDeployment() {
		Map<String, Object> hpa = k8s("hpa.yaml");
		assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(this.deployment, "metadata", "name"));
		assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
		assertThat(at(hpa, "spec", "metrics", "0", "resource", "name")).isEqualTo("cpu");
		assertThat(at(k8s("pdb.yaml"), "spec", "selector")).isEqualTo(at(this.deployment, "spec", "selector"));
	}

	@Test
	void everyPodsShareOfTheTargetBudgetWithoutRedisIsTheBudgetOverTheHpasMaximum() {
		assertThat(map(k8s("configmap.yaml").get("data")).get("BRIDGE_SHARED_MAX_REPLICAS"))
			.hasToString(at(k8s("hpa.yaml"), "spec", "maxReplicas").toString());
		assertThat(map(at(k8s("secret.example.yaml"), "stringData")).get("SPRING_DATA_REDIS_URL").toString())
			.as("TLS to a managed Redis")
			.startsWith("rediss://");
		assertThat(map(composeService("recs-bridge").get("environment")).get("SPRING_DATA_REDIS_URL"))
			.hasToString("redis://redis:6379");
		assertThat(list(composeService("redis").get("command"))).containsSequence("--maxmemory-policy", "allkeys-lru");
	}

	@Test
	void kustomizationListsEveryManifestButTheSecretExample() throws IOException {
		List<Object> resources = list(k8s("kustomization.yaml").get("resources"));
		Set<String> manifests = new TreeSet<>();
		try (Stream<Path> files = Files.list(DOCKER.resolve("k8s"))) {
			files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.equals("kustomization.yaml") && !name.startsWith("secret."))
				.forEach(manifests::add);
		}
		assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
		assertThat(map(at(k8s("secret.example.yaml"), "stringData"))).containsKey("BRIDGE_API_KEYS");
		assertThat(list(at(container(), "envFrom"))).map(DeploymentFilesTests::map)
			.anySatisfy((source) -> assertThat(source).containsKey("secretRef"))
			.anySatisfy((source) -> assertThat(source).containsKey("configMapRef"));
	}

	@Test
	void everyEnvironmentVariableTheFilesSetIsOneTheApplicationBinds() throws IOException {
		Set<String> bound = boundEnvironmentVariables();
		assertThat(bound).contains("TARGET_CLIENT_CODE", "BRIDGE_API_KEYS", "SERVER_PORT");
		Map<String, Object> set = new LinkedHashMap<>();
		set.putAll(map(composeService("recs-bridge").get("environment")));
		set.putAll(map(k8s("configmap.yaml").get("data")));
		set.putAll(map(k8s("secret.example.yaml").get("stringData")));
		assertThat(set.keySet()).isSubsetOf(bound);
	}

	@Test
	void composeRunsTheBridgeAgainstWireMockAndMountsTheStackFiles() {
		Map<String, Object> bridge = composeService("recs-bridge");
		Path context = DOCKER.resolve(at(bridge, "build", "context").toString()).normalize();
		assertThat(context.resolve(at(bridge, "build", "dockerfile").toString()))
			.isEqualTo(DOCKER.resolve("Dockerfile"));
		URI targetBaseUrl = URI.create(at(bridge, "environment", "TARGET_BASE_URL").toString());
		assertThat(compose().get("services"))
			.satisfies((services) -> assertThat(map(services)).containsKey(targetBaseUrl.getHost()));
		assertThat(targetBaseUrl.getPort()).as("WireMock's port in its image").isEqualTo(8080);
		assertThat(composeService("wiremock").get("image")).isEqualTo("wiremock/wiremock:3.13.2");
		assertThat(bindMounts()).containsEntry("docker/wiremock/mappings", "/home/wiremock/mappings")
			.containsEntry("docker/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml")
			.containsEntry("docker/prometheus/alerts.yml", "/etc/prometheus/alerts.yml")
			.containsEntry("docker/grafana/provisioning", "/etc/grafana/provisioning");
		bindMounts().keySet().forEach((source) -> assertThat(Path.of(source)).as(source).exists());
	}

	@Test
	void grafanaLoadsTheDashboardFromItsMountAndQueriesPrometheus() {
		Map<String, Object> provider = map(
				list(yaml(DOCKER.resolve("grafana/provisioning/dashboards/recs-bridge.yml")).get("providers")).get(0));
		String dashboards = at(provider, "options", "path").toString();
		assertThat(bindMounts()).containsEntry("docker/grafana/dashboards", dashboards);
		Map<String, Object> datasource = map(
				list(yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources"))
					.get(0));
		URI url = URI.create(datasource.get("url").toString());
		assertThat(map(compose().get("services"))).containsKey(url.getHost());
		assertThat(list(composeService(url.getHost()).get("ports"))).contains(url.getPort() + ":" + url.getPort());
	}

	@Test
	void wireMockAnswersEveryShippedUseCaseWithRecommendationsAndAbsoluteLinks() throws IOException {
		Map<String, JsonNode> byMbox = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(DOCKER.resolve("wiremock/mappings"))) {
			for (Path file : files.sorted().toList()) {
				JsonNode mbox = json.readTree(file.toFile()).at("/response/jsonBody/execute/mboxes/0");
				if (mbox.has("options")) {
					byMbox.put(mbox.get("name").asText(), mbox);
				}
			}
		}
		for (Object useCase : map(at(this.application, "bridge", "use-cases")).values()) {
			String mbox = map(useCase).get("mbox").toString();
			assertThat(byMbox).as(mbox).containsKey(mbox);
			JsonNode content = json.readTree(byMbox.get(mbox).at("/options/0/content").asText());
			assertThat(content.get("items")).isNotEmpty().allSatisfy((item) -> {
				if (!item.get("id").asText().startsWith("$")) {
					assertThat(item.get("pageUrl").asText()).startsWith("https://");
					assertThat(item.get("thumbnailUrl").asText()).startsWith("https://");
				}
			});
		}
	}

	@Test
	void theDockerfileBuildsWithTheWrapperAndRunsTheLayersWithTheArchive() throws IOException {
		List<String> from = this.dockerfile.all("FROM");
		assertThat(from.get(0)).startsWith("eclipse-temurin:25-jdk ");
		assertThat(from.get(from.size() - 1)).isEqualTo("eclipse-temurin:25-jre");
		String build = String.join("\n", this.dockerfile.all("RUN"));
		assertThat(build).contains("./mvnw ", "-Djarmode=tools", "extract --layers --destination",
				"-Dspring.context.exit=onRefresh");
		// The AOT cache takes classes from jars only: not the exploded launcher layout.
		assertThat(build).doesNotContain("--launcher");
		String entrypoint = this.dockerfile.last("ENTRYPOINT");
		assertThat(entrypoint).contains("-XX:MaxRAMPercentage=50", "-XX:+UseG1GC");
		Matcher trained = Pattern.compile("-XX:AOTCacheOutput=(\\S+)").matcher(build);
		assertThat(trained.find()).isTrue();
		assertThat(entrypoint).contains("-XX:AOTCache=" + trained.group(1), "\"-jar\", \"app.jar\"");
		List<String> allowed = Files.readAllLines(Path.of(".dockerignore"))
			.stream()
			.filter((line) -> line.startsWith("!"))
			.map((line) -> line.substring(1).replaceAll("/$", ""))
			.toList();
		for (String copy : this.dockerfile.all("COPY")) {
			if (!copy.startsWith("--from")) {
				List<String> sources = List.of(copy.split("\\s+"));
				for (String source : sources.subList(0, sources.size() - 1)) {
					assertThat(Path.of(source)).as(source).exists();
					assertThat(allowed).as(".dockerignore lets " + source + " in").contains(source);
				}
			}
		}
	}

	@Test
	void workflowsVerifyLintAndPushTheImageOnTags() {
		Map<String, Object> ci = yaml(Path.of(".github/workflows/ci.yml"));
		assertThat(list(at(ci, "jobs", "verify", "strategy", "matrix", "java"))).contains("17", "25");
		assertThat(steps(ci, "lint")).anySatisfy((step) -> {
			assertThat(step.get("uses").toString()).startsWith("hadolint/hadolint-action@");
			assertThat(at(step, "with", "dockerfile")).isEqualTo("docker/Dockerfile");
		});
		Map<String, Object> image = yaml(Path.of(".github/workflows/image.yml"));
		// YAML 1.1 reads the key "on" as true.
		assertThat(list(at(map(image.get(true)), "push", "tags"))).containsExactly("v*");
		// The image is published only after all of ci.yml, the lint job included.
		assertThat(map(ci.get(true))).containsKey("workflow_call");
		assertThat(map(ci.get("jobs"))).containsKeys("verify", "lint", "newman");
		assertThat(at(image, "jobs", "ci", "uses")).isEqualTo("./.github/workflows/ci.yml");
		assertThat(at(image, "jobs", "image", "needs")).isEqualTo("ci");
		assertThat(steps(image, "image")).anySatisfy((step) -> {
			assertThat(step.get("uses").toString()).startsWith("docker/build-push-action@");
			assertThat(at(step, "with", "file")).isEqualTo("docker/Dockerfile");
			assertThat(at(step, "with", "push")).isEqualTo(true);
		}).anySatisfy((step) -> assertThat(at(step, "with", "registry")).isEqualTo("ghcr.io"));
		List<Object> updates = list(yaml(Path.of(".github/dependabot.yml")).get("updates"));
		assertThat(updates).map((update) -> map(update).get("package-ecosystem"))
			.containsExactlyInAnyOrder("maven", "github-actions", "docker");
		assertThat(updates).map(DeploymentFilesTests::map)
			.filteredOn((update) -> "docker".equals(update.get("package-ecosystem")))
			.singleElement()
			.satisfies((update) -> assertThat(Path.of(update.get("directory").toString().substring(1), "Dockerfile"))
				.isRegularFile());
		// Boot 4 is a migration (docs/deploy.md, "upgrading"), never proposed as a
		// routine bump.
		assertThat(updates).map(DeploymentFilesTests::map)
			.filteredOn((update) -> "maven".equals(update.get("package-ecosystem")))
			.singleElement()
			.satisfies((update) -> assertThat(list(update.get("ignore"))).map(DeploymentFilesTests::map)
				.anySatisfy((ignore) -> {
					assertThat(ignore.get("dependency-name"))
						.isEqualTo("org.springframework.boot:spring-boot-starter-parent");
					assertThat(list(ignore.get("update-types")))
						.containsExactlyInAnyOrder("version-update:semver-major", "version-update:semver-minor");
				}));
	}

	@Test
	void theDeployPageNamesFilesThatExist() throws IOException {
		String section = Files.readString(Path.of("docs/deploy.md"));
		Matcher paths = Pattern.compile("`((?:docker|\\.github|\\.ci)/[\\w./-]*[\\w/]|\\.dockerignore)`")
			.matcher(section);
		Set<String> named = new TreeSet<>();
		while (paths.find()) {
			named.add(paths.group(1));
		}
		assertThat(named).contains("docker/Dockerfile", ".dockerignore", "docker/compose.yaml",
				"docker/wiremock/mappings/", "docker/k8s/kustomization.yaml", "docker/k8s/deployment.yaml",
				"docker/k8s/servicemonitor.yaml", ".github/workflows/ci.yml", ".github/workflows/image.yml",
				".github/dependabot.yml", ".ci/deploy-check.sh");
		named.forEach((path) -> assertThat(Path.of(path)).as(path).exists());
	}

	private Map<String, Object> container() {
		return map(list(at(this.deployment, "spec", "template", "spec", "containers")).get(0));
	}

	/** A container port, by number or by the name the Deployment gives it. */
	private int containerPort(Object port) {
		if (port instanceof Integer number) {
			return number;
		}
		return list(container().get("ports")).stream()
			.map(DeploymentFilesTests::map)
			.filter((candidate) -> port.equals(candidate.get("name")))
			.map((candidate) -> (Integer) candidate.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No container port named " + port));
	}

	private int serverPort() {
		return Integer.parseInt(withDefault(at(this.application, "server", "port")));
	}

	private int managementPort() {
		return Integer.parseInt(withDefault(at(this.application, "management", "server", "port")));
	}

	private String actuatorPath(String endpoint) {
		Object basePath = at(this.application, "management", "endpoints", "web", "base-path");
		return ((basePath != null) ? basePath : "/actuator") + endpoint;
	}

	/** {@code ${SERVER_PORT:8080}} is 8080 when the environment says nothing. */
	private static String withDefault(Object value) {
		return value.toString().replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
	}

	/**
	 * Environment variables that bind: every configuration property the classpath
	 * declares (the project's and Spring Boot's), in the environment variable form, plus
	 * the placeholders application.yml reads itself.
	 */
	private Set<String> boundEnvironmentVariables() throws IOException {
		Set<String> names = new HashSet<>(Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"));
		for (URL metadata : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream input = metadata.openStream()) {
				json.readTree(input)
					.path("properties")
					.forEach((property) -> names
						.add(property.get("name").asText().replaceAll("[.-]", "_").toUpperCase(java.util.Locale.ROOT)));
			}
		}
		Matcher placeholders = Pattern.compile("\\$\\{([A-Z_]+)")
			.matcher(Files.readString(Path.of("src/main/resources/application.yml")));
		while (placeholders.find()) {
			names.add(placeholders.group(1));
		}
		return names;
	}

	private static Map<String, Object> compose() {
		return yaml(DOCKER.resolve("compose.yaml"));
	}

	private static Map<String, Object> composeService(String name) {
		return map(at(compose(), "services", name));
	}

	/**
	 * Bind mounts of every compose service: source (from the repository root) to target.
	 */
	private static Map<String, String> bindMounts() {
		Map<String, String> mounts = new LinkedHashMap<>();
		map(compose().get("services")).values().forEach((service) -> {
			Object volumes = map(service).get("volumes");
			if (volumes != null) {
				for (Object volume : list(volumes)) {
					String[] parts = volume.toString().split(":");
					mounts.put(slashed(DOCKER.resolve(parts[0]).normalize()), parts[1]);
				}
			}
		});
		return mounts;
	}

	private static List<Map<String, Object>> steps(Map<String, Object> workflow, String job) {
		return list(at(workflow, "jobs", job, "steps")).stream().map(DeploymentFilesTests::map).toList();
	}

	private static Map<String, Object> k8s(String file) {
		return yaml(DOCKER.resolve("k8s").resolve(file));
	}

	private static String slashed(Path path) {
		return path.toString().replace('\\', '/');
	}

	/** A value by keys (list elements by index), or null when any step is missing. */
	static Object at(Object root, Object... keys) {
		Object node = root;
		for (Object key : keys) {
			if (node instanceof Map<?, ?> map) {
				node = map.get(key);
			}
			else if (node instanceof List<?> list && key.toString().matches("\\d+")) {
				int index = Integer.parseInt(key.toString());
				node = (index < list.size()) ? list.get(index) : null;
			}
			else {
				return null;
			}
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
	}

	static Map<String, Object> yaml(Path file) {
		List<Object> documents = yamlDocuments(file);
		assertThat(documents).as(file.toString()).hasSize(1);
		return map(documents.get(0));
	}

	static List<Object> yamlDocuments(Path file) {
		try (InputStream input = Files.newInputStream(file)) {
			List<Object> documents = new ArrayList<>();
			new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(input).forEach(documents::add);
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A Dockerfile's instructions, continuation lines joined and comments dropped.
	 *
	 * @param instructions each instruction's keyword and arguments, in order
	 */
	record Dockerfile(List<Map.Entry<String, String>> instructions) {

		static Dockerfile read(Path file) {
			List<Map.Entry<String, String>> instructions = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			try {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					String trimmed = line.strip();
					if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
						continue;
					}
					current.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) : trimmed)
						.append(' ');
					if (!trimmed.endsWith("\\")) {
						String[] parts = current.toString().strip().split("\\s+", 2);
						instructions.add(Map.entry(parts[0].toUpperCase(java.util.Locale.ROOT),
								(parts.length > 1) ? parts[1].replaceAll("\\s+", " ") : ""));
						current.setLength(0);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Dockerfile(instructions);
		}

		List<String> all(String keyword) {
			return this.instructions.stream()
				.filter((instruction) -> instruction.getKey().equals(keyword))
				.map(Map.Entry::getValue)
				.toList();
		}

		String last(String keyword) {
			List<String> all = all(keyword);
			assertThat(all).as(keyword).isNotEmpty();
			return all.get(all.size() - 1);
		}

		Set<Integer> exposedPorts() {
			Set<Integer> ports = new TreeSet<>();
			all("EXPOSE").forEach((expose) -> Stream.of(expose.split("\\s+"))
				.map((port) -> Integer.parseInt(port.replace("/tcp", "")))
				.forEach(ports::add));
			return ports;
		}

	}

}
