package io.poolstream.config;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.source.AddressGuard;
import io.poolstream.source.Cidr;
import io.poolstream.source.FrameSink;
import io.poolstream.source.SourceManager;
import io.poolstream.source.SourceSettings;
import io.poolstream.transport.InProcessTransport;
import io.poolstream.transport.StreamTransport;
import io.poolstream.web.WebClientFetcher;

/**
 * Builds the pull-source manager, its outbound-address guard and its HTTP client from the settings.
 */
@Configuration(proxyBeanMethods = false)
public class SourceConfiguration {

	@Bean
	AddressGuard addressGuard(SourcesProperties sources) {
		List<Cidr> allowed = sources.allowedCidrs().stream().map(SourceConfiguration::parseCidr).toList();
		return new AddressGuard(sources.allowPrivate(), sources.allowLoopback(), allowed, AddressGuard.Resolver.SYSTEM);
	}

	private static Cidr parseCidr(String text) {
		try {
			return Cidr.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("poolstream.sources.allowed-cidrs: " + ex.getMessage(), ex);
		}
	}

	@Bean(destroyMethod = "close")
	SourceManager sourceManager(StreamRegistry registry, StreamTransport transport, AddressGuard addressGuard,
			SourcesProperties sources, LimitsProperties limits) {
		if (sources.initialBackoff().isZero() || sources.initialBackoff().isNegative()
				|| sources.maxBackoff().compareTo(sources.initialBackoff()) < 0) {
			throw new IllegalArgumentException("poolstream.sources.initial-backoff must be positive and at most "
					+ "poolstream.sources.max-backoff, got " + sources.initialBackoff() + " and " + sources.maxBackoff());
		}
		SourceSettings settings = new SourceSettings(sources.maxSources(),
				(int) Math.min(Integer.MAX_VALUE - 8, limits.maxFrameBytes().toBytes()), sources.minInterval(),
				sources.initialBackoff(), sources.maxBackoff(), sources.idleTimeout());
		WebClientFetcher fetcher = new WebClientFetcher(addressGuard, sources.connectTimeout());
		if (transport instanceof InProcessTransport) {
			return new SourceManager(registry, fetcher, addressGuard, settings);
		}
		// Through another transport, a source's frames reach whichever instance runs the stream. The
		// stream must still exist here, so a source never brings a deleted stream back.
		FrameSink sink = (stream, frame) -> registry.find(stream).isPresent() ? transport.offer(stream, frame)
				: Mono.empty();
		return new SourceManager(registry, sink, fetcher, addressGuard, settings);
	}

}
