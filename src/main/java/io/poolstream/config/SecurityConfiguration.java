package io.poolstream.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.source.Cidr;
import io.poolstream.source.SourceManager;
import io.poolstream.web.security.AccessAuthorization;
import io.poolstream.web.security.ApiKeys;
import io.poolstream.web.security.ClientAddresses;
import io.poolstream.web.security.EventStreamLimitFilter;
import io.poolstream.web.security.EventTokenAuthenticator;
import io.poolstream.web.security.EventTokenHeaderDecorator;
import io.poolstream.web.security.EventTokens;
import io.poolstream.web.security.IngestRateLimitFilter;
import io.poolstream.web.security.JwtScopes;
import io.poolstream.web.security.ProblemAuthenticationHandlers;
import io.poolstream.web.security.RedactingAccessLog;
import io.poolstream.web.security.Scope;
import io.poolstream.web.security.StreamOwners;
import io.poolstream.web.security.StreamOwnershipFilter;

/**
 * Builds the security filter chain, which checks credentials only when
 * {@code poolstream.security.enabled} is true but sets security headers and CORS either way,
 * and the abuse-limit filters, which apply either way.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * The dashboard loads only its own scripts and styles. uPlot and the dashboard set element
	 * styles from script, and result images arrive as data URLs when a stream inlines them.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";


	@Bean
	ClientAddresses clientAddresses(SecurityProperties security) {
		List<Cidr> proxies = security.trustedProxies().stream().map((text) -> {
			try {
				return Cidr.parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("poolstream.security.trusted-proxies: " + ex.getMessage(), ex);
			}
		}).toList();
		return new ClientAddresses(proxies);
	}

	@Bean
	EventTokens eventTokens(SecurityProperties security) {
		String secret = security.eventTokens().secret();
		if (secret == null || secret.isEmpty()) {
			if (security.enabled()) {
				logger.info("No poolstream.security.event-tokens.secret set, so event tokens are signed with a random "
						+ "key made at startup; they stop working when the process restarts");
			}
			return new EventTokens(null, security.eventTokens().lifetime(), Clock.systemUTC());
		}
		return new EventTokens(secret.getBytes(StandardCharsets.UTF_8), security.eventTokens().lifetime(),
				Clock.systemUTC());
	}

	@Bean
	EventTokenHeaderDecorator eventTokenHeaderDecorator() {
		return new EventTokenHeaderDecorator();
	}

	@Bean
	StreamOwners streamOwners(StreamRegistry registry, StreamsProperties streams) {
		return new StreamOwners((id) -> registry.find(id).isPresent(), streams.maxStreams());
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SecurityProperties security,
			ObjectProvider<ReactiveJwtDecoder> jwtDecoder, EventTokens eventTokens, StreamOwners owners,
			SourceManager sources) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable);
		configureHeaders(http, security.headers());
		configureCors(http, security.cors());

		if (!security.enabled()) {
			logger.info("Access control is off: every route is open (poolstream.security.enabled=false)");
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

		ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
		ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(decoder != null);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		http.addFilterAt(authenticationFilter(apiKeys(security), handlers), SecurityWebFiltersOrder.AUTHENTICATION);
		EventTokenAuthenticator tokens = new EventTokenAuthenticator(eventTokens);
		http.addFilterAt(authenticationFilter(tokens, tokens, handlers), SecurityWebFiltersOrder.AUTHENTICATION);
		if (decoder != null) {
			JwtScopes scopes = new JwtScopes(security.jwt().scopeClaim(), security.jwt().scopePrefix());
			http.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers)
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(scopes)));
		}
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().access(new AccessAuthorization()));
		http.addFilterAfter(new StreamOwnershipFilter(owners, (id) -> sources.find(id).isPresent(),
				security.limits().maxSourcesPerKey()), SecurityWebFiltersOrder.AUTHORIZATION);
		logger.info("Access control is on with {} API keys{}", security.keys().size(),
				(decoder != null) ? " and JWT bearer tokens" : "");
		return http.build();
	}

	private static ApiKeys apiKeys(SecurityProperties security) {
		return new ApiKeys(security.keys().stream().map((key) -> {
			Set<Scope> scopes = EnumSet.noneOf(Scope.class);
			key.scopes().forEach((scope) -> scopes.add(Scope.parse(scope)));
			return ApiKeys.Entry.of(key.name(), key.sha256(), scopes);
		}).toList());
	}

	private static AuthenticationWebFilter authenticationFilter(ApiKeys keys, ProblemAuthenticationHandlers handlers) {
		return authenticationFilter(keys, keys, handlers);
	}

	private static AuthenticationWebFilter authenticationFilter(ReactiveAuthenticationManager manager,
			ServerAuthenticationConverter converter,
			ProblemAuthenticationHandlers handlers) {
		AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
		filter.setServerAuthenticationConverter(converter);
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(handlers));
		return filter;
	}

	private static void configureHeaders(ServerHttpSecurity http, SecurityProperties.Headers headers) {
		http.headers((spec) -> {
			spec.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.contentTypeOptions((options) -> {
				})
				.frameOptions((frame) -> frame.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable);
			long maxAge = headers.hstsMaxAge().toSeconds();
			if (maxAge > 0) {
				// Spring writes HSTS only on https requests, but behind a TLS-terminating proxy the
				// request reaches us as http, so the header is written here on every response.
				spec.writer((exchange) -> {
					exchange.getResponse().getHeaders().set("Strict-Transport-Security", "max-age=" + maxAge
							+ "; includeSubDomains");
					return Mono.empty();
				});
			}
		});
	}

	private static void configureCors(ServerHttpSecurity http, SecurityProperties.Cors cors) {
		if (cors.allowedOrigins().isEmpty()) {
			http.cors(ServerHttpSecurity.CorsSpec::disable);
			return;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.allowedOrigins());
		configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(),
				HttpMethod.DELETE.name()));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, ApiKeys.HEADER, HttpHeaders.CONTENT_TYPE,
				HttpHeaders.ACCEPT, "Last-Event-ID"));
		configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION, "Server-Timing"));
		configuration.setMaxAge(600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		http.cors((spec) -> spec.configurationSource(source));
	}

	/**
	 * Replaces Reactor Netty's access log format, which writes the full URL, with one that
	 * redacts event tokens, whichever switch turned the log on.
	 */
	@Bean
	NettyServerCustomizer redactingAccessLog(SecurityProperties security) {
		boolean enabled = security.accessLog() || Boolean.getBoolean("reactor.netty.http.server.accessLogEnabled");
		return (server) -> enabled ? server.accessLog(true, RedactingAccessLog::entry) : server;
	}

	@Bean
	IngestRateLimitFilter ingestRateLimitFilter(SecurityProperties security, ClientAddresses addresses) {
		SecurityProperties.Limits limits = security.limits();
		return new IngestRateLimitFilter(addresses, limits.ingestRate(), limits.ingestBurst(), limits.trackedClients());
	}

	@Bean
	EventStreamLimitFilter eventStreamLimitFilter(SecurityProperties security, ClientAddresses addresses) {
		return new EventStreamLimitFilter(addresses, security.limits().maxEventStreamsPerClient(),
				security.limits().maxEventStreams());
	}

}
