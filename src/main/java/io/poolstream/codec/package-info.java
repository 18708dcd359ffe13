/**
 * Image decoding and encoding with input limits, and parsers that split long bodies into frames.
 */
@NullMarked
package io.poolstream.codec;

import org.jspecify.annotations.NullMarked;
