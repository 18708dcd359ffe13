package io.poolstream.transport.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the Kafka cluster responds and whether this instance's frames consumer runs.
 * Actuator calls it off the event loop, and each check waits at most the configured timeout.
 */
public final class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final AdminClient admin;

	private final FrameConsumerLoop frames;

	private final Duration timeout;


	/**
	 * Creates an indicator that owns {@code admin} and closes it with itself.
	 */
	public KafkaHealthIndicator(AdminClient admin, FrameConsumerLoop frames, Duration timeout) {
		super("Kafka health check failed");
		this.admin = Objects.requireNonNull(admin, "admin");
		this.frames = Objects.requireNonNull(frames, "frames");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}


	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		long waitMillis = this.timeout.toMillis() + 500;
		String clusterId = cluster.clusterId().get(waitMillis, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(waitMillis, TimeUnit.MILLISECONDS);
		boolean consuming = this.frames.running();
		(consuming ? builder.up() : builder.down())
			.withDetail("clusterId", clusterId)
			.withDetail("brokers", nodes.size())
			.withDetail("framesConsumer", consuming ? "running" : "stopped")
			.withDetail("framesPartitions", this.frames.assignment().size());
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
