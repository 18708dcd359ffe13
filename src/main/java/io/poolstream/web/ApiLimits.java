package io.poolstream.web;

/**
 * The request limits that the HTTP API enforces before doing any work.
 *
 * @param maxImageBytes the largest single-image body, in bytes
 * @param maxFrameBytes the largest frame inside a long body, in bytes
 * @param maxStages the most pooling stages in one pipeline
 * @param maxKernel the largest kernel, stride, padding, dilation or output size along one axis
 * @param maxTensorElements the most elements of a tensor request
 * @param maxJsonBytes the largest JSON body, Spring's {@code spring.http.codecs.max-in-memory-size}
 * @param maxStageReads the most estimated sample reads of one pooling stage of a tensor request
 */
public record ApiLimits(long maxImageBytes, int maxFrameBytes, int maxStages, int maxKernel, int maxTensorElements,
		long maxJsonBytes, long maxStageReads) {

}
