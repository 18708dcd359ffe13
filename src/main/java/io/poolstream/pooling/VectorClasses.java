package io.poolstream.pooling;

import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector classes of species, for casts that keep the Vector API kernels compiled to vector
 * instructions when several kernels run in one JVM.
 *
 * <p>Under C2 of JDK 17.0.15, the result of a {@code rearrange} loses its exact vector type once
 * other kernels have run. The next operation on it then fails to intrinsify and runs the Java
 * fallback, which allocates a vector per step. At 4K, max 3×3 took 3 ms per frame in a JVM of its
 * own, and 9 to 28 ms with 19 MB allocated per frame after the 2×2 avg or gradient kernel.
 * {@code Class.cast} with the species' class, a constant, restores the exact type.
 * {@code VectorKernelProfileTests} checks this.
 */
final class VectorClasses {

	private VectorClasses() {
	}

	/**
	 * Returns the concrete vector class of a species, such as the class of 512-bit byte vectors.
	 */
	@SuppressWarnings("unchecked")
	static <V extends Vector<E>, E> Class<V> classOf(VectorSpecies<E> species) {
		return (Class<V>) species.vectorType();
	}

}
