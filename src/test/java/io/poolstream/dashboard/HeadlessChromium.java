package io.poolstream.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through ChromeDriver, with a fresh profile that is deleted on close.
 *
 * <p>Both executables come from fixed paths, {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} as Debian's {@code chromium} and {@code chromium-driver} packages
 * install them, or from the system properties {@value #BROWSER_PROPERTY} and
 * {@value #DRIVER_PROPERTY}. Selenium 4.52 runs Selenium Manager, which may download a browser and
 * a driver, only when the driver service has no executable, so it never runs here. A missing
 * executable fails the tests instead of skipping them, because CI installs both.
 */
final class HeadlessChromium implements AutoCloseable {

	static final String BROWSER_PROPERTY = "poolstream.chromium";

	static final String DRIVER_PROPERTY = "poolstream.chromedriver";

	static final int WINDOW_WIDTH = 1400;

	static final int WINDOW_HEIGHT = 1000;


	private final Path profile;

	private final ChromeDriver driver;


	private HeadlessChromium(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}


	/**
	 * Starts ChromeDriver and one headless browser window.
	 * @throws IllegalStateException if the browser or the driver is not installed
	 */
	static HeadlessChromium start() throws IOException {
		Path browser = executable(BROWSER_PROPERTY, "/usr/bin/chromium", "chromium");
		Path driverExecutable = executable(DRIVER_PROPERTY, "/usr/bin/chromedriver", "chromium-driver");
		Path profile = Files.createTempDirectory("poolstream-chromium-");

		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(driverExecutable.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT,
				"--lang=en-US");
		// The dashboard picks its language from navigator.languages, which follows this preference.
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		// Navigation returns once the document and its scripts have run, without waiting for images,
		// and fails within a minute instead of Selenium's five: the tests wait for what they check.
		options.setPageLoadStrategy(PageLoadStrategy.EAGER);
		options.setPageLoadTimeout(Duration.ofSeconds(60));
		try {
			return new HeadlessChromium(profile, new ChromeDriver(service, options));
		}
		catch (RuntimeException ex) {
			deleteTree(profile);
			throw ex;
		}
	}

	private static Path executable(String property, String defaultPath, String debianPackage) {
		Path path = Path.of(System.getProperty(property, defaultPath));
		if (!Files.isExecutable(path)) {
			throw new IllegalStateException("No executable at " + path + ", which the dashboard tests need. Install "
					+ "Debian's " + debianPackage + " package (.ci/run does), or set -D" + property + "=PATH");
		}
		return path;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Returns the versions of the browser and of ChromeDriver that this session runs.
	 */
	String versions() {
		Object chrome = this.driver.getCapabilities().getCapability("chrome");
		Object driverVersion = (chrome instanceof Map<?, ?> details) ? details.get("chromedriverVersion") : null;
		return "Chromium " + this.driver.getCapabilities().getBrowserVersion() + ", ChromeDriver " + driverVersion;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteTree(this.profile);
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete the browser profile " + root, ex);
		}
	}

}
