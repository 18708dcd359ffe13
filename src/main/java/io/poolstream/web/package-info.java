/**
 * HTTP routes, request and response types, problem details and the server-sent event writer: the only HTTP code.
 */
@NullMarked
package io.poolstream.web;

import org.jspecify.annotations.NullMarked;
