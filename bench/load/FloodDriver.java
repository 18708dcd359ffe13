import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flood driver for {@code bench/load.sh --flood}: one producer per stream writes the real clip
 * as long {@code multipart/x-mixed-replace} bodies with no pacing, as fast as loopback and the
 * server take them, while a few SSE subscribers count events and a sampler records the server's
 * heap and RSS. Runs with the JDK alone and talks only to 127.0.0.1.
 *
 * <p>The streams cycle through the five backpressure policies, or those given with
 * {@code --policies}, so every policy is flooded. Under {@code error} the server ends an upload with
 * 429 at its first rejected frame (503 when the server-wide cap rejected it), and the producer then
 * opens a new upload at once. The heap is read from the actuator ({@code jvm.memory.used}, area
 * heap, which is the used size of every heap pool, garbage included) and RSS from
 * {@code /proc/PID/status}, every
 * 250 ms. After the flood the driver checks that the service still serves a health check and a
 * one-image push.
 */
public final class FloodDriver {

	private static final String BOUNDARY = "floodframe";

	private static final String ALL_POLICIES = "latest,drop-oldest,buffer,block,error";

	private static final Pattern HEAP_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)");


	public static void main(String[] args) throws Exception {
		Map<String, String> options = parseOptions(args);
		int port = Integer.parseInt(options.get("port"));
		int streams = Integer.parseInt(options.getOrDefault("streams", "8"));
		int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "8"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
		int capacity = Integer.parseInt(options.getOrDefault("capacity", "64"));
		long serverPid = Long.parseLong(options.getOrDefault("server-pid", "0"));
		String[] policies = options.getOrDefault("policies", ALL_POLICIES).split(",");
		List<byte[]> frames = splitClip(Files.readAllBytes(Path.of(options.get("clip"))));
		String host = "127.0.0.1";
		String base = "http://" + host + ":" + port;
		System.out.printf("flood: %d streams with no pacing for %d s, policies cycling %s, capacity %d; "
				+ "%d subscribers; clip of %d frames%n", streams, seconds, String.join(", ", policies), capacity,
				subscribers, frames.size());

		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();
		String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
		String[] ids = new String[streams];
		for (int s = 0; s < streams; s++) {
			ids[s] = "flood-" + run + "-" + s;
			createStream(http, base, ids[s], policies[s % policies.length], capacity);
		}

		EventCounter[] counters = new EventCounter[subscribers];
		for (int i = 0; i < subscribers; i++) {
			counters[i] = new EventCounter();
			http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams/" + ids[i % streams] + "/events"))
				.header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(counters[i]));
		}
		for (EventCounter counter : counters) {
			if (!counter.opened.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("a subscriber did not connect within 30 s");
			}
		}

		MemorySampler memory = new MemorySampler(serverPid, http, base);
		memory.start();
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		Producer[] producers = new Producer[streams];
		Thread[] threads = new Thread[streams];
		long start = System.nanoTime();
		for (int s = 0; s < streams; s++) {
			producers[s] = new Producer(host, port, ids[s], frames, deadline);
			threads[s] = new Thread(producers[s], "producer-" + s);
			threads[s].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double sendSeconds = (System.nanoTime() - start) / 1e9;

		// Let the frames already accepted finish, so the sampler also records the heap while draining.
		long drainDeadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < drainDeadline && ingressFrames(http, base) > 0) {
			Thread.sleep(200);
		}
		memory.stop();
		for (EventCounter counter : counters) {
			counter.cancel();
		}

		report(producers, ids, counters, memory, sendSeconds, http, base, frames.get(0));
		System.exit(0);
	}

	private static Map<String, String> parseOptions(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected an option such as --port, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		for (String required : List.of("port", "clip")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("missing option --" + required);
			}
		}
		return options;
	}

	/**
	 * Splits an mpjpeg clip (ffmpeg's multipart output) into its JPEG frames by their markers.
	 */
	static List<byte[]> splitClip(byte[] clip) {
		List<byte[]> frames = new ArrayList<>();
		int i = 0;
		while (i + 1 < clip.length) {
			if ((clip[i] & 0xFF) == 0xFF && (clip[i + 1] & 0xFF) == 0xD8) {
				int end = i + 2;
				while (end + 1 < clip.length && !((clip[end] & 0xFF) == 0xFF && (clip[end + 1] & 0xFF) == 0xD9)) {
					end++;
				}
				frames.add(Arrays.copyOfRange(clip, i, end + 2));
				i = end + 2;
			}
			else {
				i++;
			}
		}
		if (frames.isEmpty()) {
			throw new IllegalArgumentException("no JPEG frame found in the clip");
		}
		return frames;
	}

	private static void createStream(HttpClient http, String base, String id, String policy, int capacity)
			throws Exception {
		URI uri = URI.create(base + "/api/v1/streams/" + id);
		String body = "{\"pipeline\": [{\"mode\": \"max\", \"kernel\": 2}], \"backpressure\": {\"policy\": \""
				+ policy + "\", \"capacity\": " + capacity + "}}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("creating stream " + id + " failed: " + response.statusCode() + " "
					+ response.body());
		}
	}

	private static long ingressFrames(HttpClient http, String base) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(
					URI.create(base + "/actuator/metrics/poolstream.ingress.frames")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher value = HEAP_VALUE.matcher(response.body());
			return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
		}
		catch (IOException | InterruptedException ex) {
			return -1;
		}
	}

	private static void report(Producer[] producers, String[] ids, EventCounter[] counters, MemorySampler memory,
			double sendSeconds, HttpClient http, String base, byte[] image) throws Exception {
		long written = 0;
		long uploads = 0;
		Map<String, Long> statuses = new HashMap<>();
		for (Producer producer : producers) {
			written += producer.framesWritten;
			uploads += producer.uploads;
			producer.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
		}
		long received = 0, processed = 0, dropped = 0, rejected = 0;
		for (String id : ids) {
			String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams/" + id)).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
			String policy = field(body, "policy");
			long[] stats = { number(body, "received"), number(body, "processed"), number(body, "dropped"),
					number(body, "rejected"), number(body, "errors") };
			System.out.printf("stream %s (%s): received %d, processed %d, dropped %d, rejected %d, errors %d%n", id,
					policy, stats[0], stats[1], stats[2], stats[3], stats[4]);
			received += stats[0];
			processed += stats[1];
			dropped += stats[2];
			rejected += stats[3];
		}
		long events = 0, lagged = 0, failures = 0, errors = 0;
		for (EventCounter counter : counters) {
			events += counter.frames;
			errors += counter.errors;
			lagged += counter.lagged;
			failures += counter.failed ? 1 : 0;
		}

		int health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
		int push = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams/" + ids[0] + "-after/frames"))
			.header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();

		System.out.printf("written %d frames in %.1f s (%.0f frames/s) over %d uploads; upload answers %s%n", written,
				sendSeconds, written / sendSeconds, uploads, statuses);
		System.out.printf("server: received %d, processed %d, dropped %d, rejected %d%n", received, processed, dropped,
				rejected);
		System.out.printf("subscribers: %d frame events, %d error events, %d lagged events, %d connections failed%n",
				events, errors, lagged, failures);
		System.out.printf("after the flood: health %d, one-image push %d%n", health, push);
		System.out.printf("heap: peak used %.0f MB, max %.0f MB (%d samples, %d failed); RSS: peak VmRSS %.0f MB, "
				+ "VmHWM %.0f MB%n", memory.peakHeapBytes / (1 << 20), memory.heapMaxBytes / (double) (1 << 20),
				memory.samples, memory.failedSamples, memory.maxRssKb / 1024.0, memory.hwmKb / 1024.0);
		System.out.printf("flood frames written %d, processed %d, peak heap %.0f MB, peak RSS %.0f MB, health %d%n",
				written, processed, memory.peakHeapBytes / (double) (1 << 20),
				Math.max(memory.hwmKb, memory.maxRssKb) / 1024.0, health);
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : "?";
	}

	private static long number(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}


	/**
	 * Writes frames to one stream with no pacing until the deadline, opening a new upload whenever
	 * the server ends one.
	 */
	static final class Producer implements Runnable {

		private final String host;

		private final int port;

		private final String id;

		private final List<byte[]> frames;

		private final long deadline;

		long framesWritten;

		long uploads;

		final Map<String, Long> statuses = new HashMap<>();

		Producer(String host, int port, String id, List<byte[]> frames, long deadline) {
			this.host = host;
			this.port = port;
			this.id = id;
			this.frames = frames;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			while (System.nanoTime() < this.deadline) {
				this.uploads++;
				this.statuses.merge(upload(), 1L, Long::sum);
			}
		}

		/**
		 * Runs one upload and returns the response's status code, or how it failed.
		 */
		private String upload() {
			try (Socket socket = new Socket()) {
				socket.setTcpNoDelay(true);
				socket.connect(new InetSocketAddress(this.host, this.port), 5000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				out.write(("POST /api/v1/streams/" + this.id + "/frames HTTP/1.1\r\nHost: " + this.host + ":" + this.port
						+ "\r\nContent-Type: multipart/x-mixed-replace; boundary=" + BOUNDARY
						+ "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				try {
					// A response that arrives before the body ends, such as 429 under the error policy,
					// means the server no longer reads this upload.
					for (int k = 0; System.nanoTime() < this.deadline && in.available() == 0; k++) {
						byte[] jpeg = this.frames.get(k % this.frames.size());
						byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
								+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
						writeChunk(out, head, jpeg, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
						this.framesWritten++;
					}
					writeChunk(out, ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
					out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
				catch (IOException ex) {
					// The server responded early and closed its side; its response may still be readable.
				}
				socket.setSoTimeout(30_000);
				return statusOf(in);
			}
			catch (IOException ex) {
				LockSupport.parkNanos(10_000_000L);
				return "failed: " + ex.getClass().getSimpleName();
			}
		}

		private static String statusOf(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				line.append((char) b);
			}
			String[] parts = line.toString().trim().split(" ");
			return (parts.length > 1) ? parts[1] : "no response";
		}

		private static void writeChunk(OutputStream out, byte[]... parts) throws IOException {
			int length = 0;
			for (byte[] part : parts) {
				length += part.length;
			}
			ByteArrayOutputStream chunk = new ByteArrayOutputStream(length + 16);
			chunk.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			for (byte[] part : parts) {
				chunk.write(part);
			}
			chunk.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			chunk.writeTo(out);
		}

	}


	/**
	 * One SSE connection that counts {@code frame}, {@code error} and {@code lagged} events.
	 */
	static final class EventCounter implements Flow.Subscriber<String> {

		final CountDownLatch opened = new CountDownLatch(1);

		volatile long frames;

		volatile long lagged;

		volatile long errors;

		volatile boolean failed;

		private volatile Flow.Subscription subscription;

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
			this.opened.countDown();
		}

		@Override
		public void onNext(String line) {
			if (line.equals("event:frame")) {
				this.frames++;
			}
			else if (line.equals("event:error")) {
				this.errors++;
			}
			else if (line.equals("event:lagged")) {
				this.lagged++;
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.failed = true;
			this.opened.countDown();
		}

		@Override
		public void onComplete() {
		}

		void cancel() {
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}

	}


	/**
	 * Samples the server's used heap from the actuator and its RSS from /proc every 250 ms.
	 */
	static final class MemorySampler {

		private final long pid;

		private final HttpClient http;

		private final String base;

		private volatile boolean running = true;

		private Thread thread;

		volatile double peakHeapBytes;

		volatile double heapMaxBytes;

		volatile long maxRssKb;

		volatile long hwmKb;

		volatile int samples;

		volatile int failedSamples;

		MemorySampler(long pid, HttpClient http, String base) {
			this.pid = pid;
			this.http = http;
			this.base = base;
		}

		void start() {
			this.heapMaxBytes = read("/actuator/metrics/jvm.memory.max?tag=area:heap");
			this.thread = new Thread(() -> {
				while (this.running) {
					sample();
					LockSupport.parkNanos(250_000_000L);
				}
			}, "memory-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
			sample();
		}

		private void sample() {
			double heap = read("/actuator/metrics/jvm.memory.used?tag=area:heap");
			if (heap < 0) {
				this.failedSamples++;
			}
			else {
				this.peakHeapBytes = Math.max(this.peakHeapBytes, heap);
				this.samples++;
			}
			if (this.pid <= 0) {
				return;
			}
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + this.pid + "/status"))) {
					if (line.startsWith("VmRSS:")) {
						this.maxRssKb = Math.max(this.maxRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
					}
					if (line.startsWith("VmHWM:")) {
						this.hwmKb = Math.max(this.hwmKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
					}
				}
			}
			catch (IOException ex) {
				// The server has exited; keep the figures sampled so far.
			}
		}

		private double read(String path) {
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
					.timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
				Matcher value = HEAP_VALUE.matcher(response.body());
				return (response.statusCode() == 200 && value.find()) ? Double.parseDouble(value.group(1)) : -1;
			}
			catch (IOException | InterruptedException ex) {
				return -1;
			}
		}

	}

}
