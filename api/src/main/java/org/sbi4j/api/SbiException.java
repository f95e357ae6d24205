package org.sbi4j.api;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type sbi4j throws on purpose. Its message is meant for the user: it names the problem
 * and how to fix it.
 */
public class SbiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    /**
     * Creates an error with a message for the user.
     *
     * @param type who is at fault
     * @param message what went wrong and what to do about it
     */
    public SbiException(ErrorType type, String message) {
        super(requireNonNull(message, "message is null"));
        this.type = requireNonNull(type, "type is null");
    }

    /**
     * Creates an error with a message for the user and its cause.
     *
     * @param type who is at fault
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public SbiException(ErrorType type, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.type = requireNonNull(type, "type is null");
    }

    /**
     * A user error.
     *
     * @param message what went wrong and what to do about it
     * @return the exception
     */
    public static SbiException userError(String message) {
        return new SbiException(ErrorType.USER_ERROR, message);
    }

    /** Who is at fault. */
    public ErrorType type() {
        return type;
    }
}
