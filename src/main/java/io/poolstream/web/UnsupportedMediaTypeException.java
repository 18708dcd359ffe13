package io.poolstream.web;

import org.springframework.http.MediaType;

/**
 * Thrown when frames arrive with a content type that is neither an image nor a container of frames.
 */
class UnsupportedMediaTypeException extends RuntimeException {

	UnsupportedMediaTypeException(MediaType contentType) {
		super("content type " + contentType + " carries no frames; send one image as image/*, or many as "
				+ "multipart/x-mixed-replace, video/x-motion-jpeg or application/octet-stream (concatenated JPEG or PPM)");
	}

}
