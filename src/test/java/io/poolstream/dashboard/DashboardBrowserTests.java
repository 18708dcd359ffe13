package io.poolstream.dashboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;

import io.poolstream.LoopbackProxy;
import io.poolstream.TestData;
import io.poolstream.web.ServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the dashboard in a real headless Chromium against the running server, with the demo
 * stream playing the bundled clip as it does on a fresh start.
 *
 * <p>The demo stream keeps 256 results for replay instead of the default 64, so that an outage
 * of a few seconds in the reconnect test stays well inside the replay buffer at the clip's 12.5
 * frames per second. The server stops after the class, so that the demo does not keep decoding
 * and pooling frames while later test classes run.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "poolstream.demo.enabled=true", "poolstream.warm-up.enabled=false", "poolstream.streams.heartbeat=2s",
				"poolstream.streams.default-retention=256" })
class DashboardBrowserTests extends ServerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String CLIP = "video/car-detection_10s.mpjpeg";

	private static final int CLIP_WIDTH = 768;

	private static final int CLIP_HEIGHT = 432;

	/** Han characters, which every label of the 简体中文 page contains. */
	private static final String CJK = "[\\u3400-\\u9fff]";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static HeadlessChromium chromium;


	private ChromeDriver driver;

	private final List<String> createdStreams = new ArrayList<>();


	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start();
		System.out.println("Dashboard tests run on " + chromium.versions());
	}

	@AfterAll
	static void stopBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void useBrowser() {
		this.driver = chromium.driver();
	}

	@AfterEach
	void cleanUp() {
		// The language choice is kept in localStorage, and each test starts in English.
		this.driver.executeScript("try { localStorage.clear(); } catch (error) { /* no storage on this page */ }");
		// Leaving the page closes its EventSources before their streams are deleted.
		this.driver.get("about:blank");
		for (String id : this.createdStreams) {
			this.client.delete().uri("/api/v1/streams/{id}", id).exchange()
				.expectStatus().value((status) -> assertThat(status).isIn(204, 404));
		}
	}


	@Test
	void demoTileShowsNewFramesAndCounters() {
		openDashboard(baseUrl());
		WebElement tile = awaitLiveTile("demo");
		long firstSeq = awaitShownSeqAbove(tile, 0);
		String firstSource = image(tile).getAttribute("src");

		long laterSeq = awaitShownSeqAbove(tile, firstSeq);

		assertThat(laterSeq).isGreaterThan(firstSeq);
		await("the demo tile's image to change", (page) -> !firstSource.equals(image(tile).getAttribute("src")));
		assertThat(image(tile).getAttribute("src")).startsWith("data:image/jpeg;base64,");
		assertThat(naturalWidth(image(tile))).isEqualTo(CLIP_WIDTH / 2);
		assertThat(value(tile, "tile-size")).isEqualTo(sizeText(CLIP_WIDTH / 2, CLIP_HEIGHT / 2));
		assertThat(value(tile, "tile-pipeline")).isEqualTo(stream("demo").get("stages").get(0).asString());
		assertThat(tile.getAttribute("data-seq-repeats")).isEqualTo("0");
		await("the demo tile's input and output rates", (page) -> value(tile, "tile-fps").matches("\\d+\\.\\d / \\d+\\.\\d"));
	}

	@Test
	void detailPanelDrawsChartsWithUplot() {
		openDashboard(baseUrl());
		WebElement tile = awaitLiveTile("demo");

		tile.findElement(By.cssSelector("[data-testid='tile-details']")).click();

		await("the detail panel to open", (page) -> page.findElement(By.id("detail")).isDisplayed());
		assertThat((Boolean) this.driver.executeScript("return typeof window.uPlot === 'function';"))
			.as("uPlot loaded from its WebJar").isTrue();
		for (String chart : List.of("chart-fps", "chart-latency", "chart-drops")) {
			assertThat(this.driver.findElements(By.cssSelector("#" + chart + " .uplot canvas"))).as(chart).hasSize(1);
		}
		// The note reads "No samples yet." until two list refreshes have sampled the statistics.
		WebElement note = this.driver.findElement(By.id("detail-charts-note"));
		await("two samples in the charts", (page) -> note.getText().isEmpty());
		this.driver.findElement(By.id("detail-close")).click();
	}

	@Test
	void streamCreatedInFormShowsPushedClip() {
		openDashboard(baseUrl());
		awaitLiveTile("demo");
		openEditor();
		type(By.id("stream-id"), "browser-cam");
		this.createdStreams.add("browser-cam");
		type(By.id("op-0-kernel"), "4");
		new Select(this.driver.findElement(By.id("backpressure-policy"))).selectByValue("buffer");
		type(By.id("backpressure-capacity"), "128");

		this.driver.findElement(By.id("stream-save")).click();

		await("the editor to close", (page) -> !page.findElement(By.id("editor")).isDisplayed());
		assertThat(this.driver.findElement(By.id("toast")).getText()).isEqualTo("Stream browser-cam saved.");
		WebElement tile = awaitLiveTile("browser-cam");
		await("the page's EventSource to subscribe",
				(page) -> stream("browser-cam").get("stats").get("subscribers").asInt() >= 1);

		JsonNode upload = pushClip("browser-cam");

		long lastSeq = upload.get("lastSeq").asLong();
		assertThat(upload.get("accepted").asLong()).isEqualTo(upload.get("frames").asLong());
		await("the tile to show frame " + lastSeq, (page) -> Long.toString(lastSeq).equals(value(tile, "tile-seq")));
		assertThat(tile.getAttribute("data-last-seq")).isEqualTo(Long.toString(lastSeq));
		assertThat(tile.getAttribute("data-seq-repeats")).isEqualTo("0");
		assertThat(value(tile, "tile-size")).isEqualTo(sizeText(CLIP_WIDTH / 4, CLIP_HEIGHT / 4));
		assertThat(value(tile, "tile-pipeline")).isEqualTo(stream("browser-cam").get("stages").get(0).asString());
		await("the tile's image to load", (page) -> naturalWidth(image(tile)) == CLIP_WIDTH / 4);
		assertThat(image(tile).getAttribute("src")).startsWith("data:image/jpeg;base64,");
	}

	@Test
	void kernelAboveLimitShowsApiErrorAtField() {
		openDashboard(baseUrl());
		awaitLiveTile("demo");
		openEditor();
		type(By.id("stream-id"), "too-large");
		this.createdStreams.add("too-large");
		type(By.id("op-0-kernel"), "300");

		this.driver.findElement(By.id("stream-save")).click();

		WebElement error = this.driver.findElement(By.id("op-0-kernel-error"));
		await("the kernel field's error", (page) -> !error.getText().isEmpty());
		JsonNode problem = rejectedPut("too-large", Map.of("mode", "max", "kernel", 300));
		assertThat(problem.get("parameter").asString()).isEqualTo("pipeline[0].kernel");
		assertThat(error.getText()).isEqualTo(problem.get("detail").asString());
		assertThat(error.getText()).contains("256");
		assertThat(this.driver.findElement(By.id("op-0-kernel")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("op-0-kernel");
		assertThat(this.driver.findElement(By.id("stream-error")).getText()).isEqualTo("Fix the marked fields first.");
		assertThat(this.driver.findElement(By.id("editor")).isDisplayed()).isTrue();
		this.client.get().uri("/api/v1/streams/too-large").exchange().expectStatus().isNotFound();
	}

	@Test
	void paddingAboveHalfKernelIsMarkedBeforeSaving() {
		openDashboard(baseUrl());
		awaitLiveTile("demo");
		openEditor();
		type(By.id("stream-id"), "bad-padding");
		this.createdStreams.add("bad-padding");
		type(By.id("op-0-kernel"), "3");
		type(By.id("op-0-padding"), "2");

		this.driver.findElement(By.id("stream-save")).click();

		// The page checks the API's padding rule itself, so the request is never sent.
		assertThat(this.driver.findElement(By.id("op-0-padding-error")).getText())
			.isEqualTo("Padding must be at most half the kernel (1).");
		assertThat(this.driver.findElement(By.id("op-0-padding")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.driver.findElement(By.id("stream-error")).getText()).isEqualTo("Fix the marked fields first.");
		this.client.get().uri("/api/v1/streams/bad-padding").exchange().expectStatus().isNotFound();
		JsonNode problem = rejectedPut("bad-padding", Map.of("mode", "max", "kernel", 3, "padding", 2));
		assertThat(problem.get("parameter").asString()).isEqualTo("pipeline[0].padding");
		assertThat(problem.get("detail").asString()).contains("≤ 1");
	}

	@Test
	void cutEventStreamReconnectsWithoutRepeatedFrames() throws IOException {
		try (LoopbackProxy proxy = new LoopbackProxy(this.port)) {
			openDashboard("http://127.0.0.1:" + proxy.port());
			WebElement tile = awaitLiveTile("demo");
			awaitShownSeqAbove(tile, 0);

			proxy.setDown(true);
			proxy.cutConnections();

			awaitState(tile, "reconnecting");
			assertThat(tile.findElement(By.cssSelector("[data-testid='tile-state']")).getText()).contains("reconnecting…");
			long seqAtCut = Long.parseLong(tile.getAttribute("data-last-seq"));
			await("the browser to retry the event stream while the network is down",
					(page) -> proxy.droppedRequests().stream().anyMatch((request) -> request.startsWith("GET /api/v1/streams/demo/events ")));
			assertThat(tile.findElement(By.cssSelector("[data-testid='tile-state']")).getAttribute("data-state"))
				.isEqualTo("reconnecting");
			assertThat(this.driver.findElement(By.id("summary-counts")).getText()).contains("1 reconnecting");

			proxy.setDown(false);

			awaitState(tile, "live");
			awaitShownSeqAbove(tile, seqAtCut);
			assertThat(tile.getAttribute("data-seq-repeats")).isEqualTo("0");
			assertThat(tile.findElements(By.cssSelector("[data-testid='tile-notice-gap']"))).isEmpty();
			String resumed = proxy.forwardedRequests().stream()
				.filter((request) -> request.startsWith("GET /api/v1/streams/demo/events "))
				.reduce((first, second) -> second)
				.orElseThrow();
			assertThat(resumed).containsIgnoringCase("Last-Event-ID: " + seqAtCut + "\r\n");
		}
	}

	@Test
	void languageSwitchTranslatesEveryVisibleLabel() {
		openDashboard(baseUrl());
		WebElement tile = awaitLiveTile("demo");
		awaitShownSeqAbove(tile, 0);
		List<String> english = visibleLabels();
		assertThat(english).contains("toolbar.new: New stream", "tile.seq: Frame");
		assertThat(english).allSatisfy((label) -> assertThat(label).doesNotContainPattern(CJK));

		Select language = new Select(this.driver.findElement(By.id("lang-switch")));
		language.selectByValue("zh");

		await("the page language to be zh-CN", (page) -> "zh-CN".equals(htmlLang()));
		assertThat(this.driver.getTitle()).isEqualTo("poolstream 仪表板");
		assertThat(this.driver.findElement(By.id("new-stream")).getText()).isEqualTo("新建数据流");
		List<String> chinese = visibleLabels();
		assertThat(chinese).hasSameSizeAs(english);
		assertThat(chinese).allSatisfy((label) -> assertThat(label).containsPattern(CJK));

		openEditor();
		List<String> chineseEditor = visibleLabels();
		assertThat(chineseEditor).hasSizeGreaterThan(chinese.size() + 10);
		assertThat(chineseEditor).allSatisfy((label) -> assertThat(label).containsPattern(CJK));
		this.driver.findElement(By.id("stream-cancel")).click();

		language.selectByValue("en");

		await("the page language to be en", (page) -> "en".equals(htmlLang()));
		assertThat(visibleLabels()).allSatisfy((label) -> assertThat(label).doesNotContainPattern(CJK));
		assertThat(this.driver.findElement(By.id("new-stream")).getText()).isEqualTo("New stream");
	}

	@Test
	void screenshotOfDemoIsSavedForReadme() throws IOException {
		openDashboard(baseUrl());
		WebElement tile = awaitLiveTile("demo");
		awaitShownSeqAbove(tile, 0);
		// The server averages rates over 5 s, so right after its start they read below the clip's 12.5 fps.
		await("the demo tile's input rate to reach 10 fps",
				(page) -> value(tile, "tile-fps").matches("(1\\d|[2-9]\\d)\\.\\d / [1-9]\\d*\\.\\d"));
		await("the demo tile's image", (page) -> naturalWidth(image(tile)) > 0);

		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);

		BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
		long viewportWidth = (Long) this.driver.executeScript("return Math.round(innerWidth * devicePixelRatio);");
		assertThat(screenshot.getWidth()).isEqualTo(viewportWidth);
		Path target = Path.of(System.getProperty("basedir", "."), "docs", "dashboard.png");
		Files.write(target, png);
	}


	/**
	 * Returns "key: text" for every label on screen, in document order: the translated texts and
	 * aria-labels, the texts that tiles and the editor build in script, and the chosen option of
	 * each translated select. The brand name and the language menu are left out, because they read
	 * the same in every language, and so are values such as stream ids and numbers.
	 */
	@SuppressWarnings("unchecked")
	private List<String> visibleLabels() {
		return (List<String>) this.driver.executeScript("""
				const selector = [
				  '[data-i18n]', '[data-i18n-aria-label]', '.state-text', '.tile-actions button', '.tile-open',
				  '#summary-server', '#summary-counts', '#summary-updated', '#editor-title',
				  '#pipeline-ops h4', '#pipeline-ops button', '.op-fields label', '.op-fields .hint',
				  '.op-fields select', '#backpressure-policy',
				].join(', ');
				const labels = [];
				for (const element of document.querySelectorAll(selector)) {
				  if (element.dataset.i18n === 'app.product' || !element.checkVisibility()) {
				    continue;
				  }
				  const key = element.dataset.i18n ?? element.dataset.testid ?? (element.id
				    || (element.htmlFor && 'label of ' + element.htmlFor)
				    || (element.querySelector('input') && 'label of ' + element.querySelector('input').id)
				    || element.tagName.toLowerCase());
				  const text = element.tagName === 'SELECT'
				    ? element.selectedOptions[0].textContent
				    : element.innerText.trim();
				  // Symbol buttons such as the stage arrows are named by their aria-label alone.
				  if (/\\p{L}/u.test(text)) {
				    labels.push(key + ': ' + text);
				  }
				  const ariaLabel = element.getAttribute('aria-label');
				  if (ariaLabel) {
				    labels.push(key + '@aria-label: ' + ariaLabel);
				  }
				}
				return labels;
				""");
	}

	private void openDashboard(String url) {
		this.driver.get(url);
		await("the dashboard to load its stream list",
				(page) -> !page.findElement(By.id("summary-updated")).getText().isEmpty());
	}

	private void openEditor() {
		this.driver.findElement(By.id("new-stream")).click();
		await("the stream editor to open", (page) -> page.findElement(By.id("editor")).isDisplayed());
	}

	/** Replaces the text of an input by typing, so the page receives the same input events as from a user. */
	private void type(By field, String text) {
		this.driver.findElement(field).sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
	}

	private WebElement awaitLiveTile(String id) {
		WebElement tile = await("the tile of stream " + id,
				(page) -> page.findElement(By.cssSelector("[data-testid='tile-" + id + "']")));
		awaitState(tile, "live");
		return tile;
	}

	private void awaitState(WebElement tile, String state) {
		WebElement badge = tile.findElement(By.cssSelector("[data-testid='tile-state']"));
		await("tile state " + state, (page) -> state.equals(badge.getAttribute("data-state")));
	}

	/** Waits until the tile's seq counter shows a frame after {@code seq}, and returns it. */
	private long awaitShownSeqAbove(WebElement tile, long seq) {
		return await("a frame after " + seq + " in " + tile.getAttribute("id"), (page) -> {
			String shown = value(tile, "tile-seq");
			return (shown.matches("\\d+") && Long.parseLong(shown) > seq) ? Long.parseLong(shown) : null;
		});
	}

	private static String value(WebElement tile, String testId) {
		return tile.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
	}

	private static WebElement image(WebElement tile) {
		return tile.findElement(By.cssSelector("[data-testid='tile-image']"));
	}

	private long naturalWidth(WebElement image) {
		return (Long) this.driver.executeScript("return arguments[0].naturalWidth;", image);
	}

	private String htmlLang() {
		return (String) this.driver.executeScript("return document.documentElement.lang;");
	}

	private static String sizeText(int outputWidth, int outputHeight) {
		return CLIP_WIDTH + "×" + CLIP_HEIGHT + " → " + outputWidth + "×" + outputHeight;
	}

	private <T> T await(String description, Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT).withMessage("timed out waiting for " + description)
			.until(condition);
	}

	private JsonNode stream(String id) {
		byte[] body = this.client.get().uri("/api/v1/streams/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body);
	}

	/** Pushes the real clip as one multipart/x-mixed-replace upload, as an IP camera sends it. */
	private JsonNode pushClip(String id) {
		byte[] body = this.client.post()
			.uri("/api/v1/streams/{id}/frames", id)
			.contentType(MediaType.parseMediaType("multipart/x-mixed-replace;boundary=ffmpeg"))
			.bodyValue(TestData.bytes(CLIP))
			.exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body);
	}

	/** Sends a one-stage pipeline straight to the API and returns the problem it is rejected with. */
	private JsonNode rejectedPut(String id, Map<String, Object> op) {
		byte[] body = this.client.put()
			.uri("/api/v1/streams/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("pipeline", List.of(op)))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body);
	}

}
