package io.poolstream.config;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.scheduler.Schedulers;

import io.poolstream.web.BodyTimeoutFilter;
import io.poolstream.web.RequestHeaderTimeoutHandler;

/**
 * Installs the timeouts against slow clients: one for the request head on every connection, and
 * the stall and total timeouts of request bodies.
 */
@Configuration(proxyBeanMethods = false)
public class ServerTimeoutConfiguration {

	@Bean
	NettyServerCustomizer requestHeaderTimeout(LimitsProperties limits) {
		return (server) -> RequestHeaderTimeoutHandler.install(server, limits.headerTimeout());
	}

	@Bean
	BodyTimeoutFilter bodyTimeoutFilter(LimitsProperties limits) {
		return new BodyTimeoutFilter(limits.bodyStallTimeout(), limits.bodyTimeout(), Schedulers.parallel());
	}

}
