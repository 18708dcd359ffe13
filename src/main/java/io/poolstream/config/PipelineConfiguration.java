package io.poolstream.config;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageLimits;
import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.FrameProcessor;
import io.poolstream.pipeline.IngressBudget;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.PipelineMetrics;
import io.poolstream.pipeline.StageSyntax;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;

/**
 * Builds the processing scheduler, codecs, result hub and stream registry from the settings.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

	/**
	 * Creates the one scheduler for decoding, pooling and encoding, with a fixed number of workers and a
	 * bounded queue. {@code Schedulers.newParallel} would queue without limit, so a plain
	 * {@link ThreadPoolExecutor} over an {@link ArrayBlockingQueue} is wrapped instead.
	 */
	@Bean(destroyMethod = "dispose")
	Scheduler processingScheduler(ProcessingProperties properties, MeterRegistry meterRegistry) {
		int threads = properties.resolvedThreads();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), new WorkerThreadFactory(),
				new ThreadPoolExecutor.AbortPolicy());
		ExecutorServiceMetrics.monitor(meterRegistry, executor, "poolstream.processing");
		return Schedulers.fromExecutorService(executor, "poolstream-processing");
	}

	@Bean
	ImageDecoder imageDecoder(LimitsProperties limits) {
		return new ImageDecoder(new ImageLimits(limits.maxImageBytes().toBytes(), limits.maxPixels()));
	}

	@Bean
	ImageEncoder imageEncoder(ProcessingProperties properties) {
		return new ImageEncoder(properties.jpegQuality());
	}

	@Bean
	FrameProcessor frameProcessor(ImageDecoder decoder, ImageEncoder encoder, Scheduler processingScheduler,
			ProcessingProperties properties, LimitsProperties limits) {
		return new FrameProcessor(decoder, encoder, processingScheduler, properties.bandCost(),
				properties.resolvedThreads(), limits.maxStageReads(), Clock.systemUTC());
	}

	/**
	 * Creates the result hub. It is primary because the in-process transport registers it a second
	 * time, as the listener of pipeline outcomes.
	 */
	@Bean(destroyMethod = "close")
	@Primary
	ResultHub resultHub(StreamsProperties streams) {
		return new ResultHub(streams.defaultRetention(), streams.retentionBytes().toBytes(),
				streams.subscriberBuffer(), streams.maxStreams());
	}

	@Bean
	PipelineMetrics pipelineMetrics(MeterRegistry meterRegistry) {
		return new PipelineMetrics(meterRegistry);
	}

	@Bean
	IngressBudget ingressBudget(LimitsProperties limits, MeterRegistry meterRegistry) {
		IngressBudget budget = new IngressBudget(limits.maxFramesHeld(), limits.maxBytesHeld().toBytes());
		Gauge.builder("poolstream.ingress.frames", budget, IngressBudget::frames)
			.description("Frames held between arrival and the end of processing, across all streams")
			.register(meterRegistry);
		Gauge.builder("poolstream.ingress.bytes", budget, IngressBudget::bytes)
			.description("Encoded bytes of the frames held, across all streams")
			.baseUnit("bytes")
			.register(meterRegistry);
		return budget;
	}

	@Bean(destroyMethod = "close")
	StreamRegistry streamRegistry(FrameProcessor processor, @Qualifier("pipelineOutcomes") OutcomeListener outcomes,
			PipelineMetrics metrics, IngressBudget ingressBudget, StreamsProperties streams,
			ProcessingProperties processing) {
		StreamSettings defaults = new StreamSettings(StageSyntax.parse(streams.defaultPipeline()),
				ImageFormat.parseOutput(streams.defaultFormat()), false,
				BackpressurePolicy.parse(streams.defaultPolicy()), streams.defaultCapacity(),
				streams.defaultRetention());
		return new StreamRegistry(processor, outcomes, metrics, defaults, ingressBudget, streams.maxStreams(),
				processing.resolvedStreamConcurrency(), Clock.systemUTC());
	}


	/**
	 * Names workers {@code poolstream-worker-N} and makes them daemons, so they never keep the JVM alive.
	 */
	private static final class WorkerThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "poolstream-worker-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
