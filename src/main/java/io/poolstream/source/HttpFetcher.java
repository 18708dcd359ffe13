package io.poolstream.source;

import java.net.URI;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the GET requests of pull sources. The HTTP code lives in the {@code web} package, so this
 * package stays free of HTTP types.
 *
 * <p>Implementations never follow redirects, because the outbound-address guard checks only the
 * URL it was given. A response with a status other than 2xx fails with a
 * {@link SourceFetchException}. Nothing is sent until the returned publisher is subscribed, and
 * cancelling it closes the connection.
 */
public interface HttpFetcher {

	/**
	 * Sends a GET and hands the response's content type and body to {@code handler}. Each body
	 * chunk is a new array that the handler owns, and chunks arrive as the handler requests them.
	 * @param url the URL, already checked by the guard
	 * @param handler maps the content type, {@code null} if absent, and the body to the output
	 */
	<T> Flux<T> stream(URI url, BiFunction<@Nullable String, Flux<byte[]>, Publisher<T>> handler);

	/**
	 * Sends a GET and reads its whole body.
	 * @param maxBytes the largest body accepted; a larger one fails with a {@link SourceFetchException}
	 * before more than that is buffered
	 */
	Mono<byte[]> fetch(URI url, int maxBytes);

}
