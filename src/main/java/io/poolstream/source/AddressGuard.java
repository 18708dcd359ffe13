package io.poolstream.source;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Checks that a source URL points at an address this service may connect to, so that a client
 * cannot make the server reach internal services or cloud metadata endpoints (server-side request
 * forgery).
 *
 * <p>The host is resolved and every one of its addresses must pass. IPv4-mapped
 * ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d})
 * and 6to4 ({@code 2002:AABB:CCDD::}) IPv6 addresses are judged by the IPv4 address they contain.
 * The local-use NAT64 block {@code 64:ff9b:1::/48} is private, because its prefix length, and so
 * the place of the IPv4 address, is chosen by each network. Unspecified, multicast, broadcast, reserved,
 * documentation and benchmarking addresses, Teredo tunnels ({@code 2001::/32}) and the cloud
 * metadata endpoints that lie outside the link-local block are always rejected. An address inside
 * one of the allowed CIDR blocks passes. Otherwise, private addresses pass only when private
 * sources are allowed, loopback addresses only when loopback sources are allowed, and link-local
 * addresses, which include the metadata endpoint 169.254.169.254, never.
 *
 * <p>A host of digits, dots and hexadecimal parts that is not a dotted quad without leading zeros,
 * such as {@code 2130706433}, {@code 0x7f.1} or {@code 0177.0.0.1}, is rejected as an invalid URL
 * before any lookup, because resolvers read such forms as IPv4 addresses in differing ways.
 *
 * <p>The HTTP client of pull sources resolves names through {@link #checkHost}, so it connects
 * only to addresses that passed, and a DNS server that changes its answer between the check and
 * the connection (DNS rebinding) gains nothing.
 */
public final class AddressGuard {

	private static final String ALLOW_PRIVATE = "poolstream.sources.allow-private";

	private static final String ALLOW_LOOPBACK = "poolstream.sources.allow-loopback";

	private static final String ALLOWED_CIDRS = "poolstream.sources.allowed-cidrs";

	/**
	 * Address categories by block. The first block that contains an address decides, so the
	 * single metadata addresses come before the blocks around them.
	 */
	private static final List<Range> RANGES = List.of(
			new Range("100.100.100.200/32", Category.METADATA),
			new Range("168.63.129.16/32", Category.METADATA),
			new Range("fd00:ec2::254/128", Category.METADATA),
			new Range("0.0.0.0/8", Category.UNSPECIFIED),
			new Range("10.0.0.0/8", Category.PRIVATE),
			new Range("100.64.0.0/10", Category.PRIVATE),
			new Range("127.0.0.0/8", Category.LOOPBACK),
			new Range("169.254.0.0/16", Category.LINK_LOCAL),
			new Range("172.16.0.0/12", Category.PRIVATE),
			new Range("192.168.0.0/16", Category.PRIVATE),
			new Range("192.0.0.0/24", Category.RESERVED),
			new Range("192.0.2.0/24", Category.RESERVED),
			new Range("198.18.0.0/15", Category.RESERVED),
			new Range("198.51.100.0/24", Category.RESERVED),
			new Range("203.0.113.0/24", Category.RESERVED),
			new Range("224.0.0.0/4", Category.MULTICAST),
			new Range("240.0.0.0/4", Category.RESERVED),
			new Range("::/128", Category.UNSPECIFIED),
			new Range("::1/128", Category.LOOPBACK),
			new Range("64:ff9b:1::/48", Category.PRIVATE),
			new Range("2001::/32", Category.TEREDO),
			new Range("2001:db8::/32", Category.RESERVED),
			new Range("fc00::/7", Category.PRIVATE),
			new Range("fe80::/10", Category.LINK_LOCAL),
			new Range("fec0::/10", Category.PRIVATE),
			new Range("ff00::/8", Category.MULTICAST));

	private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

	private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");


	private final boolean allowPrivate;

	private final boolean allowLoopback;

	private final List<Cidr> allowedCidrs;

	private final Resolver resolver;


	/**
	 * Creates a guard.
	 * @param allowPrivate whether private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) pass
	 * @param allowLoopback whether loopback addresses (127/8, ::1) pass
	 * @param allowedCidrs blocks whose addresses pass even when private, loopback or link-local
	 * @param resolver resolves host names; tests pass their own so that no name reaches DNS
	 */
	public AddressGuard(boolean allowPrivate, boolean allowLoopback, List<Cidr> allowedCidrs, Resolver resolver) {
		this.allowPrivate = allowPrivate;
		this.allowLoopback = allowLoopback;
		this.allowedCidrs = List.copyOf(allowedCidrs);
		this.resolver = Objects.requireNonNull(resolver, "resolver");
	}


	/**
	 * Tests whether checking the URL needs a name lookup, which blocks, or only parses an IP literal.
	 */
	public boolean needsLookup(URI url) {
		String host = url.getHost();
		return host != null && !IpLiterals.isLiteral(stripBrackets(host));
	}

	/**
	 * Resolves the URL's host and checks each of its addresses. Resolving a name blocks, so when
	 * {@link #needsLookup} is true, call this on a thread that may block, never on an event loop.
	 * @return the checked addresses
	 * @throws InvalidSourceException if the URL has no host or the host cannot be resolved
	 * @throws AddressRejectedException if an address is not allowed
	 */
	public List<InetAddress> check(URI url) {
		return checkHost(hostOf(url));
	}

	/**
	 * Resolves a host name or IP literal and checks each of its addresses.
	 * HTTP clients call this from their name resolver, so that they connect to exactly the
	 * addresses that were checked. It blocks like {@link #check}.
	 * @return the checked addresses
	 * @throws InvalidSourceException if the host cannot be resolved
	 * @throws AddressRejectedException if an address is not allowed
	 */
	public List<InetAddress> checkHost(String host) {
		String normalized = stripBrackets(host).toLowerCase(Locale.ROOT);
		List<InetAddress> addresses = resolve(normalized);
		for (InetAddress address : addresses) {
			checkAddress(normalized, address);
		}
		return addresses;
	}

	private static String hostOf(URI url) {
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			throw new InvalidSourceException("url", "source URL '" + url + "' has no host");
		}
		return host;
	}

	private static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private List<InetAddress> resolve(String host) {
		if (IpLiterals.isNonCanonicalIpv4(host)) {
			throw new InvalidSourceException("url", "host '" + host + "' of the source URL is an IPv4 address in a "
					+ "numeric, octal, hexadecimal or shortened form; write it as four decimal parts without "
					+ "leading zeros, such as 192.0.2.10");
		}
		if (IpLiterals.isLiteral(host)) {
			try {
				return List.of(IpLiterals.parse(host));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSourceException("url", ex.getMessage());
			}
		}
		try {
			List<InetAddress> addresses = this.resolver.resolve(host);
			if (addresses.isEmpty()) {
				throw new UnknownHostException(host);
			}
			return addresses;
		}
		catch (UnknownHostException ex) {
			throw new InvalidSourceException("url", "host '" + host + "' of the source URL could not be resolved; "
					+ "check the name");
		}
	}

	private void checkAddress(String host, InetAddress address) {
		InetAddress judged = embeddedIpv4(address);
		Category category = categorize(judged);
		String subject = "address " + address.getHostAddress()
				+ (host.equals(address.getHostAddress()) ? "" : " of host '" + host + "'");
		if (category.alwaysRejected) {
			throw new AddressRejectedException(subject + " is " + category.description
					+ ", which a source may never use", address, null);
		}
		if (category == Category.PUBLIC || isAllowedByCidr(judged)) {
			return;
		}
		if (category == Category.PRIVATE && this.allowPrivate) {
			return;
		}
		if (category == Category.LOOPBACK && this.allowLoopback) {
			return;
		}
		String setting = switch (category) {
			case PRIVATE -> ALLOW_PRIVATE;
			case LOOPBACK -> ALLOW_LOOPBACK;
			default -> ALLOWED_CIDRS;
		};
		String fix = setting.equals(ALLOWED_CIDRS) ? "add its block to " + ALLOWED_CIDRS
				: "set " + setting + "=true or add its block to " + ALLOWED_CIDRS;
		throw new AddressRejectedException(subject + " is " + category.description
				+ " and not allowed for sources; to allow it, " + fix, address, setting);
	}

	private boolean isAllowedByCidr(InetAddress address) {
		return this.allowedCidrs.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/**
	 * Returns the IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address,
	 * or the address itself. {@code ::} and {@code ::1} are IPv6 addresses in their own right. NAT64
	 * addresses of the well-known /96 prefix carry the IPv4 address in their last 32 bits (RFC 6052),
	 * and 6to4 addresses in bits 16 to 47 (RFC 3056).
	 */
	static InetAddress embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] bytes = address.getAddress();
		boolean zeroPrefix = isZero(bytes, 0, 10);
		boolean mapped = zeroPrefix && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
		boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0
				&& !(isZero(bytes, 12, 3) && (bytes[15] == 0 || bytes[15] == 1));
		if (mapped || compatible || NAT64.contains(address)) {
			return ipv4(Arrays.copyOfRange(bytes, 12, 16));
		}
		if (SIX_TO_FOUR.contains(address)) {
			return ipv4(Arrays.copyOfRange(bytes, 2, 6));
		}
		return address;
	}

	private static InetAddress ipv4(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isZero(byte[] bytes, int from, int count) {
		for (int i = from; i < from + count; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static Category categorize(InetAddress address) {
		for (Range range : RANGES) {
			if (range.cidr.contains(address)) {
				return range.category;
			}
		}
		return Category.PUBLIC;
	}


	/**
	 * Resolves a host name to its addresses, as {@link InetAddress#getAllByName} does.
	 */
	@FunctionalInterface
	public interface Resolver {

		/** The operating system's resolver. */
		Resolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

		List<InetAddress> resolve(String host) throws UnknownHostException;

	}

	private enum Category {

		PUBLIC("public", false),
		PRIVATE("private", false),
		LOOPBACK("loopback", false),
		LINK_LOCAL("link-local", false),
		METADATA("a cloud metadata endpoint", true),
		TEREDO("a Teredo tunnel address", true),
		UNSPECIFIED("unspecified", true),
		MULTICAST("multicast", true),
		RESERVED("reserved or broadcast", true);

		private final String description;

		private final boolean alwaysRejected;

		Category(String description, boolean alwaysRejected) {
			this.description = description;
			this.alwaysRejected = alwaysRejected;
		}

	}

	private record Range(Cidr cidr, Category category) {

		Range(String cidr, Category category) {
			this(Cidr.parse(cidr), category);
		}

	}

}
