package io.poolstream.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that forwards every connection to a target port and can cut all open
 * connections at once, as a failing network would. It records the first bytes each client sent,
 * which for HTTP is the request line and headers.
 */
final class LoopbackProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private final List<String> requestHeads = new CopyOnWriteArrayList<>();

	private final Thread acceptor;


	LoopbackProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "loopback-proxy");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}


	int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Returns the first chunk each client sent, in the order the connections were accepted.
	 */
	List<String> requestHeads() {
		return List.copyOf(this.requestHeads);
	}

	/**
	 * Closes every open connection on both sides; new connections are still accepted.
	 */
	void cutConnections() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.open.add(client);
				this.open.add(server);
				int index = this.requestHeads.size();
				this.requestHeads.add("");
				pump(client, server, index);
				pump(server, client, -1);
			}
			catch (IOException ex) {
				// The listener was closed, or the target refused; the client sees its connection close.
			}
		}
	}

	private void pump(Socket from, Socket to, int headIndex) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream input = from.getInputStream(); OutputStream output = to.getOutputStream()) {
				boolean first = true;
				int read;
				while ((read = input.read(buffer)) >= 0) {
					if (first && headIndex >= 0) {
						this.requestHeads.set(headIndex, new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
					}
					first = false;
					output.write(buffer, 0, read);
					output.flush();
				}
			}
			catch (IOException ex) {
				// A cut connection ends the pump.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "loopback-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		cutConnections();
	}

}
