package io.poolstream.source;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import io.poolstream.TestData;
import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageLimits;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.FrameProcessor;
import io.poolstream.pipeline.IngressBudget;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.PipelineMetrics;
import io.poolstream.pipeline.StageSyntax;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs sources against a scripted fetcher on virtual time, so that backoff, stopping and
 * cleanup are checked without a network. The URL is a public literal that the guard passes
 * without a lookup, and the scripted fetcher never connects anywhere.
 */
class SourceManagerTests {

	private static final URI PUBLIC_URL = URI.create("http://93.184.216.34/camera");

	private static final byte[] PHOTO = TestData.bytes("photos/rocket_640x427.jpg");


	private VirtualTimeScheduler time;

	private StreamRegistry registry;

	private ScriptedFetcher fetcher;

	private SourceManager sources;


	@BeforeEach
	void createManager() {
		this.time = VirtualTimeScheduler.getOrSet();
		FrameProcessor processor = new FrameProcessor(new ImageDecoder(new ImageLimits(64L << 20, 50_000_000)),
				new ImageEncoder(85), this.time, 20_000_000L, 1, 1_000_000_000L, Clock.systemUTC());
		StreamSettings defaults = new StreamSettings(StageSyntax.parse("max:2"), ImageFormat.JPEG, false,
				BackpressurePolicy.BUFFER, 256, 16);
		this.registry = new StreamRegistry(processor, new IgnoringListener(), new PipelineMetrics(new SimpleMeterRegistry()),
				defaults, new IngressBudget(1024, 256L << 20), 8, 1, Clock.systemUTC());
		this.fetcher = new ScriptedFetcher();
		this.sources = newManager(4);
	}

	private SourceManager newManager(int maxSources) {
		AddressGuard guard = new AddressGuard(false, false, List.of(), (host) -> {
			throw new AssertionError("no lookup expected for " + host);
		});
		SourceSettings settings = new SourceSettings(maxSources, 1 << 20, Duration.ofMillis(100), Duration.ofSeconds(1),
				Duration.ofSeconds(4), Duration.ofSeconds(30));
		return new SourceManager(this.registry, this.fetcher, guard, settings);
	}

	@AfterEach
	void closeAll() {
		this.sources.close();
		this.registry.close();
		VirtualTimeScheduler.reset();
	}

	@Test
	void pollBacksOffThenRecovers() {
		this.fetcher.failures.set(2);

		this.sources.put("poll", new SourceSpec(PUBLIC_URL, SourceType.POLL, Duration.ofSeconds(1))).block();

		assertThat(this.fetcher.fetches.get()).isEqualTo(1);
		assertThat(view("poll").state()).isEqualTo(SourceState.BACKOFF);
		assertThat(view("poll").lastError()).contains("503");
		this.time.advanceTimeBy(Duration.ofMillis(400));
		assertThat(this.fetcher.fetches.get()).as("no retry before half the first backoff").isEqualTo(1);
		this.time.advanceTimeBy(Duration.ofMillis(1200));
		assertThat(this.fetcher.fetches.get()).isEqualTo(2);
		assertThat(view("poll").state()).isEqualTo(SourceState.BACKOFF);
		this.time.advanceTimeBy(Duration.ofSeconds(4));
		assertThat(this.fetcher.fetches.get()).isGreaterThanOrEqualTo(3);
		assertThat(view("poll").state()).isEqualTo(SourceState.CONNECTED);
		long framesAfterRecovery = view("poll").frames();
		assertThat(framesAfterRecovery).isEqualTo(this.fetcher.fetches.get() - 2);
		this.time.advanceTimeBy(Duration.ofSeconds(3));
		assertThat(view("poll").frames()).as("one GET per interval").isEqualTo(framesAfterRecovery + 3);
		assertThat(this.registry.find("poll").orElseThrow().stats().received()).isEqualTo(framesAfterRecovery + 3);
	}

