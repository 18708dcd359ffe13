package io.poolstream.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import io.poolstream.source.AddressGuard;
import io.poolstream.source.AddressRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Checks that the pull-source HTTP client resolves names only through the guard. Names come
 * from a table, and the only name ever connected to is {@code localhost}, which the table maps
 * to 127.0.0.1, so nothing leaves the loopback interface.
 */
class GuardedAddressResolverGroupTests {

	private static final byte[] BODY = { 1, 2, 3, 4 };


	private final AtomicInteger lookups = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private HttpServer server;


	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.sendResponseHeaders(200, BODY.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(BODY);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private AddressGuard guard(boolean allowLoopback) {
		Map<String, String> table = Map.of("localhost", "127.0.0.1", "metadata.test", "169.254.169.254");
		return new AddressGuard(false, allowLoopback, List.of(), (host) -> {
			this.lookups.incrementAndGet();
			String address = table.get(host);
			if (address == null) {
				throw new UnknownHostException(host);
			}
			return List.of(InetAddress.getByName(address));
		});
	}

	@Test
	void resolverRejectsMetadataName() {
		GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(guard(true), Schedulers.boundedElastic());

		Future<InetSocketAddress> resolved = group.getResolver(ImmediateEventExecutor.INSTANCE)
			.resolve(InetSocketAddress.createUnresolved("metadata.test", 80))
			.awaitUninterruptibly();

		assertThat(resolved.isSuccess()).isFalse();
		assertThat(resolved.cause()).isInstanceOf(AddressRejectedException.class).hasMessageContaining("169.254.169.254");
		group.close();
	}

	@Test
	void resolverReturnsCheckedAddress() {
		GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(guard(true), Schedulers.boundedElastic());

		Future<InetSocketAddress> resolved = group.getResolver(ImmediateEventExecutor.INSTANCE)
			.resolve(InetSocketAddress.createUnresolved("localhost", 8080))
			.awaitUninterruptibly();

		assertThat(resolved.isSuccess()).isTrue();
		assertThat(resolved.getNow().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(resolved.getNow().getPort()).isEqualTo(8080);
		group.close();
	}

	@Test
	void fetcherResolvesNamesThroughGuard() {
		WebClientFetcher fetcher = new WebClientFetcher(guard(true), Duration.ofSeconds(5));

		byte[] body = fetcher.fetch(url(), 1024).block(Duration.ofSeconds(30));

		assertThat(body).containsExactly(BODY);
		assertThat(this.lookups.get()).as("lookups through the guard").isEqualTo(1);
		assertThat(this.requests.get()).isEqualTo(1);
	}

	@Test
	void fetcherNeverConnectsToRejectedAddress() {
		WebClientFetcher fetcher = new WebClientFetcher(guard(false), Duration.ofSeconds(5));

		assertThatThrownBy(() -> fetcher.fetch(url(), 1024).block(Duration.ofSeconds(30)))
			.hasRootCauseInstanceOf(AddressRejectedException.class);

		assertThat(this.requests.get()).isZero();
	}

	@Test
	void reboundNameIsCheckedAgainOnNextConnection() {
		// The resolver answers as a rebinding DNS server would: first a permitted address, then the
		// metadata address. The second URL names another host, so the client opens a new connection
		// instead of reusing the pooled one, which leads to the address checked first.
		AddressGuard guard = new AddressGuard(false, true, List.of(), (host) -> {
			int lookup = this.lookups.incrementAndGet();
			return List.of(InetAddress.getByName((lookup == 1) ? "127.0.0.1" : "169.254.169.254"));
		});
		WebClientFetcher fetcher = new WebClientFetcher(guard, Duration.ofSeconds(5));

		byte[] first = fetcher.fetch(url(), 1024).block(Duration.ofSeconds(30));
		Throwable second = catchThrowable(() -> fetcher.fetch(URI.create("http://rebind.test:"
				+ this.server.getAddress().getPort() + "/photo.jpg"), 1024).block(Duration.ofSeconds(30)));

		assertThat(first).containsExactly(BODY);
		assertThat(second).hasRootCauseInstanceOf(AddressRejectedException.class);
		assertThat(this.lookups.get()).as("one lookup per connection").isEqualTo(2);
		assertThat(this.requests.get()).as("requests that reached the server").isEqualTo(1);
	}

	private URI url() {
		return URI.create("http://localhost:" + this.server.getAddress().getPort() + "/photo.jpg");
	}

}
