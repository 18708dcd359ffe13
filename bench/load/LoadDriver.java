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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

/**
 * Load driver for bench/load.sh: P producers push the real clip as long
 * {@code multipart/x-mixed-replace} bodies at a fixed frame rate, one producer per fresh stream,
 * while N server-sent-event subscribers spread over the streams record when each frame event
 * arrives. Runs with the JDK alone ({@code java bench/load/LoadDriver.java ...}) and talks only
 * to the given loopback address.
 *
 * <p>Latency of one delivery is the time a subscriber has read the whole {@code frame} event
 * minus the time the producer started writing that frame to its socket. A fresh stream numbers
 * accepted frames from 1 in order, so the k-th frame of a body (from 0) has sequence number k + 1,
 * but a frame rejected by a full buffer gets no number and shifts the rest. So each frame is also
 * tagged by its size: a JPEG comment segment pads the k-th frame to exactly
 * {@code TAG_BASE + k} bytes, which the event reports as {@code input.bytes}. Frames are matched
 * by that tag, and the driver counts frames whose sequence number is not k + 1. A frame counts
 * as lost when any subscriber of its stream did not receive its {@code frame} event.
 */
public final class LoadDriver {

	private static final String BOUNDARY = "loadframe";

	/** Size of the first tagged frame; the clip's largest frame plus a comment header must fit below it. */
	private static final int TAG_BASE = 20_000;

	private static final int MAX_TAGGED_FRAMES = 40_000;

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parseOptions(args);
		String host = "127.0.0.1";
		int port = Integer.parseInt(options.get("port"));
		int streams = Integer.parseInt(options.getOrDefault("streams", "4"));
		int producers = Integer.parseInt(options.getOrDefault("producers", String.valueOf(streams)));
		double fps = Double.parseDouble(options.getOrDefault("fps", "30"));
		int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "200"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
		int capacity = Integer.parseInt(options.getOrDefault("capacity", "64"));
		long serverPid = Long.parseLong(options.getOrDefault("server-pid", "0"));
		Path clip = Path.of(options.get("clip"));
		if (producers != streams) {
			throw new IllegalArgumentException("producers " + producers + " must equal streams " + streams
					+ ", because matching by sequence number needs one writer per stream");
		}

		List<byte[]> frames = splitClip(Files.readAllBytes(clip));
		int framesPerStream = (int) Math.round(fps * seconds);
		if (framesPerStream > MAX_TAGGED_FRAMES) {
			throw new IllegalArgumentException(framesPerStream + " frames per stream is more than the "
					+ MAX_TAGGED_FRAMES + " that size tags allow; lower --fps or --seconds");
		}
		System.out.printf("clip %s: %d frames; %d streams x %.1f fps for %d s = %d frames per stream; "
				+ "%d subscribers; policy buffer, capacity %d%n", clip.getFileName(), frames.size(), streams, fps,
				seconds, framesPerStream, subscribers, capacity);

		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
		int warmUpEvents = Integer.parseInt(options.getOrDefault("driver-warm-up-events", "300"));
		if (warmUpEvents > 0) {
			long warmUpStart = System.nanoTime();
			warmUpEventReading(http, subscribers, warmUpEvents);
			System.out.printf("driver warm-up: %d connections read %d synthetic events each from the driver's own "
					+ "server in %d ms%n", subscribers, warmUpEvents, (System.nanoTime() - warmUpStart) / 1_000_000);
		}
		String base = "http://" + host + ":" + port;
		String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
		String[] streamIds = new String[streams];
		for (int s = 0; s < streams; s++) {
			streamIds[s] = "load-" + run + "-" + s;
			createStream(http, base, streamIds[s], capacity);
		}

		RssSampler rss = new RssSampler(serverPid);
		rss.start();

