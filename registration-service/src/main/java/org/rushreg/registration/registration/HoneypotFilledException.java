package org.rushreg.registration.registration;

/** The form came back with its hidden honeypot field filled in: a bot, not a person. */
public class HoneypotFilledException extends RuntimeException {

    HoneypotFilledException() {
        super("The form was filled in by a program");
    }
}
