package io.poolstream.transport.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.poolstream.hub.ResultHub;

import static io.poolstream.transport.kafka.PoolstreamInstance.TIMEOUT;
import static io.poolstream.transport.kafka.PoolstreamInstance.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two poolstream instances in Kafka mode against a real in-process KRaft broker, and pushes
 * the frames of the bundled road clip through them over HTTP on loopback.
 */
class KafkaTransportIntegrationTests {

	static final int PARTITIONS = 4;

	private static EmbeddedKafkaKraftBroker broker;


	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		// A group forms at once rather than after the default 3 s wait for more members.
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("message.max.bytes", Integer.toString(33 * 1024 * 1024));
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.destroy();
		}
	}


	@Test
	void clipReachesSubscriberOnOtherInstance() {
		try (PoolstreamInstance first = PoolstreamInstance.startKafka("a", broker.getBrokersAsString(), "clip");
				PoolstreamInstance second = PoolstreamInstance.startKafka("b", broker.getBrokersAsString(), "clip")) {
			awaitConsuming(first, second);
			first.putStream("road", "{\"backpressure\": {\"policy\": \"buffer\", \"capacity\": 16}, \"retention\": 256}");
			await("the second instance knows the stream", TIMEOUT, () -> second.hasStream("road"));
			List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
			Disposable subscription = second.events("road", null).subscribe(events::add);
			await("the subscriber is registered", TIMEOUT, () -> second.subscribers("road") == 1);

			JsonNode counts = first.pushBody("road", PoolstreamInstance.clip());

			int frames = PoolstreamInstance.clipFrames().size();
			assertThat(counts.get("accepted").asLong()).isEqualTo(frames);
			assertThat(counts.get("rejected").asLong()).isZero();
			long firstSeq = counts.get("firstSeq").asLong();
			long lastSeq = counts.get("lastSeq").asLong();
			await("every frame has a result on the second instance", TIMEOUT, () -> events.size() >= frames);
			subscription.dispose();
			List<Long> ids = events.stream().map((event) -> Long.parseLong(event.id())).toList();
			assertThat(events).allSatisfy((event) -> assertThat(event.event()).isEqualTo("frame"));
			assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(firstSeq, lastSeq).boxed().toList());
			assertThat(PoolstreamInstance.parse(events.get(0).data()).get("seq").asLong()).isEqualTo(firstSeq);
		}
	}

	@Test
	void stoppingOwnerMidStreamLosesNoAcknowledgedFrame() throws Exception {
		PoolstreamInstance owner = PoolstreamInstance.startKafka("a", broker.getBrokersAsString(), "failover");
		try (PoolstreamInstance survivor = PoolstreamInstance.startKafka("b", broker.getBrokersAsString(), "failover")) {
			awaitConsuming(owner, survivor);
			String stream = streamOwnedBy(owner);
			assertThat(survivor.bean(FrameConsumerLoop.class).assignment())
				.doesNotContain(new TopicPartition("failover.frames", partitionOf(stream)));
			survivor.putStream(stream, "{\"backpressure\": {\"policy\": \"buffer\", \"capacity\": 16}, \"retention\": 256}");
			await("the owner knows the stream", TIMEOUT, () -> owner.hasStream(stream));
			List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
			Disposable subscription = survivor.events(stream, null).subscribe(events::add);
			await("the subscriber is registered", TIMEOUT, () -> survivor.subscribers(stream) == 1);

			List<byte[]> frames = PoolstreamInstance.clipFrames();
			List<Long> acknowledged = new CopyOnWriteArrayList<>();
			List<Integer> failures = new CopyOnWriteArrayList<>();
			CompletableFuture<Void> pushing = CompletableFuture.runAsync(() -> {
				for (byte[] frame : frames) {
					PoolstreamInstance.Response response = survivor.pushImage(stream, frame);
					if (response.status() == 202) {
						acknowledged.add(PoolstreamInstance.parse(response.body()).get("seq").asLong());
					}
					else {
						failures.add(response.status());
					}
				}
			});
			await("a quarter of the clip is acknowledged", TIMEOUT, () -> acknowledged.size() >= frames.size() / 4);
			owner.close();
			pushing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

			assertThat(failures).isEmpty();
			assertThat(acknowledged).hasSize(frames.size());
			await("the survivor owns every partition", TIMEOUT,
					() -> survivor.bean(FrameConsumerLoop.class).assignment().size() == PARTITIONS);
			await("the survivor runs the stream's frames", TIMEOUT,
					() -> survivor.bean(FrameConsumerLoop.class).admitted() > 0);
			await("every acknowledged frame has a result", TIMEOUT, () -> events.size() >= acknowledged.size());
			// Repeats would arrive right after the originals; give them a moment to show up.
			Thread.sleep(1000);
			subscription.dispose();
			List<Long> ids = events.stream().map((event) -> Long.parseLong(event.id())).toList();
			assertThat(ids).as("each result once, in order").containsExactlyElementsOf(acknowledged);
			assertThat(events).allSatisfy((event) -> assertThat(event.event()).isEqualTo("frame"));
		}
		finally {
			owner.close();
		}
	}

	@Test
	void resumeOnOtherInstanceMissesNothing() {
		try (PoolstreamInstance first = PoolstreamInstance.startKafka("a", broker.getBrokersAsString(), "resume");
				PoolstreamInstance second = PoolstreamInstance.startKafka("b", broker.getBrokersAsString(), "resume")) {
			awaitConsuming(first, second);
			first.putStream("road", "{\"backpressure\": {\"policy\": \"buffer\", \"capacity\": 16}, \"retention\": 256}");
			await("the second instance knows the stream", TIMEOUT, () -> second.hasStream("road"));
			int frames = PoolstreamInstance.clipFrames().size();
			int seenBeforeLeaving = frames / 3;
			CompletableFuture<List<ServerSentEvent<String>>> before = first.events("road", null)
				.take(seenBeforeLeaving)
				.collectList()
				.toFuture();
			await("the first subscriber is registered", TIMEOUT, () -> first.subscribers("road") == 1);

			JsonNode counts = first.pushBody("road", PoolstreamInstance.clip());

			List<Long> all = LongStream.rangeClosed(counts.get("firstSeq").asLong(), counts.get("lastSeq").asLong())
				.boxed()
				.toList();
			assertThat(all).hasSize(frames);
			long lastSeen = Long.parseLong(before.join().get(seenBeforeLeaving - 1).id());
			await("the second instance has every result", TIMEOUT,
					() -> second.bean(ResultHub.class).find("road", all.get(all.size() - 1)).isPresent());
			List<ServerSentEvent<String>> after = second.events("road", lastSeen)
				.take(frames - seenBeforeLeaving)
				.take(TIMEOUT)
				.collectList()
				.block(TIMEOUT.plusSeconds(5));

			List<Long> resumed = new ArrayList<>();
			before.join().forEach((event) -> resumed.add(Long.parseLong(event.id())));
			after.forEach((event) -> resumed.add(Long.parseLong(event.id())));
			assertThat(after).allSatisfy((event) -> assertThat(event.event()).isEqualTo("frame"));
			assertThat(resumed).as("ids seen across both subscriptions").containsExactlyElementsOf(all);
		}
	}

	@Test
	void unreachableBrokerAnswers503() throws Exception {
		int closedPort = closedLoopbackPort();
		try (PoolstreamInstance instance = PoolstreamInstance.start("down", Map.of("poolstream.transport", "kafka",
				"spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort, "poolstream.kafka.create-topics", "false",
				"spring.kafka.producer.properties.max.block.ms", "1000",
				"spring.kafka.admin.properties.request.timeout.ms", "1000",
				"poolstream.kafka.health-timeout", "500ms"))) {

			PoolstreamInstance.Response response = instance.pushImage("cam", PoolstreamInstance.clipFrames().get(0));

			assertThat(response.status()).isEqualTo(503);
			assertThat(response.contentType()).startsWith("application/problem+json");
			JsonNode problem = PoolstreamInstance.parse(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("https://poolstream.dev/problems/transport-unavailable");
			assertThat(problem.get("detail").asString()).contains("spring.kafka.bootstrap-servers");
			assertThat(instance.hasStream("cam")).as("nothing accepted").isFalse();
			JsonNode health = instance.health();
			assertThat(health.get("status").asString()).isEqualTo("DOWN");
		}
	}

	@Test
	void defaultTransportNeedsNoBroker() throws Exception {
		int closedPort = closedLoopbackPort();
		try (PoolstreamInstance instance = PoolstreamInstance.start("local",
				Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort))) {

			PoolstreamInstance.Response response = instance.pushImage("cam", PoolstreamInstance.clipFrames().get(0));

			assertThat(response.status()).isEqualTo(202);
			assertThat(instance.context.getBeansOfType(FrameConsumerLoop.class)).isEmpty();
			JsonNode health = instance.health();
			assertThat(health.get("status").asString()).isEqualTo("UP");
		}
	}

	/**
	 * Returns a loopback port that nothing listens on: one the system just handed out and released.
	 */
	private static int closedLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitConsuming(PoolstreamInstance... instances) {
		await("every instance consumes its topics", TIMEOUT, () -> {
			int owned = 0;
			for (PoolstreamInstance instance : instances) {
				if (!instance.isConsuming()) {
					return false;
				}
				owned += instance.bean(FrameConsumerLoop.class).assignment().size();
			}
			return owned == PARTITIONS;
		});
	}

	/**
	 * Returns a stream id whose frames land on a partition that {@code owner} consumes.
	 */
	private static String streamOwnedBy(PoolstreamInstance owner) {
		List<Integer> owned = owner.bean(FrameConsumerLoop.class).assignment().stream()
			.map(TopicPartition::partition)
			.toList();
		for (int candidate = 0; candidate < 1000; candidate++) {
			String stream = "cam-" + candidate;
			if (owned.contains(partitionOf(stream))) {
				return stream;
			}
		}
		throw new AssertionError("no stream id maps to partitions " + owned);
	}

	/**
	 * Returns the partition the producer's default partitioner picks for a key: murmur2 of its
	 * bytes, made positive, modulo the partition count.
	 */
	private static int partitionOf(String stream) {
		return Utils.toPositive(Utils.murmur2(stream.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
	}

}
