package io.poolstream.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation, such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * @param network the address bytes, 4 or 16 of them, with the bits after the prefix cleared
 * @param prefixLength the number of leading bits that every address of the block shares
 */
public record Cidr(byte[] network, int prefixLength) {

	/**
	 * Parses {@code address/prefix}; an address alone is a block of one.
	 * @throws IllegalArgumentException if the text is not an IP literal with a prefix in range
	 */
	public static Cidr parse(String text) {
		int slash = text.indexOf('/');
		String literal = (slash < 0) ? text.trim() : text.substring(0, slash).trim();
		if (!IpLiterals.isLiteral(literal)) {
			throw new IllegalArgumentException("'" + text + "' is not a CIDR block; write it as 10.0.0.0/8 or fc00::/7");
		}
		byte[] bytes = IpLiterals.parse(literal).getAddress();
		int maxPrefix = bytes.length * 8;
		int prefix;
		try {
			prefix = (slash < 0) ? maxPrefix : Integer.parseInt(text.substring(slash + 1).trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' has an invalid prefix length; use 0 to " + maxPrefix);
		}
		if (prefix < 0 || prefix > maxPrefix) {
			throw new IllegalArgumentException("'" + text + "' has prefix length " + prefix + "; use 0 to " + maxPrefix);
		}
		return new Cidr(mask(bytes, prefix), prefix);
	}

	/**
	 * Tests whether an address lies in this block. IPv4 addresses match IPv4 blocks only, so
	 * callers unwrap IPv4-mapped IPv6 addresses first.
	 */
	public boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == this.network.length && Arrays.equals(mask(bytes, this.prefixLength), this.network);
	}

	private static byte[] mask(byte[] bytes, int prefix) {
		byte[] masked = bytes.clone();
		for (int i = 0; i < masked.length; i++) {
			int bitsKept = Math.max(0, Math.min(8, prefix - i * 8));
			masked[i] &= (byte) (0xff << (8 - bitsKept));
		}
		return masked;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr cidr && cidr.prefixLength == this.prefixLength
				&& Arrays.equals(cidr.network, this.network);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.network) + this.prefixLength;
	}

	@Override
	public String toString() {
		try {
			return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefixLength;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
