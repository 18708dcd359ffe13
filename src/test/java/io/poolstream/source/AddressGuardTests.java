package io.poolstream.source;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the outbound-address guard on literals and on names resolved by a table, so that no
 * name reaches DNS and no connection is opened.
 */
class AddressGuardTests {

	private static final Map<String, List<String>> NAMES = Map.of(
			"camera.test", List.of("93.184.216.34"),
			"metadata.test", List.of("169.254.169.254"),
			"split.test", List.of("93.184.216.34", "10.1.2.3"),
			"localhost.test", List.of("127.0.0.1"));

	private static final AddressGuard.Resolver TABLE = (host) -> {
		List<String> addresses = NAMES.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		return addresses.stream().map(AddressGuardTests::literal).toList();
	};

	private final AddressGuard strict = new AddressGuard(false, false, List.of(), TABLE);


	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://100.64.0.1/",
			"http://[fd00::1]/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
			"http://127.0.0.1:8080/", "http://127.1.2.3/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
			"http://[::ffff:10.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[::127.0.0.1]/",
			"http://[64:ff9b::a9fe:a9fe]/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/",
			"http://[ff02::1]/", "http://255.255.255.255/", "http://metadata.test/", "http://split.test/",
			"http://localhost.test/" })
	void strictGuardRejectsInternalAddresses(String url) {
		assertThatThrownBy(() -> this.strict.check(URI.create(url))).isInstanceOf(AddressRejectedException.class);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:0a00:0001::]/",
			"http://[64:ff9b:1::a00:1]/", "http://[64:ff9b::7f00:1]/", "http://[::ffff:7f00:1]/",
			"http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "http://100.100.100.200/", "http://168.63.129.16/",
			"http://192.0.2.1/", "http://198.18.0.1/", "http://203.0.113.7/", "http://[2001:db8::1]/" })
	void strictGuardRejectsEmbeddedAndSpecialAddresses(String url) {
		assertThatThrownBy(() -> this.strict.check(URI.create(url))).isInstanceOf(AddressRejectedException.class);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://[::ffff:100.100.100.200]/" })
	void metadataEndpointsStayRejectedWhenPrivateAllowed(String url) {
		AddressGuard permissive = new AddressGuard(true, true, List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")),
				TABLE);

		AddressRejectedException rejected = catchRejected(permissive, url);

		assertThat(rejected.getMessage()).contains("cloud metadata endpoint");
		assertThat(rejected.setting()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://2130706433/", "http://0x7f000001/", "http://0x7f.1/", "http://0177.0.0.1/",
			"http://017.0.0.1/", "http://127.1/", "http://127.0.0.1./", "http://10.0.0.010/" })
	void numericIpv4FormsAreInvalidWithoutLookup(String url) {
		AddressGuard guard = new AddressGuard(false, false, List.of(), (host) -> {
			throw new AssertionError("looked up " + host);
		});

		assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(InvalidSourceException.class);
	}

	@Test
	void publicSixToFourAddressPasses() {
		List<InetAddress> addresses = this.strict.check(URI.create("http://[2002:5db8:d822::1]/"));

		assertThat(addresses).containsExactly(literal("2002:5db8:d822::1"));
	}

	@Test
	void publicLiteralPassesWithoutConnecting() {
		List<InetAddress> addresses = this.strict.check(URI.create("http://93.184.216.34/image.jpg"));

		assertThat(addresses).containsExactly(literal("93.184.216.34"));
	}

	@Test
	void publicNamePassesThroughResolverHook() {
		List<InetAddress> addresses = this.strict.check(URI.create("https://camera.test/video"));

		assertThat(addresses).containsExactly(literal("93.184.216.34"));
	}

	@Test
	void mappedLoopbackIsJudgedAsIpv4() {
		InetAddress mapped = InetAddress.getLoopbackAddress();
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xff;
		bytes[11] = (byte) 0xff;
		System.arraycopy(mapped.getAddress(), 0, bytes, 12, 4);

		InetAddress embedded = AddressGuard.embeddedIpv4(inet6(bytes));

		assertThat(embedded.getHostAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void rejectionNamesAddressAndSetting() {
		AddressRejectedException rejected = catchRejected(this.strict, "http://10.0.0.1/");

		assertThat(rejected.address()).isEqualTo("10.0.0.1");
		assertThat(rejected.setting()).isEqualTo("poolstream.sources.allow-private");
		assertThat(rejected.getMessage()).contains("10.0.0.1").contains("poolstream.sources.allow-private=true");
	}

	@Test
	void metadataRejectionPointsToAllowlist() {
		AddressRejectedException rejected = catchRejected(this.strict, "http://metadata.test/");

		assertThat(rejected.address()).isEqualTo("169.254.169.254");
		assertThat(rejected.setting()).isEqualTo("poolstream.sources.allowed-cidrs");
		assertThat(rejected.getMessage()).contains("host 'metadata.test'").contains("link-local");
	}

	@Test
	void unspecifiedAndMulticastNameNoSetting() {
		assertThat(catchRejected(this.strict, "http://0.0.0.0/").setting()).isNull();
		assertThat(catchRejected(this.strict, "http://224.0.0.1/").setting()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "http://127.0.0.1:9/, true, false", "http://[::1]/, true, false",
			"http://[::ffff:127.0.0.1]/, true, false", "http://10.0.0.1/, false, true",
			"http://[fd12::1]/, false, true" })
	void settingsAllowTheirCategory(String url, boolean allowLoopback, boolean allowPrivate) {
		AddressGuard guard = new AddressGuard(allowPrivate, allowLoopback, List.of(), TABLE);

		assertThat(guard.check(URI.create(url))).hasSize(1);
	}

	@Test
	void allowLoopbackKeepsPrivateAndMetadataRejected() {
		AddressGuard guard = new AddressGuard(false, true, List.of(), TABLE);

		assertThatThrownBy(() -> guard.check(URI.create("http://10.0.0.1/"))).isInstanceOf(AddressRejectedException.class);
		assertThatThrownBy(() -> guard.check(URI.create("http://169.254.169.254/")))
			.isInstanceOf(AddressRejectedException.class);
	}

	@Test
	void allowlistAdmitsItsBlockOnly() {
		AddressGuard guard = new AddressGuard(false, false, List.of(Cidr.parse("192.168.10.0/24")), TABLE);

		assertThat(guard.check(URI.create("http://192.168.10.7/"))).hasSize(1);
		assertThatThrownBy(() -> guard.check(URI.create("http://192.168.11.7/")))
			.isInstanceOf(AddressRejectedException.class);
	}

	@Test
	void allowlistNeverAdmitsUnspecified() {
		AddressGuard guard = new AddressGuard(true, true, List.of(Cidr.parse("0.0.0.0/0")), TABLE);

		assertThatThrownBy(() -> guard.check(URI.create("http://0.0.0.0/"))).isInstanceOf(AddressRejectedException.class);
	}

	@Test
	void unknownHostIsInvalidUrl() {
		assertThatThrownBy(() -> this.strict.check(URI.create("http://nowhere.test/")))
			.isInstanceOf(InvalidSourceException.class)
			.hasMessageContaining("nowhere.test");
	}

	@Test
	void malformedDottedQuadIsNotLookedUp() {
		AddressGuard.Resolver failing = (host) -> {
			throw new AssertionError("resolver called for " + host);
		};
		AddressGuard guard = new AddressGuard(false, false, List.of(), failing);

		assertThatThrownBy(() -> guard.check(URI.create("http://300.1.1.1/"))).isInstanceOf(InvalidSourceException.class);
	}

	@Test
	void cidrParsesAndMasks() {
		Cidr cidr = Cidr.parse("172.16.200.1/12");

		assertThat(cidr.toString()).isEqualTo("172.16.0.0/12");
		assertThat(cidr.contains(literal("172.31.255.255"))).isTrue();
		assertThat(cidr.contains(literal("172.32.0.0"))).isFalse();
		assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Cidr.parse("camera.test/8")).isInstanceOf(IllegalArgumentException.class);
	}

	private static AddressRejectedException catchRejected(AddressGuard guard, String url) {
		try {
			guard.check(URI.create(url));
		}
		catch (AddressRejectedException ex) {
			return ex;
		}
		throw new AssertionError(url + " was not rejected");
	}

	private static InetAddress literal(String text) {
		return IpLiterals.parse(text);
	}

	private static InetAddress inet6(byte[] bytes) {
		try {
			return java.net.Inet6Address.getByAddress(null, bytes, -1);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
