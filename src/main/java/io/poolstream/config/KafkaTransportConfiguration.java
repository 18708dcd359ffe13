package io.poolstream.config;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.transport.kafka.FrameConsumerLoop;
import io.poolstream.transport.kafka.KafkaHealthIndicator;
import io.poolstream.transport.kafka.KafkaStreamTransport;
import io.poolstream.transport.kafka.PublishedFrames;
import io.poolstream.transport.kafka.ResultListener;
import io.poolstream.transport.kafka.ResultPublisher;
import io.poolstream.transport.kafka.SettingsListener;

/**
 * Builds the Kafka transport when {@code poolstream.transport=kafka}: the producer, the frames
 * consumer loop, the listeners of the settings and results topics, the topics themselves and the
 * health check. Clients start from Spring Boot's {@code spring.kafka.*} settings; the
 * serializers and group ids are set here, and the size and timeout settings below only when
 * {@code spring.kafka} leaves them unset.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "poolstream.transport", havingValue = "kafka")
public class KafkaTransportConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTransportConfiguration.class);

	/** Room in a record for the key, headers and the result fields around the images. */
	private static final int RECORD_OVERHEAD = 64 * 1024;


	private final KafkaTransportProperties kafka;

	private final KafkaProperties spring;

	private final String instanceId;


	KafkaTransportConfiguration(KafkaTransportProperties kafka, KafkaProperties spring) {
		this.kafka = kafka;
		this.spring = spring;
		this.instanceId = kafka.instanceId().isBlank() ? UUID.randomUUID().toString() : kafka.instanceId();
		logger.info("Kafka transport on {} as instance {}", spring.getBootstrapServers(), this.instanceId);
	}


	@Bean
	ProducerFactory<String, byte[]> kafkaProducerFactory() {
		Map<String, Object> properties = new HashMap<>(this.spring.buildProducerProperties());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
		properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes());
		properties.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * maxMessageBytes());
		// Ingress returns 503 when the broker does not acknowledge within these times, instead of
		// holding the request for the client defaults of one to two minutes.
		properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		return new DefaultKafkaProducerFactory<>(properties);
	}

	@Bean
	KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> kafkaProducerFactory) {
		return new KafkaTemplate<>(kafkaProducerFactory);
	}

	@Bean
	PublishedFrames publishedFrames() {
		return new PublishedFrames();
	}

	/**
	 * Sends the outcomes of this instance's pipelines to the results topic.
	 */
	@Bean
	OutcomeListener pipelineOutcomes(KafkaTemplate<String, byte[]> kafkaTemplate, ResultHub hub,
			PublishedFrames publishedFrames) {
		return new ResultPublisher(kafkaTemplate, this.kafka.resultsTopic(), hub, publishedFrames,
				maxMessageBytes() - RECORD_OVERHEAD);
	}

	@Bean
	FrameConsumerLoop frameConsumerLoop(StreamRegistry registry, PublishedFrames publishedFrames) {
		Map<String, Object> properties = consumerProperties(this.kafka.groupId());
		properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// Frames wait in Kafka while a stream is full, so a poll brings only a few.
		properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);
		ConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(properties);
		return new FrameConsumerLoop(factory, this.kafka.framesTopic(), registry, publishedFrames,
				this.kafka.pollTimeout());
	}

	@Bean
	KafkaStreamTransport streamTransport(KafkaTemplate<String, byte[]> kafkaTemplate, StreamRegistry registry,
			FrameConsumerLoop frameConsumerLoop) {
		return new KafkaStreamTransport(kafkaTemplate, this.kafka.framesTopic(), this.kafka.settingsTopic(), registry,
				frameConsumerLoop, maxMessageBytes() - RECORD_OVERHEAD);
	}

	/**
	 * Reads the whole settings topic from the beginning on every start, in a consumer group of
	 * this instance alone, and commits nothing.
	 */
	@Bean
	KafkaMessageListenerContainer<String, byte[]> settingsListenerContainer(StreamRegistry registry,
			KafkaStreamTransport streamTransport, FrameConsumerLoop frameConsumerLoop) {
		Map<String, Object> properties = consumerProperties("poolstream-settings-" + this.instanceId);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return listenerContainer(properties, this.kafka.settingsTopic(),
				new SettingsListener(registry, streamTransport, frameConsumerLoop));
	}

	/**
	 * Reads every result published after this instance joined, in a consumer group of this
	 * instance alone, and commits nothing.
	 */
	@Bean
	KafkaMessageListenerContainer<String, byte[]> resultsListenerContainer(ResultHub hub) {
		Map<String, Object> properties = consumerProperties("poolstream-results-" + this.instanceId);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		return listenerContainer(properties, this.kafka.resultsTopic(), new ResultListener(hub));
	}

	@Bean(destroyMethod = "close")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, FrameConsumerLoop frameConsumerLoop) {
		AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
		return new KafkaHealthIndicator(admin, frameConsumerLoop, this.kafka.healthTimeout());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "poolstream.kafka.create-topics", matchIfMissing = true)
	NewTopic framesTopic() {
		return TopicBuilder.name(this.kafka.framesTopic())
			.partitions(this.kafka.partitions())
			.replicas(this.kafka.replicationFactor())
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes()))
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.kafka.framesRetention().toMillis()))
			.build();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "poolstream.kafka.create-topics", matchIfMissing = true)
	NewTopic settingsTopic() {
		return TopicBuilder.name(this.kafka.settingsTopic())
			.partitions(1)
			.replicas(this.kafka.replicationFactor())
			.compact()
			.build();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "poolstream.kafka.create-topics", matchIfMissing = true)
	NewTopic resultsTopic() {
		return TopicBuilder.name(this.kafka.resultsTopic())
			.partitions(this.kafka.partitions())
			.replicas(this.kafka.replicationFactor())
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes()))
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.kafka.resultsRetention().toMillis()))
			.build();
	}

	private int maxMessageBytes() {
		return Math.toIntExact(this.kafka.maxMessageBytes().toBytes());
	}

	private Map<String, Object> consumerProperties(String groupId) {
		Map<String, Object> properties = new HashMap<>(this.spring.buildConsumerProperties());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A partition's fetch returns at least one whole record even above this size, so large
		// frames still pass. The bound keeps one fetch to a few frames of 4K JPEG.
		properties.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
		properties.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(maxMessageBytes(), 50 * 1024 * 1024));
		return properties;
	}

	private static KafkaMessageListenerContainer<String, byte[]> listenerContainer(Map<String, Object> properties,
			String topic, Object listener) {
		ContainerProperties container = new ContainerProperties(topic);
		container.setMessageListener(listener);
		container.setAckMode(ContainerProperties.AckMode.MANUAL);
		return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(properties), container);
	}

}
