package io.poolstream.web;

import java.net.URI;
import java.time.Duration;
import java.util.function.BiFunction;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.poolstream.source.AddressGuard;
import io.poolstream.source.HttpFetcher;
import io.poolstream.source.SourceFetchException;

/**
 * Sends the GET requests of pull sources with WebClient over Reactor Netty, never following
 * redirects and resolving host names only through the outbound-address guard. Response buffers
 * are copied into arrays and released at once.
 */
public final class WebClientFetcher implements HttpFetcher {

	private final WebClient client;


	/**
	 * Creates a fetcher with its own connector, which resolves host names through the guard.
	 * @param guard checks every address that a host name resolves to before it is connected
	 * @param connectTimeout how long opening a TCP connection may take
	 */
	public WebClientFetcher(AddressGuard guard, Duration connectTimeout) {
		HttpClient http = HttpClient.create()
			.resolver(new GuardedAddressResolverGroup(guard, Schedulers.boundedElastic()))
			.followRedirect(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}


	@Override
	public <T> Flux<T> stream(URI url, BiFunction<@Nullable String, Flux<byte[]>, Publisher<T>> handler) {
		return this.client.get().uri(url).accept(MediaType.ALL).exchangeToFlux((response) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				return response.releaseBody().thenMany(Flux.<T>error(statusFailure(url, response)));
			}
			String contentType = response.headers().contentType().map(MediaType::toString).orElse(null);
			return Flux.from(handler.apply(contentType, response.bodyToFlux(DataBuffer.class).map(WebClientFetcher::copy)));
		});
	}

	@Override
	public Mono<byte[]> fetch(URI url, int maxBytes) {
		return this.client.get().uri(url).accept(MediaType.ALL).exchangeToMono((response) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				return response.releaseBody().then(Mono.error(statusFailure(url, response)));
			}
			long declared = response.headers().contentLength().orElse(-1);
			if (declared > maxBytes) {
				return response.releaseBody().then(Mono.error(tooLarge(url, declared + " bytes", maxBytes)));
			}
			return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), maxBytes)
				.map(WebClientFetcher::copy)
				.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge(url, "more than " + maxBytes + " bytes",
						maxBytes))
				.switchIfEmpty(Mono.error(() -> new SourceFetchException("GET " + url + " returned an empty body")));
		});
	}

	private static SourceFetchException statusFailure(URI url, ClientResponse response) {
		int status = response.statusCode().value();
		if (response.statusCode().is3xxRedirection()) {
			String location = response.headers().asHttpHeaders().getFirst("Location");
			return new SourceFetchException("GET " + url + " returned status " + status + " with a redirect to " + location
					+ "; redirects are not followed, so give the final URL");
		}
		return new SourceFetchException("GET " + url + " returned status " + status);
	}

	private static SourceFetchException tooLarge(URI url, String size, int maxBytes) {
		return new SourceFetchException("GET " + url + " returned " + size + ", above the " + maxBytes
				+ " byte frame limit (poolstream.limits.max-frame-bytes)");
	}

	private static byte[] copy(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
