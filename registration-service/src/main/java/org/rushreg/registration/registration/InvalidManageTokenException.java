package org.rushreg.registration.registration;

/** A change of a registration came without a valid manage-link token. */
public class InvalidManageTokenException extends RuntimeException {

    InvalidManageTokenException() {
        super("The manage link token is missing, invalid or expired");
    }
}
