package io.poolstream.web;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits on the JSON request bodies that the parser enforces while it reads, so that a deeply
 * nested or oversized document fails before any object is built from it.
 *
 * @param maxDepth the deepest nesting of arrays and objects
 * @param maxStringLength the longest string value, in characters
 * @param maxNameLength the longest property name, in characters
 * @param maxNumberLength the longest number literal, in characters
 * @param maxDocumentLength the longest document, in bytes, which matches the codec's in-memory limit
 */
public record JsonReadLimits(int maxDepth, int maxStringLength, int maxNameLength, int maxNumberLength,
		long maxDocumentLength) {

	/**
	 * Checks that every limit is positive.
	 */
	public JsonReadLimits {
		if (maxDepth < 1 || maxStringLength < 1 || maxNameLength < 1 || maxNumberLength < 1 || maxDocumentLength < 1) {
			throw new IllegalArgumentException("JSON limits must be positive, got depth " + maxDepth + ", string "
					+ maxStringLength + ", name " + maxNameLength + ", number " + maxNumberLength + ", document "
					+ maxDocumentLength);
		}
	}


	/**
	 * Creates a mapper builder whose parser enforces these limits. Jackson 3 fixes the stream
	 * factory when the builder is created, so the limits cannot be added by a customizer later.
	 */
	public JsonMapper.Builder newMapperBuilder() {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(this.maxDepth)
			.maxStringLength(this.maxStringLength)
			.maxNameLength(this.maxNameLength)
			.maxNumberLength(this.maxNumberLength)
			.maxDocumentLength(this.maxDocumentLength)
			.build();
		return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build());
	}

}