	@Test
	void mjpegFramesReachStreamUntilResponseEnds() {
		byte[] body = TestData.bytes("video/car-detection_10s.mpjpeg");
		this.fetcher.contentType = "multipart/x-mixed-replace;boundary=\"ffmpeg\"";
		this.fetcher.chunks = chunks(body, 4096);

		this.sources.put("camera", new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1))).block();

		assertThat(view("camera").frames()).isEqualTo(125);
		assertThat(this.registry.find("camera").orElseThrow().stats().received()).isEqualTo(125);
		assertThat(view("camera").state()).isEqualTo(SourceState.BACKOFF);
		assertThat(view("camera").lastError()).contains("ended the response");
	}

	@Test
	void closeCancelsEveryConnection() {
		this.fetcher.chunks = null;
		this.sources.put("first", new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1))).block();
		this.sources.put("second", new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1))).block();
		assertThat(this.fetcher.open.get()).isEqualTo(2);

		this.sources.close();

		assertThat(this.fetcher.open.get()).isZero();
		assertThat(this.sources.find("first")).isEmpty();
		assertThat(this.sources.find("second")).isEmpty();
	}

	@Test
	void deletedStreamStopsSourceWithoutRecreatingIt() {
		this.fetcher.chunks = null;
		this.sources.put("gone", new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1))).block();
		assertThat(this.fetcher.open.get()).isEqualTo(1);

		this.registry.remove("gone");
		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(this.fetcher.open.get()).isZero();
		assertThat(this.sources.find("gone")).isEmpty();
		assertThat(this.registry.find("gone")).isEmpty();
	}

	@Test
	void replacingSourceClosesOldConnection() {
		this.fetcher.chunks = null;
		SourceSpec spec = new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1));

		Boolean created = this.sources.put("twice", spec).block();
		Boolean createdAgain = this.sources.put("twice", spec).block();

		assertThat(created).isTrue();
		assertThat(createdAgain).isFalse();
		assertThat(this.fetcher.open.get()).isEqualTo(1);
	}

	@Test
	void capRejectsSourceBeforeCreatingStream() {
		this.sources.close();
		this.sources = newManager(1);
		this.fetcher.chunks = null;
		this.sources.put("one", new SourceSpec(PUBLIC_URL, SourceType.MJPEG, Duration.ofSeconds(1))).block();

		assertThatThrownBy(() -> this.sources.put("two", new SourceSpec(PUBLIC_URL, SourceType.MJPEG,
				Duration.ofSeconds(1))).block()).isInstanceOf(TooManySourcesException.class);

		assertThat(this.registry.find("two")).isEmpty();
	}

	@Test
	void invalidSpecsAreRejected() {
		SourceSpec ftp = new SourceSpec(URI.create("ftp://93.184.216.34/"), SourceType.MJPEG, Duration.ofSeconds(1));
		SourceSpec credentials = new SourceSpec(URI.create("http://user:secret@93.184.216.34/"), SourceType.MJPEG,
				Duration.ofSeconds(1));
		SourceSpec fast = new SourceSpec(PUBLIC_URL, SourceType.POLL, Duration.ofMillis(10));

		assertThatThrownBy(() -> this.sources.put("s", ftp).block()).isInstanceOf(InvalidSourceException.class)
			.hasMessageContaining("ftp");
		assertThatThrownBy(() -> this.sources.put("s", credentials).block()).isInstanceOf(InvalidSourceException.class)
			.hasMessageNotContaining("secret");
		assertThatThrownBy(() -> this.sources.put("s", fast).block()).isInstanceOf(InvalidSourceException.class)
			.hasMessageContaining("intervalMs 10");
		assertThat(this.fetcher.fetches.get() + this.fetcher.open.get()).isZero();
	}

	@Test
	void boundaryIsReadFromContentType() {
		assertThat(PullSource.boundaryOf("multipart/x-mixed-replace;boundary=ffmpeg")).isEqualTo("ffmpeg");
		assertThat(PullSource.boundaryOf("multipart/x-mixed-replace; charset=x; Boundary=\"--myboundary\""))
			.isEqualTo("--myboundary");
		assertThat(PullSource.boundaryOf("multipart/x-mixed-replace")).isNull();
		assertThat(PullSource.boundaryOf("image/jpeg; boundary=x")).isNull();
		assertThat(PullSource.boundaryOf(null)).isNull();
	}

	private SourceView view(String stream) {
		return this.sources.find(stream).orElseThrow();
	}

	private static List<byte[]> chunks(byte[] body, int size) {
		List<byte[]> chunks = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += size) {
			chunks.add(Arrays.copyOfRange(body, offset, Math.min(body.length, offset + size)));
		}
		return chunks;
	}


	/**
	 * Returns a photo for each poll after a number of failures, and streams the given chunks, or a
	 * response that never ends when the chunks are {@code null}.
	 */
	private static final class ScriptedFetcher implements HttpFetcher {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger fetches = new AtomicInteger();

		final AtomicInteger open = new AtomicInteger();

		@Nullable String contentType;

		@Nullable List<byte[]> chunks;

		@Override
		public <T> Flux<T> stream(URI url, BiFunction<@Nullable String, Flux<byte[]>, Publisher<T>> handler) {
			return Flux.defer(() -> {
				Flux<byte[]> body = (this.chunks != null) ? Flux.fromIterable(this.chunks) : Flux.never();
				return Flux.from(handler.apply(this.contentType, body));
			}).doOnSubscribe((subscription) -> this.open.incrementAndGet()).doFinally((signal) -> this.open.decrementAndGet());
		}

		@Override
		public Mono<byte[]> fetch(URI url, int maxBytes) {
			return Mono.defer(() -> {
				this.fetches.incrementAndGet();
				if (this.failures.getAndDecrement() > 0) {
					return Mono.error(new SourceFetchException("GET " + url + " returned status 503"));
				}
				return Mono.just(PHOTO);
			});
		}

	}

	private static final class IgnoringListener implements OutcomeListener {

		@Override
		public void onOutcome(FrameOutcome outcome) {
			if (outcome instanceof FrameFailure failure) {
				throw new AssertionError("frame failed: " + failure.detail());
			}
		}

		@Override
		public void onStreamConfigured(String stream, StreamSettings settings) {
		}

		@Override
		public void onStreamRemoved(String stream) {
		}

	}

}
