package io.poolstream.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.poolstream.TestData;
import io.poolstream.web.SecurityFixture;
import io.poolstream.web.ServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the dashboard in a real headless Chromium with access control on: the page requests an
 * API key, and with a read key its tiles go live through event tokens and show result images
 * that are fetched with the token as well. The access log is on so that a page load that hangs
 * shows in the test output which request never completed.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "poolstream.demo.enabled=true", "poolstream.streams.heartbeat=2s", "poolstream.security.access-log=true" })
class DashboardSecurityBrowserTests extends ServerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final SecurityFixture keys = new SecurityFixture();

	private static HeadlessChromium chromium;


	private ChromeDriver driver;


	@DynamicPropertySource
	static void enableSecurity(DynamicPropertyRegistry registry) {
		keys.register(registry);
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start();
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
		this.driver.executeScript("try { localStorage.clear(); sessionStorage.clear(); } catch (error) { /* no storage */ }");
		this.driver.get("about:blank");
	}

	@Test
	void readKeyMakesTilesLive() {
		this.client.put()
			.uri("/api/v1/streams/secured")
			.header("X-API-Key", keys.ingestKey)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("output", Map.of("format", "jpeg", "inline", false)))
			.exchange()
			.expectStatus().isCreated();
		this.driver.get(baseUrl());

		WebElement form = await("the API key form", (page) -> {
			WebElement element = page.findElement(By.id("api-key-form"));
			return element.isDisplayed() ? element : null;
		});
		await("the key request", (page) -> page.findElement(By.id("api-key-status")).getText()
			.contains("needs an API key"));
		this.driver.findElement(By.id("api-key")).sendKeys(keys.readKey);
		form.findElement(By.cssSelector("[data-testid='api-key-save']")).click();

		WebElement tile = awaitLiveTile("secured");
		awaitLiveTile("demo");
		assertThat(this.driver.findElement(By.id("api-key-status")).getText()).contains("this tab only");
		assertThat((String) this.driver.executeScript("return sessionStorage.getItem('poolstream.apiKey');"))
			.isEqualTo(keys.readKey);
		this.client.post()
			.uri("/api/v1/streams/secured/frames")
			.header("X-API-Key", keys.ingestKey)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("photos/rocket_640x427.jpg"))
			.exchange()
			.expectStatus().isAccepted();
		WebElement image = tile.findElement(By.cssSelector("[data-testid='tile-image']"));
		await("the result image through its token", (page) -> {
			String source = image.getAttribute("src");
			return source != null && source.contains("/api/v1/streams/secured/frames/1?token=")
					&& (Long) this.driver.executeScript("return arguments[0].naturalWidth;", image) == 320;
		});
	}

	@Test
	void keyFormIsTranslated() {
		this.driver.get(baseUrl());
		await("the API key form", (page) -> page.findElement(By.id("api-key-form")).isDisplayed());

		this.driver.findElement(By.id("lang-switch")).sendKeys("简体中文");

		await("the Chinese key label", (page) -> page.findElement(By.cssSelector("label[for='api-key']")).getText()
			.equals("API 密钥"));
		await("the Chinese key request", (page) -> page.findElement(By.id("api-key-status")).getText()
			.contains("read 权限范围"));
	}

	@Test
	void wrongKeyIsReported() {
		this.driver.get(baseUrl());
		await("the API key form", (page) -> page.findElement(By.id("api-key-form")).isDisplayed());

		this.driver.findElement(By.id("api-key")).sendKeys("not-a-key");
		this.driver.findElement(By.cssSelector("[data-testid='api-key-save']")).click();

		await("the rejected key message", (page) -> page.findElement(By.id("api-key-status")).getText()
			.contains("rejected this key"));
	}

	private WebElement awaitLiveTile(String id) {
		WebElement tile = await("the tile of stream " + id,
				(page) -> page.findElement(By.cssSelector("[data-testid='tile-" + id + "']")));
		WebElement badge = tile.findElement(By.cssSelector("[data-testid='tile-state']"));
		await("stream " + id + " to go live", (page) -> "live".equals(badge.getAttribute("data-state")));
		return tile;
	}

	private <T> T await(String description, Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT).withMessage("timed out waiting for " + description)
			.until(condition);
	}

}
