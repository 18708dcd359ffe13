/**
 * Pure pooling kernels over 8-bit rasters and float32 tensors, with PyTorch's window semantics.
 */
@NullMarked
package io.poolstream.pooling;

import org.jspecify.annotations.NullMarked;
