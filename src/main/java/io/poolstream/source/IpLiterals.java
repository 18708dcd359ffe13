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

	/** One to four parts of decimal, octal or hexadecimal digits, as inet_aton reads them. */
	private static final Pattern NUMERIC_IPV4 = Pattern.compile("(0[xX][0-9A-Fa-f]*|[0-9]+)(\\.(0[xX][0-9A-Fa-f]*|[0-9]+)){0,3}\\.?");

	private static final Pattern CANONICAL_IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");


	private IpLiterals() {
	}


	/**
	 * Tests whether a host is an IPv4 dotted quad or an IPv6 literal, without brackets.
	 */
	static boolean isLiteral(String host) {
		return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
	}

	/**
	 * Tests whether a host is an IPv4 address written in a form other than four decimal parts
	 * without leading zeros: one number ({@code 2130706433}), fewer parts ({@code 127.1}), octal
	 * ({@code 0177.0.0.1}), hexadecimal ({@code 0x7f.0.0.1}) or with a trailing dot. No DNS name
	 * consists only of such parts, because a top-level domain is never all digits.
	 */
	static boolean isNonCanonicalIpv4(String host) {
		return NUMERIC_IPV4.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches();
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