		Subscriber[] subs = new Subscriber[subscribers];
		List<CompletableFuture<?>> connected = new ArrayList<>();
		for (int i = 0; i < subscribers; i++) {
			subs[i] = new Subscriber(i % streams, framesPerStream);
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/streams/" + streamIds[i % streams]
					+ "/events")).header("Accept", "text/event-stream").GET().build();
			connected.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subs[i])));
		}
		for (Subscriber sub : subs) {
			if (!sub.opened.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("a subscriber did not connect within 30 s");
			}
		}
		System.out.println("all " + subscribers + " subscribers connected");
		Thread.sleep(1000);

		long[][] sentNanos = new long[streams][framesPerStream];
		String[] uploadResults = new String[streams];
		Thread[] producerThreads = new Thread[streams];
		long start = System.nanoTime() + 200_000_000L;
		long interval = (long) (1e9 / fps);
		for (int s = 0; s < streams; s++) {
			int stream = s;
			long offset = interval * s / streams;
			producerThreads[s] = new Thread(() -> uploadResults[stream] = produce(host, port, streamIds[stream], frames,
					framesPerStream, start + offset, interval, sentNanos[stream]), "producer-" + s);
			producerThreads[s].start();
		}
		for (Thread thread : producerThreads) {
			thread.join();
		}
		long sendEnd = System.nanoTime();
		Subscriber.lastFrameNanos.set(sendEnd);

		// Wait until every subscriber has the last frame of its stream, or no frame event has
		// arrived for 3 s (the rest was rejected or lost), or 30 s at most.
		long drainDeadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < drainDeadline && !allComplete(subs, framesPerStream)
				&& System.nanoTime() - Subscriber.lastFrameNanos.get() < 3_000_000_000L) {
			Thread.sleep(50);
		}
		double drainSeconds = (System.nanoTime() - sendEnd) / 1e9;
		for (Subscriber sub : subs) {
			sub.cancel();
		}
		rss.stop();

		report(subs, streams, streamIds, framesPerStream, sentNanos, uploadResults, (sendEnd - start) / 1e9,
				drainSeconds, rss, http, base, fps);
		System.exit(0);
	}

	/**
	 * Reads synthetic frame events through the same HttpClient and the same subscriber code as the
	 * run, from an HTTP server of the driver's own on 127.0.0.1, so that the driver's event
	 * reading is compiled before the run instead of competing with the service for the CPU in its
	 * first seconds. The service sees none of this, and the warm-up subscribers are discarded.
	 */
	private static void warmUpEventReading(HttpClient http, int connections, int events) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.createContext("/events", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int k = 0; k < events; k++) {
					out.write(syntheticEvent(k));
					out.flush();
				}
			}
		});
		server.start();
		try {
			URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
			List<CompletableFuture<?>> done = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
				done.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Subscriber(0, events))));
			}
			CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * Returns a frame event shaped like the service's, with the k-th size tag.
	 */
	private static byte[] syntheticEvent(int k) {
		String data = "{\"stream\":\"warm-up\",\"seq\":" + (k + 1) + ",\"receivedAt\":\"2026-01-01T00:00:00.000Z\","
				+ "\"completedAt\":\"2026-01-01T00:00:00.004Z\",\"latencyMs\":2.1,\"input\":{\"width\":768,"
				+ "\"height\":432,\"channels\":3,\"format\":\"jpeg\",\"bytes\":" + (TAG_BASE + k) + "},"
				+ "\"output\":{\"width\":384,\"height\":216,\"channels\":3,\"format\":\"jpeg\",\"bytes\":9000},"
				+ "\"stages\":[\"max 2x2 / 2\"],\"timings\":{\"decodeMs\":1.2,\"poolMs\":0.3,\"encodeMs\":0.6},"
				+ "\"url\":\"/api/v1/streams/warm-up/frames/" + (k + 1) + "\",\"channels\":[{\"min\":0,\"max\":255,"
				+ "\"mean\":101.5},{\"min\":0,\"max\":255,\"mean\":99.2},{\"min\":0,\"max\":255,\"mean\":97.8}]}";
		return ("id:" + (k + 1) + "\nevent:frame\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
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

	/**
	 * Pads a JPEG to {@code TAG_BASE + index} bytes with a comment (COM) segment after SOI, which
	 * decoders skip, so the decoded image is unchanged.
	 */
	static byte[] tag(byte[] jpeg, int index) {
		int target = TAG_BASE + index;
		int segment = target - jpeg.length;
		if (segment < 4 || segment - 2 > 0xFFFF) {
			throw new IllegalArgumentException("cannot pad a " + jpeg.length + "-byte frame to " + target + " bytes");
		}
		byte[] tagged = new byte[target];
		tagged[0] = (byte) 0xFF;
		tagged[1] = (byte) 0xD8;
		tagged[2] = (byte) 0xFF;
		tagged[3] = (byte) 0xFE;
		tagged[4] = (byte) ((segment - 2) >> 8);
		tagged[5] = (byte) (segment - 2);
		Arrays.fill(tagged, 6, 2 + segment, (byte) ' ');
		System.arraycopy(jpeg, 2, tagged, 2 + segment, jpeg.length - 2);
		return tagged;
	}

	private static void createStream(HttpClient http, String base, String id, int capacity) throws Exception {
		URI uri = URI.create(base + "/api/v1/streams/" + id);
		http.send(HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.discarding());
		String body = "{\"pipeline\": [{\"mode\": \"max\", \"kernel\": 2}], "
				+ "\"backpressure\": {\"policy\": \"buffer\", \"capacity\": " + capacity + "}}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("creating stream " + id + " failed: " + response.statusCode() + " "
					+ response.body());
		}
	}

	/**
	 * Writes one chunked multipart body, a frame every interval from start, and returns the
	 * server's upload counts (or the failure).
	 */
	private static String produce(String host, int port, String id, List<byte[]> frames, int count, long start,
			long interval, long[] sentNanos) {
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), 5000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/streams/" + id + "/frames HTTP/1.1\r\nHost: " + host + ":" + port
					+ "\r\nContent-Type: multipart/x-mixed-replace; boundary=" + BOUNDARY
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			for (int k = 0; k < count; k++) {
				byte[] jpeg = tag(frames.get(k % frames.size()), k);
				byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
						+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
				long due = start + k * interval;
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				sentNanos[k] = System.nanoTime();
				writeChunk(out, head, jpeg, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			writeChunk(out, ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.setSoTimeout(30_000);
			return readResponse(socket.getInputStream());
		}
		catch (IOException ex) {
			return "upload failed: " + ex;
		}
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
		out.flush();
	}

	/**
	 * Reads one HTTP/1.1 response with a Content-Length or chunked body and returns
	 * "status body".
	 */
	private static String readResponse(InputStream in) throws IOException {
		String status = readLine(in);
		int contentLength = -1;
		boolean chunked = false;
		String line;
		while (!(line = readLine(in)).isEmpty()) {
			String lower = line.toLowerCase();
			if (lower.startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring(15).trim());
			}
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			int size;
			while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
				body.write(in.readNBytes(size));
				readLine(in);
			}
		}
		else if (contentLength >= 0) {
			body.write(in.readNBytes(contentLength));
		}
		return status + " " + body.toString(StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static boolean allComplete(Subscriber[] subs, int framesPerStream) {
		for (Subscriber sub : subs) {
			if (sub.received[framesPerStream - 1] == 0) {
				return false;
			}
		}
		return true;
	}

	private static long uploadField(String upload, String name) {
		int at = upload.indexOf("\"" + name + "\":");
		if (at < 0) {
			return -1;
		}
		int from = at + name.length() + 3;
		int to = from;
		while (to < upload.length() && (Character.isDigit(upload.charAt(to)) || upload.charAt(to) == '-')) {
			to++;
		}
		return Long.parseLong(upload.substring(from, to));
	}

	private static void report(Subscriber[] subs, int streams, String[] streamIds, int framesPerStream,
			long[][] sentNanos, String[] uploads, double sendSeconds, double drainSeconds, RssSampler rss,
			HttpClient http, String base, double fps) throws Exception {
		for (int s = 0; s < streams; s++) {
			System.out.println("upload " + streamIds[s] + ": " + uploads[s]);
			long frames = uploadField(uploads[s], "frames");
			long firstSeq = uploadField(uploads[s], "firstSeq");
			long lastSeq = uploadField(uploads[s], "lastSeq");
			if (frames != framesPerStream || firstSeq != 1 || lastSeq != framesPerStream) {
				System.out.println("stream " + streamIds[s] + " did not number its frames 1.." + framesPerStream
						+ ", so frames are matched by size tag only");
			}
			HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/streams/"
					+ streamIds[s])).GET().build(), HttpResponse.BodyHandlers.ofString());
			int at = stats.body().indexOf("\"stats\"");
			System.out.println("server stats " + streamIds[s] + ": "
					+ ((at >= 0) ? stats.body().substring(at, Math.min(stats.body().length(), at + 400)) : stats.body()));
		}

		long deliveries = 0;
		long[] latencies = new long[subs.length * framesPerStream];
		int[][] receivedBy = new int[streams][framesPerStream];
		int[] subscribersOf = new int[streams];
		long errors = 0, gaps = 0, lagged = 0, unknownTags = 0, shiftedSeq = 0;
		int[] counts = new int[subs.length];
		for (int i = 0; i < subs.length; i++) {
			Subscriber sub = subs[i];
			subscribersOf[sub.stream]++;
			errors += sub.errors;
			gaps += sub.gaps;
			lagged += sub.lagged;
			unknownTags += sub.unknownTags;
			shiftedSeq += sub.shiftedSeq;
			for (int k = 0; k < framesPerStream; k++) {
				long at = sub.received[k];
				if (at != 0) {
					receivedBy[sub.stream][k]++;
					latencies[(int) deliveries++] = at - sentNanos[sub.stream][k];
					counts[i]++;
				}
			}
		}
		long sent = (long) streams * framesPerStream;
		long complete = 0;
		for (int s = 0; s < streams; s++) {
			for (int k = 0; k < framesPerStream; k++) {
				if (receivedBy[s][k] == subscribersOf[s]) {
					complete++;
				}
			}
		}
		long lost = sent - complete;
		long[] sorted = Arrays.copyOf(latencies, (int) deliveries);
		Arrays.sort(sorted);
		int[] sortedCounts = counts.clone();
		Arrays.sort(sortedCounts);
		int fullSubscribers = 0;
		for (int count : counts) {
			if (count == framesPerStream) {
				fullSubscribers++;
			}
		}

		printWindows(subs, streams, Math.min(framesPerStream, (int) Math.round(fps * 10)), sentNanos, receivedBy,
				subscribersOf, fps, 1);
		printWindows(subs, streams, framesPerStream, sentNanos, receivedBy, subscribersOf, fps, 10);
		System.out.printf("sent %.1f frames/s over %.1f s (all streams); delivered %.0f events/s; drain after last send %.2f s%n",
				sent / sendSeconds, sendSeconds, deliveries / sendSeconds, drainSeconds);
		System.out.printf("latency over %d deliveries: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", deliveries,
				percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
		System.out.printf("events: %d error, %d gap, %d lagged, %d frame events without a known size tag, "
				+ "%d frame events whose seq is not frame index + 1%n", errors, gaps, lagged, unknownTags, shiftedSeq);
		System.out.printf("per-subscriber frames received (of %d): min %d, median %d, max %d; %d of %d subscribers got all%n",
				framesPerStream, sortedCounts[0], sortedCounts[sortedCounts.length / 2],
				sortedCounts[sortedCounts.length - 1], fullSubscribers, subs.length);
		System.out.printf("server RSS: peak sampled VmRSS %.0f MB, VmHWM %.0f MB (%d samples)%n", rss.maxRssKb / 1024.0,
				rss.hwmKb / 1024.0, rss.samples);
		System.out.printf("frames sent %d, received %d, lost %d, p99 %.1f ms, peak RSS %.0f MB%n", sent, complete, lost,
				percentile(sorted, 0.99), Math.max(rss.hwmKb, rss.maxRssKb) / 1024.0);
	}

	/**
	 * Prints latency and lost frames per window of send time, which separates the start of a run
	 * from the steady state. The run is printed in 10 s windows, and its first 10 s also in 1 s
	 * windows.
	 */
	private static void printWindows(Subscriber[] subs, int streams, int framesPerStream, long[][] sentNanos,
			int[][] receivedBy, int[] subscribersOf, double fps, int windowSeconds) {
		int framesPerWindow = (int) Math.round(fps * windowSeconds);
		for (int from = 0; from < framesPerStream; from += framesPerWindow) {
			int to = Math.min(framesPerStream, from + framesPerWindow);
			long[] window = new long[subs.length * (to - from)];
			int count = 0;
			for (Subscriber sub : subs) {
				for (int k = from; k < to; k++) {
					if (sub.received[k] != 0) {
						window[count++] = sub.received[k] - sentNanos[sub.stream][k];
					}
				}
			}
			long lost = 0;
			for (int s = 0; s < streams; s++) {
				for (int k = from; k < to; k++) {
					if (receivedBy[s][k] != subscribersOf[s]) {
						lost++;
					}
				}
			}
			long[] sorted = Arrays.copyOf(window, count);
			Arrays.sort(sorted);
			System.out.printf("  frames sent in %3.0f-%3.0f s: p50 %7.1f ms, p99 %7.1f ms, lost %d%n", from / fps, to / fps,
					percentile(sorted, 0.50), percentile(sorted, 0.99), lost);
		}
	}

	private static double percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}


	/**
	 * One SSE connection: records the arrival time of each {@code frame} event by its id.
	 */
	static final class Subscriber implements Flow.Subscriber<String> {

		final int stream;

		/** Arrival time by frame index (from the size tag), 0 when not received. */
		final long[] received;

		/** Arrival time of the newest frame event at any subscriber. */
		static final AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());

		final CountDownLatch opened = new CountDownLatch(1);

		long errors;

		long gaps;

		long lagged;

		long unknownTags;

		long shiftedSeq;

		private volatile Flow.Subscription subscription;

		private String event;

		private long id = -1;

		private int inputBytes = -1;

		Subscriber(int stream, int framesPerStream) {
			this.stream = stream;
			this.received = new long[framesPerStream];
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
			this.opened.countDown();
		}

		@Override
		public void onNext(String line) {
			if (line.isEmpty()) {
				dispatch(System.nanoTime());
				return;
			}
			if (line.startsWith("id:")) {
				this.id = Long.parseLong(line.substring(3).trim());
			}
			else if (line.startsWith("event:")) {
				this.event = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				this.inputBytes = inputBytes(line);
			}
		}

		private void dispatch(long now) {
			if ("frame".equals(this.event)) {
				lastFrameNanos.set(now);
				int index = this.inputBytes - TAG_BASE;
				if (index >= 0 && index < this.received.length && this.received[index] == 0) {
					this.received[index] = now;
					if (this.id != index + 1) {
						this.shiftedSeq++;
					}
				}
				else {
					this.unknownTags++;
				}
			}
			else if ("error".equals(this.event)) {
				this.errors++;
			}
			else if ("gap".equals(this.event)) {
				this.gaps++;
			}
			else if ("lagged".equals(this.event)) {
				this.lagged++;
			}
			this.event = null;
			this.id = -1;
			this.inputBytes = -1;
		}

		/**
		 * Returns {@code input.bytes} of a frame event's JSON data, or -1.
		 */
		private static int inputBytes(String line) {
			int input = line.indexOf("\"input\":{");
			int bytes = (input < 0) ? -1 : line.indexOf("\"bytes\":", input);
			if (bytes < 0) {
				return -1;
			}
			int from = bytes + 8;
			int to = from;
			while (to < line.length() && Character.isDigit(line.charAt(to))) {
				to++;
			}
			return (to > from) ? Integer.parseInt(line.substring(from, to)) : -1;
		}

		void cancel() {
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}

		@Override
		public void onError(Throwable throwable) {
			System.out.println("subscriber of stream " + this.stream + " failed: " + throwable);
			this.opened.countDown();
		}

		@Override
		public void onComplete() {
		}

	}


	/**
	 * Samples VmRSS and VmHWM of the server process from /proc every 250 ms.
	 */
	static final class RssSampler {

		private final long pid;

		private volatile boolean running = true;

		private Thread thread;

		volatile long maxRssKb;

		volatile long hwmKb;

		volatile int samples;

		RssSampler(long pid) {
			this.pid = pid;
		}

		void start() {
			if (this.pid <= 0) {
				return;
			}
			this.thread = new Thread(() -> {
				while (this.running) {
					sample();
					LockSupport.parkNanos(250_000_000L);
				}
			}, "rss-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			if (this.thread != null) {
				this.thread.join();
				sample();
			}
		}

		private void sample() {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + this.pid + "/status"))) {
					if (line.startsWith("VmRSS:")) {
						this.maxRssKb = Math.max(this.maxRssKb, kilobytes(line));
					}
					if (line.startsWith("VmHWM:")) {
						this.hwmKb = Math.max(this.hwmKb, kilobytes(line));
					}
				}
				this.samples++;
			}
			catch (IOException ex) {
				// The server has exited; keep the figures sampled so far.
			}
		}

		private static long kilobytes(String line) {
			return Long.parseLong(line.replaceAll("[^0-9]", ""));
		}

	}

}
