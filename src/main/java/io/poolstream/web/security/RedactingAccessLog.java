package io.poolstream.web.security;

import java.util.regex.Pattern;

import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

/**
 * Writes Reactor Netty access log lines in Netty's own format, with the values of credential
 * query parameters replaced, because an event token in a logged URL would let anyone who
 * reads the log open that stream until the token expires.
 */
public final class RedactingAccessLog {

	private static final Pattern CREDENTIAL = Pattern.compile("([?&](?:token|access_token)=)[^&#]*");

	private static final String FORMAT = "{} - {} [{}] \"{} {} {}\" {} {} {} ms";


	private RedactingAccessLog() {
	}


	/**
	 * Builds the log line of one request; Reactor Netty calls this when the response ends.
	 */
	public static AccessLog entry(AccessLogArgProvider arguments) {
		return AccessLog.create(FORMAT, arguments.remoteAddress(), arguments.user(), arguments.zonedDateTime(),
				arguments.method(), redact(String.valueOf(arguments.uri())), arguments.protocol(), arguments.status(),
				arguments.contentLength(), arguments.duration());
	}

	/**
	 * Replaces the value of each {@code token} and {@code access_token} query parameter in a URI.
	 */
	static String redact(String uri) {
		return CREDENTIAL.matcher(uri).replaceAll("$1[redacted]");
	}

}
