package io.poolstream.pooling;

/**
 * Exception for a pooling parameter that is invalid on its own, in combination with another
 * parameter, or for the given input size.
 *
 * <p>The message names the parameter, its value and the rule, for example
 * {@code "paddingHeight 2 is more than half of kernelHeight 3; use paddingHeight ≤ 1"}.
 * {@link #parameter()} uses the names of the {@link PoolSpec} components, so a caller can
 * point at the offending request field.
 */
public class InvalidPoolSpecException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String parameter;

	private final String value;


	/**
	 * Creates an exception for one parameter.
	 * @param parameter the {@link PoolSpec} component name, for example {@code kernelHeight}
	 * @param value the rejected value as text
	 * @param message the full message, naming the parameter, value and rule
	 */
	public InvalidPoolSpecException(String parameter, String value, String message) {
		super(message);
		this.parameter = parameter;
		this.value = value;
	}


	/**
	 * Returns the name of the rejected parameter, for example {@code paddingWidth}.
	 */
	public String parameter() {
		return this.parameter;
	}

	/**
	 * Returns the rejected value as text.
	 */
	public String value() {
		return this.value;
	}

}
