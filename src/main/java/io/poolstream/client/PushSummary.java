package io.poolstream.client;

/**
 * The server's counts after a long push body ended.
 *
 * @param stream the stream id
 * @param frames frames found in the body
 * @param accepted frames queued for processing
 * @param dropped accepted frames that pushed an older waiting frame out, under {@code drop-oldest}
 * @param rejected frames turned away because the stream's queue was full
 * @param firstSeq the sequence number of the first accepted frame, or 0 if none
 * @param lastSeq the sequence number of the last accepted frame, or 0 if none
 */
public record PushSummary(String stream, long frames, long accepted, long dropped, long rejected, long firstSeq,
		long lastSeq) {

}
