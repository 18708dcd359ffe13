package io.poolstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback in front of the server, which a test can take down as a failing network
 * would: {@link #cutConnections()} closes every open connection, and while it is
 * {@link #setDown(boolean) down}, each new connection is closed right after its request arrives,
 * without a response. It records the HTTP request heads that clients send.
 */
public final class LoopbackProxy implements AutoCloseable {

	private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]\r\n");


	private final ServerSocket listener;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private final List<String> forwardedRequests = new CopyOnWriteArrayList<>();

	private final List<String> droppedRequests = new CopyOnWriteArrayList<>();

	private volatile boolean down;


	public LoopbackProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "loopback-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}


	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Returns the forwarded requests in the order they arrived, each as the chunk read from the
	 * client that starts with its request line. A browser's GET fits in one such chunk with all
	 * its headers, and a chunk in the middle of a request body is left out.
	 */
	public List<String> forwardedRequests() {
		return List.copyOf(this.forwardedRequests);
	}

	/**
	 * Returns the first chunk of each connection closed while the proxy was down.
	 */
	public List<String> droppedRequests() {
		return List.copyOf(this.droppedRequests);
	}

	public void setDown(boolean down) {
		this.down = down;
	}

	/**
	 * Closes every open connection on both sides. New connections are still accepted.
	 */
	public void cutConnections() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.down) {
					drop(client);
					continue;
				}
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.open.add(client);
				this.open.add(server);
				pump(client, server, true);
				pump(server, client, false);
			}
			catch (IOException ex) {
				// The listener was closed, or the server rejected the connection, which the client sees closed.
			}
		}
	}

	private void drop(Socket client) {
		Thread thread = new Thread(() -> {
			try (client; InputStream input = client.getInputStream()) {
				client.setSoTimeout(5000);
				byte[] buffer = new byte[16384];
				int read = input.read(buffer);
				this.droppedRequests.add(read > 0 ? new String(buffer, 0, read, StandardCharsets.ISO_8859_1) : "");
			}
			catch (IOException ex) {
				// The connection is being closed anyway.
			}
		}, "loopback-proxy-drop");
		thread.setDaemon(true);
		thread.start();
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream input = from.getInputStream(); OutputStream output = to.getOutputStream()) {
				int read;
				while ((read = input.read(buffer)) >= 0) {
					String chunk = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
					if (fromClient && REQUEST_LINE.matcher(chunk).lookingAt()) {
						this.forwardedRequests.add(chunk);
					}
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
