/**
 * Typed, validated settings and the configuration classes that build schedulers, codecs and pipelines from them.
 */
@NullMarked
package io.poolstream.config;

import org.jspecify.annotations.NullMarked;
