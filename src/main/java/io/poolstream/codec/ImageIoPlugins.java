package io.poolstream.codec;

import javax.imageio.ImageIO;

/**
 * Registers the ImageIO plugins on the codec's class path once per class loader.
 *
 * <p>ImageIO finds plugins through the context class loader of the thread that first touches
 * it. In a packaged Spring Boot jar the TwelveMonkeys plugins sit in nested jars that only the
 * application class loader can load, so a first use from another thread would leave ImageIO with
 * the JDK's readers alone: no CMYK JPEG, no WebP. Scanning with this class's own loader as the
 * context loader registers them regardless of the calling thread.
 *
 * <p>NOTE: the tests run from Maven's class path, where every loader sees the plugins, so the
 * packaged-jar case is reasoned from {@code IIORegistry}'s use of the context loader, not tested.
 */
final class ImageIoPlugins {

	static {
		ImageIO.setUseCache(false);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		try {
			thread.setContextClassLoader(ImageIoPlugins.class.getClassLoader());
			ImageIO.scanForPlugins();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}


	private ImageIoPlugins() {
	}


	/**
	 * Runs the one-time registration in this class's initializer if it has not run yet. Decoding
	 * reads from byte arrays, so the registration also turns off ImageIO's disk cache.
	 */
	static void ensureRegistered() {
		// The static initializer does the work; calling this method triggers it.
	}

}
