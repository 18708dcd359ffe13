package io.poolstream.source;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a source URL resolves to an address that the outbound-address guard does not allow.
 */
public class AddressRejectedException extends RuntimeException {

	private final String address;

	private final @Nullable String setting;


	AddressRejectedException(String message, InetAddress address, @Nullable String setting) {
		super(message);
		this.address = address.getHostAddress();
		this.setting = setting;
	}


	/**
	 * Returns the rejected address in its textual form.
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Returns the setting that would allow the address, or {@code null} if no setting does.
	 */
	public @Nullable String setting() {
		return this.setting;
	}

}
