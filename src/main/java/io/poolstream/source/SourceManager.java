package io.poolstream.source;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.poolstream.pipeline.StreamIds;
import io.poolstream.pipeline.StreamRegistry;

/**
 * The pull sources of this instance, at most one per stream.
 *
 * <p>Every method is thread-safe. A source stops when it is removed or replaced, when its stream
 * is deleted (noticed within about a second), and when {@link #close} runs at shutdown.
 */
public final class SourceManager implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SourceManager.class);

	private static final Duration MAX_INTERVAL = Duration.ofHours(1);


	private final ConcurrentHashMap<String, PullSource> sources = new ConcurrentHashMap<>();

	private final StreamRegistry registry;

	private final FrameSink sink;

	private final HttpFetcher fetcher;

	private final AddressGuard guard;

	private final SourceSettings settings;


	/**
	 * Creates a manager whose sources offer frames straight to the registry.
	 */
	public SourceManager(StreamRegistry registry, HttpFetcher fetcher, AddressGuard guard, SourceSettings settings) {
		this(registry, (stream, frame) -> Mono.justOrEmpty(registry.offerIfPresent(stream, frame)), fetcher, guard,
				settings);
	}

	/**
	 * Creates a manager whose sources offer frames to {@code sink}, which must complete empty
	 * once the stream no longer exists, so the source stops.
	 */
	public SourceManager(StreamRegistry registry, FrameSink sink, HttpFetcher fetcher, AddressGuard guard,
			SourceSettings settings) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.sink = Objects.requireNonNull(sink, "sink");
		this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
		this.guard = Objects.requireNonNull(guard, "guard");
		this.settings = Objects.requireNonNull(settings, "settings");
	}


	/**
	 * Checks a source and starts it, replacing the stream's current source. A stream that does not
	 * exist yet is created with the default settings. The URL is checked here, on the bounded
	 * elastic scheduler if its host is a name because resolving it blocks, and again before every
	 * connection.
	 * @return a mono of whether the source is new, or an error: {@link InvalidSourceException} for
	 * an invalid URL or interval, {@link AddressRejectedException} for an address the guard does
	 * not allow, {@link TooManySourcesException} at the cap
	 */
	public Mono<Boolean> put(String stream, SourceSpec spec) {
		return Mono.defer(() -> {
			StreamIds.requireValid(stream);
			validate(spec);
			return PullSource.checkAddress(this.guard, spec.url()).then(Mono.fromSupplier(() -> start(stream, spec)));
		});
	}

	private void validate(SourceSpec spec) {
		URI url = spec.url();
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidSourceException("url", "source URL '" + url + "' has scheme '" + scheme
					+ "'; only http and https are supported");
		}
		if (url.getRawUserInfo() != null) {
			throw new InvalidSourceException("url", "source URL has user information before its host; "
					+ "credentials in URLs are not supported, because the URL is shown by GET /api/v1/streams/{id}");
		}
		// The interval is checked for mjpeg sources too, although they do not use it, so that the
		// value reported by GET /api/v1/streams/{id} is always a valid one.
		Duration interval = spec.interval();
		if (interval.compareTo(this.settings.minInterval()) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
			throw new InvalidSourceException("intervalMs", "intervalMs " + interval.toMillis() + " is out of range; use "
					+ this.settings.minInterval().toMillis() + " (poolstream.sources.min-interval) to "
					+ MAX_INTERVAL.toMillis());
		}
	}

	private boolean start(String stream, SourceSpec spec) {
		PullSource source = new PullSource(stream, spec, this.settings, this.fetcher, this.guard, this.registry,
				this.sink);
		PullSource[] replaced = { null };
		this.sources.compute(stream, (key, existing) -> {
			if (existing == null && this.sources.size() >= this.settings.maxSources()) {
				throw new TooManySourcesException(stream, this.settings.maxSources());
			}
			// Creates the stream with the defaults if needed, only once the source is within the cap.
			this.registry.settingsFor(stream);
			replaced[0] = existing;
			return source;
		});
		// Stopping and starting happen outside compute, because a stopping source removes itself.
		if (replaced[0] != null) {
			replaced[0].stop();
		}
		source.start(() -> this.sources.remove(stream, source));
		return replaced[0] == null;
	}

	/**
	 * Stops and removes the stream's source.
	 * @return whether the stream had a source
	 */
	public boolean remove(String stream) {
		PullSource removed = this.sources.remove(stream);
		if (removed == null) {
			return false;
		}
		removed.stop();
		return true;
	}

	public Optional<SourceView> find(String stream) {
		return Optional.ofNullable(this.sources.get(stream)).map(PullSource::view);
	}

	/**
	 * Stops every source, at shutdown.
	 */
	@Override
	public void close() {
		logger.info("Stopping {} pull sources", this.sources.size());
		this.sources.keySet().forEach(this::remove);
	}

}
