package io.poolstream.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Closes a connection whose request line and headers do not arrive in time, which defeats
 * clients that open connections and send headers a byte at a time (slowloris).
 *
 * <p>The deadline starts when the connection opens and again when the final (not 1xx) response
 * to the last request read has been written. It stops when the decoder has read a whole request
 * head. An open connection without a request is therefore closed after the same time, whether it
 * is new or kept alive. Once a head has arrived, the handler does nothing until the response ends,
 * so a long body upload or an event stream is never cut off by it. {@link BodyTimeoutFilter}
 * watches bodies.
 *
 * <p>Netty calls every method on the channel's event loop, which owns {@link #deadline} and
 * {@link #openRequests}. The handler sits behind the HTTP/1.1 codec, and each channel gets its own.
 */
public final class RequestHeaderTimeoutHandler extends ChannelDuplexHandler {

	private static final Logger logger = LoggerFactory.getLogger(RequestHeaderTimeoutHandler.class);


	private final long timeoutNanos;

	private @Nullable ScheduledFuture<?> deadline;

	/** Request heads read whose final response has not been written yet; pipelining allows several. */
	private int openRequests;


	private RequestHeaderTimeoutHandler(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}


	/**
	 * Adds a handler with the given timeout behind the HTTP/1.1 codec of every connection the
	 * server accepts. Connections without that codec, such as HTTP/2, get none.
	 */
	public static HttpServer install(HttpServer server, Duration timeout) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "poolstream.requestHeaderTimeout",
						new RequestHeaderTimeoutHandler(timeout));
			}
		});
	}


	@Override
	public void handlerAdded(ChannelHandlerContext context) {
		arm(context);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext context) {
		disarm();
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) throws Exception {
		disarm();
		super.channelInactive(context);
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
		if (message instanceof HttpRequest) {
			this.openRequests++;
			disarm();
		}
		super.channelRead(context, message);
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
		if (message instanceof LastHttpContent && !isInformational(message)) {
			ChannelPromise written = promise.unvoid();
			written.addListener((future) -> {
				this.openRequests = Math.max(0, this.openRequests - 1);
				if (future.isSuccess() && this.openRequests == 0 && context.channel().isActive()) {
					arm(context);
				}
			});
			super.write(context, message, written);
			return;
		}
		super.write(context, message, promise);
	}

	/**
	 * Tests for a 1xx response such as {@code 100 Continue}, which Netty writes as a full response
	 * in the middle of a request, so it must not start the deadline of the next request head.
	 */
	private static boolean isInformational(Object message) {
		return message instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
	}

	private void arm(ChannelHandlerContext context) {
		disarm();
		this.deadline = context.executor().schedule(() -> {
			logger.debug("Closing connection from {}: no complete request head within {} ms",
					context.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos));
			context.close();
		}, this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	private void disarm() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

}
