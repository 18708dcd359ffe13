package io.poolstream.transport.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts the in-process KRaft broker of spring-kafka-test as a process of its own, for
 * {@code bench/load.sh --transport kafka}. It writes the bootstrap address to the file named by
 * the first argument and runs until the process is stopped.
 *
 * <p>Usage: {@code java -cp <test class path> io.poolstream.transport.kafka.EmbeddedBrokerLauncher FILE [PARTITIONS]}
 */
public final class EmbeddedBrokerLauncher {

	private EmbeddedBrokerLauncher() {
	}


	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length < 1) {
			System.err.println("usage: EmbeddedBrokerLauncher BOOTSTRAP_FILE [PARTITIONS]");
			System.exit(2);
		}
		int partitions = (args.length > 1) ? Integer.parseInt(args[1]) : 12;
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("message.max.bytes", Integer.toString(33 * 1024 * 1024));
		broker.afterPropertiesSet();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.destroy();
			stopped.countDown();
		}, "broker-shutdown"));
		Files.writeString(Path.of(args[0]), broker.getBrokersAsString() + "\n", StandardCharsets.UTF_8);
		System.out.println("broker ready on " + broker.getBrokersAsString());
		stopped.await();
	}

}
