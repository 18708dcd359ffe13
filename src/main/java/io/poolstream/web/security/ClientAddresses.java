package io.poolstream.web.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

import io.poolstream.source.Cidr;

/**
 * Decides which address a request came from, for per-client limits.
 *
 * <p>By default the client is the TCP peer, because any client can write {@code X-Forwarded-For}.
 * Only when the peer is a configured trusted proxy is the header read, from the right: the
 * client is the first address that is not itself a trusted proxy.
 */
public final class ClientAddresses {

	private static final String FORWARDED_FOR = "X-Forwarded-For";


	private final List<Cidr> trustedProxies;


	public ClientAddresses(List<Cidr> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}


	/**
	 * Returns the client's address as text, or {@code unknown} when the server has no peer address.
	 */
	public String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return "unknown";
		}
		InetAddress peer = remote.getAddress();
		if (!isTrusted(peer)) {
			return peer.getHostAddress();
		}
		List<String> headers = request.getHeaders().getOrEmpty(FORWARDED_FOR);
		String client = peer.getHostAddress();
		for (int h = headers.size() - 1; h >= 0; h--) {
			String[] hops = headers.get(h).split(",");
			for (int i = hops.length - 1; i >= 0; i--) {
				// Netty parses IP literals only and never resolves a name, which would block the event loop.
				@Nullable InetAddress address = NetUtil.createInetAddressFromIpAddressString(hops[i].trim());
				if (address == null) {
					// A malformed entry ends the trusted chain, so the last address added by a trusted proxy is the client.
					return client;
				}
				client = address.getHostAddress();
				if (!isTrusted(address)) {
					return client;
				}
			}
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		for (Cidr proxy : this.trustedProxies) {
			if (proxy.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
