package io.poolstream.web;

/**
 * Thrown when a stream or a retained result does not exist.
 */
class NotFoundException extends RuntimeException {

	private final String slug;


	NotFoundException(String slug, String message) {
		super(message);
		this.slug = slug;
	}


	String slug() {
		return this.slug;
	}

}
