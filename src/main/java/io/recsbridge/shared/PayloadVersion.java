package io.recsbridge.shared;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The version in a shared cache entry's key: a fingerprint of the cached type's shape
 * (its record components, recursively, and enum constants) and a revision for changes of
 * meaning that keep the shape. A rollout whose payload changed shape reads and writes
 * other keys, so it never decodes an old replica's entries wrongly, and both versions run
 * side by side during the rollout.
 */
public final class PayloadVersion {

	private PayloadVersion() {
	}

	/**
	 * The version of a cached type.
	 * @param type the cached record type
	 * @param revision raise it when the meaning of a value changes but not its shape
	 * @return {@code v<revision>-<8 hex digits of the shape>}
	 */
	public static String of(Class<?> type, int revision) {
		StringBuilder shape = new StringBuilder();
		describe(type, shape, new LinkedHashSet<>());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(shape.toString().getBytes(StandardCharsets.UTF_8));
			return "v" + revision + "-" + HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	private static void describe(Type type, StringBuilder shape, Set<Type> seen) {
		if (type instanceof ParameterizedType parameterized) {
			describe(parameterized.getRawType(), shape, seen);
			shape.append('<');
			for (Type argument : parameterized.getActualTypeArguments()) {
				describe(argument, shape, seen);
				shape.append(',');
			}
			shape.append('>');
			return;
		}
		if (!(type instanceof Class<?> raw)) {
			shape.append(type.getTypeName());
			return;
		}
		shape.append(raw.getSimpleName());
		if (!seen.add(raw)) {
			return;
		}
		if (raw.isRecord()) {
			shape.append('{');
			for (RecordComponent component : raw.getRecordComponents()) {
				shape.append(component.getName()).append(':');
				describe(component.getGenericType(), shape, seen);
				shape.append(';');
			}
			shape.append('}');
		}
		else if (raw.isEnum()) {
			shape.append(Arrays.stream(raw.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.collect(Collectors.joining("|", "[", "]")));
		}
	}

}
