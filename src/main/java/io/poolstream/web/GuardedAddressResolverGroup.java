package io.poolstream.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.scheduler.Scheduler;

import io.poolstream.source.AddressGuard;

/**
 * Resolves host names for Netty through the outbound-address guard, so the HTTP client of pull
 * sources connects only to addresses that passed the guard, whatever DNS answers later.
 *
 * <p>Lookups block, so they run on the given scheduler, never on the event loop. Reactor Netty
 * may skip the resolver for IP literals, which cannot change between check and connection and
 * which pull sources check before each connection.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final AddressGuard guard;

	private final Scheduler lookups;


	GuardedAddressResolverGroup(AddressGuard guard, Scheduler lookups) {
		this.guard = Objects.requireNonNull(guard, "guard");
		this.lookups = Objects.requireNonNull(lookups, "lookups");
	}


	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new GuardedNameResolver(executor).asAddressResolver();
	}


	private final class GuardedNameResolver extends InetNameResolver {

		GuardedNameResolver(EventExecutor executor) {
			super(executor);
		}

		@Override
		protected void doResolve(String host, Promise<InetAddress> promise) {
			GuardedAddressResolverGroup.this.lookups.schedule(() -> {
				try {
					promise.trySuccess(GuardedAddressResolverGroup.this.guard.checkHost(host).get(0));
				}
				catch (RuntimeException ex) {
					promise.tryFailure(ex);
				}
			});
		}

		@Override
		protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
			GuardedAddressResolverGroup.this.lookups.schedule(() -> {
				try {
					promise.trySuccess(GuardedAddressResolverGroup.this.guard.checkHost(host));
				}
				catch (RuntimeException ex) {
					promise.tryFailure(ex);
				}
			});
		}

	}

}
