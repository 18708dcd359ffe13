package io.poolstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the poolstream service.
 */
// The security configuration authenticates API keys and bearer tokens itself, so Boot's generated
// in-memory user, which would print a password at startup, is left out.
@SpringBootApplication(excludeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
public class PoolstreamApplication {

	static {
		// Reactor Netty 1.3.6 can stop reading a keep-alive connection whose next request arrives
		// before the previous response's operations have terminated, which happens whenever a
		// response completes on a worker thread, as ours do, and the client then waits forever.
		// This switch terminates the previous operations first. Source: the Reactor Netty tracker,
		// "HTTP/1.1 keep-alive connection stops reading after a queued request completes synchronously".
		// NOTE: remove it once Spring Boot ships a Reactor Netty release with the fix.
		if (System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead") == null) {
			System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true");
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(PoolstreamApplication.class, args);
	}

}
