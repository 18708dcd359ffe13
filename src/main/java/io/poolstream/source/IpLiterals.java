package io.poolstream.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Recognizes and parses IP address literals without any DNS lookup.
 */
final class IpLiterals {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");


	private IpLiterals() {
	}


	/**
	 * Tests whether a host is an IPv4 dotted quad or an IPv6 literal, without brackets.
	 */
	static boolean isLiteral(String host) {
		return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
	}

	private static boolean hasValidOctets(String literal) {
		for (String octet : literal.split("\\.")) {
			if (Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parses a literal that {@link #isLiteral} accepted. {@link InetAddress#getByName} only checks
	 * the format of a literal with a colon or a valid dotted quad, and then never asks DNS.
	 * @throws IllegalArgumentException if the literal is malformed, such as {@code 300.1.1.1}
	 */
	static InetAddress parse(String literal) {
		// An IPv4-looking text that is no valid address would otherwise be looked up as a name.
		if (IPV4.matcher(literal).matches() && !hasValidOctets(literal)) {
			throw new IllegalArgumentException("'" + literal + "' is not a valid IP address");
		}
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + literal + "' is not a valid IP address", ex);
		}
	}

}
