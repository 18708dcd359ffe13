/**
 * Access control, signed event-stream tokens, stream ownership and abuse limits in front of the HTTP routes.
 */
@NullMarked
package io.poolstream.web.security;

import org.jspecify.annotations.NullMarked;
