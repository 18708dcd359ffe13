/**
 * Pull sources that read frames from camera and image URLs behind the outbound-address guard.
 */
@NullMarked
package io.poolstream.source;

import org.jspecify.annotations.NullMarked;
