package io.poolstream.pooling;

/**
 * One pooling kernel bound to a fixed input size, channel count and spec.
 *
 * <p>Implementations keep only immutable state, and scratch rows either per call or per
 * thread, so calls for disjoint output row ranges may run concurrently.
 */
interface RasterKernel {

	/**
	 * Fills output rows {@code [fromRow, toRow)} from the input samples. Both arrays are
	 * interleaved 8-bit rasters of the sizes the kernel was built for.
	 */
	void poolRows(byte[] input, byte[] output, int fromRow, int toRow);

}
