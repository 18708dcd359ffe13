package io.poolstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared test files, which live beside the project in {@code ../shared/testdata}
 * and are read in place, never copied.
 */
public final class TestData {

	private static final Path ROOT = locate();


	private TestData() {
	}


	/**
	 * Returns the path of a file below the test data folder, for example {@code photos/rocket_640x427.jpg}.
	 */
	public static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	/**
	 * Reads a whole file below the test data folder.
	 */
	public static byte[] bytes(String relative) {
		try {
			return Files.readAllBytes(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Lists the regular files of one folder, sorted by name, leaving out text files such as licences.
	 */
	public static List<Path> files(String folder) {
		try (Stream<Path> listing = Files.list(path(folder))) {
			return listing.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().endsWith(".txt"))
				.filter((file) -> !file.getFileName().toString().endsWith(".py"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path locate() {
		String configured = System.getProperty("poolstream.testdata");
		if (configured != null) {
			return Path.of(configured);
		}
		Path candidate = Path.of("..", "shared", "testdata").toAbsolutePath().normalize();
		if (!Files.isDirectory(candidate)) {
			throw new IllegalStateException("test data not found at " + candidate
					+ "; check out the shared folder beside the project or set -Dpoolstream.testdata");
		}
		return candidate;
	}

}
